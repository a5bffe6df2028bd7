"""Widgets of the review app: document, findings list, proposals panel, status bar."""

"""Screens of the review app: the review itself, help, edit and confirm modals."""

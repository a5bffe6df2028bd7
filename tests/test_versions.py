"""Installed versions for cache keys: read from the `.dist-info` folder's name, else metadata."""

from __future__ import annotations

import importlib.metadata
import sys

import pytest

from repair.resources.versions import installed_version


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A site folder on sys.path holding packages whose dist-info folders the tests choose."""
    monkeypatch.syspath_prepend(str(tmp_path))
    installed_version.cache_clear()
    yield tmp_path
    installed_version.cache_clear()
    for name in [m for m in sys.modules if m.startswith("fakepkg")]:
        del sys.modules[name]


def _package(site, module: str, *dist_infos: str) -> None:
    (site / module).mkdir()
    (site / module / "__init__.py").write_text("")
    for name in dist_infos:
        folder = site / name
        folder.mkdir()
        distribution, version = name.removesuffix(".dist-info").split("-")
        (folder / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n")


@pytest.mark.parametrize(
    ("distribution", "module", "folder", "expected"),
    [
        ("fake-dist", "fakepkg_a", "fake_dist-1.2.3.dist-info", "1.2.3"),  # normalised name
        ("Fake-Dist", "fakepkg_b", "fake_dist-0.9.1.dist-info", "0.9.1"),  # case-insensitive
        ("fakedist", "fakepkg_c", "FakeDist-2.0.dist-info", "2.0"),  # an older tool kept the case
    ],
)
def test_the_version_is_read_from_the_dist_info_folder(site, distribution, module, folder, expected):
    _package(site, module, folder)
    assert installed_version(distribution, module) == expected


def test_a_longer_name_that_shares_the_prefix_is_not_taken(site):
    _package(site, "fakepkg_d", "fakedist_extra-5.0.dist-info")
    assert installed_version("fakedist", "fakepkg_d") is None


def test_two_dist_info_folders_leave_the_answer_to_importlib_metadata(site, monkeypatch):
    """A stale folder beside the current one: the folder names cannot tell which is installed."""
    _package(site, "fakepkg_e", "fakeboth-1.0.dist-info", "fakeboth-2.0.dist-info")
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "from-metadata")
    assert installed_version("fakeboth", "fakepkg_e") == "from-metadata"


def test_a_missing_package_has_no_version(site):
    assert installed_version("no-such-distribution", "no_such_module_anywhere") is None


@pytest.mark.parametrize(
    ("distribution", "module"), [("wordfreq", "wordfreq"), ("pyspellchecker", "spellchecker")]
)
def test_installed_dependencies_agree_with_importlib_metadata(distribution, module):
    installed_version.cache_clear()
    assert installed_version(distribution, module) == importlib.metadata.version(distribution)

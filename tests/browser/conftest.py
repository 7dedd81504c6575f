"""Browser tests: the built example site in headless Chromium, axe-core, the Nu HTML Checker.

Every test in this folder is marked ``browser`` (deselect with ``-m "not browser"``). The
fixtures live in ``harness.py``; they are imported here so every test in the folder has them.
"""
from __future__ import annotations

import pytest

from .harness import browser, built_site, new_page, page, playwright_driver, site_server, subpath_site

__all__ = ["browser", "built_site", "new_page", "page", "playwright_driver", "site_server", "subpath_site"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: needs the built site, Chromium, Java or axe-core (tests/browser/)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = config.rootpath / "tests" / "browser"
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)

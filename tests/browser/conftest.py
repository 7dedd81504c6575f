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
    """Mark the tests of this folder ``browser``, and run every test that uses the browser last.

    Playwright's sync API leaves its event loop set as the thread's running loop for as
    long as the session-wide driver lives, so a test after it that calls ``asyncio.run``
    would fail: with the browser tests last, the driver stops before any such test starts.
    """
    here = config.rootpath / "tests" / "browser"
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None
               or "playwright_driver" in getattr(item, "fixturenames", ()))

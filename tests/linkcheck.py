"""Check the internal links of a built site: ``python -m tests.linkcheck site`` (``make links``).

The browser tests' crawler (tests/browser/test_links.py) on the folder served at the root of
127.0.0.1: every link, asset and #fragment must resolve, and every page must be reached.
The pull-request workflow runs it after ``make build``.
"""
from __future__ import annotations

import sys
from pathlib import Path

from tests.browser.harness import SiteServer
from tests.browser.test_links import check_site


def main(argv: list[str]) -> int:
    """Check the site in the folder ``argv[0]`` and give the exit code."""
    site = Path(argv[0] if argv else "site")
    if not (site / "index.html").is_file():
        print(f"linkcheck: no built site in {site} (run make build first)", file=sys.stderr)
        return 2
    with SiteServer(site) as server:
        try:
            check_site(site, server.url)
        except AssertionError as e:
            print(f"linkcheck: {e}", file=sys.stderr)
            return 1
    print(f"linkcheck: every internal link of {site} resolves")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Pictures for review: ``make screenshots`` writes PNGs and a print PDF of the example site to review/.

Home, a story and the lessons page at 375 and 1280 CSS px wide (full page), and the story as
Chromium prints it (A4, the print stylesheet). Usage: ``python -m tests.browser.screenshots [FOLDER]``.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .harness import CHROMIUM, REPO, SiteServer, build_site, launch_chromium, make_example_project, page_types

WIDTHS = (375, 1280)


def main(argv: list[str]) -> int:
    """Build the example site, photograph it into the folder in ``argv`` (default review/); give the exit code."""
    out = Path(argv[0]) if argv else REPO / "review"
    if not Path(CHROMIUM).exists():
        print(f"screenshots: no Chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(make_example_project(Path(tmp) / "project", extra=False), Path(tmp) / "site")
        pages = page_types(site)
        shots = {"home": pages["home"], "verhaal": pages["verhaal"], "lessen": pages["lessen"]}
        with SiteServer(site) as server, sync_playwright() as driver:
            browser = launch_chromium(driver)
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
                page = context.new_page()
                for name, path in shots.items():
                    page.goto(server.url + path.lstrip("/"))
                    target = out / f"{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
                context.close()
            page = browser.new_page()
            page.goto(server.url + shots["verhaal"].lstrip("/"))
            page.emulate_media(media="print")
            target = out / "verhaal-print.pdf"
            page.pdf(path=str(target), format="A4", prefer_css_page_size=True, print_background=False)
            print(target)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Light pages: a story is small, needs no JavaScript, and the browser asks no other host for anything."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .harness import MISSING_PATH, site_paths

BUDGET = 60 * 1000  # bytes of HTML + CSS for one story page, uncompressed
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"?#]+)')


def story_paths(site: Path) -> list[str]:
    return [p for p in site_paths(site) if re.fullmatch(r"/verhalen/(?!pagina/)[^/]+/", p)]


def page_weight(site: Path, path: str) -> tuple[int, int]:
    """Give the bytes of a page's HTML and of the stylesheets it links (root-built site)."""
    html = (site / path.lstrip("/") / "index.html").read_bytes()
    css = sum((site / href.lstrip("/")).stat().st_size for href in STYLESHEET.findall(html.decode("utf-8")))
    return len(html), css


def test_story_pages_are_within_budget(built_site: Path) -> None:
    weights = {path: page_weight(built_site, path) for path in story_paths(built_site)}
    assert weights and all(css > 0 for _, css in weights.values()), "no stylesheet found"
    over = {path: html + css for path, (html, css) in weights.items() if html + css > BUDGET}
    heaviest = max(weights, key=lambda p: sum(weights[p]))
    print(f"heaviest story: {heaviest} {weights[heaviest][0]} B HTML + {weights[heaviest][1]} B CSS")
    assert not over, f"over {BUDGET} bytes of HTML + CSS: {over}"


# A story's schema.org data is a script element the browser never runs.
JSON_LD = re.compile(r'<script type="application/ld\+json">[^<]*</script>')


# The pages that load a script of their own (#11): the filter on the story list's first page, the search page.
SCRIPTED = {"verhalen/index.html": re.compile(r'<script defer src="/(data/filter\.js|assets/filter\.js\?v=\w+)"></script>'),
            "zoeken/index.html": re.compile(r'<script defer src="/assets/search\.js\?v=\w+" data-index="/pagefind/"'
                                            r' data-base="/"></script>'),
            # Contributing (#10): the submission form's script, on its page only.
            "deel-je-verhaal/index.html": re.compile(r'<script defer src="/assets/submit\.js\?v=\w+"></script>')}


def test_no_page_has_a_script(built_site: Path) -> None:
    scripted = []
    for p in built_site.rglob("*.html"):
        text = JSON_LD.sub("", p.read_text(encoding="utf-8"))
        own = SCRIPTED.get(p.relative_to(built_site).as_posix())
        if own:
            assert own.search(text), p
            text = own.sub("", text)
        if re.search(r"<script\b|\son[a-z]+\s*=|javascript:", text, re.I):
            scripted.append(p)
    assert not scripted, f"pages with scripts: {scripted}"


def test_a_story_reads_without_javascript(built_site: Path, site_server: str, new_page: Any) -> None:
    page = new_page(java_script_enabled=False)
    for path in story_paths(built_site):
        page.goto(site_server + path.lstrip("/"))
        assert page.locator("h1").is_visible()
        assert len(page.locator(".story-body").inner_text()) > 200, path
        assert page.locator("svg.role-diagram").bounding_box()["height"] > 50, path
        assert page.locator("ul.relations > li").count() >= 1, path
        assert page.locator("ol.lesson-list > li").count() >= 1, path
        assert page.locator(".site-header nav a").count() == 4, path
        # styled: the stylesheet loaded, the skip link is out of sight until focused
        assert page.locator(".skip-link").bounding_box()["y"] < 0, path


def test_no_request_to_another_host(built_site: Path, site_server: str, page: Any) -> None:
    origin = urlsplit(site_server).netloc
    for path in site_paths(built_site):
        page.goto(site_server + path.lstrip("/"))
    assert not page.console_errors, page.console_errors  # e.g. a stylesheet that failed to load
    page.goto(site_server + MISSING_PATH.lstrip("/"))
    hosts = {urlsplit(url).netloc for url in page.requests_made}
    assert hosts == {origin}, f"requests went to {sorted(hosts - {origin})}"
    assert any(".css" in url for url in page.requests_made)


# Contributing (#10): the submission form is the one heavy page a contributor loads, once.
SUBMIT_BUDGET = 90 * 1000  # bytes of HTML + CSS + its script, uncompressed
SCRIPT = re.compile(r'<script defer src="([^"?#]+)')


def test_the_submission_page_is_within_its_budget(built_site: Path) -> None:
    html, css = page_weight(built_site, "/deel-je-verhaal/")
    text = (built_site / "deel-je-verhaal" / "index.html").read_text(encoding="utf-8")
    scripts = SCRIPT.findall(text)
    assert scripts == ["/assets/submit.js"]
    script = sum((built_site / src.lstrip("/")).stat().st_size for src in scripts)
    print(f"/deel-je-verhaal/: {html} B HTML + {css} B CSS + {script} B script")
    assert html + css + script <= SUBMIT_BUDGET

"""Every page of the hostile payload site in Chromium: nothing runs, nothing navigates away.

The site is the one tests/test_security.py reads as HTML (tests/security/site.py): each
payload of tests/security/payloads.py in a story, a lesson and a page, in the body and in
every displayed field. Here a real browser loads each page, and the test fails on any
dialog (alert, confirm, prompt), any payload marker set (``window.__xss_…`` or a title
with "PWNED"), any link, form or frame URL whose scheme the browser reads as other than
http, https or mailto, any page that moves itself elsewhere (meta refresh, location), and
(through the ``new_page`` fixture) any request to another host.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ..security.payloads import PAYLOADS
from ..security.site import make_hostile_project
from .harness import SiteServer, build_site, site_paths

# Runs in the page after it loaded: reports what a payload would have left behind, then fires
# the events that inline handlers listen to, on every element, and reports again.
# The scripts the layouts put in a page's head (#11), which the probe does not count: a story's JSON-LD
# (data, never run), the filter on /verhalen/ and the search page's script, by their addresses.
PROBE = """() => {
  const LAYOUT_SCRIPT = /^\\/samenspel\\/(assets\\/(filter|search|submit)\\.js\\?v=\\w+|data\\/filter\\.js)$/;
  const found = () => ({
    markers: Object.keys(window).filter(k => k.startsWith('__xss')),
    title: document.title,
    scripts: [...document.scripts].filter(s => !(s.parentElement === document.head && (
      (s.type === 'application/ld+json' && !s.src) || LAYOUT_SCRIPT.test(s.getAttribute('src') || '')))).length,
    handlers: [...document.querySelectorAll('*')].flatMap(
      e => [...e.attributes].filter(a => a.name.toLowerCase().startsWith('on')).map(a => e.localName + '[' + a.name + ']')),
    urls: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
      .filter(a => ['href', 'src', 'action', 'formaction', 'cite', 'data', 'xlink:href', 'poster', 'srcdoc'].includes(a.name))
      .map(a => {
        if (a.name === 'srcdoc') return e.localName + '[srcdoc]';
        let scheme;
        try { scheme = new URL(a.value, document.baseURI).protocol; } catch (err) { return null; }
        return ['http:', 'https:', 'mailto:'].includes(scheme) ? null : e.localName + '[' + a.name + ']=' + a.value;
      })
      .filter(Boolean)),
  });
  const before = found();
  for (const element of document.querySelectorAll('*')) {
    for (const type of ['mouseover', 'mouseenter', 'pointerenter', 'focus', 'toggle', 'load', 'error',
                        'animationstart', 'begin']) {
      element.dispatchEvent(new Event(type));
    }
  }
  const after = found();
  return {before, after};
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The payload site, built for and served at ``http://127.0.0.1:PORT/samenspel/``."""
    tmp = tmp_path_factory.mktemp("xss-browser")
    project = make_hostile_project(tmp / "project")
    out = tmp / "site"
    with SiteServer(out, "/samenspel/") as server:
        build_site(project.root, out, base_url=server.url)
        yield out, server.url


def test_no_payload_runs_on_any_page(hostile_site: tuple[Path, str], new_page: Callable[..., Any]) -> None:
    site, base = hostile_site
    paths = site_paths(site)
    assert len(paths) > 3 * len(PAYLOADS)
    page = new_page()
    dialogs: list[str] = []
    navigations: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    problems: list[str] = []
    for path in paths:
        url = base + path.lstrip("/")
        navigations.clear()
        page.goto(url, wait_until="load")
        page.wait_for_timeout(10)  # let autofocus, toggle and animation events fire
        result = page.evaluate(PROBE)
        page.wait_for_timeout(10)
        for when in ("before", "after"):
            seen = result[when]
            if seen["markers"]:
                problems.append(f"{path}: markers set {seen['markers']}")
            if "PWNED" in seen["title"]:
                problems.append(f"{path}: title became {seen['title']!r}")
            if seen["scripts"]:
                problems.append(f"{path}: {seen['scripts']} script element(s)")
            if seen["handlers"]:
                problems.append(f"{path}: event handlers {seen['handlers'][:5]}")
            if seen["urls"]:
                problems.append(f"{path}: URLs with other schemes {seen['urls'][:5]}")
        moved = [n for n in navigations if n != url]
        if moved or page.url != url:
            problems.append(f"{path}: navigated to {moved or [page.url]}")
        if dialogs:
            problems.append(f"{path}: dialogs {dialogs}")
            dialogs.clear()
    assert problems == []


def test_clicking_payload_links_runs_nothing(hostile_site: tuple[Path, str], new_page: Callable[..., Any]) -> None:
    """Click every link that a payload body made (those left without a target, or with one on this site)."""
    site, base = hostile_site
    page = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    clicked = 0
    for payload in PAYLOADS:
        story = f"{base}verhalen/aanval-{payload.marker.lower()}/"
        page.goto(story)
        links = page.locator(".story-body a")
        for index in range(links.count()):
            link = links.nth(index)
            href = link.get_attribute("href")
            if href is not None and not href.startswith(base):
                continue  # a link to another host: its scheme is checked above, and it may not be fetched
            link.click()
            clicked += 1
            assert page.url.startswith(base), (payload.marker, page.url)
            if page.url != story:
                page.goto(story)
    assert clicked >= 20
    assert dialogs == []

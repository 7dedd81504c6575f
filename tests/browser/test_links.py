"""No broken link: every internal link and asset resolves, every fragment names an id.

Checked twice: the site at the root of a host, and built with ``--base-url`` for a
sub-path and served only under it, so a link that forgets the base path breaks.
"""
from __future__ import annotations

import html.parser
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from .harness import MISSING_PATH, site_paths

# Attributes that point at something the reader's browser loads or follows.
URL_ATTRIBUTES = {"href", "src", "action", "poster", "cite", "data"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class _Page(html.parser.HTMLParser):
    """Collects the URLs and the ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                self.links.append(value.strip())
            elif name == "srcset":
                self.links += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect is reported, not followed: links should name the final address


@dataclass
class Crawl:
    """What a crawl of one site found."""

    pages: dict[str, set[str]] = field(default_factory=dict)  # HTML URL → its ids
    broken: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)
    fetched: int = 0


def crawl(base: str, starts: list[str]) -> Crawl:
    """Follow every link from ``starts`` that stays under ``base``; check fragments at the end."""
    opener = urllib.request.build_opener(_NoRedirect)
    found = Crawl()
    fragments: list[tuple[str, str, str]] = []  # (page with the link, target page, fragment)
    queue = [(start, "(start)") for start in starts]
    seen = set(starts)
    while queue:
        url, referrer = queue.pop()
        found.fetched += 1
        try:
            with opener.open(url, timeout=10) as response:
                kind = response.headers.get_content_type()
                body = response.read()
        except urllib.error.HTTPError as e:
            if not (url.endswith(MISSING_PATH) and e.code == 404):
                found.broken.append(f"{url} ({e.code}), linked from {referrer}")
                continue
            kind, body = e.headers.get_content_type(), e.read()
        if kind == "text/html":
            parser = _Page()
            parser.feed(body.decode("utf-8"))
            found.pages[url] = parser.ids
            links = parser.links
        elif kind == "text/css":
            links = [a or b for a, b in CSS_URL.findall(body.decode("utf-8"))]
        else:
            continue
        for link in links:
            target, fragment = urldefrag(urljoin(url, link))
            if urlsplit(target).scheme not in ("http", "https"):
                continue  # mailto: and the like
            if not target.startswith(base.split("/", 3)[0] + "//" + urlsplit(base).netloc):
                found.external.add(target)
                continue
            if fragment:
                fragments.append((url, target, fragment))
            if target not in seen:
                seen.add(target)
                queue.append((target, url))
    for page, target, fragment in fragments:
        if target in found.pages and fragment not in found.pages[target]:
            found.broken.append(f"{target}#{fragment}: no such id, linked from {page}")
    return found


def check_site(site: Path, base: str) -> None:
    found = crawl(base, [base, base + MISSING_PATH.lstrip("/")])
    assert not found.broken, "broken links:\n" + "\n".join(sorted(found.broken))
    reached = {urlsplit(url).path for url in found.pages}
    base_path = urlsplit(base).path
    built = {base_path + path.lstrip("/") for path in site_paths(site)} - {base_path + "404.html"}
    assert not built - reached, f"pages no link leads to: {sorted(built - reached)}"
    assert found.fetched > len(built)  # the stylesheet was fetched too


def test_no_broken_link_at_the_root(built_site: Path, site_server: str) -> None:
    check_site(built_site, site_server)


def test_no_broken_link_under_a_sub_path(subpath_site: tuple[Path, str]) -> None:
    site, base = subpath_site
    assert base.endswith("/samenspel/")
    check_site(site, base)

"""Feeds and metadata: the Atom feed, sitemap.xml, robots.txt, Open Graph tags and a story's JSON-LD."""
from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from samenspel.feeds import json_for_html
from samenspel.pipeline import build

from .conftest import REPO, write_story

SUB = "https://example.org/samenspel/"
SITEMAP_LOC = re.compile(r"<loc>([^<]+)</loc>")


def built(project: Path, out: Path, base_url: str | None = None) -> Path:
    result = build(project, out, base_url=base_url)
    assert result.ok, [p.text() for p in result.problems]
    return out


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's example site, built for a sub-path."""
    return built(REPO, tmp_path_factory.mktemp("feeds") / "site", SUB)


def story_slugs(site: Path) -> set[str]:
    return {p.parent.name for p in (site / "verhalen").glob("*/index.html") if p.parent.name != "pagina"}


def html_pages(site: Path) -> set[str]:
    """Give the absolute address of every built page but the 404 page."""
    pages = set()
    for file in site.rglob("index.html"):
        rel = file.parent.relative_to(site).as_posix()
        pages.add(SUB if rel == "." else f"{SUB}{rel}/")
    return pages


def test_the_feed_parses_and_lists_every_published_story(example: Path) -> None:
    feed = feedparser.parse((example / "atom.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    links = {entry.link for entry in feed.entries}
    assert links == {f"{SUB}verhalen/{slug}/" for slug in story_slugs(example)}
    assert all(entry.updated_parsed and entry.id == entry.link for entry in feed.entries)
    assert feed.feed.link == SUB and feed.feed.updated_parsed


def test_the_sitemap_lists_every_page_and_robots_points_at_it(example: Path) -> None:
    listed = set(SITEMAP_LOC.findall((example / "sitemap.xml").read_text(encoding="utf-8")))
    assert listed == html_pages(example)
    assert (example / "robots.txt").read_text(encoding="utf-8").splitlines() == [
        "User-agent: *", "Allow: /", f"Sitemap: {SUB}sitemap.xml"]


def test_pages_carry_open_graph_tags_and_a_feed_link(example: Path) -> None:
    slug = sorted(story_slugs(example))[0]
    page = BeautifulSoup((example / "verhalen" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
    og = {tag["property"]: tag["content"] for tag in page.select("meta[property]")}
    assert og["og:url"] == f"{SUB}verhalen/{slug}/" and og["og:type"] == "article"
    assert og["og:title"] == page.h1.get_text()
    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary"
    assert page.select_one('link[type="application/atom+xml"]')["href"] == "/samenspel/atom.xml"
    home = BeautifulSoup((example / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one('meta[property="og:type"]')["content"] == "website"


def test_no_draft_reaches_the_feed_or_the_sitemap(project: Path, tmp_path: Path) -> None:
    site = built(project, tmp_path / "site")
    for name in ("atom.xml", "sitemap.xml"):
        text = (site / name).read_text(encoding="utf-8")
        assert "concept-verhaal" not in text and "Een verhaal in wording" not in text
        assert "buurtmoestuin" in text


def test_the_feed_and_the_sitemap_leave_drafts_out_in_the_preview_too(project: Path, tmp_path: Path) -> None:
    result = build(project, tmp_path / "site", preview=True)
    assert result.ok
    for name in ("atom.xml", "sitemap.xml"):
        assert "concept-verhaal" not in (tmp_path / "site" / name).read_text(encoding="utf-8")
    assert "Disallow: /" in (tmp_path / "site" / "robots.txt").read_text(encoding="utf-8")


HOSTILE = '</script><script>alert(1)</script><!-- & \u2028 "quotes"'


def hostile_story(project: Path) -> None:
    text = (project / "content" / "stories" / "buurtmoestuin.md").read_text(encoding="utf-8")
    title = json.dumps(HOSTILE)  # a YAML double-quoted string is a JSON string
    write_story(project, "vijandig.md", text.replace('title: "De buurtmoestuin"', f"title: {title}", 1))


def test_json_ld_keeps_a_hostile_title_as_data(project: Path, tmp_path: Path) -> None:
    hostile_story(project)
    site = built(project, tmp_path / "site")
    html = (site / "verhalen" / "vijandig" / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    scripts = page.find_all("script")
    assert [s["type"] for s in scripts] == ["application/ld+json"]  # the title opened no script
    data = json.loads(scripts[0].string)
    assert data["headline"] == HOSTILE and data["@type"] == "Article"
    inside = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert not re.search(r"[<>&]", inside)


def test_the_feed_escapes_a_hostile_title(project: Path, tmp_path: Path) -> None:
    hostile_story(project)
    site = built(project, tmp_path / "site")
    feed = feedparser.parse((site / "atom.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert HOSTILE.strip() in {entry.title for entry in feed.entries}


@pytest.mark.parametrize("text", ["</script>", "<!--", "a & b", "\u2028", '"'])
def test_json_for_html_leaves_nothing_that_ends_or_opens_markup(text: str) -> None:
    encoded = json_for_html({"x": text})
    assert json.loads(encoded) == {"x": text}
    assert not re.search("[<>&\u2028\u2029]", encoded)

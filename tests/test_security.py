"""Untrusted content never executes: a site built from hostile payloads, read back as a browser would.

Every payload of tests/security/payloads.py goes into a story body and every front matter
field it fits in (and into lessons, pages, the vocabulary and site.toml). The built HTML
must hold no script, no event handler, no URL with a scheme other than http, https or
mailto, no element or attribute outside what the layouts and the Markdown allowlist make,
and each payload must show as the text it is wherever a field is displayed.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment, Tag

from samenspel.diagram import clean_text
from samenspel.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render, sanitise, url_allowed
from samenspel.messages import ui
from samenspel.pipeline import build

from .conftest import make_project
from .security.payloads import PAYLOADS
from .security.site import (
    CONFIG_FIELDS,
    LESSON_FIELDS,
    PAGE_FIELDS,
    SOURCE_URL,
    STORY_FIELDS,
    VOCABULARY_FIELDS,
    HostileProject,
    lesson_slug,
    make_hostile_project,
    page_slug,
    story_slug,
)

# Attributes a browser reads as a URL to follow, load or submit to.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "cite", "data", "poster", "background", "xlink:href",
                  "srcset", "ping", "longdesc", "manifest", "codebase", "lowsrc", "dynsrc", "icon")
FORBIDDEN_TAGS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "style",
                  "input", "button", "textarea", "select", "img", "video", "audio", "source", "math", "template",
                  "noscript", "foreignobject", "use", "animate", "set")
# What the diagram draws (diagram.py); nothing else may sit inside an <svg>.
SVG_TAGS = frozenset({"svg", "title", "desc", "defs", "marker", "path", "g", "rect", "text", "tspan"})


def browser_scheme(value: str) -> str | None:
    """Give the scheme a browser sees in an (already entity-decoded) URL attribute, or None if relative."""
    url = re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(0x21))))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", url)
    return match.group(1).lower() if match else None


def parse(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileProject:
    project = make_hostile_project(tmp_path_factory.mktemp("xss") / "project")
    result = build(project.root)
    assert result.ok, [p.text() for p in result.problems]
    return project


@pytest.fixture(scope="module")
def pages(hostile: HostileProject) -> dict[str, BeautifulSoup]:
    site = hostile.root / "site"
    return {f.relative_to(site).as_posix(): parse(f) for f in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def layout_tags(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Give every element the layouts make for a harmless site (the mini fixture)."""
    project = make_project(tmp_path_factory.mktemp("plain") / "project")
    assert build(project).ok
    return {tag.name for f in (project / "site").rglob("*.html") for tag in parse(f).find_all(True)}


# -- the corpus ----------------------------------------------------------------------------

def test_the_corpus_is_large_and_every_marker_is_unique() -> None:
    assert len(PAYLOADS) >= 50
    assert len({p.marker for p in PAYLOADS}) == len(PAYLOADS)
    assert all(p.marker in p.text or "base64" in p.text for p in PAYLOADS)


def test_every_displayed_field_carries_payloads(hostile: HostileProject) -> None:
    expected = {*STORY_FIELDS, *LESSON_FIELDS, *PAGE_FIELDS, *VOCABULARY_FIELDS, *CONFIG_FIELDS}
    assert hostile.fields_covered() == expected
    stories = {path for path, _ in hostile.placed if path.startswith("content/stories/")}
    assert len(stories) == len(PAYLOADS)


# -- nothing can run -----------------------------------------------------------------------

def test_every_payload_page_was_built(pages: dict[str, BeautifulSoup]) -> None:
    for payload in PAYLOADS:
        for path in (f"verhalen/{story_slug(payload)}/index.html", f"lessen/{lesson_slug(payload)}/index.html",
                     f"{page_slug(payload)}/index.html"):
            assert path in pages


def test_no_control_character_in_any_built_file(hostile: HostileProject) -> None:
    """C0 controls but tab and newline, DEL and C1 controls (as UTF-8): in no file, from no field or body."""
    control = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
    site = hostile.root / "site"
    # Pagefind's index (#11) is compressed binary, made from text that passed this very check.
    found = [(f.relative_to(site).as_posix(), m.group()) for f in sorted(site.rglob("*"))
             if f.is_file() and not f.relative_to(site).as_posix().startswith("pagefind/")
             for m in control.finditer(f.read_bytes())]
    assert found == []


# The scripts the layouts load by address (#11): the filter's data and code, on /verhalen/ only.
LAYOUT_SCRIPTS = re.compile(r"/samenspel/(data/filter\.js|assets/filter\.js\?v=\w+)")
# The submission page's script (#10), on /deel-je-verhaal/ only.
SUBMIT_SCRIPT = re.compile(r"/samenspel/assets/submit\.js\?v=\w+")
SUBMIT_PAGE = "deel-je-verhaal/index.html"
SEARCH_SCRIPT = re.compile(r"/samenspel/assets/search\.js\?v=\w+")
# The search forms the layouts make (#11): a GET form to the search page, with one box and one button.
SEARCH_FORM_CLASSES = (["site-search"], ["search-form"])


def layout_form_part(tag: Tag) -> bool:
    """Give whether a form, input or button is part of a search form the layouts make."""
    form = tag if tag.name == "form" else tag.find_parent("form")
    if form is None or form.get("class") not in SEARCH_FORM_CLASSES:
        return False
    if tag.name == "form":
        return dict(tag.attrs) == {"class": form["class"], "role": "search", "action": "/samenspel/zoeken/",
                                   "method": "get"}
    if tag.name == "input":
        return tag.get("type") == "search" and tag.get("name") == "q" and set(tag.attrs) == {
            "type", "id", "name", "autocomplete"}
    return tag.name == "button" and tag.get("type") == "submit"


def layout_script(tag: Tag, path: str = "") -> bool:
    """Give whether a script element is one the layouts make: a story's JSON-LD that reads as JSON, the filter,
    the search page's or the submission page's."""
    if set(tag.attrs) == {"defer", "src"} and not tag.string:
        if path == SUBMIT_PAGE and SUBMIT_SCRIPT.fullmatch(str(tag["src"])):
            return True
        return bool(LAYOUT_SCRIPTS.fullmatch(str(tag["src"])))
    if set(tag.attrs) == {"defer", "src", "data-index", "data-base"} and not tag.string:  # the search page
        return bool(SEARCH_SCRIPT.fullmatch(str(tag["src"]))) and tag["data-index"] == "/samenspel/pagefind/"
    if tag.get("type") != "application/ld+json" or set(tag.attrs) != {"type"}:
        return False
    json.loads(tag.string or "")
    return True


# The submission page (#10): a form the layout makes on its own address, from the vocabulary (hostile here too),
# site.toml and the catalog. Each of its controls has the one shape the layout gives it; every text in it
# is checked as text by the other tests.
SUBMIT_SHAPES: dict[str, tuple[frozenset[str], ...]] = {
    "form": (frozenset({"id", "class", "action", "novalidate", "hidden", "data-settings"}),),
    "input": (frozenset({"type", "id", "data-field", "data-label", "required", "aria-describedby"}),
              frozenset({"type", "id", "value", "aria-describedby"}),
              frozenset({"type", "name", "id", "value", "checked"}),
              frozenset({"type", "id", "data-field", "data-label"})),
    "select": (frozenset({"id", "data-field", "data-label", "required", "aria-describedby"}),),
    "textarea": (frozenset({"id", "data-field", "data-label", "rows", "required", "aria-describedby"}),
                 frozenset({"id", "rows", "readonly", "aria-describedby"})),
    "button": (frozenset({"type", "class", "id", "data-add", "data-remove"}),),
    "template": (frozenset(),),
    "noscript": (frozenset(),),
}


def layout_submit_part(tag: Tag, path: str) -> bool:
    """Give whether a form element is one the submission page's layout makes, in a shape it makes."""
    if path != SUBMIT_PAGE or tag.name not in SUBMIT_SHAPES:
        return False
    if not any(set(tag.attrs) <= shape for shape in SUBMIT_SHAPES[tag.name]):
        return False
    if tag.name == "input":
        return tag.get("type") in ("text", "checkbox", "radio") and bool(re.fullmatch(r"[a-z0-9-]*", tag.get("value", "")))
    if tag.name == "button":
        return tag.get("type") in ("button", "submit")
    if tag.name == "form":
        return tag.get("id") == "verhaal-formulier" and tag.get("action") == "#resultaat"
    if tag.name == "noscript":
        return [child.name for child in tag.find_all(True)] == ["p"]
    if tag.name == "template":
        return tag.parent is not None and tag.parent.get("class") == ["repeat"]
    # A text area starts empty, or (the story's) with the catalog's headings.
    return tag.name == "select" or tag.string in (None, "", ui("submit_body_start", "nl"))


def test_no_script_anywhere(pages: dict[str, BeautifulSoup]) -> None:
    assert [path for path, soup in pages.items() for tag in soup.find_all("script")
            if not layout_script(tag, path)] == []
    assert any(soup.find("script") for soup in pages.values())  # the JSON-LD is there, and was checked


def test_no_event_handler_attribute_anywhere(pages: dict[str, BeautifulSoup]) -> None:
    found = [(path, tag.name, name) for path, soup in pages.items() for tag in soup.find_all(True)
             for name in tag.attrs if name.lower().startswith("on")]
    assert found == []


def test_every_url_has_an_allowed_scheme_as_a_browser_reads_it(pages: dict[str, BeautifulSoup]) -> None:
    bad = []
    for path, soup in pages.items():
        for tag in soup.find_all(True):
            for name in URL_ATTRIBUTES:
                value = tag.get(name)
                if value is None:
                    continue
                values = value if isinstance(value, list) else [value]
                for one in values:
                    if browser_scheme(one) not in (None, "http", "https", "mailto"):
                        bad.append((path, tag.name, name, one))
    assert bad == []


def layout_meta(tag: Tag) -> bool:
    """Give whether a meta element is one the layouts make: charset, viewport, description, Open Graph, Twitter."""
    attrs = set(tag.attrs)
    if attrs <= {"charset", "name", "content"} and tag.get("name") in (None, "viewport", "description", "robots"):
        return True
    if attrs == {"property", "content"}:
        return str(tag["property"]).startswith("og:")
    return attrs == {"name", "content"} and str(tag["name"]).startswith("twitter:")


def test_no_dangerous_element_comes_from_content(pages: dict[str, BeautifulSoup]) -> None:
    found = [(path, tag.name) for path, soup in pages.items() for tag in soup.find_all(FORBIDDEN_TAGS)
             if not (tag.name == "script" and layout_script(tag, path)) and not layout_form_part(tag)
             and not layout_submit_part(tag, path)]
    assert found == []
    metas = [(path, dict(tag.attrs)) for path, soup in pages.items() for tag in soup.find_all("meta")
             if not layout_meta(tag)]
    assert metas == []
    links = [(path, tag.get("rel")) for path, soup in pages.items() for tag in soup.find_all("link")
             if tag.get("rel") not in (["stylesheet"], ["canonical"])
             and not (tag.get("rel") == ["alternate"] and tag.get("type") == "application/atom+xml")]
    assert links == []


def test_every_element_is_one_the_layouts_or_the_allowlist_make(pages: dict[str, BeautifulSoup],
                                                               layout_tags: set[str]) -> None:
    known = layout_tags | ALLOWED_TAGS
    strange = {(tag.name, path) for path, soup in pages.items() for tag in soup.find_all(True)
               if tag.name not in known}
    assert sorted(strange)[:10] == []


def test_only_the_role_diagram_draws_svg(pages: dict[str, BeautifulSoup]) -> None:
    for path, soup in pages.items():
        for svg in soup.find_all("svg"):
            assert svg.get("class") == ["role-diagram"], path
            assert {t.name for t in svg.find_all(True)} <= SVG_TAGS, path


def test_styles_only_align_table_cells(pages: dict[str, BeautifulSoup]) -> None:
    styles = {(tag.name, tag["style"]) for soup in pages.values() for tag in soup.find_all(style=True)}
    assert all(name in ("td", "th") and re.fullmatch(r"text-align:(left|center|right)", style)
               for name, style in styles), styles


def test_no_comment_survives(pages: dict[str, BeautifulSoup]) -> None:
    assert [path for path, soup in pages.items() if soup.find(string=lambda s: isinstance(s, Comment))] == []


def test_ids_stay_simple_and_unique(pages: dict[str, BeautifulSoup]) -> None:
    ids = {tag["id"] for soup in pages.values() for tag in soup.find_all(id=True)}
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids), sorted(i for i in ids if not re.fullmatch(r"[a-z0-9-]+", i))
    for path, soup in pages.items():
        found = [tag["id"] for tag in soup.find_all(id=True)]
        assert sorted({i for i in found if found.count(i) > 1}) == [], path


@pytest.mark.parametrize("body", ['<h2 id="inhoud">x</h2>', '<h3 id="les-1">x</h3>', '<h4 id="rd-x-title">x</h4>',
                                  '<h2 id="lessen">x</h2>', "## Inhoud"])
def test_content_cannot_take_an_id_the_layouts_use(body: str) -> None:
    assert not re.search(r'id="(inhoud|les-1|rd-x-title|lessen)"', html(body))


# -- and everything shows as the text it is --------------------------------------------------

def text_of(tag: Tag | None) -> str:
    assert tag is not None
    return tag.get_text()


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p.marker for p in PAYLOADS])
def test_a_story_shows_its_payload_as_text_in_every_field(payload, hostile: HostileProject,
                                                          pages: dict[str, BeautifulSoup]) -> None:
    soup = pages[f"verhalen/{story_slug(payload)}/index.html"]
    path = f"content/stories/{story_slug(payload)}.md"
    placed = {name for (file, name), p in hostile.placed.items() if file == path}
    text = payload.text
    assert text_of(soup.h1) == text
    assert text_of(soup.title).startswith(f"{text} · ")
    assert soup.find("meta", attrs={"name": "description"})["content"] == text
    assert text_of(soup.select_one(".story-header .lead")) == text
    facts = soup.select_one("dl.facts").get_text()
    assert (text in facts) == ({"place.name", "place.municipality", "period"} <= placed)
    actors = [text_of(s) for s in soup.select("ul.actors strong")]
    assert actors == ([text, text] if "actors[0].name" in placed else ["Gewone tekst"] * 2)
    assert text_of(soup.select_one("ul.relations li")).endswith(f": {text}")
    assert text_of(soup.select_one("section.outcomes li")).endswith(f": {text}")
    assert text_of(soup.select_one("ol.lesson-list li p")) == text
    source = soup.select_one("ul.sources a")
    assert source["href"] == SOURCE_URL + text
    assert text_of(source) == text
    if "contributors[0]" in placed:
        assert text in text_of(soup.select_one(".story-footer p"))
    diagram = soup.select_one("svg.role-diagram")
    assert text_of(diagram.title) == clean_text(f"Rollenschema: {text}")
    if "actors[0].name" in placed:
        names = "".join(t.get_text() for t in diagram.select("text.rd-name tspan"))
        assert clean_text(text).replace(" ", "") in names.replace(" ", "").replace("-", "") or "…" in names


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p.marker for p in PAYLOADS])
def test_lessons_and_pages_show_their_payload_as_text(payload, pages: dict[str, BeautifulSoup]) -> None:
    for path in (f"lessen/{lesson_slug(payload)}/index.html", f"{page_slug(payload)}/index.html"):
        soup = pages[path]
        assert text_of(soup.h1) == payload.text
        assert text_of(soup.title).startswith(f"{payload.text} · ")
        assert soup.find("meta", attrs={"name": "description"})["content"] == payload.text
        assert text_of(soup.select_one("p.lead")) == payload.text


def test_lists_and_footers_show_titles_as_text(pages: dict[str, BeautifulSoup]) -> None:
    home = pages["index.html"]
    footer = [text_of(a) for a in home.select("footer nav a")]
    assert [p.text for p in PAYLOADS] == [t for t in footer if t not in ("Over deze site", "Bijdragen")]
    cards = {text_of(h.a) for soup in pages.values() for h in soup.select(".card-title")}
    assert {p.text for p in PAYLOADS} <= cards


def test_vocabulary_and_site_settings_show_as_text(hostile: HostileProject, pages: dict[str, BeautifulSoup]) -> None:
    title = hostile.placed[("site.toml", CONFIG_FIELDS[0])].text
    tagline = hostile.placed[("site.toml", CONFIG_FIELDS[1])].text
    home = pages["index.html"]
    assert text_of(home.select_one(".site-title")) == title
    assert text_of(home.select_one(".intro .lead")) == tagline
    labels = {p.text for (file, name), p in hostile.placed.items() if name == "vocabulary label"}
    shown = {text_of(a) for a in home.select("ul.term-list a")}
    assert shown and shown <= labels


# -- the rules of the allowlist, one by one (docs/veiligheid.md) --------------------------------

def html(body: str) -> str:
    rendered, _ = render(body, "content/stories/x.md", 1, {})
    return str(rendered.html)


@pytest.mark.parametrize("value, allowed", [
    ("https://example.org/", True),
    ("HTTP://example.org/", True),
    ("mailto:redactie@example.org", True),
    ("/verhalen/", True),
    ("../x", True),
    ("#kop", True),
    ("?q=1", True),
    ("//example.org/", True),
    ("a/b:c", True),  # a colon after a slash is no scheme
    ("javascript:alert(1)", False),
    (" \x01java\tscript:alert(1)", False),
    ("JAVASCRIPT:alert(1)", False),
    ("data:text/html,x", False),
    ("vbscript:x", False),
    ("tel:123", False),
    ("ftp://example.org/", False),
    ("file:///etc/passwd", False),
])
def test_url_allowed_reads_a_url_as_a_browser_does(value: str, allowed: bool) -> None:
    assert url_allowed(value) is allowed
    assert (browser_scheme(value) in (None, "http", "https", "mailto")) is allowed


def test_allowlist_is_what_the_doc_says() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "veiligheid.md").read_text(encoding="utf-8")
    for tag in ALLOWED_TAGS:
        assert f"`{tag}`" in doc, tag
    for tag, names in ALLOWED_ATTRIBUTES.items():
        for name in names:
            assert f"`{name}`" in doc, (tag, name)


@pytest.mark.parametrize("body, expected", [
    ('<q cite="javascript:alert(1)">x</q>', "<p><q>x</q></p>"),
    ('<q cite="https://example.org/bron">x</q>', '<p><q cite="https://example.org/bron">x</q></p>'),
    ('<table><tr><td style="text-align: expression(alert(1))">x</td></tr></table>', "<td>x</td>"),
    ('<table><tr><td style="text-align:right;background:url(x)">x</td></tr></table>', "<td>x</td>"),
    ('<table><tr><td style="TEXT-ALIGN: Center">x</td></tr></table>', '<td style="text-align:center">x</td>'),
    ('<table><tr><th scope="row" colspan="2">x</th></tr></table>', '<th scope="row" colspan="2">x</th>'),
    ('<table><tr><th scope="x" colspan="2 onclick=x">x</th></tr></table>', "<th>x</th>"),
    ('<h2 id="x y">kop</h2>', "<h2>kop</h2>"),
    ('<h2 id="eigen-kop">kop</h2>', '<h2 id="eigen-kop">kop</h2>'),
    ('<ol start="3"><li>x</li></ol>', '<ol start="3">'),
    ('<ol start="3x"><li>x</li></ol>', "<ol><li>x</li></ol>"),
    ('<p style="color:red" class="x" id="y">x</p>', "<p>x</p>"),
])
def test_attribute_values_are_checked_too(body: str, expected: str) -> None:
    assert expected in html(body)


def test_images_are_removed_whole() -> None:
    # nothing of it is left, tag nor alt text (cmark-gfm keeps the HTML block's line end)
    assert html('<img src="https://example.org/a.png" alt="foto">') == "\n"


def test_markdown_tables_keep_their_alignment() -> None:
    out = html("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n")
    assert re.findall(r'<td style="([^"]*)"', out) == ["text-align:left", "text-align:center", "text-align:right"]


def test_every_link_gets_rel_noopener() -> None:
    assert sanitise('<a href="https://example.org/">x</a>') == \
        '<a href="https://example.org/" rel="noopener noreferrer">x</a>'


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "//example.org/x", "/lokaal", "ftp://example.org/",
])
def test_a_source_url_must_be_a_web_address(project: Path, url: str) -> None:
    story = project / "content" / "stories" / "dorpshuis.md"
    text = story.read_text(encoding="utf-8").replace("lessons:\n", f"sources:\n  - title: Bron\n    url: '{url}'\nlessons:\n", 1)
    story.write_text(text, encoding="utf-8")
    result = build(project)
    assert not result.written
    assert [(p.field, p.code) for p in result.problems if p.path == "content/stories/dorpshuis.md"] == [
        ("sources[0].url", "bad_url")]


@pytest.mark.parametrize("body", [
    '<a href="java&#1;script:alert(1)">klik</a>',
    '<a href="javascript&#1;:alert(1)">klik</a>',
    '<a href="jav&#x7f;ascript:alert(1)">klik</a>',
    '<q cite="java&#1;script:alert(1)">q</q>',
    '<a href="java&#x1b;script:alert(1)">klik</a>',
])
def test_a_control_character_reference_cannot_hide_a_script_address(body: str) -> None:
    # Control characters are removed from what is kept: the address is checked as it will be published.
    out = html(body)
    assert "javascript" not in out.lower() and "href=" not in out and "cite=" not in out, out

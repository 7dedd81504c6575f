"""Markdown: GitHub-like rendering, sanitising, and links between content files."""
from __future__ import annotations

import re

import pytest

from samenspel.markdown import content_target, render, sanitise

TARGETS = {
    "content/stories/dorpshuis.md": "/s/verhalen/dorpshuis/",
    "content/pages/over.md": "/s/over/",
}


def html(body: str, path: str = "content/stories/x.md") -> str:
    rendered, problems = render(body, path, 10, TARGETS)
    assert [p for p in problems if not p.warning] == []
    return str(rendered.html)


@pytest.mark.parametrize("body, expected", [
    ("## Kop één", '<h2 id="kop-een">Kop één</h2>'),
    ("~~weg~~", "<del>weg</del>"),  # as GitHub (cmark-gfm) writes it
    ("zie https://example.org/a", '<a href="https://example.org/a" rel="noopener noreferrer">https://example.org/a</a>'),
    ("| a | b |\n| - | -: |\n| 1 | 2 |", '<td style="text-align:right">2</td>'),
    ("*nadruk* en **sterk**", "<em>nadruk</em> en <strong>sterk</strong>"),
    ("1. een\n2. twee", "<ol>\n<li>een</li>"),
])
def test_renders_like_github(body: str, expected: str) -> None:
    assert expected in html(body)


def test_a_level_one_heading_is_demoted_so_the_title_stays_the_only_h1() -> None:
    out = html("# Groot\n\n## Kleiner")
    assert "<h1" not in out
    assert '<h2 id="groot">Groot</h2>' in out and '<h3 id="kleiner">' in out


@pytest.mark.parametrize("body, forbidden", [
    ("<script>alert(1)</script>", "<script"),
    ("<script>alert(1)</script>", "alert(1)"),
    ('<img src=x onerror="alert(1)">', "onerror"),
    ("[klik](javascript:alert(1))", 'href="javascript'),
    ("[klik](JaVaScRiPt:alert(1))", 'href="javascript'),
    ("[klik](data:text/html;base64,PHNjcmlwdD4=)", 'href="data'),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', 'href="jav'),
    ('<a href=" javascript:alert(1)">x</a>', "javascript"),
    ('<a href="vbscript:msgbox(1)">x</a>', "vbscript"),
    ('<iframe src="https://evil.example"></iframe>', "<iframe"),
    ('<p style="background:url(x)">x</p>', "style="),
    ('<div onclick="alert(1)">x</div>', "onclick"),
    ("<svg><script>alert(1)</script></svg>", "<svg"),
    ('<a href="#" onmouseover="alert(1)">x</a>', "onmouseover"),
    ("<!-- <script>alert(1)</script> -->", "<!--"),
])
def test_hostile_html_is_removed(body: str, forbidden: str) -> None:
    assert forbidden.lower() not in html(body).lower()


@pytest.mark.parametrize("body", [
    "[klik](java&#09;script:alert(1))",
    "[klik](&#106;avascript:alert(1))",
    "[klik](<javascript:alert(1)>)",
    "[r]: javascript:alert(1)\n\n[klik][r]",
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000049&#0000041">x</a>',
])
def test_no_link_keeps_a_script_scheme_however_it_is_spelt(body: str) -> None:
    from html import unescape

    for href in re.findall(r'href="([^"]*)"', html(body)):
        # As a browser reads it (WHATWG URL): entities decoded, C0 and spaces trimmed, tabs and newlines dropped.
        url = re.sub(r"[\t\n\r]", "", unescape(href)).strip("".join(map(chr, range(0x21))))
        scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", url)
        assert scheme is None or scheme.group(1).lower() in ("http", "https", "mailto"), href


def test_sanitise_keeps_allowed_markup() -> None:
    safe = sanitise('<p><abbr title="Wet maatschappelijke ondersteuning">Wmo</abbr></p>')
    assert safe == '<p><abbr title="Wet maatschappelijke ondersteuning">Wmo</abbr></p>'


def test_links_to_content_files_become_page_links() -> None:
    out = html("[dorpshuis](dorpshuis.md#les-1) en [over](../pages/over.md)")
    assert 'href="/s/verhalen/dorpshuis/#les-1"' in out
    assert 'href="/s/over/"' in out


def test_a_link_to_a_missing_file_is_a_problem_on_its_line() -> None:
    rendered, problems = render("Tekst.\n\nZie [weg](bestaat-niet.md).", "content/stories/x.md", 20, TARGETS)
    assert len(problems) == 1
    assert problems[0].line == 22
    assert problems[0].text() == (
        "content/stories/x.md:22: de link 'bestaat-niet.md' wijst naar een bestand dat er niet is"
        " — link naar een ander verhaal als ../stories/naam.md of naam.md; bestaande verhalen: dorpshuis"
    )


def test_a_link_climbing_out_of_content_resolves_to_nothing() -> None:
    _, problems = render("[x](../../../../etc/passwd.md)", "content/stories/x.md", 1, TARGETS)
    assert [p.code for p in problems] == ["broken_link"]


def test_images_become_their_alt_text_with_a_warning() -> None:
    rendered, problems = render("![Een foto van het dorpshuis](https://example.org/f.jpg)", "content/stories/x.md", 1, TARGETS)
    assert "Een foto van het dorpshuis" in rendered.html
    assert "<img" not in rendered.html
    assert [(p.code, p.warning) for p in problems] == [("image_unsupported", True)]


@pytest.mark.parametrize("href, expected", [
    ("a.md", ("content/stories/a.md", "")),
    ("../lessons/b.md#x", ("content/lessons/b.md", "x")),
    ("https://example.org/a.md", None),
    ("mailto:a@b.md", None),
    ("a.html", None),
    ("/content/pages/c.md", ("content/pages/c.md", "")),
])
def test_content_target(href: str, expected: tuple[str, str] | None) -> None:
    assert content_target(href, "content/stories/x.md") == expected


@pytest.mark.parametrize("heading, expected", [
    ("Lessen", "lessen-kop"), ("Les 1", "les-1-kop"), ("Het verhaal", "het-verhaal-kop"),
    ("Thema eigen regie", "thema-eigen-regie-kop"), ("Les", "les"), ("Lessen uit het dorp", "lessen-uit-het-dorp"),
])
def test_a_heading_never_takes_an_id_the_layout_uses(heading: str, expected: str) -> None:
    assert f'id="{expected}"' in html(f"## {heading}")


def test_only_the_listed_attributes_survive_not_nh3s_generic_title_and_lang() -> None:
    out = str(sanitise('<p title="x" lang="nl">a</p><abbr title="t">b</abbr><a href="/x" rel="evil" lang="en">c</a>'))
    assert out == '<p>a</p><abbr title="t">b</abbr><a href="/x" rel="noopener noreferrer">c</a>'


def test_repeated_and_raw_headings_get_unique_ids_and_one_id_each() -> None:
    out = html("<h2 id=\"eigen\">Eigen</h2>\n\n" + "## Kop\n\n" * 50 + "<h2>open")
    ids = re.findall(r'<h\d id="([^"]*)"', out)
    assert ids[:3] == ["eigen", "kop", "kop-1"] and ids[-2] == "kop-49" and len(ids) == len(set(ids)) == 52
    assert all(tag.count(" id=") == 1 for tag in re.findall(r"<h\d[^>]*>", out))

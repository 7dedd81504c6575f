"""End to end: the mini project and the example content built, and the HTML read back."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from samenspel.pipeline import build, collect

from .conftest import REPO, snapshot


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def built(project: Path) -> Path:
    result = build(project)
    assert result.ok, [p.text() for p in result.problems]
    return project / "site"


def test_the_mini_site_has_every_kind_of_page(built: Path) -> None:
    for page in [
        "index.html", "404.html", "verhalen/index.html", "verhalen/buurtmoestuin/index.html",
        "verhalen/dorpshuis/index.html", "lessen/index.html", "lessen/samen-sterker/index.html",
        "themas/index.html", "themas/eigen-regie/index.html", "actoren/gemeente/index.html",
        "rollen/meedenker/index.html", "uitkomsten/initiatief-gestart/index.html",
        "provincies/utrecht/index.html", "over/index.html", "bijdragen/index.html",
    ]:
        assert (built / page).is_file(), page


def test_drafts_are_not_built(built: Path) -> None:
    assert not (built / "verhalen" / "concept-verhaal").exists()
    assert "Een verhaal in wording" not in (built / "verhalen" / "index.html").read_text(encoding="utf-8")


def test_drafts_are_built_with_a_banner_in_preview(project: Path, tmp_path: Path) -> None:
    result = build(project, tmp_path / "preview", preview=True)
    assert result.ok
    page = soup(tmp_path / "preview" / "verhalen" / "concept-verhaal" / "index.html")
    banner = page.select_one(".draft-banner")
    assert banner is not None
    assert banner.get_text(strip=True) == (
        "Dit verhaal is nog niet gepubliceerd (status: concept) en is alleen in de voorvertoning te zien.")


def test_check_judges_a_drafts_body_as_the_preview_does(project: Path) -> None:
    stories = project / "content" / "stories"
    draft = stories / "concept-verhaal.md"
    other = stories / "nog-een-concept.md"
    other.write_text(draft.read_text(encoding="utf-8").replace("Een verhaal in wording", "Nog een concept"),
                     encoding="utf-8")
    draft.write_text(draft.read_text(encoding="utf-8") + "\nZie [het andere concept](nog-een-concept.md) "
                     "en [het dorpshuis](dorpshuis.md).\n", encoding="utf-8")
    assert collect(project).problems == []  # a draft may link to a draft, as in the preview
    draft.write_text(draft.read_text(encoding="utf-8") + "\nEn [de molen](molen.md).\n", encoding="utf-8")
    line = draft.read_text(encoding="utf-8").split("\n").index("En [de molen](molen.md).") + 1
    checked, preview = collect(project), collect(project, preview=True)
    assert [(p.path, p.line, p.code) for p in checked.problems] == [
        ("content/stories/concept-verhaal.md", line, "broken_link")]
    assert [p.text() for p in checked.problems] == [p.text() for p in preview.problems]
    assert build(project).written  # the published site does not wait for a draft


def test_a_draft_lesson_has_a_banner_that_calls_it_a_lesson(project: Path, tmp_path: Path) -> None:
    lesson = project / "content" / "lessons" / "samen-sterker.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("themes: [eigen-regie]\n",
                                                                 "themes: [eigen-regie]\nstatus: ter-review\n"),
                      encoding="utf-8")
    result = build(project, tmp_path / "preview", preview=True)
    assert result.ok, [p.text() for p in result.problems]
    banner = soup(tmp_path / "preview" / "lessen" / "samen-sterker" / "index.html").select_one(".draft-banner")
    assert banner is not None
    assert banner.get_text(strip=True) == (
        "Deze les is nog niet gepubliceerd (status: ter-review) en is alleen in de voorvertoning te zien.")


def test_story_page_shows_roles_as_svg_and_as_text(built: Path) -> None:
    page = soup(built / "verhalen" / "buurtmoestuin" / "index.html")
    assert page.h1.get_text() == "De buurtmoestuin"
    svg = page.select_one("figure.diagram svg")
    assert svg is not None and svg["role"] == "img"
    assert "De buurtmoestuin" in svg.find("title").get_text()
    relations = [li.get_text(" ", strip=True) for li in page.select("ul.relations li")]
    # names as written, between arrows, so no name needs a small letter mid-sentence
    assert relations[0] == "De gemeente → financiert → Bewoners van de wijk : Een kleine bijdrage voor zaad en gereedschap."
    assert relations[1] == "Welzijn in de wijk → denkt mee met → Bewoners van de wijk"
    lessons = page.select("ol.lesson-list > li")
    assert [li["id"] for li in lessons] == ["les-1", "les-2"]
    themes = [a["href"] for a in page.select(".facts a.tag")]
    assert themes == ["/samenspel/themas/eigen-regie/", "/samenspel/themas/ruimte-bieden/"]
    edit = page.find("a", string="Dit verhaal aanpassen")
    assert edit["href"] == "https://example.org/repo/edit/main/content/stories/buurtmoestuin.md"


def test_story_body_is_rendered_like_github(built: Path) -> None:
    page = soup(built / "verhalen" / "buurtmoestuin" / "index.html")
    body = page.select_one(".story-body")
    # The author's '##' sits under the page's own "Het verhaal" h2, so it becomes an h3.
    assert [h.name for h in body.find_all(["h2", "h3"])] == ["h2", "h3"]
    assert body.find("h3", id="hoe-het-begon").get_text() == "Hoe het begon"
    assert body.select_one("div.table-wrap[role=region][tabindex='0'] > table") is not None
    assert body.find("table") is not None
    assert body.find("del").get_text() == "nooit"  # GitHub (cmark-gfm) writes <del>
    assert body.find("a", href="https://example.org/tuin") is not None
    link = body.find("a", string="het dorpshuis")
    assert link["href"] == "/samenspel/verhalen/dorpshuis/#lessen"


def test_related_stories_share_themes(built: Path) -> None:
    page = soup(built / "verhalen" / "buurtmoestuin" / "index.html")
    related = [a["href"] for a in page.select(".related .card-title a")]
    assert related == ["/samenspel/verhalen/dorpshuis/"]


def test_lessons_page_links_every_lesson_to_its_story(built: Path) -> None:
    page = soup(built / "lessen" / "index.html")
    links = {a["href"] for a in page.select(".lesson-group a")}
    assert links == {
        "/samenspel/verhalen/buurtmoestuin/#les-1",
        "/samenspel/verhalen/buurtmoestuin/#les-2",
        "/samenspel/verhalen/dorpshuis/#les-1",
    }
    assert page.find("a", href="/samenspel/lessen/samen-sterker/") is not None


def test_stories_are_paginated_newest_first(built: Path) -> None:
    first = soup(built / "verhalen" / "index.html")
    titles = [a.get_text() for a in first.select(".card-title a")]
    assert titles == ["De buurtmoestuin", "Het dorpshuis"]
    assert first.select_one(".pagination") is None  # 2 stories, 2 per page


def test_term_page_has_description_and_stories(built: Path) -> None:
    page = soup(built / "themas" / "dubbele-pet" / "index.html")
    assert page.h1.get_text() == "Dubbele pet"
    assert "Twee opdrachtgevers tegelijk dienen." in page.select_one(".lead").get_text()
    assert [a["href"] for a in page.select(".card-title a")] == ["/samenspel/verhalen/dorpshuis/"]


def test_every_link_stays_under_the_sub_path(built: Path) -> None:
    for file in built.rglob("*.html"):
        page = soup(file)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in page.find_all(tag, attrs={attr: True}):
                value = element.get(attr, "")
                if re.match(r"^(https?:|mailto:|#)", value):
                    continue
                assert value.startswith("/samenspel/"), f"{file}: {tag} {value}"


def test_every_internal_link_resolves(built: Path) -> None:
    for file in built.rglob("*.html"):
        for element in soup(file).find_all(["a", "link"]):
            value = element.get("href", "")
            if not value.startswith("/samenspel/"):
                continue
            path = value.split("#")[0].split("?")[0].removeprefix("/samenspel/")
            target = built / path
            if path == "" or path.endswith("/"):
                target = target / "index.html"
            assert target.is_file(), f"{file}: {value}"


def test_same_input_gives_identical_output(project: Path, tmp_path: Path) -> None:
    assert build(project, tmp_path / "a").ok and build(project, tmp_path / "b").ok
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_the_example_content_builds_without_problems(tmp_path: Path) -> None:
    result = build(REPO, tmp_path / "example")
    assert [p.text() for p in result.problems] == []
    stories = sorted(p.parent.name for p in (tmp_path / "example" / "verhalen").glob("*/index.html"))
    assert len(stories) >= 3
    for slug in stories:
        page = soup(tmp_path / "example" / "verhalen" / slug / "index.html")
        assert page.select_one("svg.role-diagram title").get_text()
        assert page.select("ul.relations li")


def test_example_has_a_term_page_for_every_theme_used(tmp_path: Path) -> None:
    result = collect(REPO)
    assert result.ok
    used = {key for story in result.site.stories for key in story.themes}
    assert used
    paths = {o.path for o in result.outputs}
    for key in used:
        assert f"themas/{key}/index.html" in paths


@pytest.mark.parametrize("total", range(1, 41))
def test_a_pagination_shows_a_short_window_at_any_size(total: int) -> None:
    from samenspel.render import page_window

    for current in range(1, total + 1):
        window = page_window(current, total)
        numbers = [n for n in window if n is not None]
        assert numbers[0] == 1 and numbers[-1] == total and current in numbers
        assert numbers == sorted(set(numbers)) and len(window) <= 9
        assert {current - 1, current + 1} & set(range(1, total + 1)) <= set(numbers)  # previous and next are there
        for before, gap, after in zip(window, window[1:], window[2:], strict=False):
            if gap is None:  # "…" stands for two pages or more, never for one
                assert before is not None and after is not None and after - before > 2


def test_many_list_pages_each_link_a_few_and_reach_all(project: Path, tmp_path: Path) -> None:
    """At 10,000 stories every list page linked all 834 others (#9): now a window, and next/previous reach every page."""
    source = (project / "content" / "stories" / "dorpshuis.md").read_text(encoding="utf-8")
    for n in range(14):
        (project / "content" / "stories" / f"dorpshuis-{n:02d}.md").write_text(
            source.replace("title: ", f"title: Kopie {n:02d} ", 1), encoding="utf-8")
    assert build(project, tmp_path / "out").written
    pages = sorted((tmp_path / "out" / "verhalen" / "pagina").glob("*/index.html"))
    total = len(pages) + 1
    assert total == 8  # 16 stories, 2 per page
    seen, here = [], tmp_path / "out" / "verhalen" / "index.html"
    while here:
        page = soup(here)
        numbers = [a.get_text() for a in page.select(".pagination a:not([rel])")]
        assert len(numbers) <= 9 and page.select_one('.pagination a[aria-current="page"]').get_text() == str(len(seen) + 1)
        seen.append(here)
        after = page.select_one('.pagination a[rel="next"]')
        here = tmp_path / "out" / after["href"].removeprefix("/samenspel/") / "index.html" if after else None
    assert len(seen) == total

"""Planning the site: slugs, clashes, references between content, related stories."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from samenspel.model import related_stories
from samenspel.pipeline import collect

from .conftest import write_story


def problems_of(project: Path) -> list[str]:
    return [p.text() for p in collect(project).problems]


def test_two_files_with_the_same_slug_are_both_named(project: Path) -> None:
    text = (project / "content" / "stories" / "dorpshuis.md").read_text(encoding="utf-8")
    write_story(project, "Café.md", text)
    write_story(project, "cafe.md", text)
    found = problems_of(project)
    assert "content/stories/Café.md:1: het adres 'cafe' wordt ook gebruikt door content/stories/cafe.md" \
           " — geef een van beide bestanden een andere naam" in found
    assert "content/stories/cafe.md:1: het adres 'cafe' wordt ook gebruikt door content/stories/Café.md" \
           " — geef een van beide bestanden een andere naam" in found


def test_a_page_may_not_take_a_url_the_site_uses(project: Path) -> None:
    (project / "content" / "pages" / "verhalen.md").write_text("---\ntitle: Verhalen\n---\nx\n", encoding="utf-8")
    assert problems_of(project) == [
        "content/pages/verhalen.md:1: de naam 'verhalen' is gereserveerd voor de site zelf"
        " — geef een van beide bestanden een andere naam"
    ]


def test_a_lesson_naming_an_unknown_story_gets_a_suggestion(project: Path) -> None:
    lesson = project / "content" / "lessons" / "samen-sterker.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("[buurtmoestuin, dorpshuis]",
                                                                  "[buurtmoestuin, dorpshuys]"), encoding="utf-8")
    assert problems_of(project) == [
        "content/lessons/samen-sterker.md:5: 2e verhaal (stories[1]): er is geen verhaal 'dorpshuys' — bedoelde je 'dorpshuis'?"
    ]


def test_a_lesson_may_not_draw_on_an_unpublished_story(project: Path) -> None:
    lesson = project / "content" / "lessons" / "samen-sterker.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("[buurtmoestuin, dorpshuis]",
                                                                  "[buurtmoestuin, concept-verhaal]"), encoding="utf-8")
    assert [p.code for p in collect(project).problems] == ["unknown_story"]
    assert collect(project, preview=True).ok


def test_related_stories_are_ranked_and_deterministic(project: Path) -> None:
    base = (project / "content" / "stories" / "dorpshuis.md").read_text(encoding="utf-8")
    for name, themes in [("a.md", "[dubbele-pet, eigen-regie]"), ("b.md", "[dubbele-pet]"), ("c.md", "[ruimte-bieden]"),
                         ("d.md", "[dubbele-pet, eigen-regie]")]:
        write_story(project, name, base.replace("themes: [dubbele-pet, eigen-regie]", f"themes: {themes}"))
    site = collect(project).site
    assert site is not None
    # a and d share both themes and both actor types: 2*2 + 2 = 6, a before d by slug (same date).
    # buurtmoestuin (eigen-regie, 2 actor types) and b (dubbele-pet, 2 actor types) tie at 4:
    # the newer story wins, so b is left out.
    assert site.story("dorpshuis").related == ("a", "d", "buurtmoestuin")
    assert site.story("dorpshuis").related == collect(project).site.story("dorpshuis").related


def pairwise_related(rows: list[tuple[tuple[str, ...], tuple[str, ...], int, str]]) -> dict[str, tuple[str, ...]]:
    """The definition, comparing every pair: 2 per shared theme, 1 per shared actor type; newer, then slug."""
    out = {}
    for themes, actors, _, slug in rows:
        scored = []
        for other_themes, other_actors, newer, other in rows:
            score = 2 * len(set(themes) & set(other_themes)) + len(set(actors) & set(other_actors))
            if score and other != slug:
                scored.append((-score, newer, other))
        out[slug] = tuple(other for _, _, other in sorted(scored)[:3])
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from("abcdefg"), max_size=4), st.lists(st.sampled_from("WXYZ"), max_size=3),
                          st.integers(-30, 0)), max_size=25))
def test_related_stories_match_the_pairwise_definition(raw: list[tuple[list[str], list[str], int]]) -> None:
    rows = sorted((tuple(t), tuple(a), newer, f"s{i:02d}") for i, (t, a, newer) in enumerate(raw))
    rows.sort(key=lambda row: (row[2], row[3]))  # newest first, then slug: the order related_rows gives
    assert related_stories(rows) == pairwise_related(rows)

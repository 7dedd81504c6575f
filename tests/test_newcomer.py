"""The two mistakes a newcomer made in issue 10, on a copy of a real story: each is answered
once, in the story's own file, at the line where it starts — and not again in the lesson
and the files that link to the story, which is there all along."""
from __future__ import annotations

import dataclasses

import pytest

from samenspel.content import Source
from samenspel.pipeline import build_site
from samenspel.project import Project, read_project

from .conftest import REPO

STORY = "content/stories/dubbele-pet-bij-het-dorpshuis.md"


@pytest.fixture(scope="module")
def example() -> Project:
    return read_project(REPO)


def with_story(project: Project, change: str, into: str) -> Project:
    """Give the example project with one edit in the double-hat story (which the lesson names and links to)."""
    sources = []
    for source in project.sources:
        if source.path == STORY:
            assert change in source.text
            source = Source(source.path, source.kind, source.text.replace(change, into, 1))
        sources.append(source)
    return dataclasses.replace(project, sources=tuple(sources))


def shown(project: Project) -> list[str]:
    return [p.text("nl") for p in build_site(project).problems]


def test_the_example_content_has_no_problem(example: Project) -> None:
    assert shown(example) == []


def test_a_misspelt_theme_is_one_problem_in_the_story_only(example: Project) -> None:
    problems = shown(with_story(example, "themes: [dubbele-pet,", "themes: [dubbele-pett,"))
    assert problems == [f"{STORY}:43: 1e thema (themes[0]): 'dubbele-pett' is geen bekende waarde voor thema"
                        " — bedoelde je 'dubbele-pet'?"]


def test_an_unclosed_quote_on_line_3_is_shown_on_line_3_once(example: Project) -> None:
    problems = shown(with_story(example, 'Wie dien je dan?"', "Wie dien je dan?"))
    assert len(problems) == 1
    assert problems[0].startswith(f"{STORY}:3: YAML kan niet gelezen worden: de tekst tussen aanhalingstekens die op "
                                  "deze regel begint, wordt niet goed afgesloten (de YAML-lezer liep vast op regel 11: "
                                  "did not find expected key) — zet aan het eind van de tekst")


def test_a_quote_inside_quoted_text_is_shown_on_its_line(example: Project) -> None:
    problems = shown(with_story(example, 'summary: "Bewoners vragen', 'summary: "Bewoners "vragen'))
    assert problems == [f"{STORY}:3: YAML kan niet gelezen worden: na het aanhalingsteken dat de tekst afsluit, staat "
                        "nog meer tekst (de YAML-lezer liep vast op regel 3: did not find expected key) — gebruik binnen "
                        "de tekst het andere soort aanhalingsteken, zoals \"Het 'dorpshuis' van ons\" of \"Opa's tuin\""
                        " — de andere controles van dit bestand volgen als dit is opgelost"]


def test_a_quote_left_open_is_found_lines_before_the_reader_stops(example: Project) -> None:
    problems = shown(with_story(example, 'title: "Dubbele pet bij het dorpshuis"', 'title: "Dubbele pet bij het dorpshuis'))
    assert len(problems) == 1
    assert problems[0].startswith(f"{STORY}:2: YAML kan niet gelezen worden: de tekst tussen aanhalingstekens")


def test_a_story_that_is_missing_altogether_is_still_reported_in_the_lesson(example: Project) -> None:
    without = dataclasses.replace(example, sources=tuple(s for s in example.sources if s.path != STORY))
    problems = shown(without)
    assert any("er is geen verhaal 'dubbele-pet-bij-het-dorpshuis'" in p for p in problems)
    assert any("de link '../stories/dubbele-pet-bij-het-dorpshuis.md' wijst naar een bestand" in p for p in problems)

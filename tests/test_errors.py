"""How a problem names its place: list items counted as a contributor counts them, the path kept beside them."""
from __future__ import annotations

import re

import pytest

from samenspel.errors import place, problem
from samenspel.messages import WORDS, ordinal
from samenspel.vocabulary import KINDS

from .test_schema import VALID, check


@pytest.mark.parametrize("n, nl, en", [
    (1, "1e", "1st"), (2, "2e", "2nd"), (3, "3e", "3rd"), (4, "4e", "4th"), (11, "11e", "11th"),
    (12, "12e", "12th"), (13, "13e", "13th"), (21, "21e", "21st"), (22, "22e", "22nd"), (111, "111e", "111th"),
])
def test_ordinals_are_written_as_each_language_counts(n: int, nl: str, en: str) -> None:
    assert (ordinal(n, "nl"), ordinal(n, "en")) == (nl, en)


@pytest.mark.parametrize("field, nl, en", [
    ("actors[3]", "4e actor (actors[3])", "4th actor (actors[3])"),
    ("actors[3].roles[0]", "4e actor, 1e rol (actors[3].roles[0])", "4th actor, 1st role (actors[3].roles[0])"),
    ("relations[1].kind", "2e relatie (relations[1].kind)", "2nd relation (relations[1].kind)"),
    ("outcomes[0].type", "1e uitkomst (outcomes[0].type)", "1st outcome (outcomes[0].type)"),
    ("lessons[2].themes[1]", "3e les, 2e thema (lessons[2].themes[1])", "3rd lesson, 2nd theme (lessons[2].themes[1])"),
    ("sources[0].url", "1e bron (sources[0].url)", "1st source (sources[0].url)"),
    ("contributors[1]", "2e schrijver (contributors[1])", "2nd contributor (contributors[1])"),
    ("stories[0]", "1e verhaal (stories[0])", "1st story (stories[0])"),
    ("actor_types[2].color", "3e soort actor (actor_types[2].color)", "3rd actor type (actor_types[2].color)"),
    ("themes[0].synonyms[1]", "1e thema, 2e synoniem (themes[0].synonyms[1])",
     "1st theme, 2nd synonym (themes[0].synonyms[1])"),
    ("nav[0][1]", "1e onderdeel, 2e onderdeel (nav[0][1])", "1st item, 2nd item (nav[0][1])"),
    ("place.scale", "place.scale", "place.scale"),
    ("title", "title", "title"),
])
def test_a_place_counts_each_list_item_and_keeps_the_path(field: str, nl: str, en: str) -> None:
    assert (place(field, "nl"), place(field, "en")) == (nl, en)


def test_every_list_of_the_content_and_the_vocabulary_has_a_word_for_its_items() -> None:
    lists = ["actors", "relations", "outcomes", "lessons", "sources", "contributors", "stories", "roles", "themes",
             "synonyms", *KINDS]
    assert [name for name in lists if f"item_{name}" not in WORDS and f"kind_{name}" not in WORDS] == []
    assert all("onderdeel" not in place(f"{name}[0]", "nl") for name in lists)


def test_the_place_is_shown_in_the_problem_text_in_its_language() -> None:
    p = problem("content/stories/x.md", 26, "actors[3].type", "unknown_term", "hint_term_suggestion",
                value="welzijn", kind="@kind_actor_types", suggestion="welzijnsorganisatie")
    assert p.text("nl") == ("content/stories/x.md:26: 4e actor (actors[3].type): 'welzijn' is geen bekende waarde voor"
                            " soort actor — bedoelde je 'welzijnsorganisatie'?")
    assert p.text("en") == ("content/stories/x.md:26: 4th actor (actors[3].type): 'welzijn' is not a known actor type"
                            " — did you mean 'welzijnsorganisatie'?")


def test_no_problem_shows_a_zero_based_index_alone() -> None:
    text = VALID
    for old, new in [
        ("roles: [initiatiefnemer]", "roles: [initiatiefnemr]"),
        ("roles: [financier]", "roles: [financier, financier]"),
        ("    roles: [meedenker]\n", ""),
        ("    to: bewoners\n    kind: denkt-mee", "    to: welzijn\n    kind: denkt-mee"),
        ("themes: [eigen-regie, ruimte-bieden]", "themes: [zelfregie]"),
        ("type: initiatief-gestart", "type: gestart"),
        ("    themes: [ruimte-bieden]", "    themes: [ruimte]"),
    ]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    _, problems = check(text)
    assert len(problems) == 7
    for p in problems:
        for lang, counted in (("nl", r"\d+e "), ("en", r"\d+(?:st|nd|rd|th) ")):
            shown = p.text(lang)
            assert f"({p.field}): " in shown and re.search(f": {counted}[^:]*\\({re.escape(p.field)}\\): ", shown), shown

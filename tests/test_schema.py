"""Validating front matter: typed metadata from a valid story, one located, hinted problem per mistake."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samenspel.content import Source, split
from samenspel.schema import (
    STORY_OPTIONAL,
    STORY_REQUIRED,
    Actor,
    LessonMeta,
    PageMeta,
    Place,
    Relation,
    StoryMeta,
    validate,
)
from samenspel.vocabulary import Vocabulary, parse_vocabulary

from .conftest import MINI, REPO, located

PATH = "content/stories/x.md"


def vocabulary_at(path: Path) -> Vocabulary:
    vocabulary, problems = parse_vocabulary(path.read_text(encoding="utf-8"))
    assert problems == []
    return vocabulary


VOCABULARY = vocabulary_at(MINI / "content" / "vocabulary.yml")

# The front matter of tests/fixtures/mini/content/stories/buurtmoestuin.md; line numbers are the file's.
VALID = """\
---
title: "De buurtmoestuin"
summary: "Bewoners beginnen een moestuin; de gemeente betaalt en het welzijnswerk denkt mee."
date: 2024-05-01
period: "een jaar"
place:
  name: een wijk
  scale: wijk
  anonymised: true
  province: utrecht
actors:
  - id: bewoners
    name: "Bewoners van de wijk"
    type: bewonersinitiatief
    roles: [initiatiefnemer]
  - id: gemeente
    name: "De gemeente"
    type: gemeente
    roles: [financier]
  - id: welzijn
    name: "Welzijn in de wijk"
    type: welzijnsorganisatie
    roles: [meedenker]
relations:
  - from: gemeente
    to: bewoners
    kind: financiert
    note: "Een kleine bijdrage voor zaad en gereedschap."
  - from: welzijn
    to: bewoners
    kind: denkt-mee
themes: [eigen-regie, ruimte-bieden]
outcomes:
  - type: initiatief-gestart
    text: "De tuin ging open."
lessons:
  - text: "Laat bewoners zelf kiezen wat ze planten."
    themes: [eigen-regie]
  - text: "Geld helpt, ruimte helpt meer."
    themes: [ruimte-bieden]
status: gepubliceerd
---

Tekst.
"""

# A fourth actor, in no relation, to carry a mistake that should not spill over into the relations.
FOURTH = '  - id: {id}\n    name: "Buren"\n    type: {type}\n    roles: [meedenker]\nrelations:'


def check(text: str, kind: str = "stories", vocabulary: Vocabulary = VOCABULARY) -> tuple[object, list]:
    path = f"content/{kind}/x.md"
    draft, problems = split(Source(path, kind, text))
    assert problems == [], [p.text() for p in problems]
    assert draft is not None
    return validate(draft, vocabulary)


def mistake(old: str, new: str) -> str:
    assert VALID.count(old) == 1, old
    return VALID.replace(old, new)


# -- a valid story ------------------------------------------------------------------

def test_a_valid_story_gives_its_metadata_and_no_problems() -> None:
    meta, problems = check(VALID)
    assert problems == []
    assert isinstance(meta, StoryMeta)
    assert meta.title == "De buurtmoestuin"
    assert meta.summary.startswith("Bewoners beginnen")
    assert meta.date == dt.date(2024, 5, 1)
    assert meta.period == "een jaar"
    assert meta.place == Place("een wijk", "wijk", True, "", "utrecht")
    assert meta.actors == (
        Actor("bewoners", "Bewoners van de wijk", "bewonersinitiatief", ("initiatiefnemer",)),
        Actor("gemeente", "De gemeente", "gemeente", ("financier",)),
        Actor("welzijn", "Welzijn in de wijk", "welzijnsorganisatie", ("meedenker",)),
    )
    assert meta.relations == (
        Relation("gemeente", "bewoners", "financiert", "Een kleine bijdrage voor zaad en gereedschap."),
        Relation("welzijn", "bewoners", "denkt-mee", ""),
    )
    assert meta.themes == ("eigen-regie", "ruimte-bieden")
    assert [(o.type, o.text) for o in meta.outcomes] == [("initiatief-gestart", "De tuin ging open.")]
    assert [(lesson.text, lesson.themes) for lesson in meta.lessons] == [
        ("Laat bewoners zelf kiezen wat ze planten.", ("eigen-regie",)),
        ("Geld helpt, ruimte helpt meer.", ("ruimte-bieden",)),
    ]
    assert (meta.status, meta.lang, meta.sources, meta.contributors) == ("gepubliceerd", "nl", (), ())


def test_optional_fields_are_read() -> None:
    meta, problems = check(mistake("status: gepubliceerd\n", "status: concept\nlang: en\ncontributors: [Ans, Bert]\n"
                                   "sources:\n  - title: Krant\n    url: https://krant.nl/a\n    date: 2024-01-02\n"))
    assert problems == []
    assert isinstance(meta, StoryMeta)
    assert (meta.status, meta.lang, meta.contributors) == ("concept", "en", ("Ans", "Bert"))
    assert [(s.title, s.url, s.date) for s in meta.sources] == [("Krant", "https://krant.nl/a", dt.date(2024, 1, 2))]


def test_a_story_without_status_is_published() -> None:
    meta, problems = check(mistake("status: gepubliceerd\n", ""))
    assert problems == []
    assert isinstance(meta, StoryMeta) and meta.status == "gepubliceerd"


# -- one mistake, one problem ---------------------------------------------------------

@pytest.mark.parametrize("old, new, line, field, code, hint, message", [
    # missing required fields: the hint names the field
    ('title: "De buurtmoestuin"\n', "", 2, "", "missing", "hint_missing",
     "dit veld ontbreekt — voeg 'title:' toe"),
    ('  scale: wijk\n', "", 6, "place", "missing_part", "hint_missing_under",
     "'scale' ontbreekt — voeg `scale:` toe onder `place:`"),
    ("    roles: [meedenker]\nrelations:", "relations:", 20, "actors[2]", "missing_part", "hint_missing_in_item",
     "3e actor (actors[2]): 'roles' ontbreekt — voeg onder deze actor `roles:` toe"),
    ('summary: "Bewoners beginnen een moestuin; de gemeente betaalt en het welzijnswerk denkt mee."', "summary:",
     3, "summary", "missing", "hint_fill_in", "dit veld ontbreekt — vul achter `summary:` een waarde in"),
    ('summary: "Bewoners beginnen een moestuin; de gemeente betaalt en het welzijnswerk denkt mee."', 'summary: "  "',
     3, "summary", "empty_text", "hint_fill", "mag niet leeg zijn — vul een tekst in"),
    # a misspelt field: a suggestion, and the field it stands for is not also missing
    ("title: ", "titel: ", 2, "titel", "unknown_field", "hint_field_suggestion",
     "onbekend veld 'titel' — bedoelde je 'title'?"),
    ("    kind: denkt-mee", "    knid: denkt-mee", 31, "relations[1].knid", "unknown_field", "hint_field_suggestion",
     "2e relatie (relations[1].knid): onbekend veld 'knid' — bedoelde je 'kind'?"),
    # wrong types
    ("themes: [eigen-regie, ruimte-bieden]", "themes: eigen-regie", 32, "themes", "wrong_type", "hint_list",
     "verwacht een lijst, maar kreeg tekst ('eigen-regie') — schrijf een lijst als [a, b] of met '- ' op aparte regels"),
    ("roles: [financier]", "roles: financier", 19, "actors[1].roles", "wrong_type", "hint_list",
     "2e actor (actors[1].roles): verwacht een lijst, maar kreeg tekst ('financier') — schrijf een lijst als [a, b] of met '- ' op aparte regels"),
    ('title: "De buurtmoestuin"', "title: [De, buurtmoestuin]", 2, "title", "wrong_type", "hint_text",
     "verwacht tekst, maar kreeg een lijst — zet de tekst tussen aanhalingstekens"),
    ("place:\n  name: een wijk\n  scale: wijk\n  anonymised: true\n  province: utrecht\n", "place: een wijk\n",
     6, "place", "wrong_type", "hint_mapping",
     "verwacht velden, maar kreeg tekst ('een wijk') — schrijf de onderdelen ingesprongen op aparte regels, zoals in het sjabloon"),
    ("place:\n  name: een wijk\n  scale: wijk\n  anonymised: true\n  province: utrecht\n", "place: [een wijk]\n",
     6, "place", "wrong_type", "hint_mapping",
     "verwacht velden, maar kreeg een lijst — schrijf de onderdelen ingesprongen op aparte regels, zoals in het sjabloon"),
    # lengths, dates, booleans
    ('summary: "Bewoners beginnen', 'summary: "' + "x" * 200 + 'Bewoners beginnen', 3, "summary", "too_long", "hint_shorten",
     "is 282 tekens lang, maximaal 280 — maak de tekst korter"),
    ("date: 2024-05-01", "date: gisteren", 4, "date", "bad_date", "hint_date",
     "'gisteren' is geen datum — schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2021-08-24"),
    ("date: 2024-05-01", 'date: "1 mei 2024"', 4, "date", "bad_date", "hint_date",
     "'1 mei 2024' is geen datum — schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2021-08-24"),
    ("anonymised: true", "anonymised: ja", 9, "place.anonymised", "bad_bool", "hint_bool",
     "verwacht ja of nee (true/false), kreeg 'ja' — schrijf true of false"),
    # vocabulary values: a suggestion by spelling, by synonym, or the list of choices
    ("themes: [eigen-regie, ruimte-bieden]", "themes: [eigen-regi, ruimte-bieden]", 32, "themes[0]", "unknown_term",
     "hint_term_suggestion", "1e thema (themes[0]): 'eigen-regi' is geen bekende waarde voor thema — bedoelde je 'eigen-regie'?"),
    ("themes: [eigen-regie, ruimte-bieden]", "themes: [zelfregie, ruimte-bieden]", 32, "themes[0]", "unknown_term",
     "hint_term_suggestion", "1e thema (themes[0]): 'zelfregie' is geen bekende waarde voor thema — bedoelde je 'eigen-regie'?"),
    ("relations:", FOURTH.format(id="buren", type="welzijn"), 26, "actors[3].type", "unknown_term",
     "hint_term_suggestion", "4e actor (actors[3].type): 'welzijn' is geen bekende waarde voor soort actor — bedoelde je 'welzijnsorganisatie'?"),
    ("  scale: wijk", "  scale: Dorp", 8, "place.scale", "unknown_term", "hint_term_suggestion",
     "'Dorp' is geen bekende waarde voor schaal — bedoelde je 'dorp'?"),
    ("themes: [eigen-regie, ruimte-bieden]", "themes: [sport, ruimte-bieden]", 32, "themes[0]", "unknown_term",
     "hint_new_term", "1e thema (themes[0]): 'sport' is geen bekende waarde voor thema"
     " — kies uit: eigen-regie, ruimte-bieden, dubbele-pet; is het echt iets nieuws, voeg dan onder `themes:` in"
     " content/vocabulary.yml de regel `- {key: sport, label: {nl: …, en: …}, description: {nl: …, en: …}}` toe"
     " en vul label en beschrijving in; een redacteur beoordeelt de nieuwe term"),
    # duplicates
    ("themes: [eigen-regie, ruimte-bieden]", "themes:\n  - eigen-regie\n  - ruimte-bieden\n  - eigen-regie",
     35, "themes[2]", "duplicate_value", "hint_remove_duplicate",
     "3e thema (themes[2]): 'eigen-regie' staat er twee keer in — haal een van beide weg"),
    ("relations:", FOURTH.format(id="bewoners", type="gemeente"), 24, "actors[3].id", "duplicate_actor", "hint_unique_id",
     "4e actor (actors[3].id): de id 'bewoners' wordt al gebruikt op regel 12 — geef elke actor een eigen id"),
    # relations and ids
    ("    to: bewoners\n    kind: financiert", "    to: bewoner\n    kind: financiert", 26, "relations[0].to",
     "unknown_actor", "hint_actor_suggestion",
     "1e relatie (relations[0].to): 'bewoner' is geen actor in dit verhaal — bedoelde je 'bewoners'? Actoren: bewoners, gemeente, welzijn"),
    ("  - from: welzijn", "  - from: sportclub", 29, "relations[1].from", "unknown_actor", "hint_actors",
     "2e relatie (relations[1].from): 'sportclub' is geen actor in dit verhaal — gebruik de id van een actor: bewoners, gemeente, welzijn"),
    ("    to: bewoners\n    kind: financiert", "    to: gemeente\n    kind: financiert", 26, "relations[0].to",
     "self_relation", "hint_self_relation",
     "1e relatie (relations[0].to): een relatie van 'gemeente' naar zichzelf — kies bij 'to' een andere actor"),
    ("relations:", FOURTH.format(id="Nieuwe Buren", type="gemeente"), 24, "actors[3].id", "bad_id", "hint_id",
     "4e actor (actors[3].id): 'Nieuwe Buren' is geen geldige id — gebruik kleine letters, cijfers en streepjes, bijvoorbeeld 'nieuwe-buren'"),
    # status and sources
    ("status: gepubliceerd", "status: gepubliceed", 41, "status", "unknown_status", "hint_term_suggestion",
     "'gepubliceed' is geen status — bedoelde je 'gepubliceerd'?"),
    ("status: gepubliceerd", "status: gepubliceerd\nsources:\n  - title: Krant\n    url: www.krant.nl", 44,
     "sources[0].url", "bad_url", "hint_url", "1e bron (sources[0].url): 'www.krant.nl' is geen webadres — begin met https:// of http://"),
])
def test_one_mistake_gives_one_located_problem_with_a_hint(
    old: str, new: str, line: int, field: str, code: str, hint: str, message: str,
) -> None:
    meta, problems = check(mistake(old, new))
    assert meta is None
    assert located(problems) == [(PATH, line, field, code, hint)]
    # A field with an index is shown with its place counted, and the message row spells that out in full.
    where = f"{PATH}:{line}: {field}: " if field and "[" not in field else f"{PATH}:{line}: "
    assert problems[0].text("nl") == where + message


def test_a_field_named_twice_in_two_spellings_is_not_suggested_again() -> None:
    meta, problems = check(mistake('title: "De buurtmoestuin"\n', 'title: "De buurtmoestuin"\ntitel: "Tuin"\n'))
    assert meta is None
    assert located(problems) == [(PATH, 3, "titel", "unknown_field", "hint_fields")]


def test_an_unknown_field_without_a_close_match_lists_the_known_fields() -> None:
    meta, problems = check(mistake("status: gepubliceerd", "status: gepubliceerd\nkleur: groen"))
    assert meta is None
    assert located(problems) == [(PATH, 42, "kleur", "unknown_field", "hint_fields")]
    assert problems[0].text("nl").startswith(
        f"{PATH}:42: kleur: onbekend veld 'kleur' — bekende velden: title, summary, date, place, actors,")


def test_the_known_fields_hint_names_every_field() -> None:
    _, [p] = check(mistake("status: gepubliceerd", "status: gepubliceerd\nkleur: groen"))
    assert p.text("nl").endswith("bekende velden: " + ", ".join(STORY_REQUIRED + STORY_OPTIONAL))


def test_the_choices_hint_points_to_a_long_list_instead_of_printing_it() -> None:
    # Issue 14: the real themes are too many to read in one line; the file has them with descriptions.
    real = vocabulary_at(REPO / "content" / "vocabulary.yml")
    count = len(real.keys("themes"))
    assert count > 12
    _, [p] = check(mistake("themes: [eigen-regie, ruimte-bieden]", "themes: [sport, ruimte-bieden]"), vocabulary=real)
    assert p.hint == "hint_new_term_long"
    snippet = "`- {key: sport, label: {nl: …, en: …}, description: {nl: …, en: …}}`"
    assert p.text("nl") == (
        f"{PATH}:32: 1e thema (themes[0]): 'sport' is geen bekende waarde voor thema — kies een van de {count} waarden"
        f" onder `themes:` in content/vocabulary.yml (elk met uitleg); is het echt iets nieuws, voeg daar dan de regel"
        f" {snippet} toe en vul label en beschrijving in; een redacteur beoordeelt de nieuwe term")
    assert p.text("en") == (
        f"{PATH}:32: 1st theme (themes[0]): 'sport' is not a known theme — choose one of the {count} values under"
        f" `themes:` in content/vocabulary.yml (each explained there); if it is really new, add the line {snippet}"
        f" there and fill in label and description; an editor reviews the new term")
    assert not any(key in p.text("nl") for key in real.keys("themes"))


@pytest.mark.parametrize("old, new, line, place, kind, choices, snippet", [
    # actor types carry a colour and relation kinds a verb, so their snippet has those fields too
    ("type: welzijnsorganisatie", "type: Zelfstandige kok", 22, ("3e actor (actors[2].type)", "3rd actor (actors[2].type)"),
     ("soort actor", "actor type", "actor_types"), "bewonersinitiatief, welzijnsorganisatie, gemeente",
     '- {key: zelfstandige-kok, label: {nl: …, en: …}, description: {nl: …, en: …}, color: "#e5e7eb"}'),
    ("kind: denkt-mee", "kind: geeft raad", 31, ("2e relatie (relations[1].kind)", "2nd relation (relations[1].kind)"),
     ("soort relatie", "relation kind", "relation_kinds"), "financiert, denkt-mee",
     "- {key: geeft-raad, label: {nl: …, en: …}, description: {nl: …, en: …}, verb: {nl: …, en: …}}"),
    ("type: initiatief-gestart", "type: overgenomen", 34, ("1e uitkomst (outcomes[0].type)", "1st outcome (outcomes[0].type)"),
     ("soort uitkomst", "outcome type", "outcome_types"), "initiatief-gestart",
     "- {key: overgenomen, label: {nl: …, en: …}, description: {nl: …, en: …}}"),
])
def test_an_unknown_value_without_a_near_match_gives_the_vocabulary_snippet(
        old: str, new: str, line: int, place: tuple[str, str], kind: tuple[str, str, str], choices: str,
        snippet: str) -> None:
    _, problems = check(mistake(old, new))
    [p] = [p for p in problems if p.code == "unknown_term"]
    value = new.split(": ", 1)[1]
    assert (p.line, p.hint) == (line, "hint_new_term")
    assert p.text("nl") == (
        f"{PATH}:{line}: {place[0]}: '{value}' is geen bekende waarde voor {kind[0]} — kies uit: {choices}; is het echt"
        f" iets nieuws, voeg dan onder `{kind[2]}:` in content/vocabulary.yml de regel `{snippet}` toe en vul label en"
        " beschrijving in; een redacteur beoordeelt de nieuwe term")
    assert p.text("en") == (
        f"{PATH}:{line}: {place[1]}: '{value}' is not a known {kind[1]} — choose from: {choices}; if it is really new,"
        f" add the line `{snippet}` under `{kind[2]}:` in content/vocabulary.yml and fill in label and description;"
        " an editor reviews the new term")


def test_a_near_actor_type_still_gets_the_suggestion_in_both_languages() -> None:
    _, [p] = check(mistake("type: welzijnsorganisatie", "type: welzijnsorganisatei"))
    assert p.text("nl") == (f"{PATH}:22: 3e actor (actors[2].type): 'welzijnsorganisatei' is geen bekende waarde"
                            " voor soort actor — bedoelde je 'welzijnsorganisatie'?")
    assert p.text("en") == (f"{PATH}:22: 3rd actor (actors[2].type): 'welzijnsorganisatei' is not a known actor type"
                            " — did you mean 'welzijnsorganisatie'?")


def test_a_misspelt_field_in_a_nested_mapping_is_not_also_missing() -> None:
    meta, problems = check(mistake("  anonymised: true", "  anonymized: true"))
    assert meta is None
    assert located(problems) == [(PATH, 9, "place.anonymized", "unknown_field", "hint_field_suggestion")]
    assert problems[0].text("en") == f"{PATH}:9: place.anonymized: unknown field 'anonymized' — did you mean 'anonymised'?"


def test_fewer_than_two_actors_is_a_problem_on_the_actors_line() -> None:
    text = mistake(
        '  - id: gemeente\n    name: "De gemeente"\n    type: gemeente\n    roles: [financier]\n'
        '  - id: welzijn\n    name: "Welzijn in de wijk"\n    type: welzijnsorganisatie\n    roles: [meedenker]\n'
        "relations:\n  - from: gemeente\n    to: bewoners\n    kind: financiert\n"
        '    note: "Een kleine bijdrage voor zaad en gereedschap."\n  - from: welzijn\n    to: bewoners\n'
        "    kind: denkt-mee\n",
        "relations:\n  - from: bewoners\n    to: buren\n    kind: financiert\n",
    )
    meta, problems = check(text)
    assert meta is None
    assert located(problems) == [
        (PATH, 11, "actors", "too_few", "hint_add_items"),
        (PATH, 18, "relations[0].to", "unknown_actor", "hint_actors"),
    ]
    assert problems[0].text("nl") == f"{PATH}:11: actors: heeft 1 item(s), minstens 2 nodig — voeg er meer toe"


RELATIONS = (
    "relations:\n  - from: gemeente\n    to: bewoners\n    kind: financiert\n"
    '    note: "Een kleine bijdrage voor zaad en gereedschap."\n  - from: welzijn\n    to: bewoners\n'
    "    kind: denkt-mee\n"
)


def test_a_story_with_an_empty_list_of_relations_has_too_few() -> None:
    meta, problems = check(mistake(RELATIONS, "relations: []\n"))
    assert meta is None
    assert located(problems) == [(PATH, 24, "relations", "too_few", "hint_add_items")]
    assert problems[0].text("en") == f"{PATH}:24: relations: has 0 item(s), needs at least 1 — add more"


@pytest.mark.parametrize("lang, hint", [("fr", "hint_choices"), ("NL", "hint_term_suggestion")])
def test_an_unknown_language(lang: str, hint: str) -> None:
    meta, problems = check(mistake("status: gepubliceerd", f"status: gepubliceerd\nlang: {lang}"))
    assert meta is None
    assert located(problems) == [(PATH, 42, "lang", "unknown_lang", hint)]
    assert problems[0].text("nl").startswith(f"{PATH}:42: lang: '{lang}' is geen ondersteunde taal — ")


def test_an_unknown_language_without_a_match_gets_the_choices() -> None:
    _, problems = check(mistake("status: gepubliceerd", "status: gepubliceerd\nlang: fr"))
    assert located(problems) == [(PATH, 42, "lang", "unknown_lang", "hint_choices")]
    assert problems[0].text("nl") == f"{PATH}:42: lang: 'fr' is geen ondersteunde taal — kies uit: nl, en"
    assert problems[0].text("en") == f"{PATH}:42: lang: 'fr' is not a supported language — choose from: nl, en"


def test_the_hint_for_an_unknown_language_does_not_point_at_the_vocabulary() -> None:
    _, [p] = check(mistake("status: gepubliceerd", "status: gepubliceerd\nlang: fr"))
    assert "vocabulary.yml" not in p.text("nl")


@pytest.mark.parametrize("value", ["2024-13-01", "2024-02-30"])
def test_an_impossible_date_is_a_bad_date_on_its_own_line(value: str) -> None:
    meta, problems = check(mistake("date: 2024-05-01", f"date: {value}"))
    assert meta is None
    assert located(problems) == [(PATH, 4, "date", "bad_date", "hint_date")]
    assert problems[0].text("nl") == (f"{PATH}:4: date: '{value}' is geen datum"
                                      " — schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2021-08-24")


def test_an_empty_anonymised_is_one_problem() -> None:
    meta, problems = check(mistake("anonymised: true", "anonymised:"))
    assert located(problems) == [(PATH, 9, "place.anonymised", "missing", "hint_fill_in")]
    assert problems[0].text("en") == f"{PATH}:9: place.anonymised: this field is missing — fill in a value after `anonymised:`"


def test_an_actor_with_an_unknown_type_is_still_an_actor_for_relations() -> None:
    meta, problems = check(mistake("type: welzijnsorganisatie", "type: welzijn"))
    assert located(problems) == [(PATH, 22, "actors[2].type", "unknown_term", "hint_term_suggestion")]


# -- pages and lessons ----------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [
    ('"1"', "1"), ("1.5", "1.5"), ("een", "een"),
    ("true", "true"),
])
def test_a_page_nav_order_must_be_a_whole_number(value: str, shown: str) -> None:
    meta, problems = check(f"---\ntitle: Over\nnav_order: {value}\n---\nTekst.\n", kind="pages")
    assert meta is None
    assert located(problems) == [("content/pages/x.md", 3, "nav_order", "bad_int", "hint_int")]
    assert problems[0].text("nl") == (f"content/pages/x.md:3: nav_order: verwacht een geheel getal, kreeg '{shown}'"
                                      " — schrijf een getal zonder aanhalingstekens, bijvoorbeeld 3")


def test_a_valid_page() -> None:
    meta, problems = check("---\ntitle: Over\nsummary: Waarom\nnav_order: 2\n---\n", kind="pages")
    assert (meta, problems) == (PageMeta("Over", "Waarom", 2), [])


def test_a_page_only_needs_a_title() -> None:
    meta, problems = check("---\nsummary: Waarom\n---\n", kind="pages")
    assert meta is None
    assert located(problems) == [("content/pages/x.md", 2, "", "missing", "hint_missing")]


LESSON = "---\ntitle: Samen sterker\nsummary: S\ndate: 2024-06-01\nstories: [buurtmoestuin, dorpshuis]\nthemes: [eigen-regie]\n---\n"


def test_a_valid_lesson() -> None:
    meta, problems = check(LESSON, kind="lessons")
    assert problems == []
    assert meta == LessonMeta("Samen sterker", "S", dt.date(2024, 6, 1), ("buurtmoestuin", "dorpshuis"),
                              ("eigen-regie",), "gepubliceerd")


def test_a_lesson_without_stories() -> None:
    meta, problems = check(LESSON.replace("stories: [buurtmoestuin, dorpshuis]\n", ""), kind="lessons")
    assert meta is None
    assert located(problems) == [("content/lessons/x.md", 2, "", "missing", "hint_missing")]
    assert problems[0].text("nl") == "content/lessons/x.md:2: dit veld ontbreekt — voeg 'stories:' toe"


def test_a_lesson_naming_a_story_twice() -> None:
    meta, problems = check(LESSON.replace("[buurtmoestuin, dorpshuis]", "[dorpshuis, dorpshuis]"), kind="lessons")
    assert located(problems) == [("content/lessons/x.md", 5, "stories[1]", "duplicate_value", "hint_remove_duplicate")]


def test_a_lesson_does_not_take_story_fields() -> None:
    meta, problems = check(LESSON.replace("themes:", "place: x\nthemes:"), kind="lessons")
    assert located(problems) == [("content/lessons/x.md", 6, "place", "unknown_field", "hint_fields")]


# -- many mistakes, other languages -------------------------------------------------------

def test_every_mistake_in_one_file_is_reported() -> None:
    text = VALID
    for old, new in [
        ('title: "De buurtmoestuin"', "titel: x"),                         # 2 unknown_field (suggestion)
        ("date: 2024-05-01", "date: gisteren"),                            # 4 bad_date
        ("anonymised: true", "anonymised: ja"),                            # 9 bad_bool
        ("roles: [initiatiefnemer]", "roles: [initiatiefnemr]"),           # 15 unknown_term
        ("roles: [financier]", "roles: [financier, financier]"),           # 19 duplicate_value
        ("    to: bewoners\n    kind: denkt-mee", "    to: welzijn\n    kind: denkt-mee"),  # 30 self_relation
        ("themes: [eigen-regie, ruimte-bieden]", "themes: [zelfregie]"),   # 32 unknown_term
        ("type: initiatief-gestart", "type: gestart"),                     # 34 unknown_term
        ("status: gepubliceerd", "status: klaar\nlang: fr"),                # 41 unknown_status, 42 unknown_lang
    ]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    meta, problems = check(text)
    assert meta is None
    assert sorted((p.line, p.code) for p in problems) == [
        (2, "unknown_field"), (4, "bad_date"), (9, "bad_bool"), (15, "unknown_term"), (19, "duplicate_value"),
        (30, "self_relation"), (32, "unknown_term"), (34, "unknown_term"), (41, "unknown_status"), (42, "unknown_lang"),
    ]


def test_a_problem_in_english() -> None:
    _, [p] = check(mistake("themes: [eigen-regie, ruimte-bieden]", "themes: [eigen-regi, ruimte-bieden]"))
    assert p.text("en") == f"{PATH}:32: 1st theme (themes[0]): 'eigen-regi' is not a known theme — did you mean 'eigen-regie'?"


def test_a_missing_field_in_english() -> None:
    _, [p] = check(mistake("date: 2024-05-01\n", ""))
    assert p.text("en") == f"{PATH}:2: this field is missing — add 'date:'"


@pytest.mark.parametrize("value, suggestion", [
    ("eigen-regi", "eigen-regie"), ("Eigen-Regie", "eigen-regie"), ("geldzorgen", "armoede"),
    ("sport", None), ("kok", None), ("planning", None),
])
def test_a_suggestion_is_made_only_for_a_near_value_or_a_listed_synonym(value: str, suggestion: str | None) -> None:
    real = vocabulary_at(REPO / "content" / "vocabulary.yml")
    assert real.suggest("themes", value) == suggestion


# -- every kind of value is named in words, never as a Python type -----------------------------

@pytest.mark.parametrize("value, got_nl, got_en", [
    ("!!binary aGk=", "binaire gegevens (!!binary)", "binary data (!!binary)"),
    ("!!set {a, b}", "een verzameling (!!set)", "a set (!!set)"),
    ("[a, b]", "een lijst", "a list"),
    ("{a: 1}", "velden", "fields"),
    ("null", "niets", "nothing"),
])
def test_a_title_of_another_kind_says_what_it_is_in_words(value: str, got_nl: str, got_en: str) -> None:
    meta, problems = check(mistake('title: "De buurtmoestuin"', f"title: {value}"))
    assert meta is None
    if value == "null":
        assert located(problems) == [(PATH, 2, "title", "missing", "hint_fill_in")]
        return
    assert located(problems) == [(PATH, 2, "title", "wrong_type", "hint_text")]
    assert problems[0].text("nl").startswith(f"{PATH}:2: title: verwacht tekst, maar kreeg {got_nl}")
    assert problems[0].text("en").startswith(f"{PATH}:2: title: expected text, got {got_en}")


def test_an_omap_of_actors_names_its_items_as_pairs() -> None:
    text = mistake("actors:\n  - id: bewoners", "actors: !!omap\n  - een: 1\n  - twee: 2\nvoorheen:\n  - id: bewoners")
    _, problems = check(text)
    shown = [p.text("nl") for p in problems if p.field.startswith("actors[")]
    assert shown and all("een paar (uit !!omap of !!pairs)" in s for s in shown)


@pytest.mark.parametrize("value", ["!!binary aGk=", "!!set {a}", "!!omap [a: 1]", "null", "[1, [2]]", "{a: ~}"])
def test_no_message_shows_a_python_type_or_repr(value: str) -> None:
    for field in ("status", "lang", "date", "title", "place", "actors", "themes"):
        text = "---\n" + "\n".join(f"{f}: {value if f == field else 'x'}" for f in ("title", "status", "lang", "date",
                                                                                   "place", "actors", "themes")) + "\n---\n"
        draft, found = split(Source(PATH, "stories", text))
        assert draft is not None and found == []
        _, problems = validate(draft, VOCABULARY)
        for p in problems:
            for lang in ("nl", "en"):
                shown = p.text(lang)
                assert not any(word in shown for word in ("NoneType", "None", "bytes", "b'", "tuple", "set(",
                                                          "frozenset", "{'", "['", "datetime.")), shown

"""The privacy check: personal data is found with its line before a pull request makes it public,
and dates, years, amounts and the example stories raise no false alarm."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samenspel.content import Source, split
from samenspel.pipeline import collect
from samenspel.privacy import check_privacy, elfproef, looks_like_a_person, personal_data
from samenspel.project import read_project

from .conftest import REPO, located

PATH = "content/stories/buurt.md"


@pytest.mark.parametrize("text, found", [
    ("We kwamen samen op Dorpsstraat 12 in het dorp.", [("address", "Dorpsstraat 12")]),
    ("Het adres was Van Goghlaan 3a, naast de kerk.", [("address", "Goghlaan 3a")]),
    ("De postcode is 1234 AB.", [("postcode", "1234 AB")]),
    ("Postcode 9711AB ligt in het noorden.", [("postcode", "9711AB")]),
    ("Bel 06-12345678 of +31 6 1234 5678.", [("phone", "06-12345678"), ("phone", "+31 6 1234 5678")]),
    ("Het kantoor: 020-1234567, of (0)20 123 45 67.", [("phone", "020-1234567"), ("phone", "(0)20 123 45 67")]),
    ("Mail naar jan.devries@example.nl voor meer.", [("email", "jan.devries@example.nl")]),
    ("Haar nummer was 111222333.", [("bsn", "111222333")]),
    ("BSN 1234.56.782 stond op het formulier.", [("bsn", "1234.56.782")]),
])
def test_personal_data_is_found(text: str, found: list[tuple[str, str]]) -> None:
    assert list(personal_data(text)) == found


@pytest.mark.parametrize("text", [
    "Het begon op 2021-08-24 en duurde tot 24-08-2022.",
    "Van 1990-2000 en in 2019 NL-breed; de jaren 2015–2021.",
    "De gemeente gaf € 123.456.789, later 123.456.782 euro en €1.250.000.",
    "Er kwamen 1500 mensen, 250 vrijwilligers en 12 straten mee.",
    "Om 20.00 uur, op 06-08-2021, in zaal 3.",
    "Lees https://example.org/2021/08/24/111222333 en [dit](https://x.nl/06-12345678).",
    "Een nummer als 123456789 haalt de elfproef niet.",
    "De weg 12 keer afleggen; de Kerkstraat was vol.",
    "Het budget was 0,5 miljoen; 100% van de bewoners deed mee.",
])
def test_dates_years_amounts_and_links_are_no_personal_data(text: str) -> None:
    assert list(personal_data(text)) == []


def test_the_elfproef() -> None:
    assert elfproef("111222333") and elfproef("123456782")
    assert not elfproef("123456789") and not elfproef("000000000") and not elfproef("12345678")


@pytest.mark.parametrize("name, person", [
    ("Jan de Vries", True), ("Fatma van den Berg", True), ("Marieke", True), ("Jan-Willem Bakker", True),
    ("De Vries", True),
    ("de gemeente", False), ("Een zelfstandig opbouwwerker", False), ("Bewoners van het dorp", False),
    ("VSBfonds", False), ("LSA Bewoners", False), ("Sociaal Werk Nederland", False), ("Vier gemeenten", False),
    ("De stichting die uit het initiatief groeide", False), ("A", False), ("een zelfstandige kok", False),
    ("Redactie Samenspel", False),
])
def test_a_name_that_reads_as_a_person(name: str, person: bool) -> None:
    assert looks_like_a_person(name) is person


SAMPLE = """---
title: "Een moestuin aan de Dorpsstraat 12"
summary: "Bewoners begonnen een moestuin; bel 06-12345678 voor een rondleiding."
date: 2021-08-24
place:
  name: een wijk
  scale: wijk
  anonymised: true
  municipality: Zwolle
actors:
  - id: marieke
    name: "Marieke Jansen"
    type: bewonersinitiatief
    roles: [initiatiefnemer]
  - id: kees
    name: "Kees Bakker"
    type: zelfstandig-professional
    roles: [procesbegeleider]
    person: true
  - id: fatma
    name: "Fatma Yilmaz"
    type: bewonersinitiatief
    roles: [trekker]
    person: true
    consent: true
  - id: gemeente
    name: "de gemeente"
    type: gemeente
    roles: [financier]
relations:
  - {from: gemeente, to: marieke, kind: financiert}
themes: [eigen-regie]
outcomes:
  - {type: initiatief-gestart, text: "De tuin ligt er."}
lessons:
  - {text: "Vraag het na.", themes: [eigen-regie]}
---

## Hoe het begon

De post ging naar 1234 AB, en de gemeente Zwolle betaalde.
Zijn BSN 111222333 stond op het formulier.
"""


def test_a_sample_story_with_a_postcode_a_phone_number_and_a_named_resident_is_flagged() -> None:
    draft, problems = split(Source(PATH, "stories", SAMPLE))
    assert draft is not None and problems == []
    vocabulary = read_project(REPO).vocabulary
    found = check_privacy(draft, vocabulary)
    assert sorted((p.line, p.field, p.code, p.warning) for p in found) == [
        (2, "title", "privacy_address", True),
        (3, "summary", "privacy_phone", True),
        (9, "place.municipality", "privacy_named_place", True),
        (12, "actors[0].name", "privacy_person", True),
        (19, "actors[1].consent", "privacy_no_consent", False),
        (41, "", "privacy_named_place", True),
        (41, "", "privacy_postcode", True),
        (42, "", "privacy_bsn", False),
    ]
    texts = [p.text("nl") for p in sorted(found, key=lambda p: p.sort_key())]
    assert texts[1] == (f"{PATH}:3: waarschuwing: summary: '06-********' lijkt een telefoonnummer — haal het weg of "
                        "schrijf het algemener; een verhaal is openbaar vanaf het moment dat je het voorstelt")
    assert "111222333" not in texts[-1] and "11*******" in texts[-1]
    assert texts[3].startswith(f"{PATH}:12: waarschuwing: 1e actor (actors[0].name): 'Marieke Jansen' lijkt de naam van een persoon")


def test_the_check_runs_with_every_build_and_stays_quiet_on_the_example_content() -> None:
    built = collect(REPO)
    assert built.ok and built.problems == []


def test_person_and_consent_are_yes_or_no() -> None:
    text = SAMPLE.replace("    person: true\n    consent: true\n", "    person: ja\n    consent: true\n")
    draft, _ = split(Source(PATH, "stories", text))
    assert draft is not None
    from samenspel.schema import validate
    _, problems = validate(draft, read_project(REPO).vocabulary)
    assert ("content/stories/buurt.md", 24, "actors[2].person", "bad_bool", "hint_bool") in located(problems)


def test_every_privacy_message_is_in_the_catalog() -> None:
    from samenspel.messages import MESSAGES
    from samenspel.privacy import CODES
    assert [code for code in CODES.values() if code not in MESSAGES] == []


def test_the_body_is_searched_for_named_places_exactly_as_line_by_line() -> None:
    body = ("In gemeente Lees en in\ngemeente\nMaas, en de gemeente Ter Aar (Zuid-Holland) en gemeente Lees.\n"
            "Geen naam: de gemeente en de provincie.\n" + "gemeente Ab. " * 5000 + "\nOok gemeente Zwolle.\n")
    draft, problems = split(Source(PATH, "stories", SAMPLE.split("\n## Hoe")[0] + "\n" + body))
    assert draft is not None and problems == []
    vocabulary = read_project(REPO).vocabulary
    found = [(p.line, dict(p.params)["value"]) for p in check_privacy(draft, vocabulary)
             if p.code == "privacy_named_place" and not p.field]
    # What a search of each line on its own finds (a name is never joined across a line end).
    provinces = {label for term in vocabulary.terms("provinces") for _, label in term.label}
    expected = []
    for row, text in enumerate(draft.body.split("\n")):
        names = [m.group() for m in re.finditer(r"\b[Gg]emeente\s+(?:(?:de|het|den|'s|'t)\s+)?"
                                                  r"[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)*", text)]
        names += [m.group() for m in re.finditer(r"\b(" + "|".join(map(re.escape, sorted(provinces, key=len,
                                                 reverse=True))) + r")\b", text)]
        expected += [(draft.body_line + row, name) for name in dict.fromkeys(names)]
    assert found == expected
    assert (draft.body_line + 2, "gemeente Ter Aar") in found and (draft.body_line + 2, "Zuid-Holland") in found
    assert not any("Maas" in name for _, name in found)


@pytest.mark.parametrize("texts", [
    ["Opgezet met de gemeente Lees."],
    ["Een buurt in Zuid-Holland", "en elders"],
    ["het eind is gemeente", "Lees is het begin"],  # no name spans two texts
    ["gemeente", "Ter Aar"],
    ["in de gemeente", "gemeente Lees"],
    ["in Zuid", "Holland"],
    ["niets", "hier", "ook niet"],
])
def test_one_search_over_all_front_matter_texts_finds_a_place_when_one_text_names_it(texts: list[str]) -> None:
    from samenspel.privacy import _named_places, _names_a_place, _province_names
    vocabulary = read_project(REPO).vocabulary
    labels = tuple(label for term in vocabulary.terms("provinces") for _, label in term.label)
    names = _province_names(labels)
    assert _names_a_place("\0".join(texts), names, labels) == any(_named_places(text, names) for text in texts)


_PIECES = st.lists(st.sampled_from(["a", " ", "\n", "\n\n", "7", "@", "06-12345678", "1234 AB", "x@y.nl", "gemeente ",
                                    "Gemeente", "emeente", "Lees", " Den Haag", "g", "é", "’s"]), max_size=30).map("".join)


@given(_PIECES)
def test_the_quick_searches_find_what_the_patterns_find(text: str) -> None:
    """The lines with a digit and the municipalities named are found without a pattern tried everywhere (#9)."""
    from samenspel.privacy import _MAYBE, _MUNICIPALITY, _MUNICIPALITY_ON_A_LINE, _municipalities, _rows_with_digits
    assert list(_rows_with_digits(text)) == [(i, row) for i, row in enumerate(text.split("\n")) if _MAYBE.search(row)]
    for pattern in (_MUNICIPALITY, _MUNICIPALITY_ON_A_LINE):
        assert [m.span() for m in _municipalities(text, pattern)] == [m.span() for m in pattern.finditer(text)]

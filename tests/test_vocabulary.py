"""The controlled vocabulary: the real list is sound, and mistakes in it are located and hinted."""
from __future__ import annotations

import pytest

from samenspel.vocabulary import KINDS, Term, Vocabulary, parse_vocabulary, term_snippet

from .conftest import MINI, REPO, located

PATH = "content/vocabulary.yml"
REAL = (REPO / "content" / "vocabulary.yml").read_text(encoding="utf-8")
SMALL = (MINI / "content" / "vocabulary.yml").read_text(encoding="utf-8")


def real() -> Vocabulary:
    vocabulary, problems = parse_vocabulary(REAL)
    assert problems == [], [p.text() for p in problems]
    return vocabulary


def mistake(old: str, new: str) -> str:
    assert SMALL.count(old) == 1, old
    return SMALL.replace(old, new)


# -- the real vocabulary ----------------------------------------------------------------

def test_the_real_vocabulary_has_all_seven_lists_filled() -> None:
    vocabulary = real()
    assert [kind for kind, _ in vocabulary.lists] == list(KINDS)
    assert len(KINDS) == 7
    for kind in KINDS:
        assert vocabulary.terms(kind), kind


def test_every_real_term_has_a_dutch_and_an_english_label() -> None:
    vocabulary = real()
    for kind in KINDS:
        for term in vocabulary.terms(kind):
            assert dict(term.label).keys() >= {"nl", "en"}, (kind, term.key)


def test_every_real_actor_type_has_a_colour() -> None:
    for term in real().terms("actor_types"):
        assert term.color.startswith("#") and len(term.color) == 7, term.key


def test_every_real_relation_kind_has_a_dutch_verb() -> None:
    for term in real().terms("relation_kinds"):
        assert dict(term.verb).get("nl"), term.key
        assert term.verb_in("nl") == dict(term.verb)["nl"]


def test_the_real_keys_are_unique_per_list() -> None:
    vocabulary = real()
    for kind in KINDS:
        keys = vocabulary.keys(kind)
        assert len(keys) == len(set(keys)), kind


@pytest.mark.parametrize("kind, value, key", [
    ("themes", "Eigen regie", "eigen-regie"),            # by Dutch label
    ("actor_types", "Municipality", "gemeente"),         # by English label
    ("actor_types", "wethouder", "gemeente"),            # by synonym
    ("actor_types", "Welzijn", "welzijnsorganisatie"),   # by synonym, any case
    ("actor_types", "gemeenet", "gemeente"),             # by spelling
    ("actor_types", "GEMEENTE", "gemeente"),             # by case
    ("themes", "voetbal", None),
])
def test_suggest_finds_the_key_meant(kind: str, value: str, key: str | None) -> None:
    assert real().suggest(kind, value) == key


def test_term_lookup() -> None:
    vocabulary = real()
    term = vocabulary.term("actor_types", "gemeente")
    assert term is not None
    assert (term.label_in("nl"), term.label_in("en")) == ("Gemeente", "Municipality")
    assert vocabulary.term("actor_types", "Gemeente") is None
    assert vocabulary.term("nothing", "gemeente") is None
    assert vocabulary.terms("nothing") == ()


# -- labels per language -------------------------------------------------------------------

def test_a_label_falls_back_to_dutch_when_english_is_missing() -> None:
    vocabulary, problems = parse_vocabulary(mistake(
        "label: {nl: Dubbele pet, en: Double hat}\n    description: {nl: Twee opdrachtgevers tegelijk dienen., en: Serving two masters.}",
        "label: {nl: Dubbele pet}\n    description: Twee opdrachtgevers tegelijk dienen.",
    ))
    assert problems == []
    term = vocabulary.term("themes", "dubbele-pet")
    assert term is not None
    assert term.label_in("en") == "Dubbele pet"
    assert term.description_in("en") == "Twee opdrachtgevers tegelijk dienen."
    assert term.label_in("nl") == "Dubbele pet"


def test_a_plain_text_label_counts_as_dutch() -> None:
    term = Term("a", (("nl", "Alleen Nederlands"),), ())
    assert term.label_in("en") == "Alleen Nederlands"
    assert Term("zonder-label", (), ()).label_in("en") == "zonder-label"


def test_a_verb_falls_back_to_the_label() -> None:
    term = Term("helpt", (("nl", "Helpt"), ("en", "Helps")), ())
    assert (term.verb_in("nl"), term.verb_in("en")) == ("helpt", "helps")


# -- mistakes in the vocabulary ------------------------------------------------------------

@pytest.mark.parametrize("old, new, line, field, code, hint, message", [
    ("  - key: gemeente\n", "  - key: welzijnsorganisatie\n", 12, "actor_types[2].key", "duplicate_term",
     "hint_unique_term", "3e soort actor (actor_types[2].key): de sleutel 'welzijnsorganisatie' komt twee keer voor — geef elke term een eigen sleutel"),
    ('color: "#fde68a"', "color: geel", 16, "actor_types[2].color", "bad_color", "hint_color",
     "3e soort actor (actor_types[2].color): 'geel' is geen kleur — schrijf een kleur als \"#dbeafe\""),
    ('color: "#fde68a"', 'color: "#fff"', 16, "actor_types[2].color", "bad_color", "hint_color",
     "3e soort actor (actor_types[2].color): '#fff' is geen kleur — schrijf een kleur als \"#dbeafe\""),
    ("themes:\n", "theme:\n", 36, "theme", "unknown_field", "hint_field_suggestion",
     "onbekend veld 'theme' — bedoelde je 'themes'?"),
    ("roles:\n", "roles: geen\nrollen_oud:\n", 17, "roles", "wrong_type", "hint_list",
     "verwacht een lijst, maar kreeg tekst ('geen') — schrijf een lijst als [a, b] of met '- ' op aparte regels"),
])
def test_a_mistake_in_the_vocabulary_is_located_and_hinted(
    old: str, new: str, line: int, field: str, code: str, hint: str, message: str,
) -> None:
    _, problems = parse_vocabulary(mistake(old, new))
    [p] = [p for p in problems if p.code == code]
    assert (p.path, p.line, p.field, p.code, p.hint) == (PATH, line, field, code, hint)
    # A field with an index is shown with its place counted, and the message row spells that out in full.
    where = f"{PATH}:{line}: {field}: " if "[" not in field else f"{PATH}:{line}: "
    assert p.text("nl") == where + message


@pytest.mark.parametrize("old, new, line, field, place, value", [
    ("  - key: gemeente\n", "  - key: Gemeente Bestuur\n", 12, "actor_types[2].key", "3e soort actor", "Gemeente Bestuur"),
    ("  - key: dorp\n", "  - key: dorp_kern\n", 52, "place_scales[0].key", "1e schaal", "dorp_kern"),
    ("  - key: dorp\n", "  - key: -dorp\n", 52, "place_scales[0].key", "1e schaal", "-dorp"),
    ("  - key: dorp\n", "  - key: 12\n", 52, "place_scales[0].key", "1e schaal", "12"),
])
def test_a_bad_key_is_located_and_says_what_a_key_looks_like(
        old: str, new: str, line: int, field: str, place: str, value: str) -> None:
    _, problems = parse_vocabulary(mistake(old, new))
    assert located(problems) == [(PATH, line, field, "bad_id", "hint_id")]
    assert problems[0].text("nl").startswith(
        f"{PATH}:{line}: {place} ({field}): '{value}' is geen geldige id — gebruik kleine letters, cijfers en streepjes, bijvoorbeeld '")


def test_a_misspelt_list_name_is_not_also_missing() -> None:
    _, problems = parse_vocabulary(mistake("themes:\n", "theme:\n"))
    assert located(problems) == [(PATH, 36, "theme", "unknown_field", "hint_field_suggestion")]


def test_a_duplicate_key_keeps_the_first_term() -> None:
    vocabulary, problems = parse_vocabulary(mistake("  - key: gemeente\n", "  - key: welzijnsorganisatie\n"))
    assert len(problems) == 1
    assert vocabulary.keys("actor_types") == ("bewonersinitiatief", "welzijnsorganisatie")
    assert vocabulary.term("actor_types", "welzijnsorganisatie").color == "#dbeafe"  # type: ignore[union-attr]


def test_a_bad_key_drops_the_term_and_nothing_else() -> None:
    vocabulary, problems = parse_vocabulary(mistake("  - key: gemeente\n", "  - key: Gemeente\n"))
    assert [p.code for p in problems] == ["bad_id"]
    assert vocabulary.keys("actor_types") == ("bewonersinitiatief", "welzijnsorganisatie")
    assert vocabulary.keys("roles") == ("initiatiefnemer", "financier", "meedenker")


def test_an_unquoted_colour_is_a_comment_and_so_not_a_colour() -> None:
    vocabulary, problems = parse_vocabulary(mistake('color: "#fde68a"', "color: #fde68a"))
    assert located(problems) == [(PATH, 16, "actor_types[2].color", "bad_color", "hint_color")]
    assert vocabulary.term("actor_types", "gemeente").color == ""  # type: ignore[union-attr]


def test_an_actor_type_without_a_colour() -> None:
    _, problems = parse_vocabulary(mistake('    synonyms: []\n    color: "#fde68a"\n', "    synonyms: []\n"))
    assert located(problems) == [(PATH, 12, "actor_types[2].color", "bad_color", "hint_color")]


def test_a_misspelt_list_name_gets_a_suggestion() -> None:
    _, problems = parse_vocabulary(mistake("themes:\n", "theme:\n"))
    assert (PATH, 36, "theme", "unknown_field", "hint_field_suggestion") in located(problems)
    assert "bedoelde je 'themes'?" in [p for p in problems if p.code == "unknown_field"][0].text("nl")


def test_an_unknown_list_without_a_match_lists_the_known_lists() -> None:
    _, problems = parse_vocabulary(SMALL + "kleuren:\n  - key: rood\n")
    assert located(problems) == [(PATH, 62, "kleuren", "unknown_field", "hint_fields")]
    assert problems[0].text("nl").startswith(f"{PATH}:62: kleuren: onbekend veld 'kleuren' — bekende velden: actor_types, roles,")


def test_a_missing_list_is_named() -> None:
    vocabulary, problems = parse_vocabulary(mistake(
        "provinces:\n  - key: utrecht\n    label: {nl: Utrecht, en: Utrecht}\n"
        "    description: {nl: De provincie Utrecht., en: The province of Utrecht.}\n",
        "",
    ))
    assert located(problems) == [(PATH, 1, "provinces", "missing", "hint_missing")]
    assert problems[0].text("nl") == f"{PATH}:1: provinces: dit veld ontbreekt — voeg 'provinces:' toe"
    assert vocabulary.terms("provinces") == ()
    assert vocabulary.keys("themes") == ("eigen-regie", "ruimte-bieden", "dubbele-pet")


def test_a_term_without_a_label() -> None:
    _, problems = parse_vocabulary(mistake("    label: {nl: Meedenker, en: Adviser}\n", ""))
    assert located(problems) == [(PATH, 24, "roles[2].label", "missing", "hint_missing")]


def test_a_term_that_is_not_a_mapping() -> None:
    _, problems = parse_vocabulary(mistake("outcome_types:\n", "outcome_types:\n  - los-woord\n"))
    assert located(problems) == [(PATH, 48, "outcome_types[0]", "wrong_type", "hint_mapping")]
    assert problems[0].text("en") == f"{PATH}:48: 1st outcome type (outcome_types[0]): expected a term, got text ('los-woord')" \
                                     " — write the parts indented on separate lines, as in the template"


def test_synonyms_must_be_a_list() -> None:
    vocabulary, problems = parse_vocabulary(mistake("synonyms: [regie, zelfregie]", "synonyms: zelfregie"))
    assert located(problems) == [(PATH, 40, "themes[0].synonyms", "wrong_type", "hint_list")]
    assert vocabulary.term("themes", "eigen-regie").synonyms == ()  # type: ignore[union-attr]


@pytest.mark.parametrize("text, code", [
    ("- actor_types\n- roles\n", "not_a_mapping"),
    ("actor_types: [\n", "yaml_bracket"),
])
def test_a_vocabulary_that_is_not_lists_gives_no_terms(text: str, code: str) -> None:
    vocabulary, problems = parse_vocabulary(text)
    assert vocabulary == Vocabulary(())
    assert [(p.path, p.code) for p in problems] == [(PATH, code)]


def test_the_path_given_is_the_path_reported() -> None:
    _, [p] = parse_vocabulary("- a\n", "elders/woorden.yml")
    assert p.path == "elders/woorden.yml"


def test_a_field_written_twice_in_a_term_is_named_at_the_second() -> None:
    _, problems = parse_vocabulary(mistake("    label: {nl: Meedenker, en: Adviser}\n",
                                           "    label: {nl: Meedenker, en: Adviser}\n    label: Adviseur\n"))
    assert located(problems) == [(PATH, 26, "roles[2].label", "duplicate_key", "hint_duplicate_key")]
    assert problems[0].text("nl").startswith(f"{PATH}:26: 3e rol (roles[2].label): het veld 'label' staat er al op regel 25 — ")


def test_a_list_written_twice_is_named_at_the_second() -> None:
    _, problems = parse_vocabulary(SMALL + "themes:\n  - key: extra\n    label: Extra\n")
    [p] = problems
    assert (p.field, p.code, dict(p.params)["other"]) == ("themes", "duplicate_key", "36")


def test_a_language_that_is_no_name_is_located() -> None:
    _, problems = parse_vocabulary(mistake("label: {nl: Meedenker, en: Adviser}", "label: {nl: Meedenker, null: Adviser}"))
    assert located(problems) == [(PATH, 25, "roles[2].label", "key_not_name", "hint_key_name")]


@pytest.mark.parametrize("kind", ["themes", "actor_types", "relation_kinds", "provinces"])
def test_the_snippet_for_a_new_term_can_be_pasted_as_it_is(kind: str) -> None:
    # The line a problem offers goes into its list, indented like the other items.
    text = mistake(f"{kind}:\n", f"{kind}:\n  {term_snippet(kind, 'nieuw-woord')}\n")
    vocabulary, problems = parse_vocabulary(text)
    assert problems == []
    term = vocabulary.term(kind, "nieuw-woord")
    assert term is not None and term.label_in("nl") == "…" and term.description_in("en") == "…"
    assert (term.color != "") == (kind == "actor_types") and (term.verb != ()) == (kind == "relation_kinds")

"""The privacy check: personal data in a content file, found before its pull request makes it public.

A story is public from the moment its pull request opens and falls under the AVG. This
check looks through every text of the front matter and the body for what identifies a
person — a postcode, a street with a house number, a phone number, an e-mail address, a
citizen service number (BSN) — and at the actors for a named person without recorded
consent, and at an anonymised place that still names its municipality or province. Each
finding is a warning with its line; only a number that passes the BSN "elfproef" is an
error, because no story ever needs one. It is pure: a function of one draft and the vocabulary.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from .content import Draft
from .errors import Collector, Problem, field_name
from .vocabulary import Vocabulary

At = tuple[str | int, ...]

# Web addresses are masked first: their digits (dates, ids in a path) are no phone or BSN.
_MAYBE = re.compile(r"[0-9@]")
_DIGITS_AND_AT = "0123456789@"  # the same, looked for as plain text in a long one
_URL = re.compile(r"(?:https?://|mailto:|www\.)\S+|\]\([^)\s]*\)")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
# Four digits (never starting with 0), a space or none, two capitals; SA, SD and SS are never used.
_POSTCODE = re.compile(r"(?<![\w.,€])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\w-])")
_STREET = re.compile(
    r"\b[A-Z][\w'’-]*(?:straat|laan|weg|plein|dijk|gracht|kade|singel|steeg|hof|dreef|markt|wal|pad|erf|"
    r"dam|burcht|oord|park)\s+\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?!\d|[.,:]\d)"
)
# A Dutch number: 0 or +31/0031, then nine digits, in groups divided by spaces, hyphens or
# parentheses. Dates, years and amounts have no leading 0 with nine more digits.
_PHONE = re.compile(r"(?<![\w+])(?:\+31|0031|\(0\)|0)[\s()-]*(?:\d[\s()-]*){8}\d(?![\w]|[.,-]\d)")
# Nine digits, written whole or as 123.456.789, 1234.56.789 or 123 456 789.
_NINE = re.compile(r"(?<![\w.,€$-])(?:\d{9}|\d{3}([ .])\d{3}\1\d{3}|\d{4}\.\d{2}\.\d{3})(?![\w]|[.,-]\d)")
_AMOUNT_AFTER = re.compile(r"\s*(?:euro|eur\b|,-)", re.IGNORECASE)
_MUNICIPALITY = re.compile(r"\b[Gg]emeente\s+(?:(?:de|het|den|'s|'t)\s+)?([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)*)")
# The same, never across a line end: a body is searched whole, and finds what a search line by line finds.
_MUNICIPALITY_ON_A_LINE = re.compile(_MUNICIPALITY.pattern.replace(r"\s+", r"[^\S\n]+"))

# Words that make a name an organisation, a group or a role, never one person.
_NOT_A_PERSON = ("gemeente", "provincie", "fonds", "stichting", "vereniging", "welzijn", "bewoner", "initiatief",
                 "organisatie", "team", "werk", "school", "bibliotheek", "corporatie", "netwerk", "platform", "raad",
                 "huis", "centrum", "kerk", "nederland", "buurt", "wijk", "dorp", "coöperatie", "collectief",
                 "kring", "bond", "instituut", "redactie", "groep", "comité", "bedrijf", "zorg", "moskee", "club")
# Words inside Dutch surnames ("Jan de Vries", "Fatma van den Berg").
_PARTICLES = frozenset({"van", "de", "der", "den", "het", "ter", "ten", "te", "op", "in", "'t", "’t", "la", "le", "el",
                        "al", "da", "di", "du", "von", "bin", "ben"})


def check_privacy(draft: Draft, vocabulary: Vocabulary) -> list[Problem]:
    """Give a warning (or, for a valid BSN, an error) for each piece of personal data in ``draft``."""
    out = Collector(draft.path)
    texts = _texts(draft.meta)
    # Most front matter has no digit and no '@' at all: one search over all its texts says so (#9).
    for at, text in texts if _has_digits("\0".join(text for _, text in texts)) else ():
        for code, found in personal_data(text):
            _report(out, draft.line(at), field_name(at), code, found)
    for index, row in _rows_with_digits(draft.body):
        for code, found in personal_data(row):
            _report(out, draft.body_line + index, "", code, found)
    if draft.kind == "stories":
        _actors(draft, out)
        _place(draft, vocabulary, texts, out)
    return out.problems


def personal_data(text: str) -> Iterator[tuple[str, str]]:
    """Give (kind, text) of each piece of personal data in ``text``, in order."""
    if not _MAYBE.search(text):  # every kind has a digit or an '@': most lines of prose have neither
        return
    text = _URL.sub(lambda m: " " * len(m.group()), text)
    found: list[tuple[int, str, str]] = []
    taken: list[range] = []

    def keep(start: int, end: int, kind: str) -> None:
        if not any(start < r.stop and r.start < end for r in taken):
            taken.append(range(start, end))
            found.append((start, kind, text[start:end]))

    for m in _EMAIL.finditer(text):
        keep(m.start(), m.end(), "email")
    for m in _PHONE.finditer(text):
        if sum(c.isdigit() for c in m.group()) in (10, 11, 13):  # 0 + 9, 31 + 9, 0031 + 9
            keep(m.start(), m.end(), "phone")
    for m in _NINE.finditer(text):
        if not _AMOUNT_AFTER.match(text, m.end()) and not text[:m.start()].rstrip().endswith(("€", "EUR")):
            digits = "".join(c for c in m.group() if c.isdigit())
            if elfproef(digits):
                keep(m.start(), m.end(), "bsn")
    for m in _POSTCODE.finditer(text):
        keep(m.start(), m.end(), "postcode")
    for m in _STREET.finditer(text):
        keep(m.start(), m.end(), "address")
    yield from ((kind, value) for _, kind, value in sorted(found))


def _rows_with_digits(text: str) -> Iterator[tuple[int, str]]:
    """Give (index, line) of each line of ``text`` with a digit or an '@', the only lines ``personal_data`` finds in.

    Looked for as plain text, a character at a time: a regular expression that tries every place
    of every line (``_MAYBE``, line by line) was a third of the check of a body (#9).
    """
    starts: set[int] = set()
    for char in _DIGITS_AND_AT:
        at = text.find(char)
        while at >= 0:
            starts.add(text.rfind("\n", 0, at) + 1)
            end = text.find("\n", at)
            at = text.find(char, end) if end >= 0 else -1
    row, counted = 0, 0  # lines counted as the lines found go, never from the start again
    for start in sorted(starts):
        row += text.count("\n", counted, start)
        counted = start
        end = text.find("\n", start)
        yield row, text[start:end if end >= 0 else len(text)]


def _has_digits(text: str) -> bool:
    """Give whether ``text`` has a digit or an '@' (as ``_MAYBE``, quicker on a long text)."""
    return any(char in text for char in _DIGITS_AND_AT)


def _municipalities(text: str, pattern: re.Pattern[str] = _MUNICIPALITY_ON_A_LINE) -> Iterator[re.Match[str]]:
    """Give what ``pattern.finditer(text)`` gives (a ``_MUNICIPALITY``), tried only where 'emeente' stands (#9)."""
    at = text.find("emeente", 1)
    while at >= 0:
        found = pattern.match(text, at - 1)
        at = text.find("emeente", (found.end() if found else at) + 1)
        if found:
            yield found


def elfproef(digits: str) -> bool:
    """Give whether nine digits pass the BSN check: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11."""
    if len(digits) != 9 or not digits.isdigit() or digits == "0" * 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total % 11 == 0


def looks_like_a_person(name: str) -> bool:
    """Give whether an actor's name reads as a person's name ('Jan de Vries'), not a group, role or body."""
    words = name.split()
    if not 1 <= len(words) <= 5 or any(stop in name.lower() for stop in _NOT_A_PERSON):
        return False
    if words[0].lower() in ("de", "het", "een") and len(words) > 1 and not _capitalised(words[1]):
        return False
    names = [w for w in words if w.lower() not in _PARTICLES]
    return bool(names) and all(_capitalised(w) for w in names) and all(w.isalpha() or "-" in w for w in names)


def _capitalised(word: str) -> bool:
    parts = word.replace("’", "'").split("-")
    return all(len(p) > 1 and p[0].isupper() and p[1:].replace("'", "").islower() for p in parts)


def _texts(meta: Any) -> list[tuple[At, str]]:
    """Give every text in the front matter with its field path, in the order written."""
    found: list[tuple[At, str]] = []

    def walk(at: At, value: Any) -> None:  # no deeper than the YAML reader allows (content.MAX_YAML_DEPTH)
        if isinstance(value, str):
            found.append((at, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(at + (str(key),), item)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(at + (index,), item)

    walk((), meta)
    return found


# The message of each kind of personal data; only a valid BSN is certain enough to stop a build.
CODES = {"email": "privacy_email", "phone": "privacy_phone", "bsn": "privacy_bsn", "postcode": "privacy_postcode",
         "address": "privacy_address"}


def _report(out: Collector, line: int, field: str, kind: str, found: str) -> None:
    # Problems end up in public CI logs and job summaries: show where the data is, never the data itself.
    out.add(line, field, CODES[kind], "hint_privacy_bsn" if kind == "bsn" else "hint_privacy_remove",
            warning=kind != "bsn", value=_masked(found))


def _masked(text: str) -> str:
    """Give ``text`` with all but its first two letters or digits hidden: '06-12345678' → '06-********'."""
    shown = 0
    out = []
    for char in text:
        if char.isalnum():
            out.append(char if shown < 2 else "*")
            shown += 1
        else:
            out.append(char)
    return "".join(out)


def _actors(draft: Draft, out: Collector) -> None:
    actors = draft.meta.get("actors")
    for index, actor in enumerate(actors if isinstance(actors, list) else ()):
        if not isinstance(actor, dict) or not isinstance(actor.get("name"), str):
            continue
        at: At = ("actors", index)
        name, person, consent = actor["name"], actor.get("person"), actor.get("consent")
        if person is True and consent is not True:
            out.add(draft.line(at + ("consent",) if "consent" in actor else at + ("person",)),
                    field_name(at + ("consent",)), "privacy_no_consent", "hint_privacy_consent", value=name)
        elif person is None and consent is not True and looks_like_a_person(name):
            out.add(draft.line(at + ("name",)), field_name(at + ("name",)), "privacy_person", "hint_privacy_person",
                    warning=True, value=name)


@functools.lru_cache(maxsize=4)
def _province_names(labels: tuple[str, ...]) -> re.Pattern[str] | None:
    """Give the pattern that finds a province's name in a text (made once per vocabulary)."""
    names = sorted(set(labels), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in names) + r")\b") if names else None


def _place(draft: Draft, vocabulary: Vocabulary, texts: list[tuple[At, str]], out: Collector) -> None:
    place = draft.meta.get("place")
    if not isinstance(place, dict) or place.get("anonymised") is not True:
        return
    for key in ("municipality", "province"):
        if place.get(key):
            out.add(draft.line(("place", key)), field_name(("place", key)), "privacy_named_place",
                    "hint_privacy_place", warning=True, value=place[key])
    labels = tuple(label for term in vocabulary.terms("provinces") for _, label in term.label)
    names = _province_names(labels)
    own = [(at, text) for at, text in texts if at[:1] != ("place",)]
    # Most front matter names no place: one search over all its texts says so (#9). Between them a NUL,
    # which no name spans and which ends a word as the end of a text does: what a search of each text
    # finds, this search finds too.
    if _names_a_place("\0".join(text for _, text in own), names, labels):
        for at, text in own:
            for value in _named_places(text, names):
                out.add(draft.line(at), field_name(at), "privacy_named_place", "hint_privacy_place", warning=True,
                        value=value)
    # The body is searched whole (not line by line: #9), and a line counted only where a name is found;
    # a province's pattern only when one of its names is in the body at all (a plain substring test).
    body = draft.body
    found: dict[int, list[str]] = {}
    provinces = names.finditer(body) if names and any(label in body for label in labels) else ()
    for matches in (_municipalities(body), provinces):
        row, counted = 0, 0  # lines counted as the matches go, never from the start again (a long body)
        for m in matches:
            row += body.count("\n", counted, m.start())
            counted = m.start()
            found.setdefault(row, []).append(m.group())
    for row in sorted(found):
        for value in dict.fromkeys(found[row]):
            out.add(draft.body_line + row, "", "privacy_named_place", "hint_privacy_place", warning=True, value=value)


def _named_places(text: str, names: re.Pattern[str] | None) -> list[str]:
    """Give each municipality ('gemeente Lees') and province named in ``text``, once, in the order found."""
    found = [m.group() for m in _MUNICIPALITY.finditer(text)] + (names.findall(text) if names else [])
    return list(dict.fromkeys(found))


def _names_a_place(text: str, names: re.Pattern[str] | None, labels: tuple[str, ...]) -> bool:
    """Give whether ``text`` names a municipality or a province (``names``, made of ``labels``)."""
    return bool(next(_municipalities(text, _MUNICIPALITY), None)
                or (names and any(label in text for label in labels) and names.search(text)))

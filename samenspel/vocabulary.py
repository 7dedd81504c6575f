"""The controlled vocabulary: actor types, roles, relation kinds, themes, outcomes, scales, provinces.

It lives in ``content/vocabulary.yml`` so that validation, term pages and (later) filters
and forms all read the one list, and editors change it without touching code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .content import Lines, load_yaml
from .content import line_of as _line
from .errors import Collector, Problem, describe, did_you_mean, field_name, suggest_or_list
from .folders import VOCABULARY_FILE
from .text import first_control, normal
from .urls import slugify

# Each list of the vocabulary, with the extra fields its terms carry.
KINDS: dict[str, tuple[str, ...]] = {
    "actor_types": ("color",),
    "roles": (),
    "relation_kinds": ("verb",),
    "themes": (),
    "outcome_types": (),
    "place_scales": (),
    "provinces": (),
}
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary list, with its labels and description per language."""

    key: str
    label: tuple[tuple[str, str], ...]
    description: tuple[tuple[str, str], ...]
    synonyms: tuple[str, ...] = ()
    color: str = ""
    verb: tuple[tuple[str, str], ...] = ()

    def label_in(self, lang: str) -> str:
        """Give the label in ``lang``, else in Dutch."""
        return _pick(self.label, lang) or self.key

    def description_in(self, lang: str) -> str:
        """Give the one-line description in ``lang``, else in Dutch."""
        return _pick(self.description, lang)

    def verb_in(self, lang: str) -> str:
        """Give the verb phrase of a relation kind in ``lang``, else its label."""
        return _pick(self.verb, lang) or self.label_in(lang).lower()


def _pick(pairs: tuple[tuple[str, str], ...], lang: str) -> str:
    found = dict(pairs)
    return found.get(lang) or found.get("nl") or ""


@dataclass(frozen=True)
class Vocabulary:
    """All vocabulary lists, keyed by list name and then by term key."""

    lists: tuple[tuple[str, tuple[Term, ...]], ...]

    def __hash__(self) -> int:  # computed once: every content file's check is keyed by the vocabulary
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash(self.lists)

    @cached_property
    def _index(self) -> dict[str, tuple[tuple[Term, ...], dict[str, Term], tuple[str, ...]]]:
        return {kind: (terms, {t.key: t for t in terms}, tuple(t.key for t in terms)) for kind, terms in self.lists}

    def terms(self, kind: str) -> tuple[Term, ...]:
        """Give the terms of one list, in the order the file gives them."""
        return self._index[kind][0] if kind in self._index else ()

    def term(self, kind: str, key: str) -> Term | None:
        """Give one term, or None when the key is not in the list."""
        return self._index[kind][1].get(key) if kind in self._index else None

    def keys(self, kind: str) -> tuple[str, ...]:
        """Give the keys of one list."""
        return self._index[kind][2] if kind in self._index else ()

    def aliases(self, kind: str) -> dict[str, str]:
        """Give the other words for each key of one list (labels and synonyms, lowercase)."""
        aliases: dict[str, str] = {}
        for term in self.terms(kind):
            for word in term.synonyms + tuple(label for _, label in term.label):
                aliases.setdefault(word.lower(), term.key)
        return aliases

    def suggest(self, kind: str, value: str) -> str | None:
        """Give the key meant by a mistyped value, using labels and synonyms too."""
        return did_you_mean(value, self.keys(kind), self.aliases(kind))


def term_snippet(kind: str, key: str) -> str:
    """Give one line of YAML that adds a term ``key`` to the list ``kind``, with placeholders to fill in.

    It is a flow mapping, so that a problem message can show it on its one line and it can be
    pasted as the last item of the list as it is.
    """
    placeholder = "{nl: …, en: …}"
    extras = {"color": '"#e5e7eb"', "verb": placeholder}
    fields = [f"key: {key}", f"label: {placeholder}", f"description: {placeholder}"]
    fields += [f"{name}: {extras[name]}" for name in KINDS.get(kind, ())]
    return "- {" + ", ".join(fields) + "}"


def parse_vocabulary(text: str, path: str = VOCABULARY_FILE) -> tuple[Vocabulary, list[Problem]]:
    """Give the Vocabulary in YAML ``text``, with the problems found in it."""
    data, lines, problems = load_yaml(text, path)
    if problems:
        return Vocabulary(()), problems
    out = Collector(path)
    if not isinstance(data, dict):
        out.add(1, "", "not_a_mapping", "hint_mapping", **describe(data))
        return Vocabulary(()), out.problems
    lists = []
    suggested = set()
    for name in data:
        if name not in KINDS:
            hint, extra = suggest_or_list(str(name), tuple(KINDS), "hint_field_suggestion", "hint_fields")
            suggested.add(extra.get("suggestion"))
            out.add(_line(lines, (name,)), str(name), "unknown_field", hint, name=name, **extra)
    for kind, extras in KINDS.items():
        raw = data.get(kind)
        if raw is None:
            if kind not in suggested:  # a misspelt name was already answered with this one
                out.add(1, kind, "missing", "hint_missing", name=kind)
            continue
        if not isinstance(raw, list):
            out.add(_line(lines, (kind,)), kind, "wrong_type", "hint_list", expected="@type_list", **describe(raw))
            continue
        lists.append((kind, tuple(_terms(kind, raw, extras, lines, out))))
    return Vocabulary(tuple(lists)), out.problems


def _terms(kind: str, raw: list[Any], extras: tuple[str, ...], lines: Lines, out: Collector) -> list[Term]:
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(raw):
        at = (kind, index)
        line = _line(lines, at)
        if not isinstance(item, dict):
            out.add(line, field_name(at), "wrong_type", "hint_mapping", expected="@type_term", **describe(item))
            continue
        key = item.get("key")
        if not isinstance(key, str) or not KEY.match(key):
            out.add(_line(lines, at + ("key",)), field_name(at + ("key",)), "bad_id", "hint_id",
                    value=key, suggestion=slugify(str(key or "")) or "eigen-regie")
            continue
        if key in seen:
            out.add(line, field_name(at + ("key",)), "duplicate_term", "hint_unique_term", value=key)
            continue
        seen[key] = line
        label = _languages(item.get("label"), at + ("label",), lines, out)
        if not label and item.get("label") is None:  # a label with a mistake in it is reported as that
            out.add(line, field_name(at + ("label",)), "missing", "hint_missing", name="label")
        description = _languages(item.get("description"), at + ("description",), lines, out)
        synonyms = item.get("synonyms") or []
        if not isinstance(synonyms, list):
            out.add(_line(lines, at + ("synonyms",)), field_name(at + ("synonyms",)), "wrong_type", "hint_list",
                    expected="@type_list", **describe(synonyms))
            synonyms = []
        synonyms = [s for i, s in enumerate(synonyms) if _clean(s, at + ("synonyms", i), lines, out) is not None]
        color = ""
        if "color" in extras:
            color = str(item.get("color", ""))
            if not COLOR.match(color):
                out.add(_line(lines, at + ("color",)), field_name(at + ("color",)), "bad_color", "hint_color",
                        value=color)
                color = ""
        verb = _languages(item.get("verb"), at + ("verb",), lines, out) if "verb" in extras else ()
        terms.append(Term(key, label, description, tuple(normal(str(s)) for s in synonyms), color, verb))
    return terms


def _languages(value: Any, at: tuple[str | int, ...], lines: Lines, out: Collector) -> tuple[tuple[str, str], ...]:
    """Give a {nl: …, en: …} field as sorted pairs; plain text counts as Dutch."""
    if value is None:
        return ()
    if isinstance(value, str):
        text = _clean(value, at, lines, out)
        return (("nl", text),) if text is not None else ()
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        out.add(_line(lines, at), field_name(at), "wrong_type", "hint_mapping", expected="{nl: …, en: …}",
                **describe(value))
        return ()
    pairs = ((str(k), _clean(v, at + (str(k),), lines, out)) for k, v in value.items())
    return tuple(sorted((k, v) for k, v in pairs if v is not None))


def _clean(value: Any, at: tuple[str | int, ...], lines: Lines, out: Collector) -> str | None:
    """Give a text of the vocabulary in NFC, or None (reporting it) when it holds a control character."""
    text = normal(str(value))
    char = first_control(text)
    if char:
        out.add(_line(lines, at), field_name(at), "control_char", "hint_control_char", char=char)
        return None
    return text

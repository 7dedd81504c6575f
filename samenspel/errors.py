"""Problems found in content, collected rather than raised, and how they are worded."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .messages import WORDS, message, ordinal, word


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where it is, what it is and how to fix it."""

    path: str
    line: int
    field: str
    code: str
    params: tuple[tuple[str, str], ...] = ()
    hint: str = ""
    hint_params: tuple[tuple[str, str], ...] = ()
    warning: bool = False

    def sort_key(self) -> tuple[str, int, str, str]:
        """Give the key that orders problems by file, line and field."""
        return (self.path, self.line, self.field, self.code)

    def text(self, lang: str = "nl") -> str:
        """Give the problem as one line: ``path:line: field: what — hint``."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = message(self.code, lang, dict(self.params))
        if self.field:
            what = f"{place(self.field, lang)}: {what}"
        if self.hint:
            what = f"{what} — {message(self.hint, lang, dict(self.hint_params))}"
        if self.code.startswith("yaml_"):  # the rest of the file could not be checked yet: say so
            what = f"{what} — {message('more_follow', lang, {})}"
        if self.warning:
            what = f"{message('warning', lang, {})}: {what}"
        return printable(f"{where}: {what}")


# Control characters and bidirectional overrides: in a file name, a key or a value they could
# rewrite the terminal or CI log that shows the problem ("\x1b[2J", "\r", U+202E), so they are shown escaped.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """Give ``text`` with control and bidi override characters written as escapes."""
    return _UNPRINTABLE.sub(lambda m: _ESCAPES.get(m.group()) or f"\\u{ord(m.group()):04x}", text)


def problem(
    path: str,
    line: int,
    field_: str,
    code: str,
    hint: str = "",
    *,
    warning: bool = False,
    **params: Any,
) -> Problem:
    """Give a Problem, turning the keyword parameters into its message parameters."""
    # Values from content are cut short; lists the tool made itself (choices) are shown whole.
    items = tuple(sorted((k, _show(v) if k not in _WHOLE else str(v)) for k, v in params.items()))
    return Problem(path, line, field_, code, items, hint, items, warning)


_WHOLE = frozenset({"choices", "other", "folder", "snippet"})


def _show(value: object) -> str:
    """Give a short, printable rendering of a value from content."""
    text = value if isinstance(value, str) else _written(value)
    text = text.replace("\n", "\\n")
    return text if len(text) <= 80 else text[:77] + "..."


def _written(value: object) -> str:
    """Give a value from content as YAML or TOML would write it, never as Python shows it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, bytes):
        return "!!binary"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_written(k)}: {_written(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (set, frozenset)):
        return "[" + ", ".join(sorted(_written(v) for v in value)) + "]"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_written(v) for v in value) + "]"
    return str(value)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """Give only the problems that stop a build."""
    return [p for p in problems if not p.warning]


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Give problems sorted by file, line and field, without duplicates."""
    return sorted(set(problems), key=Problem.sort_key)


def field_name(path: Sequence[str | int]) -> str:
    """Give a field path as contributors read it, e.g. ``actors[1].type``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


_PARTS = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def place(field_: str, lang: str) -> str:
    """Give a field path with each list item in it counted as a reader counts, e.g. ``4e actor (actors[3].roles)``.

    The path stays in brackets, because editors and tests search for it; a path without an
    index is given as it is.
    """
    counted = []
    name = ""
    for match in _PARTS.finditer(field_):
        index, part = match.groups()
        if index is None:
            name = part
            continue
        counted.append(f"{ordinal(int(index) + 1, lang)} {word(_item_word(name), lang)}")
        name = ""  # a list directly in a list has no name of its own
    return f"{', '.join(counted)} ({field_})" if counted else field_


def _item_word(name: str) -> str:
    """Give the WORDS key naming one item of the list ``name``."""
    for key in (f"item_{name}", f"kind_{name}"):
        if key in WORDS:
            return key
    return "item_other"


# How alike a value and a known one must be (difflib's ratio) to be suggested: 0.75 catches a
# letter dropped, doubled or swapped ('eigen-regi', 'gemeent', 'anonymized'), not a word that
# merely shares letters ('sport' is not 'poverty'); a suggestion that is no near match misleads.
NEAR = 0.75


def did_you_mean(value: str, choices: Iterable[str], aliases: dict[str, str] | None = None) -> str | None:
    """Give the known value closest to ``value``, also via synonyms, or None."""
    choices = list(choices)
    lowered = value.strip().lower()
    aliases = aliases or {}
    for candidate in choices:
        if candidate.lower() == lowered:
            return candidate
    if lowered in aliases:
        return aliases[lowered]
    pool = {c.lower(): c for c in choices}
    pool.update({a: k for a, k in aliases.items() if a not in pool})
    close = difflib.get_close_matches(lowered, list(pool), n=1, cutoff=NEAR)
    if close:
        return pool[close[0]]
    prefix = [c for c in choices if c.lower().startswith(lowered) or lowered.startswith(c.lower())]
    return prefix[0] if len(prefix) == 1 and lowered else None


def suggest_or_list(value: str, choices: Sequence[str], suggestion_hint: str, choices_hint: str,
                    aliases: dict[str, str] | None = None) -> tuple[str, dict[str, Any]]:
    """Give the hint for a value that is not one of ``choices``: the near one, else the choices.

    Both hints get ``choices`` (a dash when there are none), so a message may show them either way.
    """
    listed = ", ".join(choices) or "-"
    guess = did_you_mean(value, choices, aliases)
    if guess:
        return suggestion_hint, {"suggestion": guess, "choices": listed}
    return choices_hint, {"choices": listed}


def describe(value: Any) -> dict[str, Any]:
    """Give the message parameters naming the YAML type of ``value`` (and a glimpse of it)."""
    if value is None:
        return {"got": "@type_none", "detail": ""}
    if isinstance(value, bool):
        return {"got": "@type_bool", "detail": f" ({str(value).lower()})"}
    if isinstance(value, (int, float)):
        return {"got": "@type_number", "detail": f" ({value})"}
    if isinstance(value, str):
        return {"got": "@type_text", "detail": f" ('{value if len(value) <= 40 else value[:37] + '...'}')"}
    if isinstance(value, list):
        return {"got": "@type_list", "detail": ""}
    if isinstance(value, dict):
        return {"got": "@type_mapping", "detail": ""}
    if isinstance(value, dt.date):
        return {"got": "@type_date", "detail": f" ({value.isoformat()})"}
    if isinstance(value, dt.time):  # TOML has times of day
        return {"got": "@type_time", "detail": f" ({value.isoformat()})"}
    if isinstance(value, bytes):
        return {"got": "@type_binary", "detail": ""}
    if isinstance(value, (set, frozenset)):
        return {"got": "@type_set", "detail": ""}
    if isinstance(value, tuple):  # an item of !!omap or !!pairs
        return {"got": "@type_pair", "detail": ""}
    return {"got": "@type_other", "detail": ""}  # never a Python type name


@dataclass
class Collector:
    """Gathers the problems of one file, giving each the file's path."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, line: int, field_: str, code: str, hint: str = "", *, warning: bool = False,
            **params: Any) -> None:
        """Record one problem in this file."""
        self.problems.append(problem(self.path, line, field_, code, hint, warning=warning, **params))

"""Why YAML could not be read, in a contributor's terms: the line where the mistake starts, and which one.

The YAML reader stops where it can no longer make sense of the text, which is often lines
after the mistake: an unclosed quote on line 3 swallows everything up to the next quote and
fails on line 11. ``cause`` looks back from that point for the common mistakes — a quote or
bracket that is not closed, text after a closing quote, a colon inside a value, a line
indented too far or not far enough, a tab, a missing space — and names the line where each
begins. It reads only the text; anything it does not recognise is left to the reader's own words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# What comes before a line's value: indentation, list dashes and a plain 'key:' (quoted and
# flow keys are rare in front matter and not looked into).
_BEFORE_VALUE = re.compile(r"[ \t]*(?:-[ \t]+)*(?:[^\s\"'#{}\[\],][^:]*?:(?:[ \t]+|$))?")
_KEY_WITHOUT_SPACE = re.compile(r"[ \t]*(?:-[ \t]+)*[A-Za-z_][\w-]*:[^\s:]")
_DASH_WITHOUT_SPACE = re.compile(r"[ \t]*-[^\s-]")
_BLOCK = re.compile(r"(?:^|[ \t])[|>][-+0-9]*[ \t]*(?:#.*)?$")
# Characters YAML keeps for itself at the start of a plain value ('!' tags are refused on purpose elsewhere).
_RESERVED = "@`%*&"


@dataclass(frozen=True)
class Cause:
    """The mistake behind a YAML error: the line (counted from 0) where it starts, its message and hint."""

    line: int
    code: str
    hint: str
    char: str = ""


def cause(text: str, line: int, column: int, problem: str, context: str = "",
          context_line: int | None = None) -> Cause | None:
    """Give the mistake behind the reader's ``problem`` at ``line``:``column``, or None when it is not a known one."""
    rows = text.split("\n")
    line = min(max(line, 0), len(rows) - 1)
    quote = _quote(rows, line)
    if quote is not None:
        return quote
    if context.startswith("while parsing a flow") and context_line is not None:
        return Cause(context_line, "yaml_bracket", "hint_yaml_bracket")
    row = rows[line]
    if "tab" in problem or "'\\t'" in problem:
        return Cause(line, "yaml_tab", "hint_yaml_tab")
    before = _previous(rows, line)
    if problem.startswith("mapping values are not allowed"):
        head = row[:column]
        if ": " in head.lstrip(" -"):
            return Cause(line, "yaml_colon", "hint_yaml_colon")
        if before is not None and _KEY_WITHOUT_SPACE.match(rows[before]):
            return Cause(before, "yaml_space", "hint_yaml_space")
        if before is not None and _indent(row) > _indent(rows[before]):
            return Cause(before, "yaml_indent_after", "hint_yaml_indent_after")
        return None
    if problem.startswith("did not find expected"):
        if before is not None and _DASH_WITHOUT_SPACE.match(rows[before]):
            return Cause(before, "yaml_dash", "hint_yaml_dash")
        if problem in ("did not find expected key", "did not find expected '-' indicator"):
            return Cause(line, "yaml_indent", "hint_yaml_indent")
    start = _BEFORE_VALUE.match(row)
    value = row[start.end():] if start else ""
    if value[:1] and value[0] in _RESERVED:
        return Cause(line, "yaml_reserved", "hint_yaml_reserved", value[0])
    return None


def _quote(rows: list[str], upto: int) -> Cause | None:
    """Give the first quoted value up to line ``upto`` that is not closed, or has text after its closing quote."""
    index, block = 0, -1
    while index <= upto:
        row = rows[index]
        if block >= 0 and (not row.strip() or _indent(row) > block):  # inside a '|' or '>' text: quotes are letters
            index += 1
            continue
        start = _BEFORE_VALUE.match(row)
        at = start.end() if start else 0
        block = _indent(row) if _BLOCK.search(row) else -1
        if row.lstrip().startswith("#") or at >= len(row) or row[at] not in "\"'":
            index += 1
            continue
        mark, end, column = row[at], index, at + 1
        closed = _closing(rows[end], column, mark)
        while closed is None:  # a quoted value may go on over several lines: follow it
            end += 1
            if end >= len(rows):
                return Cause(index, "yaml_quote", "hint_yaml_quote")
            closed = _closing(rows[end], 0, mark)
        rest = rows[end][closed + 1:].strip()
        if rest and not rest.startswith(("#", ":")):  # ':' after a quote: it was a quoted key
            # Closed on a later line with text after it: the quote on the first line was never meant to run on.
            return Cause(index, "yaml_quote" if end > index else "yaml_after_quote",
                         "hint_yaml_quote" if end > index else "hint_yaml_inner_quote")
        index = end + 1
    return None


def _closing(row: str, start: int, mark: str) -> int | None:
    """Give the column of the quote that closes a value in ``row`` from ``start``, or None."""
    column = start
    while column < len(row):
        char = row[column]
        if mark == '"' and char == "\\":
            column += 2
            continue
        if char == mark:
            if mark == "'" and row[column + 1:column + 2] == "'":  # '' is a quote inside single quotes
                column += 2
                continue
            return column
        column += 1
    return None


def _previous(rows: list[str], line: int) -> int | None:
    """Give the nearest line before ``line`` with something on it (not blank, not only a comment)."""
    for index in range(min(line, len(rows)) - 1, -1, -1):
        stripped = rows[index].strip()
        if stripped and not stripped.startswith("#"):
            return index
    return None


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip(" "))

"""One rule for all text from content, the vocabulary and ``site.toml``: NFC, and no control characters.

Text is compared, sorted, slugged and published in Unicode NFC, so a title typed in
decomposed form (as some macOS tools save it) is the same title. C0 controls other than tab
and newline, DEL and C1 controls are invalid in HTML, can hide text from reviewers and can
rewrite the terminal of whoever reads the built site: they are refused where a contributor
wrote them, and removed where they could only come from a character reference (``&#27;``).
Bidirectional overrides (U+202E) are ordinary text on a page and shown escaped in problems.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Carriage returns never get here from a file: decode() turns them into newlines first.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normal(text: str) -> str:
    """Give ``text`` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def controls(text: str) -> Iterator[tuple[int, str]]:
    """Give the index of each control character in ``text`` and the character written as ``\\u001b``."""
    for found in CONTROL.finditer(text):
        yield found.start(), f"\\u{ord(found.group()):04x}"


def first_control(text: str) -> str | None:
    """Give the first control character in ``text`` written as ``\\u001b``, or None when it has none."""
    return next((char for _, char in controls(text)), None)


def without_controls(text: str) -> str:
    """Give ``text`` with every control character removed."""
    return CONTROL.sub("", text)

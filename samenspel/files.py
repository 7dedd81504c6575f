"""The contributor commands' own reads and writes, at the edge like ``project`` and ``write``.

``check --format github`` appends to the job summary; ``new`` and ``from-issue`` create one
story file (never replacing one); ``schema`` writes the JSON Schema files; ``from-issue``
reads the issue body. Everything they write is made first, in memory, by pure functions.
"""
from __future__ import annotations

from pathlib import Path


def append_text(path: Path, text: str) -> None:
    """Add ``text`` at the end of the file at ``path`` (made when missing)."""
    with open(path, "a", encoding="utf-8") as file:
        file.write(text)

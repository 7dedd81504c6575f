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


def read_text(path: Path) -> str:
    """Give the text of the UTF-8 file at ``path``."""
    return path.read_text(encoding="utf-8")


def create_file(path: Path, text: str) -> bool:
    """Write ``text`` into a new file at ``path``; give False, writing nothing, when a file is there already."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as file:  # 'x': refused by the system when it exists, no race
            file.write(text)
    except FileExistsError:
        return False
    return True


def write_text(path: Path, text: str) -> None:
    """Write ``text`` into the file at ``path``, replacing it: for files the tool makes (``schema``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")

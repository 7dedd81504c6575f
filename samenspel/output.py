"""A file of the built site, as the render stage gives it and the writer writes it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    """One file of the built site: where it goes (relative to the output folder) and its bytes."""

    path: str
    data: bytes

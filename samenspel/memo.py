"""What the pure stages need from a memo: the protocol, and the memo that remembers nothing.

The build (``pipeline.build_site``) asks a memo for each result it could reuse, naming the
stage and everything the result is made from. ``rebuild.Remember`` keeps results between
builds; ``FORGET``, the default, makes each one afresh. The stages never know which.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")


class Memo(Protocol):
    """Gives a stage's result for ``key``: kept from an earlier build, or made now."""

    def wants(self, stage: str) -> bool:
        """Give whether results of ``stage`` may be kept: if not, its keys need not be worked out."""
        ...

    def get(self, stage: str, key: Hashable, make: Callable[[], T]) -> T: ...

    def get_many(self, stage: str, keys: Sequence[Hashable], make: Callable[[list[int]], list[T]]) -> list[T]:
        """Give the result for each key; ``make`` gets the places of the keys not kept, and makes those at once."""
        ...


class Forget:
    """The memo of a one-off build: every result is made afresh."""

    def wants(self, stage: str) -> bool:
        return False

    def get(self, stage: str, key: Hashable, make: Callable[[], T]) -> T:
        return make()

    def get_many(self, stage: str, keys: Sequence[Hashable], make: Callable[[list[int]], list[T]]) -> list[T]:
        return make(list(range(len(keys))))


FORGET = Forget()

"""What the pure stages need from a memo: the protocol, and the memo that remembers nothing.

The build (``pipeline.build_site``) asks a memo for each result it could reuse, naming the
stage and everything the result is made from. ``rebuild.Remember`` keeps results between
builds; ``FORGET``, the default, makes each one afresh. The stages never know which.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")


class Memo(Protocol):
    """Gives a stage's result for ``key``: kept from an earlier build, or made now."""

    # Whether kept results live in this process only, so keys may name objects by their identity (``Same``).
    in_process: bool

    def wants(self, stage: str) -> bool:
        """Give whether results of ``stage`` may be kept: if not, its keys need not be worked out."""
        ...

    def get(self, stage: str, key: Hashable, make: Callable[[], T]) -> T: ...

    def get_many(self, stage: str, keys: Sequence[Hashable], make: Callable[[list[int]], list[T]]) -> list[T]:
        """Give the result for each key; ``make`` gets the places of the keys not kept, and makes those at once."""
        ...

    def same(self, stage: str, key: Hashable, value: T) -> T:
        """Give the value kept under ``key`` when it equals ``value`` (else ``value``, kept now).

        So an unchanged result is the very object it was, and what is made from it can be
        known by its identity (``Same``) instead of by its content.
        """
        ...


class Forget:
    """The memo of a one-off build: every result is made afresh."""

    in_process = True  # nothing is kept, so no key is ever compared

    def wants(self, stage: str) -> bool:
        return False

    def get(self, stage: str, key: Hashable, make: Callable[[], T]) -> T:
        return make()

    def get_many(self, stage: str, keys: Sequence[Hashable], make: Callable[[list[int]], list[T]]) -> list[T]:
        return make(list(range(len(keys))))

    def same(self, stage: str, key: Hashable, value: T) -> T:
        return value


FORGET = Forget()


class Same:
    """A part of a memo key that equals another only when both hold the very same objects, in the same order.

    For results a memo gives back unchanged, and so as the same objects (``Memo.same``):
    hashing and comparing their content at every rebuild is what took the preview's time
    (#9), their identity costs nothing. The key holds the objects, so no other object can
    take their ids while it is kept.
    """

    __slots__ = ("_ids", "_hash", "_values")

    def __init__(self, values: Iterable[object]) -> None:
        self._values = tuple(values)
        self._ids = tuple(map(id, self._values))
        self._hash = hash(self._ids)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and self._ids == other._ids

    def __repr__(self) -> str:
        return f"Same({len(self._ids)} objects)"


def outlined(memo: Memo, stage: str, outline: Hashable | None, make: Callable[[], T]) -> T:
    """Give ``make()``, kept under ``outline`` (what stands for all it is made from); without one, made now."""
    return make() if outline is None else memo.get(stage, outline, make)

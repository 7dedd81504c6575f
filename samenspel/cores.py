"""Spread a stage's work over the machine's cores, giving results in the order of the work.

The worker processes are forked from the build, so they start with everything the stage
has made so far (the site, the templates) and only the results travel back. The results
come back in order, so the output is byte-identical with one core or all of them.

Forking is safe only in a process without other threads: the one-off ``build`` and
``check`` use it; the preview (which runs a watcher thread and a web server) builds on one
core, and redoes little after the first build anyway.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
Done = Callable[[int, int], None]


def _nothing(done: int, total: int) -> None:
    return None


# Below this many items the cost of starting workers is more than what they save.
WORTH_SPREADING = 64
# At most this many items in a chunk of work: the results of a chunk travel back, and wait, together.
CHUNK = 256
# The work of the stage being spread: set just before forking, so the workers inherit it.
_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def available() -> int:
    """Give the number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Cores:
    """Maps a function over items, on ``count`` worker processes when that pays."""

    def __init__(self, count: int = 1) -> None:
        # Forking is safe on Linux only (macOS may crash in system libraries after a fork).
        self.count = max(1, count) if sys.platform.startswith("linux") else 1

    def map(self, function: Callable[[T], R], items: Sequence[T], done: Done = _nothing) -> list[R]:
        """Give ``[function(item) for item in items]``, computed in parallel when worth it.

        ``done(n, total)`` is told how many items are finished, as they finish.
        """
        return list(self.each(function, items, done))

    def each(self, function: Callable[[T], R], items: Sequence[T], done: Done = _nothing) -> Iterator[R]:
        """Give ``function(item)`` for each item in order, as soon as it is ready, computed in parallel when worth it.

        Only a few chunks of results are held at a time: a stage that hands each result on
        (the pages, to the writer) never has them all in memory.
        """
        if self.count == 1 or len(items) < WORTH_SPREADING:
            for finished, item in enumerate(items, 1):
                yield function(item)
                done(finished, len(items))
            return
        global _work
        _work = (function, items)
        # Several chunks per worker, so a worker that got the heavier pages does not hold up the rest;
        # small enough that the results of one chunk are a small part of the whole.
        size = max(1, min(CHUNK, -(-len(items) // (self.count * 4))))
        chunks = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
        finished = 0
        # What the workers inherit is set aside from the collector (in them and here) until they end: its
        # passes would look through all of it, and in a worker write to every object's header, copying
        # the parent's memory page by page (Python's gc.freeze advice for forking).
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(self.count) as pool:
                for part in pool.imap(_run, chunks):  # in order, as they come
                    finished += len(part)
                    yield from part
                    done(finished, len(items))
        finally:
            _work = None
            gc.unfreeze()

def _run(chunk: tuple[int, int]) -> list[Any]:
    """Give the results of one chunk of the work, in a worker."""
    assert _work is not None, "the work is set before the workers are forked"
    function, items = _work
    return [function(items[index]) for index in range(*chunk)]


ONE = Cores(1)

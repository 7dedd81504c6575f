"""Rebuild again and again, redoing only what changed: the recipe wrapped in a memo.

The stages of ``pipeline.build_site`` stay pure; they ask a memo for every result they
could reuse, naming the stage and everything the result is made from (a file's text and
the vocabulary; a body and the links between files; a page's job and what every page
shows). ``Remember`` keeps those results from one build to the next, and ``Rebuilder``
adds the snapshot of the files, read again only where their time or size changed.

What a page shows is listed in ``render.page_jobs`` (``PageJob.shows``) for the layouts
in layouts/: a layout changed to show more of the site must list it there too, or the
preview may keep such a page from before an edit (a build never does: it keeps nothing).
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Hashable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

from .cores import ONE, Cores
from .pipeline import Built, Progress, build_site, image_cache, quiet
from .project import Project, read_project

T = TypeVar("T")


class Remember:
    """A memo that keeps each stage's results for the next build.

    Only what a finished build used is kept, so it never holds more than one site; a build
    stopped by problems keeps what the last finished build had too, so fixing the mistake
    redoes only the file it was in.
    """

    in_process = True  # results live in this process only: keys may hold objects by their identity (memo.Same)

    def __init__(self) -> None:
        # By stage, then by key: a key is hashed once or twice per build, not as part of a (stage, key) pair four
        # times (at 10,000 stories that hashing was a tenth of a rebuild, #9).
        self._kept: dict[str, dict[Hashable, Any]] = {}
        self._used: dict[str, dict[Hashable, Any]] = {}
        # What ``same`` was given, by stage and name: kept over builds that do not ask, as a name stands for one
        # file or page, so a story edited after others were is still known by its unchanged parts.
        self._same: dict[str, dict[Hashable, Any]] = {}
        self.made: dict[str, int] = {}  # per stage, results made rather than reused in the last build

    def wants(self, stage: str) -> bool:
        return True

    def get(self, stage: str, key: Hashable, make: Callable[[], T]) -> T:
        used = self._used.setdefault(stage, {})
        value = self._kept.get(stage, _EMPTY).get(key, _NOTHING)
        if value is _NOTHING:
            value = used.get(key, _NOTHING)
            if value is _NOTHING:
                value = make()
                self.made[stage] = self.made.get(stage, 0) + 1
        used[key] = value
        return cast(T, value)

    def get_many(self, stage: str, keys: Sequence[Hashable], make: Callable[[list[int]], list[T]]) -> list[T]:
        used = self._used.setdefault(stage, {})
        kept = self._kept.get(stage, _EMPTY)
        values: list[Any] = []
        missing: list[int] = []
        for i, key in enumerate(keys):
            value = kept.get(key, _NOTHING)
            if value is _NOTHING:
                value = used.get(key, _NOTHING)
                if value is _NOTHING:
                    missing.append(i)
                    values.append(None)
                    continue
            used[key] = value
            values.append(value)
        if missing:
            made = make(missing)
            self.made[stage] = self.made.get(stage, 0) + len(made)
            for i, value in zip(missing, made, strict=True):
                value = used.setdefault(keys[i], value)  # a key asked twice gets the first value made
                values[i] = value
        return values

    def same(self, stage: str, key: Hashable, value: T) -> T:
        known = self._same.setdefault(stage, {})
        found = known.get(key, _NOTHING)
        # Of one type and equal: the values the stages make (frozen dataclasses, tuples, strings, numbers, dates)
        # then show the same in every page.
        if found is value or (type(found) is type(value) and found == value):
            return found
        known[key] = value
        return value

    def finish(self, complete: bool) -> None:
        """End a build: keep what it used (and, when it stopped early, what was kept before)."""
        if not complete:
            for stage, kept in self._kept.items():
                self._used[stage] = {**kept, **self._used.get(stage, {})}
        self._kept = self._used
        self._used = {}
        self.made = {}

    def forget(self) -> None:
        """Drop everything, as after a failure of the engine itself."""
        self._kept, self._used, self._same, self.made = {}, {}, {}, {}


_NOTHING = object()
_EMPTY: dict[Hashable, Any] = {}


FULL_ROUND = 50


class Rebuilder:
    """Builds one project again and again, each time from a fresh snapshot, reusing what it can.

    ``long_lived`` (the preview's process, which does nothing else): after each build
    what it keeps is set aside from the garbage collector's rounds (``gc.freeze``). At
    10,000 stories a full round went through the whole kept site after most edits (1.2-1.6 s
    of a 2-3 s rebuild, #9); now the rounds go through what the last builds made, and only
    every ``FULL_ROUND`` builds through everything, so cycles that became garbage are freed.
    """

    def __init__(self, root: Path, *, preview: bool = True, base_url: str | None = None,
                 long_lived: bool = False) -> None:
        self.root = root
        self.preview = preview
        self.base_url = base_url
        self.memo = Remember()
        self.images = image_cache(root)  # pictures processed before, also by an earlier run or build
        self.project: Project | None = None
        self.long_lived = long_lived
        self._builds = 0  # since the last full round of the collector

    def build(self, progress: Progress = quiet, changed: Collection[str] | None = None,
              cores: Cores = ONE) -> Built:
        """Read what changed and build the site again, in memory.

        ``changed``: the paths changed since the last build, as the watcher saw them (``None``:
        not known, every file's time and size is looked at). ``cores``: only where no other
        thread runs (``cores``), as before the preview's watcher starts.
        """
        self.project = read_project(self.root, self.project, changed=changed)
        project = self.project.with_base_url(self.base_url) if self.base_url else self.project
        try:
            built = build_site(project, preview=self.preview, memo=self.memo, progress=progress, images=self.images,
                               cores=cores)
        except BaseException:
            self.memo.forget()
            raise
        built.timings.insert(0, ("read", self.project.seconds))
        self.memo.finish(complete=built.ok)
        if self.long_lived:
            self._set_aside()
        return built

    def _set_aside(self) -> None:
        """Set what is alive now aside from the collector's rounds; every ``FULL_ROUND`` builds go through all first."""
        self._builds += 1
        if self._builds > FULL_ROUND:
            self._builds = 0
            gc.unfreeze()
            gc.collect()
        gc.freeze()

    def forget(self) -> None:
        """Start afresh: the next build reads and makes everything again."""
        self.memo.forget()
        self.project = None

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

from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

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
        self._kept: dict[tuple[str, Hashable], Any] = {}
        self._used: dict[tuple[str, Hashable], Any] = {}
        # What ``same`` was given, by stage and name: kept over builds that do not ask, as a name stands for one
        # file or page, so a story edited after others were is still known by its unchanged parts.
        self._same: dict[tuple[str, Hashable], Any] = {}
        self.made: dict[str, int] = {}  # per stage, results made rather than reused in the last build

    def wants(self, stage: str) -> bool:
        return True

    def get(self, stage: str, key: Hashable, make: Callable[[], T]) -> T:
        entry = (stage, key)
        if entry in self._used:
            return cast(T, self._used[entry])
        if entry in self._kept:
            value = self._kept[entry]
        else:
            value = make()
            self.made[stage] = self.made.get(stage, 0) + 1
        self._used[entry] = value
        return cast(T, value)

    def get_many(self, stage: str, keys: Sequence[Hashable], make: Callable[[list[int]], list[T]]) -> list[T]:
        used, kept = self._used, self._kept
        entries = [(stage, key) for key in keys]
        missing = [i for i, entry in enumerate(entries) if entry not in used and entry not in kept]
        made = dict(zip(missing, make(missing), strict=True)) if missing else {}
        if made:
            self.made[stage] = self.made.get(stage, 0) + len(made)
        values = []
        for i, entry in enumerate(entries):
            value = made[i] if i in made else used[entry] if entry in used else kept[entry]
            used[entry] = value
            values.append(value)
        return values

    def same(self, stage: str, key: Hashable, value: T) -> T:
        entry = (stage, key)
        known = self._same.get(entry, _NOTHING)
        if known is value:
            return known
        # Of one type and equal: the values the stages make (frozen dataclasses, tuples, strings, numbers, dates)
        # then show the same in every page.
        if type(known) is type(value) and known == value:
            return known
        self._same[entry] = value
        return value

    def finish(self, complete: bool) -> None:
        """End a build: keep what it used (and, when it stopped early, what was kept before)."""
        self._kept = self._used if complete else {**self._kept, **self._used}
        self._used = {}
        self.made = {}

    def forget(self) -> None:
        """Drop everything, as after a failure of the engine itself."""
        self._kept, self._used, self._same, self.made = {}, {}, {}, {}


_NOTHING = object()


class Rebuilder:
    """Builds one project again and again, each time from a fresh snapshot, reusing what it can."""

    def __init__(self, root: Path, *, preview: bool = True, base_url: str | None = None) -> None:
        self.root = root
        self.preview = preview
        self.base_url = base_url
        self.memo = Remember()
        self.images = image_cache(root)  # pictures processed before, also by an earlier run or build
        self.project: Project | None = None

    def build(self, progress: Progress = quiet) -> Built:
        """Read what changed and build the site again, in memory."""
        self.project = read_project(self.root, self.project)
        project = self.project.with_base_url(self.base_url) if self.base_url else self.project
        try:
            built = build_site(project, preview=self.preview, memo=self.memo, progress=progress, images=self.images)
        except BaseException:
            self.memo.forget()
            raise
        built.timings.insert(0, ("read", self.project.seconds))
        self.memo.finish(complete=built.ok)
        return built

    def forget(self) -> None:
        """Start afresh: the next build reads and makes everything again."""
        self.memo.forget()
        self.project = None

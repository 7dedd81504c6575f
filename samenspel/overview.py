"""'Wie betaalt, wie bepaalt': across all stories, which kind of actor does what to which other kind.

Relations are counted by actor TYPE, not by name, and per story: a cell holds the stories
in which an actor of one type has a relation of one kind, whoever it is with.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .model import Site, TermUse

# The theme of stories in which the one who paid also decided; the overview points to its page.
PAYS_AND_DECIDES = "betalen-en-bepalen"


@dataclass(frozen=True)
class StoryLink:
    """A story as the overview lists it."""

    slug: str
    url: str
    title: str


@dataclass(frozen=True)
class Cell:
    """The stories in which an actor of type ``source`` has a relation of ``kind``, by the other side's type."""

    source: str
    kind: str
    stories: tuple[StoryLink, ...]
    targets: tuple[tuple[str, tuple[StoryLink, ...]], ...]


@dataclass(frozen=True)
class Overview:
    """The matrix: actor types that act (rows), relation kinds (columns), and the filled cells."""

    sources: tuple[str, ...]
    kinds: tuple[str, ...]
    cells: tuple[Cell, ...]

    @cached_property
    def _by_key(self) -> dict[tuple[str, str], Cell]:
        return {(c.source, c.kind): c for c in self.cells}

    def cell(self, source: str, kind: str) -> Cell | None:
        """Give the cell of a row and a column, or None when no story has it."""
        return self._by_key.get((source, kind))


def who_pays(site: Site) -> Overview:
    """Give the overview of the site's stories, rows and columns in the vocabulary's order."""
    # (source type, kind) → target type → stories, as the keys of a dict: in order, each once, and
    # found at once (a list's `in` made this grow with the square of the stories: 6 s at 10,000).
    found: dict[tuple[str, str], dict[str, dict[StoryLink, None]]] = {}
    for story in site.stories:
        link = StoryLink(story.slug, story.url, story.meta.title)
        for relation in story.meta.relations:
            key = (story.actor(relation.source).type, relation.kind)
            found.setdefault(key, {}).setdefault(story.actor(relation.target).type, {})[link] = None
    order = {story.slug: index for index, story in enumerate(site.stories)}  # newest first
    types = [t.key for t in site.vocabulary.terms("actor_types")]
    kinds = [t.key for t in site.vocabulary.terms("relation_kinds")]
    cells = []
    for source, kind in sorted(found, key=lambda k: (_place(types, k[0]), _place(kinds, k[1]))):
        by_target = found[(source, kind)]
        ordered = sorted(by_target, key=lambda t: _place(types, t))
        targets = tuple((target, tuple(by_target[target])) for target in ordered)
        stories = tuple(sorted({link for _, links in targets for link in links}, key=lambda link: order[link.slug]))
        cells.append(Cell(source, kind, stories, targets))
    used_sources = {c.source for c in cells}
    used_kinds = {c.kind for c in cells}
    return Overview(
        sources=tuple(sorted(used_sources, key=lambda t: _place(types, t))),
        kinds=tuple(sorted(used_kinds, key=lambda k: _place(kinds, k))),
        cells=tuple(cells),
    )


def _place(order: list[str], key: str) -> tuple[int, str]:
    """Give a key's place in the vocabulary (unknown keys last, by name)."""
    return (order.index(key), "") if key in order else (len(order), key)


def pays_and_decides(site: Site) -> TermUse | None:
    """Give the theme of stories where who paid also decided, when a story uses it."""
    return next((use for use in site.used_terms("themes") if use.term.key == PAYS_AND_DECIDES), None)

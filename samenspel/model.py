"""Plan the site (slugs, URLs, cross references) and assemble the frozen Site templates see."""
from __future__ import annotations

import posixpath
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import cast

from .config import Config
from .content import Draft
from .errors import Problem, field_name, problem, suggest_or_list
from .markdown import Rendered
from .memo import FORGET, Memo, Same, outlined
from .meta import PUBLISHED, Actor, LessonMeta, Meta, PageMeta, StoryMeta
from .pictures import Figure, Result
from .urls import RESERVED, TERM_SEGMENTS, Urls, slugify
from .vocabulary import Term, Vocabulary

RELATED_LIMIT = 3


@dataclass(frozen=True)
class Doc:
    """A validated content file: where it came from, its metadata and its address."""

    draft: Draft
    meta: Meta
    slug: str
    url: str
    # The draft's, as fields: read 150,000 times in a rebuild at 10,000 stories, a property cost a tenth of it (#9).
    path: str = field(init=False, repr=False, compare=False)
    kind: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", self.draft.path)
        object.__setattr__(self, "kind", self.draft.kind)

    @property
    def published(self) -> bool:
        return getattr(self.meta, "status", PUBLISHED) == PUBLISHED


@dataclass(frozen=True)
class Story:
    """A story as the templates see it."""

    slug: str
    source: str
    url: str
    meta: StoryMeta
    body: Rendered
    related: tuple[str, ...]
    draft: bool
    figure: Figure | None = None  # its main picture (meta.image), processed

    @cached_property
    def actor_types(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.type for a in self.meta.actors))

    @cached_property
    def roles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r for a in self.meta.actors for r in a.roles))

    @cached_property
    def outcome_types(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o.type for o in self.meta.outcomes))

    @cached_property
    def card(self) -> tuple[object, ...]:
        """Give what a story's card in a list shows, so list pages change only when it does."""
        m = self.meta
        return (self.slug, self.url, m.title, m.summary, m.date, m.place.name, m.themes, self.draft, m.status,
                self.figure)

    @property
    def provinces(self) -> tuple[str, ...]:
        return (self.meta.place.province,) if self.meta.place.province else ()

    @property
    def themes(self) -> tuple[str, ...]:
        return self.meta.themes

    def terms(self, kind: str) -> tuple[str, ...]:
        """Give the keys of one vocabulary list that this story uses."""
        return cast(tuple[str, ...], getattr(self, kind))

    def actor(self, ident: str) -> Actor:
        """Give the actor with this id (relations only name actors of their story)."""
        return next(a for a in self.meta.actors if a.id == ident)


@dataclass(frozen=True)
class Lesson:
    """A cross-cutting lesson as the templates see it."""

    slug: str
    source: str
    url: str
    meta: LessonMeta
    body: Rendered
    draft: bool


@dataclass(frozen=True)
class Page:
    """A content page (about, contribute, …) as the templates see it."""

    slug: str
    source: str
    url: str
    meta: PageMeta
    body: Rendered


@dataclass(frozen=True)
class TermUse:
    """A vocabulary term with the stories and lessons that use it."""

    kind: str
    term: Term
    url: str
    stories: tuple[str, ...]
    lessons: tuple[str, ...]


@dataclass(frozen=True)
class Site:
    """Everything the templates may see, frozen."""

    config: Config
    vocabulary: Vocabulary
    urls: Urls
    stories: tuple[Story, ...]
    lessons: tuple[Lesson, ...]
    pages: tuple[Page, ...]
    terms: tuple[tuple[str, tuple[TermUse, ...]], ...]
    preview: bool = False

    @cached_property
    def _by_slug(self) -> dict[str, Story]:
        return {s.slug: s for s in self.stories}

    @cached_property
    def _lessons_by_slug(self) -> dict[str, Lesson]:
        return {lesson.slug: lesson for lesson in self.lessons}

    def story(self, slug: str) -> Story:
        """Give the story with this slug."""
        return self._by_slug[slug]

    def lesson(self, slug: str) -> Lesson:
        """Give the cross-cutting lesson with this slug."""
        return self._lessons_by_slug[slug]

    def used_kinds(self) -> tuple[str, ...]:
        """Give the vocabulary lists of which at least one term is used."""
        return tuple(kind for kind, uses in self.terms if uses)

    def used_terms(self, kind: str) -> tuple[TermUse, ...]:
        """Give the terms of one list that at least one story or lesson uses."""
        return dict(self.terms).get(kind, ())

    def label(self, kind: str, key: str) -> str:
        """Give the label of a vocabulary term in the site's language."""
        term = self.vocabulary.term(kind, key)
        return term.label_in(self.config.language) if term else key

    def nav_pages(self) -> tuple[Page, ...]:
        """Give the pages that appear in the footer, in their order."""
        listed = [p for p in self.pages if p.meta.nav_order is not None]
        return tuple(sorted(listed, key=lambda p: (p.meta.nav_order, p.slug)))

    def nav_links(self) -> tuple[tuple[str, str], ...]:
        """Give the footer's links, (address, title), in their order: what every page shows of those pages.

        Every page reads it, and a build links a page from the last one only while what it read
        is unchanged (``pagecache``): read as whole pages, an edit to an about page's text made
        every page of the site again (#9).
        """
        return tuple((p.url, p.meta.title) for p in self.nav_pages())


# -- planning ----------------------------------------------------------------

def plan(drafts_and_meta: Iterable[tuple[Draft, Meta]], urls: Urls,
         memo: Memo = FORGET) -> tuple[list[Doc], list[Problem]]:
    """Give every document with its slug and URL, drafts included, and the clashes found.

    The addresses are a function of the files' paths and kinds alone: the ``memo`` keeps
    them while those are the same (making 10,000 slugs again took a tenth of a rebuild, #9).
    """
    pairs = sorted(drafts_and_meta, key=lambda pair: pair[0].path)
    places = tuple((draft.path, draft.kind) for draft, _ in pairs)
    found, problems = memo.get("addresses", (urls, places), lambda: addresses(places, urls))
    return [Doc(draft, meta, *at) for (draft, meta), at in zip(pairs, found, strict=True) if at], list(problems)


def addresses(places: Sequence[tuple[str, str]], urls: Urls) -> tuple[list[tuple[str, str] | None], list[Problem]]:
    """Give the (slug, URL) of each file at ``places`` (path, kind, by path), None where it clashes, and the clashes."""
    problems: list[Problem] = []
    found: list[tuple[str, str] | None] = []
    taken: dict[tuple[str, str], str] = {}
    for path, kind in places:
        stem = posixpath.splitext(posixpath.basename(path))[0]
        slug = slugify(stem)
        found.append(None)
        if not slug:
            problems.append(problem(path, 1, "", "bad_slug", "hint_slug", name=stem))
            continue
        if kind == "pages" and slug in RESERVED:
            problems.append(problem(path, 1, "", "reserved_slug", "hint_rename", slug=slug))
            continue
        space = "pages" if kind == "pages" else kind
        if (space, slug) in taken:
            other = taken[(space, slug)]
            problems.append(problem(path, 1, "", "duplicate_slug", "hint_rename", slug=slug, other=other))
            problems.append(problem(other, 1, "", "duplicate_slug", "hint_rename", slug=slug, other=path))
            continue
        taken[(space, slug)] = path
        found[-1] = (slug, {"stories": urls.story, "lessons": urls.lesson, "pages": urls.page}[kind](slug))
    return found, problems


def leave_out_drafts(docs: Sequence[Doc], preview: bool) -> tuple[list[Doc], tuple[Doc, ...]]:
    """Give the documents to build, and those left out because they are not published (none in preview)."""
    if preview:
        return list(docs), ()
    return [d for d in docs if d.published], tuple(d for d in docs if not d.published)


def check_lesson_refs(docs: Sequence[Doc], also: Iterable[str] = ()) -> list[Problem]:
    """Give a problem for each story a lesson names that is not built, nor one of the slugs ``also`` names."""
    slugs = [d.slug for d in docs if d.kind == "stories"]
    known = set(slugs).union(also)
    problems = []
    for doc in docs:
        if not isinstance(doc.meta, LessonMeta):
            continue
        for index, slug in enumerate(doc.meta.stories):
            if slug in known:
                continue
            at = ("stories", index)
            hint, extra = suggest_or_list(slug.removesuffix(".md"), slugs, "hint_story_suggestion", "hint_stories")
            problems.append(problem(doc.path, doc.draft.line(at), field_name(at), "unknown_story", hint,
                                    value=slug, **extra))
    return problems


def link_targets(docs: Sequence[Doc]) -> dict[str, str]:
    """Give the site path of each content file that others may link to."""
    return {doc.path: doc.url for doc in docs}


# -- assembling --------------------------------------------------------------

def _newest_first(doc: Doc) -> tuple[int, str]:
    """Give the sort key of a story or lesson: newest first, then by slug."""
    assert isinstance(doc.meta, (StoryMeta, LessonMeta)), "only stories and lessons have a date"
    return -doc.meta.date.toordinal(), doc.slug


def order_stories(docs: Sequence[Doc]) -> list[Doc]:
    """Give the stories among ``docs``, newest first (then by slug)."""
    return sorted((d for d in docs if d.kind == "stories"), key=_newest_first)


def assemble(config: Config, vocabulary: Vocabulary, urls: Urls, docs: Sequence[Doc],
             bodies: dict[str, Rendered], related: dict[str, tuple[str, ...]], preview: bool,
             pictures: Mapping[str, Result] | None = None, memo: Memo = FORGET, outline: Hashable = None) -> Site:
    """Give the frozen Site: stories newest first, with their related stories and pictures, and the term indexes.

    ``outline`` stands for everything but the bodies (every document's metadata, the
    addresses, the pictures): while it is the same, the ``memo`` gives the stories' order
    and the term indexes as they were, and a story unchanged is the same ``Story`` (#9).
    """
    pictures = pictures or {}

    def figure(meta: StoryMeta) -> Figure | None:
        shown = pictures.get(meta.image.src) if meta.image is not None else None
        return shown if isinstance(shown, Figure) else None

    def story(d: Doc) -> Story:
        return Story(d.slug, d.path, d.url, d.meta, bodies[d.path], related.get(d.slug, ()),  # type: ignore[arg-type]
                     not d.published, figure(d.meta))  # type: ignore[arg-type]

    by_path = {d.path: d for d in docs}
    order = outlined(memo, "story-order", outline, lambda: tuple(d.path for d in order_stories(docs)))
    ordered = [by_path[path] for path in order]
    keys: list[Hashable] = [(d.path, Same((d.meta, bodies[d.path], related.get(d.slug), figure(d.meta), urls)))  # type: ignore[arg-type]
                            for d in ordered] if memo.wants("story") else list(ordered)
    stories = tuple(memo.get_many("story", keys, lambda todo: [story(ordered[i]) for i in todo]))
    lessons = tuple(
        Lesson(d.slug, d.path, d.url, d.meta, bodies[d.path], not d.published)  # type: ignore[arg-type]
        for d in sorted((d for d in docs if d.kind == "lessons"), key=_newest_first)
    )
    pages = tuple(
        Page(d.slug, d.path, d.url, d.meta, bodies[d.path])  # type: ignore[arg-type]
        for d in sorted((d for d in docs if d.kind == "pages"), key=lambda d: d.slug)
    )
    terms = outlined(memo, "terms", outline, lambda: tuple(
        (kind, _term_uses(kind, vocabulary, urls, stories, lessons)) for kind in TERM_SEGMENTS))
    return Site(config, vocabulary, urls, stories, lessons, pages, terms, preview)


# What related stories are chosen by: per story, its themes, its actor types, its date and slug.
RelatedRow = tuple[tuple[str, ...], tuple[str, ...], int, str]


def related_rows(docs: Sequence[Doc]) -> tuple[RelatedRow, ...]:
    """Give what related stories are chosen by, for the stories in order (newest first)."""
    rows = []
    for d in order_stories(docs):
        meta: StoryMeta = d.meta  # type: ignore[assignment]
        actor_types = tuple(dict.fromkeys(a.type for a in meta.actors))
        rows.append((meta.themes, actor_types, -meta.date.toordinal(), d.slug))
    return tuple(rows)


def related_stories(rows: Sequence[RelatedRow]) -> dict[str, tuple[str, ...]]:
    """Give for each story up to three most like it: shared themes count double, then actor types.

    Ties go to the newer story, then the slug: the order ``rows`` come in (``related_rows``),
    so a story's place in it is its tie-break. Comparing every pair grows with the square of
    the stories (30 s at 10,000); instead each term is a bit set over all stories, and one
    story's scores for all others are summed at once in bit planes (plane k holds bit k of
    every story's score), so the work per story is a few dozen operations on those sets.
    Stories with the same themes and actor types have the same ranking: it is made once.
    """
    themes_of: dict[str, int] = {}
    actors_of: dict[str, int] = {}
    for index, (themes, actors, _, _) in enumerate(rows):
        for key in themes:
            themes_of[key] = themes_of.get(key, 0) | 1 << index
        for key in actors:
            actors_of[key] = actors_of.get(key, 0) | 1 << index
    everyone = (1 << len(rows)) - 1
    ranked: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]] = {}
    out: dict[str, tuple[str, ...]] = {}
    for index, (themes, actors, _, slug) in enumerate(rows):
        signature = (tuple(sorted(set(themes))), tuple(sorted(set(actors))))
        if signature not in ranked:
            sets = [(themes_of[key], 1) for key in signature[0]] + [(actors_of[key], 0) for key in signature[1]]
            ranked[signature] = _top_scores(sets, everyone, RELATED_LIMIT + 1)  # + 1: the story itself is among them
        others = [other for other in ranked[signature] if other != index][:RELATED_LIMIT]
        out[slug] = tuple(rows[other][3] for other in others)
    return out


def _top_scores(sets: list[tuple[int, int]], everyone: int, limit: int) -> list[int]:
    """Give up to ``limit`` members with the highest score, lowest member first among equals.

    A member's score is the sum over ``sets`` that hold it of 2 ** weight (weight 1 for a
    theme, 0 for an actor type); members scoring 0 are never given.
    """
    planes: list[int] = []
    for members, weight in sets:  # add each set to every member's score at once, carrying
        carry, plane = members, weight
        while carry:
            while plane >= len(planes):
                planes.append(0)
            planes[plane], carry = planes[plane] ^ carry, planes[plane] & carry
            plane += 1
    found: list[int] = []
    for score in range((1 << len(planes)) - 1, 0, -1):
        members = everyone
        for bit, plane in enumerate(planes):
            members &= plane if score >> bit & 1 else everyone ^ plane
            if not members:
                break
        while members and len(found) < limit:
            lowest = members & -members
            found.append(lowest.bit_length() - 1)
            members ^= lowest
        if len(found) == limit:
            break
    return found


def _term_uses(kind: str, vocabulary: Vocabulary, urls: Urls, stories: Sequence[Story],
               lessons: Sequence[Lesson]) -> tuple[TermUse, ...]:
    with_stories: dict[str, list[str]] = {}
    for story in stories:
        for key in story.terms(kind):
            with_stories.setdefault(key, []).append(story.slug)
    with_lessons: dict[str, list[str]] = {}
    for lesson in lessons if kind == "themes" else ():
        for key in lesson.meta.themes:
            with_lessons.setdefault(key, []).append(lesson.slug)
    return tuple(
        TermUse(kind, term, urls.term(kind, term.key), tuple(with_stories.get(term.key, ())),
                tuple(with_lessons.get(term.key, ())))
        for term in vocabulary.terms(kind)
        if term.key in with_stories or term.key in with_lessons
    )

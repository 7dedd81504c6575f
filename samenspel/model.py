"""Plan the site (slugs, URLs, cross references) and assemble the frozen Site templates see."""
from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from .config import Config
from .content import Draft
from .errors import Problem, did_you_mean, field_name, problem
from .markdown import Rendered
from .schema import PUBLISHED, Actor, LessonMeta, Meta, PageMeta, StoryMeta
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

    @property
    def path(self) -> str:
        return self.draft.path

    @property
    def kind(self) -> str:
        return self.draft.kind

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
        return (self.slug, self.url, m.title, m.summary, m.date, m.place.name, m.themes, self.draft, m.status)

    @property
    def provinces(self) -> tuple[str, ...]:
        return (self.meta.place.province,) if self.meta.place.province else ()

    @property
    def themes(self) -> tuple[str, ...]:
        return self.meta.themes

    def terms(self, kind: str) -> tuple[str, ...]:
        """Give the keys of one vocabulary list that this story uses."""
        return getattr(self, kind)

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

    def story(self, slug: str) -> Story:
        """Give the story with this slug."""
        return self._by_slug[slug]

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

    def edit_url(self, source: str) -> str:
        """Give the repository's edit link for a content file, or '' without a repository."""
        if not self.config.repository:
            return ""
        return f"{self.config.repository}/edit/{self.config.branch}/{source}"


# -- planning ----------------------------------------------------------------

def plan(drafts_and_meta: Iterable[tuple[Draft, Meta]], urls: Urls, preview: bool) -> tuple[list[Doc], list[Problem]]:
    """Give every document that will be built with its slug and URL, and the clashes found."""
    problems: list[Problem] = []
    docs: list[Doc] = []
    taken: dict[tuple[str, str], Draft] = {}
    for draft, meta in sorted(drafts_and_meta, key=lambda pair: pair[0].path):
        stem = posixpath.splitext(posixpath.basename(draft.path))[0]
        slug = slugify(stem)
        if not slug:
            problems.append(problem(draft.path, 1, "", "bad_slug", "hint_slug", name=stem))
            continue
        if draft.kind == "pages" and slug in RESERVED:
            problems.append(problem(draft.path, 1, "", "reserved_slug", "hint_rename", slug=slug))
            continue
        space = "pages" if draft.kind == "pages" else draft.kind
        if (space, slug) in taken:
            other = taken[(space, slug)]
            problems.append(problem(draft.path, 1, "", "duplicate_slug", "hint_rename", slug=slug, other=other.path))
            problems.append(problem(other.path, 1, "", "duplicate_slug", "hint_rename", slug=slug, other=draft.path))
            continue
        taken[(space, slug)] = draft
        url = {"stories": urls.story, "lessons": urls.lesson, "pages": urls.page}[draft.kind](slug)
        doc = Doc(draft, meta, slug, url)
        if doc.published or preview:
            docs.append(doc)
    return docs, problems


def check_lesson_refs(docs: Sequence[Doc]) -> list[Problem]:
    """Give a problem for each story a lesson names that is not built."""
    slugs = [d.slug for d in docs if d.kind == "stories"]
    problems = []
    for doc in docs:
        if not isinstance(doc.meta, LessonMeta):
            continue
        for index, slug in enumerate(doc.meta.stories):
            if slug in slugs:
                continue
            at = ("stories", index)
            guess = did_you_mean(slug.removesuffix(".md"), slugs)
            if guess:
                problems.append(problem(doc.path, doc.draft.line(at), field_name(at), "unknown_story",
                                        "hint_story_suggestion", value=slug, suggestion=guess))
            else:
                problems.append(problem(doc.path, doc.draft.line(at), field_name(at), "unknown_story",
                                        "hint_stories", value=slug))
    return problems


def link_targets(docs: Sequence[Doc], urls: Urls) -> dict[str, str]:
    """Give the link for each content file that others may link to."""
    return {doc.path: urls.href(doc.url) for doc in docs}


# -- assembling --------------------------------------------------------------

def assemble(config: Config, vocabulary: Vocabulary, urls: Urls, docs: Sequence[Doc],
             bodies: dict[str, Rendered], preview: bool, memo: dict[object, object] | None = None) -> Site:
    """Give the frozen Site: stories newest first, related stories and term indexes made.

    ``memo`` keeps the related stories between preview builds: comparing every pair of
    stories is the one step that grows with the square of their number.
    """
    story_docs = sorted((d for d in docs if d.kind == "stories"), key=lambda d: (-d.meta.date.toordinal(), d.slug))
    stories = [
        Story(d.slug, d.path, d.url, d.meta, bodies[d.path], (), not d.published)  # type: ignore[arg-type]
        for d in story_docs
    ]
    links = related_all(stories, memo if memo is not None else {})
    stories = [Story(s.slug, s.source, s.url, s.meta, s.body, links[s.slug], s.draft) for s in stories]
    lessons = tuple(
        Lesson(d.slug, d.path, d.url, d.meta, bodies[d.path], not d.published)  # type: ignore[arg-type]
        for d in sorted((d for d in docs if d.kind == "lessons"), key=lambda d: (-d.meta.date.toordinal(), d.slug))
    )
    pages = tuple(
        Page(d.slug, d.path, d.url, d.meta, bodies[d.path])  # type: ignore[arg-type]
        for d in sorted((d for d in docs if d.kind == "pages"), key=lambda d: d.slug)
    )
    terms = tuple((kind, _term_uses(kind, vocabulary, urls, stories, lessons)) for kind in TERM_SEGMENTS)
    return Site(config, vocabulary, urls, tuple(stories), lessons, pages, terms, preview)


def related_all(stories: Sequence[Story], memo: dict[object, object]) -> dict[str, tuple[str, ...]]:
    """Give for each story up to three most like it: shared themes count double, then actor types.

    Ties go to the newer story, then the slug. Terms become bits of an integer so that
    comparing every pair stays fast for a thousand stories.
    """
    bits: dict[str, int] = {}

    def mask(keys: Iterable[str]) -> int:
        value = 0
        for key in keys:
            value |= 1 << bits.setdefault(key, len(bits))
        return value

    rows = [(mask(s.themes), mask("@" + a for a in s.actor_types), -s.meta.date.toordinal(), s.slug) for s in stories]
    key = ("related", tuple(rows), tuple(bits))
    if key in memo:
        return memo[key]  # type: ignore[return-value]
    memo.clear()
    out: dict[str, tuple[str, ...]] = {}
    for themes, actors, _, slug in rows:
        scored = []
        for other_themes, other_actors, newer, other in rows:
            score = 2 * (themes & other_themes).bit_count() + (actors & other_actors).bit_count()
            if score and other != slug:
                scored.append((-score, newer, other))
        scored.sort()
        out[slug] = tuple(other for _, _, other in scored[:RELATED_LIMIT])
    memo[key] = out
    return out


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

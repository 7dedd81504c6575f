"""The content model: the typed metadata that validation gives and the templates read."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

STATUSES = ("concept", "ter-review", "gepubliceerd")
PUBLISHED = "gepubliceerd"


@dataclass(frozen=True)
class Place:
    """Where a story happened; the name may be anonymised ("een dorp")."""

    name: str
    scale: str
    anonymised: bool
    municipality: str = ""
    province: str = ""


@dataclass(frozen=True)
class Actor:
    """A party in a story, and the roles it played."""

    id: str
    name: str
    type: str
    roles: tuple[str, ...]
    person: bool = False  # one private person, named: needs consent
    consent: bool = False  # that person agreed to be named


@dataclass(frozen=True)
class Relation:
    """Who commissioned, hired, funded or asked whom."""

    source: str
    target: str
    kind: str
    note: str = ""


@dataclass(frozen=True)
class Outcome:
    """What came of a story."""

    type: str
    text: str


@dataclass(frozen=True)
class StoryLesson:
    """A lesson drawn in one story."""

    text: str
    themes: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    """A source a story rests on."""

    title: str
    url: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class Image:
    """A story's main picture as the front matter gives it (``image:``).

    ``src`` is the file in the project (``content/stories/foto.jpg``), resolved from the path
    written relative to the Markdown file, as GitHub's preview resolves it. A decorative
    picture (``decorative: true``) has no alt text; every other one must have it.
    """

    src: str
    alt: str
    credit: str
    licence: str
    decorative: bool = False
    recognisable_people: bool = False  # a recognisable person is in it (portretrecht)
    consent: bool = False  # every recognisable person agreed to its publication


@dataclass(frozen=True)
class BodyPicture:
    """A picture the body shows (``![alt](foto.jpg)``), as an item of ``pictures:`` describes it.

    The body gives its alt text; this gives what the body cannot: who made it, what others
    may do with it, and whether recognisable people in it agreed to its publication.
    ``src`` is the file in the project, as for ``Image``.
    """

    src: str
    credit: str
    licence: str
    recognisable_people: bool = False
    consent: bool = False


@dataclass(frozen=True)
class StoryMeta:
    """The validated front matter of a story."""

    title: str
    summary: str
    date: dt.date
    place: Place
    actors: tuple[Actor, ...]
    relations: tuple[Relation, ...]
    themes: tuple[str, ...]
    outcomes: tuple[Outcome, ...]
    lessons: tuple[StoryLesson, ...]
    period: str = ""
    sources: tuple[Reference, ...] = ()
    contributors: tuple[str, ...] = ()
    status: str = PUBLISHED
    lang: str = "nl"
    image: Image | None = None
    pictures: tuple[BodyPicture, ...] = ()


@dataclass(frozen=True)
class LessonMeta:
    """The validated front matter of a cross-cutting lesson."""

    title: str
    summary: str
    date: dt.date
    stories: tuple[str, ...]
    themes: tuple[str, ...]
    status: str = PUBLISHED


@dataclass(frozen=True)
class PageMeta:
    """The validated front matter of a content page."""

    title: str
    summary: str = ""
    nav_order: int | None = None


Meta = StoryMeta | LessonMeta | PageMeta

"""Validate front matter against the content model, giving typed metadata and located problems."""
from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .content import Draft
from .errors import Collector, Problem, describe, did_you_mean, field_name, suggest_or_list
from .messages import LANGUAGES, WORDS
from .meta import (
    PUBLISHED,
    STATUSES,
    Actor,
    BodyPicture,
    Image,
    LessonMeta,
    Meta,
    Outcome,
    PageMeta,
    Place,
    Reference,
    Relation,
    StoryLesson,
    StoryMeta,
)
from .pictures import HINTS as PICTURE_HINTS
from .pictures import body_pictures, locate
from .text import first_control, normal
from .urls import slugify, web_address
from .vocabulary import KEY, Vocabulary, term_snippet

T = TypeVar("T")
At = tuple[str | int, ...]

SUMMARY_LIMIT = 280
# The longest text each field of a story may hold, and the fewest items each list needs: check, the
# JSON Schema and the submission page (/deel-je-verhaal/) all read these.
LIMITS = {
    "title": 200, "summary": SUMMARY_LIMIT, "period": 100, "place.name": 100, "place.municipality": 100,
    "actor.name": 120, "relation.note": 200, "outcome.text": 500, "lesson.text": 600, "source.title": 300,
    "contributor": 100,
}
MINIMUM = {"actors": 2, "relations": 1, "themes": 1, "outcomes": 1, "lessons": 1, "roles": 1}
# A vocabulary list up to this long is named whole in a problem; a longer one is pointed to.
CHOICES_SHOWN = 12


class _Fields:
    """Reads one draft's front matter field by field, recording every problem."""

    def __init__(self, draft: Draft, vocabulary: Vocabulary) -> None:
        self.draft = draft
        self.vocabulary = vocabulary
        self.out = Collector(draft.path)

    # -- reporting ---------------------------------------------------------
    def report(self, at: At, code: str, hint: str = "", **params: Any) -> None:
        self.out.add(self.draft.line(at), field_name(at), code, hint, **params)

    # -- shapes ------------------------------------------------------------
    def mapping(self, value: Any, at: At, required: tuple[str, ...],
                optional: tuple[str, ...]) -> dict[str, Any] | None:
        """Give ``value`` as a mapping, reporting missing and unknown keys."""
        if not isinstance(value, dict):
            self.report(at, "wrong_type", "hint_mapping", expected="@type_mapping", **describe(value))
            return None
        known = required + optional
        for key in value:
            if key not in known:
                hint, extra = suggest_or_list(str(key), known, "hint_field_suggestion", "hint_fields")
                if extra.get("suggestion") in value:  # suggesting a field that is already there would mislead
                    hint = "hint_fields"
                self.report(at + (str(key),), "unknown_field", hint, name=key, **extra)
        for key in required:
            if value.get(key) is not None:
                continue
            # a missing key that a misspelt one stands for was answered above ("did you mean")
            if key in value:  # written, with nothing after it
                self.report(at + (key,), "missing", "hint_fill_in", name=key)
            elif did_you_mean(key, [str(k) for k in value if k not in known]):
                continue
            elif not at:
                self.report(at, "missing", "hint_missing", name=key)
            elif isinstance(at[-1], int):  # say where to type it: under this actor, not 'actors[3].roles'
                self.report(at, "missing_part", "hint_missing_in_item", name=key, item=_item(at))
            else:
                self.report(at, "missing_part", "hint_missing_under", name=key, parent=field_name(at))
        return value

    def items(self, value: Any, at: At, minimum: int, item: Callable[[Any, At], T | None]) -> tuple[T, ...]:
        """Give a list field's valid items, checking it is a list of at least ``minimum``."""
        if value is None:
            return ()
        if not isinstance(value, list):
            self.report(at, "wrong_type", "hint_list", expected="@type_list", **describe(value))
            return ()
        if len(value) < minimum:
            self.report(at, "too_few", "hint_add_items", count=len(value), minimum=minimum)
        out = [item(v, at + (i,)) for i, v in enumerate(value)]
        return tuple(v for v in out if v is not None)

    # -- scalars -----------------------------------------------------------
    def text(self, value: Any, at: At, limit: int | None = None) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
            self.report(at, "wrong_type", "hint_text", expected="@type_text", **describe(value))
            return None
        text = normal(str(value))  # a YAML escape such as "e\u0301" is NFC too
        char = first_control(text)  # before strip(), which would quietly take some of them away
        if char:
            self.report(at, "control_char", "hint_control_char", char=char)
            return None
        text = text.strip()
        if not text:
            self.report(at, "empty_text", "hint_fill")
            return None
        if limit is not None and len(text) > limit:
            self.report(at, "too_long", "hint_shorten", length=len(text), limit=limit)
        return text

    def date(self, value: Any, at: At) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.report(at, "bad_date", "hint_date", value=value)
            return None

    def boolean(self, value: Any, at: At) -> bool | None:
        if isinstance(value, bool):
            return value
        self.report(at, "bad_bool", "hint_bool", value=value)
        return None

    def url(self, value: Any, at: At) -> str:
        text = self.text(value, at)
        if text is None:
            return ""
        if not web_address(text):
            self.report(at, "bad_url", "hint_url", value=text)
            return ""
        return text

    def ident(self, value: Any, at: At) -> str | None:
        text = self.text(value, at)
        if text is None:
            return None
        if not KEY.match(text):
            self.report(at, "bad_id", "hint_id", value=text, suggestion=slugify(text) or "bewoners")
            return None
        return text

    def term(self, value: Any, at: At, kind: str) -> str | None:
        """Give a vocabulary key, reporting unknown values with a did-you-mean."""
        if value is None:
            return None
        if not isinstance(value, str):
            self.report(at, "wrong_type", "hint_text", expected="@type_text", **describe(value))
            return None
        key = value.strip()
        keys = self.vocabulary.keys(kind)
        if key in keys:
            return key
        slug = slugify(key)[:60].strip("-")
        guess = self.vocabulary.suggest(kind, key) or (slug if slug in keys else None)
        if guess:
            self.report(at, "unknown_term", "hint_term_suggestion", value=key, kind=f"@kind_{kind}", suggestion=guess)
            return None
        # No near match: the value may be new, so say how to propose it, and where the known ones are.
        # A long list is not printed whole: a contributor looks it up, with its descriptions, in the file.
        hint = "hint_new_term" if len(keys) <= CHOICES_SHOWN else "hint_new_term_long"
        self.report(at, "unknown_term", hint, value=key, kind=f"@kind_{kind}", list=kind, count=len(keys),
                    choices=", ".join(keys) or "-", snippet=term_snippet(kind, slug or "…"))
        return None

    def terms(self, value: Any, at: At, kind: str, minimum: int) -> tuple[str, ...]:
        """Give a list of vocabulary keys without duplicates."""
        keys = self.items(value, at, minimum, lambda v, a: self.term(v, a, kind))
        return self.unique(keys, value, at)

    def unique(self, keys: tuple[str, ...], raw: Any, at: At) -> tuple[str, ...]:
        seen: list[str] = []
        for key in keys:
            if key in seen:
                # The raw item may be a number or padded text that became this key: compare as text.
                same = [i for i, v in enumerate(raw) if str(v).strip() == key] if isinstance(raw, list) else []
                self.report(at + (same[-1] if same else 0,), "duplicate_value", "hint_remove_duplicate", value=key)
            else:
                seen.append(key)
        return tuple(seen)

    def choice(self, value: Any, at: At, choices: tuple[str, ...], code: str, default: str) -> str:
        if value is None:
            return default
        if value in choices:
            return str(value)
        hint, extra = suggest_or_list(str(value), choices, "hint_term_suggestion", "hint_choices")
        self.report(at, code, hint, value=value, **extra)
        return default


def _item(at: At) -> str:
    """Give the word for one item of the list that ``at`` (ending in an index) is in, e.g. '@item_actors'."""
    name = next((part for part in reversed(at) if isinstance(part, str)), "")
    return f"@item_{name}" if f"item_{name}" in WORDS else "@item_other"


# -- the three kinds of content --------------------------------------------

STORY_REQUIRED = ("title", "summary", "date", "place", "actors", "relations", "themes", "outcomes", "lessons")
STORY_OPTIONAL = ("period", "sources", "contributors", "status", "lang", "image", "pictures")
LESSON_REQUIRED = ("title", "summary", "date", "stories", "themes")
LESSON_OPTIONAL = ("status",)
PAGE_REQUIRED = ("title",)
PAGE_OPTIONAL = ("summary", "nav_order")
ACTOR_OPTIONAL = ("person", "consent")
IMAGE_REQUIRED = ("src", "credit", "licence")
IMAGE_OPTIONAL = ("alt", "decorative", "recognisable_people", "consent")
# An item of ``pictures:``, about a picture in the body: its alt text (or "decoratief") is in the body itself.
PICTURE_REQUIRED = ("src", "credit", "licence")
PICTURE_OPTIONAL = ("recognisable_people", "consent")


def validate(draft: Draft, vocabulary: Vocabulary) -> tuple[Meta | None, list[Problem]]:
    """Give the typed metadata of a draft, or None, and every problem in it."""
    fields = _Fields(draft, vocabulary)
    check = {"stories": _story, "lessons": _lesson, "pages": _page}[draft.kind]
    meta = check(fields, draft.meta)
    return (meta if not fields.out.problems else None), fields.out.problems


def _story(f: _Fields, meta: dict[str, Any]) -> StoryMeta | None:
    f.mapping(meta, (), STORY_REQUIRED, STORY_OPTIONAL)
    title = f.text(meta.get("title"), ("title",), LIMITS["title"])
    summary = f.text(meta.get("summary"), ("summary",), LIMITS["summary"])
    date = f.date(meta.get("date"), ("date",))
    period = f.text(meta.get("period"), ("period",), LIMITS["period"]) or ""
    place = _place(f, meta.get("place"))
    actors = f.items(meta.get("actors"), ("actors",), MINIMUM["actors"], lambda v, at: _actor(f, v, at))
    _unique_actors(f, meta.get("actors"), actors)
    # Relations may name any actor with a valid id, even one with another mistake, so that
    # one misspelt type does not also make every relation to that actor a problem.
    ids = _actor_ids(meta.get("actors"))
    relations = f.items(meta.get("relations"), ("relations",), MINIMUM["relations"],
                        lambda v, at: _relation(f, v, at, ids))
    themes = f.terms(meta.get("themes"), ("themes",), "themes", MINIMUM["themes"])
    outcomes = f.items(meta.get("outcomes"), ("outcomes",), MINIMUM["outcomes"], lambda v, at: _outcome(f, v, at))
    lessons = f.items(meta.get("lessons"), ("lessons",), MINIMUM["lessons"], lambda v, at: _story_lesson(f, v, at))
    sources = f.items(meta.get("sources"), ("sources",), 0, lambda v, at: _reference(f, v, at))
    contributors = f.items(meta.get("contributors"), ("contributors",), 0,
                           lambda v, at: f.text(v, at, LIMITS["contributor"]))
    status = f.choice(meta.get("status"), ("status",), STATUSES, "unknown_status", PUBLISHED)
    lang = f.choice(meta.get("lang"), ("lang",), LANGUAGES, "unknown_lang", "nl")
    image = _image(f, meta.get("image")) if meta.get("image") is not None else None
    pictures = _pictures(f, meta.get("pictures"), image.src if image else "")
    if None in (title, summary, date, place) or not actors or not relations:
        return None
    return StoryMeta(title, summary, date, place, actors, relations, themes, outcomes, lessons,  # type: ignore[arg-type]
                     period, sources, contributors, status, lang, image, pictures)


def _image(f: _Fields, value: Any) -> Image | None:
    """Give the story's main picture: a file next to the story, described, credited, and safe to show."""
    at: At = ("image",)
    data = f.mapping(value, at, IMAGE_REQUIRED, IMAGE_OPTIONAL)
    if data is None:
        return None
    src, credit, licence = _credited(f, data, at)
    decorative, people, consent = _flags(f, data, at, ("decorative", "recognisable_people", "consent"))
    raw_alt = data.get("alt")
    blank = raw_alt is None or (isinstance(raw_alt, str) and not raw_alt.strip())  # no alt text: see below
    alt = "" if blank else f.text(raw_alt, at + ("alt",), 300)
    file = ""
    if src is not None:
        file, code = locate(src, f.draft.path)
        if code:
            f.report(at + ("src",), code, PICTURE_HINTS[code], value=src)
    if decorative and alt:
        f.report(at + ("alt",), "image_decorative_alt", "hint_image_decorative", value=alt)
    elif not decorative and blank:
        f.report(at + ("alt",) if "alt" in data else at, "image_no_alt", "hint_alt_front", value=src or "")
    _consent(f, at, bool(people), bool(consent), src)
    if not file or credit is None or licence is None or alt is None:
        return None
    return Image(file, alt, credit, licence, bool(decorative), bool(people), bool(consent))


def _credited(f: _Fields, data: dict[str, Any], at: At) -> tuple[str | None, str | None, str | None]:
    """Give a picture's file name as written, its credit and its licence (``image:`` and ``pictures:`` alike)."""
    return (f.text(data.get("src"), at + ("src",), 300), f.text(data.get("credit"), at + ("credit",), 200),
            f.text(data.get("licence"), at + ("licence",), 100))


def _flags(f: _Fields, data: dict[str, Any], at: At, names: Sequence[str]) -> list[bool]:
    """Give the yes/no fields ``names`` of a picture, each False when not given."""
    return [bool(f.boolean(data[name], at + (name,))) if data.get(name) is not None else False for name in names]


def _consent(f: _Fields, at: At, people: bool, consent: bool, src: str | None) -> None:
    """Report a picture with recognisable people and no recorded consent (portretrecht: published only with it)."""
    if people and not consent:
        f.report(at + ("recognisable_people",), "image_no_consent", "hint_image_consent", value=src or "")


def _pictures(f: _Fields, value: Any, main: str) -> tuple[BodyPicture, ...]:
    """Give what ``pictures:`` says of the pictures in the body; each item must name one the body shows.

    Otherwise a misspelt name would quietly leave a picture without its credit, or a
    consent record without its picture. ``main`` is the file of ``image:``, for the hint.
    """
    if value is None:
        return ()
    shown = body_pictures(f.draft.body, f.draft.path)
    seen: set[str] = set()
    return f.items(value, ("pictures",), 0, lambda v, at: _body_picture(f, v, at, shown, main, seen))


def _body_picture(f: _Fields, value: Any, at: At, shown: tuple[str, ...], main: str,
                  seen: set[str]) -> BodyPicture | None:
    data = f.mapping(value, at, PICTURE_REQUIRED, PICTURE_OPTIONAL)
    if data is None:
        return None
    src, credit, licence = _credited(f, data, at)
    people, consent = _flags(f, data, at, PICTURE_OPTIONAL)
    file = _shown_file(f, src, at + ("src",), shown, main) if src is not None else ""
    if file in seen:  # one picture, described twice: which credit would it show?
        f.report(at + ("src",), "duplicate_value", "hint_remove_duplicate", value=src)
        file = ""
    elif file:
        seen.add(file)
    _consent(f, at, bool(people), bool(consent), src)
    if not file or credit is None or licence is None:
        return None
    return BodyPicture(file, credit, licence, bool(people), bool(consent))


def _shown_file(f: _Fields, src: str, at: At, shown: tuple[str, ...], main: str) -> str:
    """Give the file of a ``pictures:`` item's ``src`` when the body shows it, else '' (and report why)."""
    file, code = locate(src, f.draft.path)
    if code:
        f.report(at, code, PICTURE_HINTS[code], value=src)
        return ""
    if file in shown:
        return file
    decoded, _ = locate(src, f.draft.path, encoded=True)  # copied from the body as it stands there: 'mijn%20foto.jpg'
    if decoded in shown:
        return decoded
    here = posixpath.dirname(f.draft.path)
    written = [posixpath.relpath(other, here) for other in shown]
    hint, extra = ("hint_picture_is_main", {}) if file == main else suggest_or_list(
        src, written, "hint_picture_suggestion", "hint_picture_in_body")
    f.report(at, "picture_not_shown", hint, value=src, **extra)
    return ""


def _place(f: _Fields, value: Any) -> Place | None:
    at: At = ("place",)
    if value is None:
        return None
    if isinstance(value, str):  # a bare name is a common first try: say what the block looks like
        f.report(at, "wrong_type", "hint_mapping", expected="@type_mapping", **describe(value))
        return None
    data = f.mapping(value, at, ("name", "scale", "anonymised"), ("municipality", "province"))
    if data is None:
        return None
    name = f.text(data.get("name"), at + ("name",), LIMITS["place.name"])
    scale = f.term(data.get("scale"), at + ("scale",), "place_scales")
    anonymised = f.boolean(data["anonymised"], at + ("anonymised",)) if data.get("anonymised") is not None else None
    municipality = f.text(data.get("municipality"), at + ("municipality",), LIMITS["place.municipality"]) or ""
    province = f.term(data.get("province"), at + ("province",), "provinces") or ""
    if name is None or scale is None or anonymised is None:
        return None
    return Place(name, scale, anonymised, municipality, province)


def _actor(f: _Fields, value: Any, at: At) -> Actor | None:
    data = f.mapping(value, at, ("id", "name", "type", "roles"), ACTOR_OPTIONAL)
    if data is None:
        return None
    ident = f.ident(data.get("id"), at + ("id",))
    name = f.text(data.get("name"), at + ("name",), LIMITS["actor.name"])
    kind = f.term(data.get("type"), at + ("type",), "actor_types")
    roles = f.terms(data.get("roles"), at + ("roles",), "roles", MINIMUM["roles"])
    # Whether the actor is one private person, and whether that person agreed to be named (privacy.py).
    person, consent = (f.boolean(data[k], at + (k,)) if data.get(k) is not None else None for k in ACTOR_OPTIONAL)
    if None in (ident, name, kind):
        return None
    return Actor(ident, name, kind, roles, bool(person), bool(consent))  # type: ignore[arg-type]


def _actor_ids(raw: Any) -> tuple[str, ...]:
    """Give the well-formed actor ids in the raw actors list."""
    if not isinstance(raw, list):
        return ()
    ids = (item.get("id") for item in raw if isinstance(item, dict))
    return tuple(dict.fromkeys(i for i in ids if isinstance(i, str) and KEY.match(i)))


def _unique_actors(f: _Fields, raw: Any, actors: tuple[Actor, ...]) -> None:
    first: dict[str, int] = {}
    if not isinstance(raw, list):
        return
    for index, item in enumerate(raw):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str):
            continue
        at: At = ("actors", index, "id")
        if ident in first:
            f.report(at, "duplicate_actor", "hint_unique_id", value=ident, other=first[ident])
        else:
            first[ident] = f.draft.line(at)


def _relation(f: _Fields, value: Any, at: At, ids: tuple[str, ...]) -> Relation | None:
    data = f.mapping(value, at, ("from", "to", "kind"), ("note",))
    if data is None:
        return None
    ends: list[str | None] = []
    for end in ("from", "to"):
        raw = data.get(end)
        if raw is None:
            ends.append(None)
            continue
        ident = str(raw).strip()
        if ident not in ids:
            hint, extra = suggest_or_list(ident, ids, "hint_actor_suggestion", "hint_actors")
            f.report(at + (end,), "unknown_actor", hint, value=ident, **extra)
            ends.append(None)
        else:
            ends.append(ident)
    kind = f.term(data.get("kind"), at + ("kind",), "relation_kinds")
    note = f.text(data.get("note"), at + ("note",), LIMITS["relation.note"]) or ""
    source, target = ends
    if source is not None and source == target:
        f.report(at + ("to",), "self_relation", "hint_self_relation", value=source)
        return None
    if source is None or target is None or kind is None:
        return None
    return Relation(source, target, kind, note)


def _outcome(f: _Fields, value: Any, at: At) -> Outcome | None:
    data = f.mapping(value, at, ("type", "text"), ())
    if data is None:
        return None
    kind = f.term(data.get("type"), at + ("type",), "outcome_types")
    text = f.text(data.get("text"), at + ("text",), LIMITS["outcome.text"])
    return Outcome(kind, text) if kind and text else None


def _story_lesson(f: _Fields, value: Any, at: At) -> StoryLesson | None:
    data = f.mapping(value, at, ("text", "themes"), ())
    if data is None:
        return None
    text = f.text(data.get("text"), at + ("text",), LIMITS["lesson.text"])
    themes = f.terms(data.get("themes"), at + ("themes",), "themes", MINIMUM["themes"])
    return StoryLesson(text, themes) if text else None


def _reference(f: _Fields, value: Any, at: At) -> Reference | None:
    data = f.mapping(value, at, ("title",), ("url", "date"))
    if data is None:
        return None
    title = f.text(data.get("title"), at + ("title",), LIMITS["source.title"])
    url = f.url(data.get("url"), at + ("url",)) if data.get("url") is not None else ""
    date = f.date(data.get("date"), at + ("date",))
    return Reference(title, url, date) if title else None


def _lesson(f: _Fields, meta: dict[str, Any]) -> LessonMeta | None:
    f.mapping(meta, (), LESSON_REQUIRED, LESSON_OPTIONAL)
    title = f.text(meta.get("title"), ("title",), 200)
    summary = f.text(meta.get("summary"), ("summary",), SUMMARY_LIMIT)
    date = f.date(meta.get("date"), ("date",))
    stories = f.items(meta.get("stories"), ("stories",), 1, lambda v, at: f.text(v, at))
    stories = f.unique(stories, meta.get("stories"), ("stories",))
    themes = f.terms(meta.get("themes"), ("themes",), "themes", 1)
    status = f.choice(meta.get("status"), ("status",), STATUSES, "unknown_status", PUBLISHED)
    if None in (title, summary, date):
        return None
    return LessonMeta(title, summary, date, stories, themes, status)  # type: ignore[arg-type]


def _page(f: _Fields, meta: dict[str, Any]) -> PageMeta | None:
    f.mapping(meta, (), PAGE_REQUIRED, PAGE_OPTIONAL)
    title = f.text(meta.get("title"), ("title",), 200)
    summary = f.text(meta.get("summary"), ("summary",), SUMMARY_LIMIT) or ""
    order = meta.get("nav_order")
    if order is not None and (isinstance(order, bool) or not isinstance(order, int)):
        f.report(("nav_order",), "bad_int", "hint_int", value=order)
        order = None
    if title is None:
        return None
    return PageMeta(title, summary, order)

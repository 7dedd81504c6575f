"""A project whose every displayed value is a hostile payload: the mini site, plus one story,
one lesson and one page per payload, and a vocabulary and site.toml full of them too."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..conftest import make_project
from .payloads import PAYLOADS, Payload

# Front matter fields that reach a page, with the longest text each accepts (schema.py).
STORY_FIELDS: dict[str, int] = {
    "title": 200,
    "summary": 280,
    "period": 100,
    "place.name": 100,
    "place.municipality": 100,
    "actors[0].name": 120,
    "actors[1].name": 120,
    "relations[0].note": 200,
    "outcomes[0].text": 500,
    "lessons[0].text": 600,
    "sources[0].title": 300,
    "sources[0].url": 300,
    "contributors[0]": 100,
}
LESSON_FIELDS: dict[str, int] = {"lesson.title": 200, "lesson.summary": 280}
PAGE_FIELDS: dict[str, int] = {"page.title": 200, "page.summary": 280}
VOCABULARY_FIELDS = ("vocabulary label", "vocabulary description", "vocabulary verb")
CONFIG_FIELDS = ("site.toml title", "site.toml tagline")
SOURCE_URL = "https://example.org/bron?q="
FALLBACK = "Gewone tekst"


@dataclass
class HostileProject:
    """The project folder, and which payload went into which field of which file."""

    root: Path
    # (content file, field) -> payload, for every field that carries one
    placed: dict[tuple[str, str], Payload] = field(default_factory=dict)

    def fields_covered(self) -> set[str]:
        return {name for _, name in self.placed}


def story_slug(payload: Payload) -> str:
    return f"aanval-{payload.marker.lower()}"


def lesson_slug(payload: Payload) -> str:
    return f"les-{payload.marker.lower()}"


def page_slug(payload: Payload) -> str:
    return f"pagina-{payload.marker.lower()}"


def body(payload: Payload) -> str:
    """A Markdown body with the payload once as a block and once inline."""
    return f"Begin.\n\n{payload.text}\n\nEen zin met {payload.text} erin.\n\nEinde.\n"


def _write(path: Path, meta: dict[str, Any], text: str) -> None:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(f"---\n{front}---\n\n{text}", encoding="utf-8")


def make_hostile_project(target: Path) -> HostileProject:
    """Give a project at ``target`` in which every payload fills every field it fits in."""
    project = HostileProject(make_project(target))
    stories = project.root / "content" / "stories"
    lessons = project.root / "content" / "lessons"
    pages = project.root / "content" / "pages"
    for number, payload in enumerate(PAYLOADS):
        text = payload.text

        def put(path: str, name: str, limit: int, text: str = text, payload: Payload = payload) -> str:
            if len(text) > limit:
                return FALLBACK
            project.placed[(path, name)] = payload
            return text

        path = f"content/stories/{story_slug(payload)}.md"
        limits = STORY_FIELDS
        meta = {
            "title": put(path, "title", limits["title"]),
            "summary": put(path, "summary", limits["summary"]),
            "date": dt.date(2020, 1, 1) + dt.timedelta(days=number),
            "period": put(path, "period", limits["period"]),
            "place": {
                "name": put(path, "place.name", limits["place.name"]),
                "scale": "wijk",
                "anonymised": False,
                "municipality": put(path, "place.municipality", limits["place.municipality"]),
                "province": "utrecht",
            },
            "actors": [
                {"id": "bewoners", "name": put(path, "actors[0].name", limits["actors[0].name"]),
                 "type": "bewonersinitiatief", "roles": ["initiatiefnemer"]},
                {"id": "gemeente", "name": put(path, "actors[1].name", limits["actors[1].name"]),
                 "type": "gemeente", "roles": ["financier"]},
            ],
            "relations": [{"from": "gemeente", "to": "bewoners", "kind": "financiert",
                           "note": put(path, "relations[0].note", limits["relations[0].note"])}],
            "themes": ["eigen-regie"],
            "outcomes": [{"type": "initiatief-gestart",
                          "text": put(path, "outcomes[0].text", limits["outcomes[0].text"])}],
            "lessons": [{"text": put(path, "lessons[0].text", limits["lessons[0].text"]),
                         "themes": ["eigen-regie"]}],
            "sources": [{"title": put(path, "sources[0].title", limits["sources[0].title"]),
                         "url": SOURCE_URL + text}],
            "contributors": [put(path, "contributors[0]", limits["contributors[0]"])],
        }
        project.placed[(path, "sources[0].url")] = payload
        _write(stories / f"{story_slug(payload)}.md", meta, body(payload))

        path = f"content/lessons/{lesson_slug(payload)}.md"
        _write(lessons / f"{lesson_slug(payload)}.md", {
            "title": put(path, "lesson.title", LESSON_FIELDS["lesson.title"]),
            "summary": put(path, "lesson.summary", LESSON_FIELDS["lesson.summary"]),
            "date": dt.date(2021, 1, 1) + dt.timedelta(days=number),
            "stories": [story_slug(payload)],
            "themes": ["eigen-regie"],
        }, body(payload))

        path = f"content/pages/{page_slug(payload)}.md"
        _write(pages / f"{page_slug(payload)}.md", {
            "title": put(path, "page.title", PAGE_FIELDS["page.title"]),
            "summary": put(path, "page.summary", PAGE_FIELDS["page.summary"]),
            "nav_order": 10 + number,
        }, body(payload))

    _poison_vocabulary(project)
    _poison_config(project)
    return project


def _poison_vocabulary(project: HostileProject) -> None:
    """Put payloads in the Dutch label, description and verb of every vocabulary term."""
    file = project.root / "content" / "vocabulary.yml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    count = 0
    for kind, terms in data.items():
        for term in terms:
            for name, key in zip(VOCABULARY_FIELDS, ("label", "description", "verb"), strict=True):
                if key == "verb" and kind != "relation_kinds":
                    continue
                payload = PAYLOADS[count % len(PAYLOADS)]
                count += 1
                term[key] = {"nl": payload.text, "en": "English"}
                project.placed[(f"content/vocabulary.yml:{kind}.{term['key']}", name)] = payload
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def _poison_config(project: HostileProject) -> None:
    title = next(p for p in PAYLOADS if p.name == "title breakout")
    tagline = next(p for p in PAYLOADS if p.name == "attribute breakout")
    (project.root / "site.toml").write_text(
        f"title = {_toml(title.text)}\ntagline = {_toml(tagline.text)}\n"
        'base_url = "https://example.org/samenspel/"\nlanguage = "nl"\n'
        'repository = "https://example.org/repo"\nper_page = 12\n',
        encoding="utf-8",
    )
    project.placed[("site.toml", CONFIG_FIELDS[0])] = title
    project.placed[("site.toml", CONFIG_FIELDS[1])] = tagline


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

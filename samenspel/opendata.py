"""Open data: every published story's structured fields as /data/verhalen.json and /data/verhalen.csv.

The fields and the licence are explained on the content page ``content/pages/open-data.md``;
a change here belongs there too.
"""
from __future__ import annotations

import csv
import io
import json
from json.encoder import encode_basestring
from typing import Any

from .feeds import published
from .model import Site, Story
from .output import Output

LICENCE = "CC BY 4.0"
DOCUMENTATION = "open-data"  # the slug of the content page that explains the files
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"
# One column per field; a list is one cell with its items joined by LIST_SEPARATOR.
CSV_COLUMNS = (
    "slug", "url", "title", "summary", "date", "period", "lang",
    "place_name", "place_scale", "place_anonymised", "municipality", "province",
    "actor_types", "actors", "relation_kinds", "relations", "themes", "outcome_types", "outcomes", "lessons",
)
LIST_SEPARATOR = " | "
# A cell that starts with one of these is a formula to a spreadsheet; a leading ' keeps it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def story_record(story: Story, site: Site) -> dict[str, object]:
    """Give a story's structured fields as plain JSON data."""
    m = story.meta
    record: dict[str, object] = _without_empty({
        "slug": story.slug,
        "url": site.urls.absolute(story.url),
        "title": m.title,
        "summary": m.summary,
        "date": m.date.isoformat(),
        "period": m.period,
        "lang": m.lang,
        "place": {"name": m.place.name, "scale": m.place.scale, "anonymised": m.place.anonymised,
                  "municipality": m.place.municipality, "province": m.place.province},
        "actors": [{"id": a.id, "name": a.name, "type": a.type, "roles": list(a.roles)} for a in m.actors],
        "relations": [{"from": r.source, "to": r.target, "kind": r.kind, "note": r.note} for r in m.relations],
        "themes": list(m.themes),
        "outcomes": [{"type": o.type, "text": o.text} for o in m.outcomes],
        "lessons": [{"text": lesson.text, "themes": list(lesson.themes)} for lesson in m.lessons],
        "sources": [{"title": s.title, "url": s.url, "date": s.date.isoformat() if s.date else ""} for s in m.sources],
        "contributors": list(m.contributors),
    })
    return record


# Fields a story may leave out: in the JSON they are left out too (as in the front matter and
# its JSON Schema, schema/story.schema.json), never given as empty text. The CSV keeps empty cells.
_OPTIONAL = frozenset({"period", "municipality", "province", "note", "url", "date", "sources", "contributors"})


def _without_empty(value: Any) -> Any:
    """Give ``value`` with every optional field that is empty left out, at any depth."""
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if not (k in _OPTIONAL and v in ("", []))}
    if isinstance(value, list):
        return [_without_empty(item) for item in value]
    return value


def stories_json(site: Site) -> bytes:
    """Give verhalen.json: the licence, where the data comes from, and every published story's record."""
    data: dict[str, object] = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "source": site.urls.absolute(site.urls.home()),
    }
    if any(page.slug == DOCUMENTATION for page in site.pages):
        data["documentation"] = site.urls.absolute(site.urls.page(DOCUMENTATION))
    data["stories"] = [story_record(story, site) for story in published(site)]
    return (indented_json(data) + "\n").encode("utf-8")


def indented_json(value: object, pad: str = "") -> str:
    """Give ``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it (dict keys are text).

    With an indent, the json module leaves its encoder in C for one in Python made of
    generators (#9); this one takes about 60% of its time. Texts are still escaped by
    json's C function; numbers, booleans and None are written by json itself.
    """
    if isinstance(value, str):
        return encode_basestring(value)
    inner = pad + "  "
    if isinstance(value, dict):
        items = [f"{inner}{encode_basestring(key)}: {indented_json(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}" if items else "{}"
    if isinstance(value, (list, tuple)):
        items = [inner + indented_json(item, inner) for item in value]
        return "[\n" + ",\n".join(items) + f"\n{pad}]" if items else "[]"
    return json.dumps(value)


def csv_row(story: Story, site: Site) -> list[str]:
    """Give a story's fields as the cells of one CSV row, in the order of CSV_COLUMNS."""
    m = story.meta
    names = {a.id: a.name for a in m.actors}

    def joined(items: list[str]) -> str:
        return LIST_SEPARATOR.join(items)

    cells = [
        story.slug, site.urls.absolute(story.url), m.title, m.summary, m.date.isoformat(), m.period, m.lang,
        m.place.name, m.place.scale, "ja" if m.place.anonymised else "nee", m.place.municipality, m.place.province,
        joined(list(story.actor_types)),
        joined([f"{a.name} ({a.type}{': ' + ', '.join(a.roles) if a.roles else ''})" for a in m.actors]),
        joined(list(dict.fromkeys(r.kind for r in m.relations))),
        joined([f"{names[r.source]} → {r.kind} → {names[r.target]}" for r in m.relations]),
        joined(list(m.themes)),
        joined(list(story.outcome_types)),
        joined([f"{o.type}: {o.text}" for o in m.outcomes]),
        joined([lesson.text for lesson in m.lessons]),
    ]
    return [_as_text(cell) for cell in cells]


def stories_csv(site: Site) -> bytes:
    """Give verhalen.csv: a header row, then one row per published story (UTF-8 with a BOM, for spreadsheets)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(story, site) for story in published(site))
    return buffer.getvalue().encode("utf-8-sig")


def open_data_outputs(site: Site) -> list[Output]:
    """Give the open data files."""
    urls = site.urls
    return [
        Output(urls.output_path(urls.data("verhalen.json")), stories_json(site)),
        Output(urls.output_path(urls.data("verhalen.csv")), stories_csv(site)),
    ]


def _as_text(cell: str) -> str:
    """Give a cell a spreadsheet will not run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell

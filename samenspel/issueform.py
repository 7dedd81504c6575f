"""A story from a GitHub issue form: the rendered issue body in, a story file or a list of what is missing out.

GitHub writes each answer of an issue form as ``### Label``, a blank line and the answer
(``_No response_`` when left empty); ``.github/ISSUE_TEMPLATE/verhaal.yml`` asks for the
fields below. Everything from the issue is data: the front matter is written by PyYAML's
safe dumper, every text on one line, the file name is the title's slug, and nothing in it
is run, followed or read as a template.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from .messages import ui
from .newstory import story_path
from .text import without_controls
from .urls import story_file_name

NO_RESPONSE = "_No response_"
# The form's fields in its order, all required. Their labels, word for word the form's, are the catalog's
# ``form_<key>`` in Dutch: the submission page (/deel-je-verhaal/) shows the same ones.
FIELD_KEYS = ("title", "summary", "place", "scale", "anonymised", "actors", "relations", "themes",
              "outcome_type", "outcome", "lessons", "body", "privacy")
FIELDS = tuple((key, ui(f"form_{key}", "nl"), True) for key in FIELD_KEYS)
LABEL = {key: label for key, label, _ in FIELDS}
_HEADING = re.compile(r"^### (.+?)\s*$", re.MULTILINE)
_CHECKED = re.compile(r"^- \[[xX]\] ", re.MULTILINE)
_UNCHECKED = re.compile(r"^- \[ \] ", re.MULTILINE)


def sections(body: str) -> dict[str, str]:
    """Give each answer of a rendered issue form by its label (empty when not answered)."""
    body = body.replace("\r\n", "\n")
    found: dict[str, str] = {}
    headings = list(_HEADING.finditer(body))
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(body)
        answer = body[heading.end():end].strip()
        found.setdefault(heading.group(1), "" if answer == NO_RESPONSE else answer)
    return found


def _line(text: str) -> str:
    """Give ``text`` on one line, without control characters."""
    return " ".join(without_controls(text).split())


def _rows(text: str, parts: int) -> list[list[str]]:
    """Give the non-empty lines of an answer split on '|' into at least ``parts`` parts ('' for a missing one)."""
    rows = []
    for line in text.splitlines():
        line = line.strip().lstrip("-*").strip()
        if line:
            cells = [_line(cell) for cell in line.split("|")]
            rows.append(cells + [""] * (parts - len(cells)))
    return rows


def _keys(text: str) -> list[str]:
    return [_line(key) for key in re.split(r"[,\n]", text) if _line(key)]


def story_from_issue(body: str, today: dt.date) -> tuple[str, str, list[str]]:
    """Give the story's path and text, or ('', '', the labels of what is missing)."""
    answers = sections(body)
    missing = [label for key, label, required in FIELDS if required and not answers.get(label)]
    privacy = answers.get(LABEL["privacy"], "")
    if privacy and (_UNCHECKED.search(privacy) or not _CHECKED.search(privacy)):
        missing.append(LABEL["privacy"])
    title = _line(answers.get(LABEL["title"], ""))
    if title and not story_file_name(title):
        missing.append(LABEL["title"])
    if missing:
        return "", "", list(dict.fromkeys(missing))
    get = {key: answers[label] for key, label, _ in FIELDS}
    themes = _keys(get["themes"])
    meta: dict[str, Any] = {
        "title": title,
        "summary": _line(get["summary"]),
        "date": today,
        "place": {"name": _line(get["place"]), "scale": _line(get["scale"]),
                  "anonymised": _line(get["anonymised"]).lower() in ("ja", "yes", "true")},
        "actors": [{"id": ident, "name": name, "type": kind, "roles": _keys(roles)}
                   for ident, name, kind, roles, *_ in _rows(get["actors"], 4)],
        "relations": [{"from": source, "kind": kind, "to": target, **({"note": note} if note else {})}
                      for source, kind, target, note, *_ in _rows(get["relations"], 4)],
        "themes": themes,
        "outcomes": [{"type": _line(get["outcome_type"]), "text": _line(get["outcome"])}],
        "lessons": [{"text": text, "themes": _keys(keys) or themes} for text, keys, *_ in _rows(get["lessons"], 2)],
        "status": "ter-review",
        "lang": "nl",
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    story = without_controls(get["body"].replace("\r\n", "\n")).strip("\n")
    return story_path(story_file_name(title)), f"---\n{front}---\n\n{story}\n", []

"""A new story file made from the template: every field present and explained, ready to fill in.

``docs/sjabloon-verhaal.md`` is the one template (README, CONTRIBUTING and /bijdragen/ point
to it); ``python build.py new "Titel"`` fills in the title and today's date and keeps the
status ``concept``, so the new file passes ``check`` as it is, as a draft.
"""
from __future__ import annotations

import datetime as dt
import json
import re

from .text import without_controls

TEMPLATE_FILE = "docs/sjabloon-verhaal.md"
STORIES_FOLDER = "content/stories"

# The template's own header says to copy it; a file made from it says what it is instead.
_COPY_HEADER = re.compile(r"\A---\n(?:#(?! Regels die met # beginnen).*\n)+")
_TITLE = re.compile(r"^title: .*$", re.MULTILINE)
_DATE = re.compile(r"^date: .*$", re.MULTILINE)
_STATUS = re.compile(r"^status: .*$", re.MULTILINE)


def yaml_text(value: str) -> str:
    """Give ``value`` as a double-quoted YAML text on one line, whatever it holds."""
    # JSON's string escapes are YAML's too; line breaks and control characters become spaces first,
    # so the value can never start a new field or a new document.
    return json.dumps(" ".join(without_controls(value).split()), ensure_ascii=False)


def story_path(slug: str) -> str:
    """Give the path of the story with this slug, relative to the project."""
    return f"{STORIES_FOLDER}/{slug}.md"


def new_story(template: str, title: str, today: dt.date, header: str) -> str:
    """Give the template with ``title``, ``today`` as its date, status concept and ``header`` on top."""
    missing = [name for name, pattern in (("title", _TITLE), ("date", _DATE), ("status", _STATUS))
               if not pattern.search(template)]
    if missing:
        raise ValueError(f"{TEMPLATE_FILE} lacks the field(s) {', '.join(missing)}")
    text = _COPY_HEADER.sub(lambda _: "---\n" + "".join(f"# {line}\n" for line in header.splitlines()), template, 1)
    text = _TITLE.sub(lambda _: f"title: {yaml_text(title)}", text, 1)
    text = _DATE.sub(lambda _: f"date: {today.isoformat()}", text, 1)
    return _STATUS.sub("status: concept", text, 1)

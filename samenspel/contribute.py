"""The contributor commands: ``new`` (a story file from the template), ``schema`` (JSON Schemas for editors).

Each reads and writes through ``files`` and makes what it writes with pure functions.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from .files import create_file, read_text, write_text
from .jsonschema import schema_files
from .messages import ui
from .newstory import TEMPLATE_FILE, new_story, story_path
from .urls import slugify
from .vocabulary import Vocabulary

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def say(text: str) -> None:
    print(text, file=sys.stderr)


def run_new(root: Path, title: str, lang: str, today: dt.date | None = None) -> int:
    """Make a new story file from the template and give the exit code; an existing file is never replaced."""
    slug = slugify(title)[:80].strip("-")
    if not slug:
        say(f"samenspel: {ui('new_no_slug', lang, title=title)}")
        return EXIT_USAGE
    try:
        template = read_text(root / TEMPLATE_FILE)
    except OSError:
        say(f"samenspel: {ui('new_no_template', lang, path=TEMPLATE_FILE)}")
        return EXIT_PROBLEMS
    path = story_path(slug)
    text = new_story(template, title, today or dt.date.today(), ui("new_header", lang, path=path, slug=slug))
    if not create_file(root / path, text):
        say(f"samenspel: {ui('new_exists', lang, path=path)}")
        return EXIT_PROBLEMS
    say(ui("new_created", lang, path=path))
    return EXIT_OK


def run_schema(root: Path, vocabulary: Vocabulary, lang: str) -> int:
    """Write the JSON Schema of stories, lessons and pages into schema/ and give the exit code."""
    if not vocabulary.lists:  # the vocabulary could not be read: check says why
        say(f"samenspel: {ui('schema_no_vocabulary', lang)}")
        return EXIT_PROBLEMS
    for path, text in schema_files(vocabulary).items():
        write_text(root / path, text)
        say(ui("schema_written", lang, path=path))
    return EXIT_OK

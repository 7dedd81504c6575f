"""The contributor commands: ``new`` (a story file from the template), ``from-issue`` (one from an issue
form) and ``schema`` (JSON Schemas for editors).

Each reads and writes through ``files`` and makes what it writes with pure functions.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from .content import Source
from .errors import errors
from .files import create_file, read_text, write_text
from .formats import parts
from .issueform import story_from_issue
from .jsonschema import schema_files
from .messages import ui
from .newstory import TEMPLATE_FILE, new_story, story_path
from .pipeline import check_source
from .urls import story_file_name
from .vocabulary import Vocabulary

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def say(text: str) -> None:
    print(text, file=sys.stderr)


def run_new(root: Path, title: str, lang: str, today: dt.date | None = None) -> int:
    """Make a new story file from the template and give the exit code; an existing file is never replaced."""
    slug = story_file_name(title)
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


def run_from_issue(root: Path, issue: Path, vocabulary: Vocabulary, lang: str, today: dt.date | None = None) -> int:
    """Turn a rendered issue form into a story file, or say what is missing or wrong; give the exit code."""
    try:
        body = read_text(issue)
    except (OSError, UnicodeDecodeError) as e:
        say(f"samenspel: {ui('issue_unreadable', lang, path=issue, error=getattr(e, 'strerror', None) or e)}")
        return EXIT_USAGE
    path, text, missing = story_from_issue(body, today or dt.date.today())
    if missing:
        say(ui("issue_missing", lang))
        for label in missing:
            say(f"  - {label}")
        return EXIT_PROBLEMS
    _, _, found = check_source(Source(path, "stories", text), vocabulary)
    if found:
        say(ui("issue_problems" if errors(found) else "issue_warnings", lang))
    for item in found:
        what, hint = parts(item, lang)
        warning = f"{ui('severity_warning', lang)}: " if item.warning else ""
        say(f"  - {warning}{item.field or path}: {what}" + (f" — {hint}" if hint else ""))
    if errors(found):
        return EXIT_PROBLEMS
    if not create_file(root / path, text):
        say(f"samenspel: {ui('new_exists', lang, path=path)}")
        return EXIT_PROBLEMS
    say(ui("issue_created", lang, path=path))
    return EXIT_OK

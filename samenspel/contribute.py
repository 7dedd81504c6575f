"""The contributor commands: ``new`` (a story file from the template), ``from-issue`` (one from an issue
form) and ``schema`` (JSON Schemas for editors).

Each reads and writes through ``files`` and makes what it writes with pure functions.
"""
from __future__ import annotations

import datetime as dt
import re
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
# The label an editor puts on a story issue to have .github/workflows/verhaal-uit-issue.yml make its pull request.
READY_LABEL = "verhaal-klaar"


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


def run_from_issue(root: Path, issue: Path, vocabulary: Vocabulary, lang: str, today: dt.date | None = None,
                   message: Path | None = None, number: int = 0) -> int:
    """Turn a rendered issue form into a story file, or say what is missing or wrong; give the exit code.

    With ``message``, also write what the workflow posts on GitHub: the pull request's title and body
    when the story is made, or else the comment for the issue with the same list as on stderr.
    """
    try:
        body = read_text(issue)
    except (OSError, UnicodeDecodeError) as e:
        say(f"samenspel: {ui('issue_unreadable', lang, path=issue, error=getattr(e, 'strerror', None) or e)}")
        return EXIT_USAGE
    path, text, missing = story_from_issue(body, today or dt.date.today())
    if missing:
        return _refuse(root, ui("issue_missing", lang), list(missing), message, lang)
    _, meta, found = check_source(Source(path, "stories", text), vocabulary)
    lines = []
    for item in found:
        what, hint = parts(item, lang)
        warning = f"{ui('severity_warning', lang)}: " if item.warning else ""
        lines.append(f"{warning}{item.field or path}: {what}" + (f" — {hint}" if hint else ""))
    if errors(found):
        return _refuse(root, ui("issue_problems", lang), lines, message, lang)
    if lines:
        say(ui("issue_warnings", lang))
        for line in lines:
            say(f"  - {line}")
    if not create_file(root / path, text):
        return _refuse(root, f"samenspel: {ui('new_exists', lang, path=path)}", [], message, lang)
    say(ui("issue_created", lang, path=path))
    if message is not None:
        title = meta.title if meta is not None else path
        write_text(message, pull_request_message(path, title, number, lines, lang))
    return EXIT_OK


def _refuse(root: Path, heading: str, lines: list[str], message: Path | None, lang: str) -> int:
    """Say why no story was made (and write the issue's comment saying so); give the exit code."""
    say(heading)
    for line in lines:
        say(f"  - {line}")
    if message is not None:
        write_text(message, issue_comment(heading, lines, lang))
    return EXIT_PROBLEMS


def _fenced(lines: list[str]) -> str:
    """Give ``lines`` as a Markdown code block no line of them can close: the issue's words stay text."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n" + "\n".join(lines) + f"\n{fence}"


def issue_comment(heading: str, lines: list[str], lang: str) -> str:
    """Give the issue's comment (Markdown) when no story could be made from it."""
    parts = [heading.removeprefix("samenspel: ")]
    if lines:
        parts.append(_fenced([f"- {line}" for line in lines]))
    parts.append(ui("issue_comment_next", lang, label=READY_LABEL))
    return "\n\n".join(parts) + "\n"


def pull_request_message(path: str, title: str, number: int, warnings: list[str], lang: str) -> str:
    """Give the pull request's title (the first line), a blank line and its body (Markdown)."""
    body = [ui("pull_request_body", lang, path=path, number=number)]
    if warnings:
        body.append(ui("issue_warnings", lang) + "\n\n" + _fenced([f"- {line}" for line in warnings]))
    body.append(ui("pull_request_next", lang))
    if number:
        body.append(f"Closes #{number}")
    return ui("pull_request_title", lang, title=" ".join(title.split())) + "\n\n" + "\n\n".join(body) + "\n"

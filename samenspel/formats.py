"""Problems in the forms other tools read: GitHub annotations and job summary, and JSON.

``check --format github`` prints one workflow command per problem, which GitHub shows on the
line of the pull request's file; it shows at most ten of each kind per step, so every problem
also goes into the job summary as a table. ``--format json`` is a stable list for tools.
All are pure: the command line prints them and appends the summary.
"""
from __future__ import annotations

import json
from collections.abc import Sequence

from .errors import Problem, errors, printable
from .messages import message, ui, ui_count

FORMATS = ("text", "github", "json")


def parts(item: Problem, lang: str) -> tuple[str, str]:
    """Give what is wrong and how to fix it, as two printable texts (the hint may be empty)."""
    what = message(item.code, lang, dict(item.params))
    hint = message(item.hint, lang, dict(item.hint_params)) if item.hint else ""
    return printable(what), printable(hint)


# GitHub's rules for workflow commands (@actions/core, command.ts): data escapes %, CR and LF;
# a property also ':' and ',', which would otherwise end it.
def escape_data(text: str) -> str:
    """Give ``text`` escaped as the message of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Give ``text`` escaped as a property (file, title) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(item: Problem, lang: str) -> str:
    """Give the workflow command that shows ``item`` on its file and line: ``::error file=…,line=…,title=…::…``."""
    what, hint = parts(item, lang)
    properties = [f"file={escape_property(item.path)}"]
    if item.line:
        properties.append(f"line={item.line}")
    title = ui("check_title", lang) + (f": {item.field}" if item.field else "")
    properties.append(f"title={escape_property(title)}")
    text = f"{what} — {hint}" if hint else what
    return f"::{'warning' if item.warning else 'error'} {','.join(properties)}::{escape_data(text)}"


def github_annotations(problems: Sequence[Problem], lang: str) -> str:
    """Give one workflow command per problem, one a line."""
    return "".join(github_annotation(item, lang) + "\n" for item in problems)


def _cell(text: str) -> str:
    # A '|' would end the cell and a line break the row; '<', '>' and '&' would be read as HTML.
    for old, new in (("\\", "\\\\"), ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|"),
                     ("\r\n", "<br>"), ("\n", "<br>"), ("\r", "<br>")):
        text = text.replace(old, new)
    return text


def step_summary(problems: Sequence[Problem], lang: str) -> str:
    """Give every problem as a Markdown table for the job summary (``$GITHUB_STEP_SUMMARY``)."""
    n_errors = len(errors(problems))
    counts = f"{ui_count('problem_count', lang, n_errors)}, {ui_count('warning_count', lang, len(problems) - n_errors)}"
    lines = [f"### {ui('summary_heading', lang)}", "", counts, ""]
    if not problems:
        return "\n".join(lines + [ui("summary_none", lang), ""]) + "\n"
    headers = [ui(key, lang) for key in ("column_file", "column_line", "column_field", "column_severity",
                                         "column_problem", "column_hint")]
    lines += ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    for item in problems:
        what, hint = parts(item, lang)
        severity = ui("severity_warning" if item.warning else "severity_error", lang)
        row = [printable(item.path), str(item.line) if item.line else "", printable(item.field), severity, what, hint]
        lines.append("| " + " | ".join(_cell(cell) for cell in row) + " |")
    return "\n".join(lines) + "\n\n"


def as_json(problems: Sequence[Problem], lang: str) -> str:
    """Give the problems as a JSON list of {file, line, field, code, severity, message, hint}, in their order."""
    rows = []
    for item in problems:
        what, hint = parts(item, lang)
        rows.append({"file": item.path, "line": item.line, "field": item.field, "code": item.code,
                     "severity": "warning" if item.warning else "error", "message": what, "hint": hint})
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"

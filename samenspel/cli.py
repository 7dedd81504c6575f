"""The command line: ``samenspel build | check | serve``."""
from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Sequence, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from .errors import Problem, errors, problem
from .formats import FORMATS, as_json, github_annotations, step_summary
from .messages import LANGUAGES, decimal, ui, ui_count
from .uptodate import Record, forget, inputs_key, out_identity, save_record, up_to_date

if TYPE_CHECKING:
    from .pipeline import Built

# The rest of the engine is imported in main() when a command needs it, so that a build that
# finds nothing changed starts and ends in a blink (#9): importing it costs more than that.

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class Summarised(Protocol):
    """What the summary line reads of a build."""

    @property
    def problems(self) -> Sequence[Problem]: ...
    @property
    def timings(self) -> Sequence[tuple[str, float]]: ...
    @property
    def pages(self) -> int: ...
    @property
    def drafts(self) -> Sized: ...
    @property
    def seconds(self) -> float: ...
    @property
    def memory(self) -> Sequence[tuple[str, int]]: ...
    @property
    def reused(self) -> int: ...


@dataclass
class Unchanged:
    """A build that did not need to run: what the last one reported, and how long finding that out took."""

    problems: list[Problem]
    timings: list[tuple[str, float]]
    pages: int
    drafts: tuple[tuple[str, str], ...]
    memory: tuple[tuple[str, int], ...] = ()
    reused: int = 0

    @property
    def seconds(self) -> float:
        return sum(seconds for _, seconds in self.timings)


class Reporter:
    """Talks to the person at the terminal: a progress bar when it is one, plain lines otherwise."""

    def __init__(self, stream: TextIO, lang: str) -> None:
        self.stream = stream
        self.lang = lang
        self.live = stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
        self._drawn = False

    def progress(self, stage: str, done: int, total: int) -> None:
        """Redraw the one-line progress bar (only on a terminal)."""
        if not self.live or total < 2:
            return
        width = 24
        filled = int(width * done / total)
        name = ui(f"stage_{stage}", self.lang)
        self.stream.write(f"\r{name:<16} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        self.stream.flush()
        self._drawn = True

    def clear(self) -> None:
        if self._drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._drawn = False

    def say(self, text: str) -> None:
        """Print one line."""
        self.clear()
        print(text, file=self.stream)

    def problems(self, problems: Sequence[Problem]) -> None:
        self.clear()
        for item in problems:
            print(item.text(self.lang), file=self.stream)

    def summary(self, verb: str, built: Summarised, unchanged: bool = False) -> None:
        """Print the one-line summary: pages, time, problems, drafts left out (and that nothing changed)."""
        n_errors = len(errors(built.problems))
        lang = self.lang
        drafts = len(built.drafts)
        line = ui("summary", lang, verb=verb, pages=ui_count("page_count", lang, built.pages),
                  seconds=decimal(built.seconds, lang), problems=ui_count("problem_count", lang, n_errors),
                  warnings=ui_count("warning_count", lang, len(built.problems) - n_errors))
        if drafts:
            line += ", " + ui_count("drafts_left_out", lang, drafts)
        if unchanged:
            line += ", " + ui("summary_unchanged", lang)
        self.say(line)

    def drafts(self, drafts: Sequence[tuple[str, str]]) -> None:
        """Name each file left out because it is not published (path, status), and how to see it anyway."""
        if not drafts:
            return
        self.say(ui("drafts_title", self.lang))
        for path, status in drafts:
            self.say(f"  {path} ({status})")
        self.say(ui("drafts_hint", self.lang))

    def timings(self, built: Summarised) -> None:
        """Print the time each stage of the build took."""
        lang = self.lang
        rows = [(ui(f"stage_{name}", lang), seconds) for name, seconds in built.timings]
        rows.append((ui("timings_total", lang), built.seconds))
        width = max(len(name) for name, _ in rows)
        self.say(ui("timings_title", lang))
        for name, seconds in rows:
            self.say(f"  {name:<{width}}  {decimal(seconds, lang, 3):>8} s")
        if built.reused:
            self.say(ui("timings_reused", lang, pages=ui_count("page_count", lang, built.reused)))
        memory = [(ui(f"memory_{name}", lang), size / 2**20) for name, size in built.memory]
        if memory:  # the search index apart: Pagefind is a program of its own (#9)
            self.say(ui("memory_title", lang))
            width = max(len(name) for name, _ in memory)
            for name, mib in memory:
                self.say(f"  {name:<{width}}  {decimal(mib, lang, 0):>8} MiB")


def draft_list(built: Built) -> tuple[tuple[str, str], ...]:
    """Give (path, status) of each file the build left out because it is not published."""
    return tuple((doc.path, str(getattr(doc.meta, "status", ""))) for doc in built.drafts)


def report_unchanged(kept: Record, lang: str | None, timings: bool, seconds: float) -> int:
    """Say that the site is as the last build left it, with that build's warnings and drafts; give the exit code."""
    report = Reporter(sys.stderr, lang or kept.lang)
    built = Unchanged(list(kept.problems), [("unchanged", seconds)], kept.pages, kept.drafts)
    report.problems(built.problems)
    report.drafts(kept.drafts)
    report.summary(ui("verb_build", report.lang), built, unchanged=True)
    if timings:
        report.timings(built)
    return EXIT_OK


def report_for_tools(form: str, problems: Sequence[Problem], lang: str) -> None:
    """Print the problems as GitHub annotations (and add them to the job summary) or as JSON, on stdout."""
    if form == "json":
        sys.stdout.write(as_json(problems, lang))
        return
    sys.stdout.write(github_annotations(problems, lang))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        from .files import append_text

        try:
            append_text(Path(summary), step_summary(problems, lang))
        except OSError as e:
            print(f"samenspel: {ui('summary_unwritable', lang, path=summary, error=e.strerror or e)}", file=sys.stderr)


def parser() -> argparse.ArgumentParser:
    """Give the argument parser for all commands."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)")
    common.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of messages (default: the site's language)")
    common.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="worker processes for build and check (default: one per core; 1: no workers)")
    main = argparse.ArgumentParser(
        prog="samenspel",
        description="Build the Samenspel showcase: stories in content/, a website out in site/.",
        epilog="Exit codes: 0 ok, 1 problems in the content, 2 wrong use of the command.",
    )
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)
    b = commands.add_parser("build", parents=[common], help="check the content and build the site",
                            description="Check all content, then write the site to site/. "
                                        "With any problem nothing is written and the previous site stays.")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: output_dir in site.toml, 'site')")
    b.add_argument("--base-url", default=None, help="build for another base URL, e.g. https://example.org/samenspel/")
    b.add_argument("--drafts", action="store_true",
                   help="also build stories that are not published (never for publishing)")
    b.add_argument("--timings", action="store_true", help="print the time each stage of the build took")
    b.add_argument("--force", action="store_true",
                   help="build every page afresh, even when nothing changed since the last build (which "
                        "keeps what it made in the user's cache folder, ~/.cache/samenspel/)")
    c = commands.add_parser("check", parents=[common], help="check the content without writing anything",
                            description="Report every problem in the content at once, "
                                        "as file:line: field: problem — hint.")
    c.add_argument("--timings", action="store_true", help="print the time each stage took")
    c.add_argument("--format", choices=FORMATS, default="text",
                   help="text (default), github (annotations and job summary) or json (a list on stdout)")
    n = commands.add_parser("new", parents=[common], help="start a new story from the template",
                            description="Make content/stories/<slug>.md from docs/sjabloon-verhaal.md: the title, "
                                        "today's date, status concept. An existing file is never replaced.")
    n.add_argument("title", help="the story's title; its file name is made from it")
    f = commands.add_parser("from-issue", parents=[common], help="turn a story issue (issue form) into a story",
                            description="Read the body of an issue made with .github/ISSUE_TEMPLATE/verhaal.yml and "
                                        "write content/stories/<slug>.md, or list what is missing or wrong.")
    f.add_argument("issue", type=Path, help="a file holding the issue's body as GitHub renders it")
    f.add_argument("--github-message", type=Path, metavar="FILE",
                   help="also write, in Markdown, the pull request's title (first line) and body when the story "
                        "is made, or else the comment for the issue saying what is missing (for the workflow "
                        ".github/workflows/verhaal-uit-issue.yml)")
    f.add_argument("--issue-number", type=int, default=0, help="the issue's number, for the pull request's body")
    commands.add_parser("schema", parents=[common], help="write the JSON Schemas of the front matter into schema/",
                        description="Write schema/story.schema.json, lesson.schema.json and page.schema.json "
                                    "from the fields and vocabulary check uses, for editors with a YAML language "
                                    "server.")
    s = commands.add_parser("serve", parents=[common], help="preview the site with live reload",
                            description="Build the site with drafts in memory, serve it and rebuild on every change. "
                                        "Problems show in the terminal and over every open page; the last good "
                                        "version stays served. site/ is not touched.")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    s.add_argument("--port", type=int, default=8000, help="port (default: 8000; the next free one if taken)")
    s.add_argument("--open", action="store_true", help="open the preview in the browser")
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command and give its exit code."""
    # A build keeps nearly everything it makes until it ends (the site, its pages), where the
    # collector's defaults suit programs whose objects die young: after every 700 new objects
    # it looked again, and now and then through the whole growing heap, 10-13% of a cold
    # build (#9). After every 50,000 it no longer walks the heap during a build.
    before = gc.get_threshold()
    gc.set_threshold(50_000, 10, 10)
    try:
        return run(argv)
    finally:
        gc.set_threshold(*before)


def run(argv: Sequence[str] | None) -> int:
    """Run a command and give its exit code (``main`` without its setting of the collector)."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on misuse, 0 on --help
        return int(e.code or 0)
    root = args.root
    if args.command == "build":
        started = time.perf_counter()
        key = inputs_key(root, args.out, {"base_url": args.base_url, "drafts": args.drafts})
        kept = None if args.force else up_to_date(root, key)
        if kept is not None:
            return report_unchanged(kept, args.lang, args.timings, time.perf_counter() - started)
    from .config import base_url_problem
    from .contribute import run_from_issue, run_new, run_schema
    from .cores import Cores, available
    from .pipeline import build, collect
    from .project import read_project

    try:
        project = read_project(root)
    except NotADirectoryError:
        print(f"samenspel: {ui('not_a_folder', args.lang or 'nl', path=root)}", file=sys.stderr)
        return EXIT_USAGE
    report = Reporter(sys.stderr, args.lang or project.config.language)
    if args.command == "new":
        return run_new(root, args.title, report.lang)
    if args.command == "from-issue":
        return run_from_issue(root, args.issue, project.vocabulary, report.lang,
                              message=args.github_message, number=args.issue_number)
    if args.command == "schema":
        return run_schema(root, project.vocabulary, report.lang)
    try:
        if args.command == "serve":
            from .serve import serve

            return serve(root, host=args.host, port=args.port, open_browser=args.open, report=report)
        if args.command == "check":
            built = collect(root, cores=Cores(args.jobs or available()), progress=report.progress, project=project)
            verb = "verb_check"
        else:
            code = base_url_problem(args.base_url) if args.base_url else None
            if code:
                report.problems([problem("--base-url", 0, "", code, "hint_base_url", value=args.base_url)])
                return EXIT_USAGE
            forget(root)  # a build killed half-way must not leave the last record standing
            built = build(root, args.out, preview=args.drafts, base_url=args.base_url,
                          cores=Cores(args.jobs or available()), progress=report.progress, project=project,
                          fresh=args.force)
            verb = "verb_build" if built.ok else "verb_build_failed"
            if built.written and built.out is not None and (folder := out_identity(built.out)) is not None:
                save_record(root, Record(key, str(built.out), folder.digest, folder.entries,
                                         project.config.language, built.pages, tuple(built.problems),
                                         draft_list(built)))
        if args.command == "check" and args.format != "text":
            report_for_tools(args.format, built.problems, report.lang)
        else:
            report.problems(built.problems)
        report.drafts(draft_list(built))
        report.summary(ui(verb, report.lang), built)
        if args.timings:
            report.timings(built)
    except KeyboardInterrupt:
        report.clear()
        return 130
    return EXIT_OK if built.ok else EXIT_PROBLEMS

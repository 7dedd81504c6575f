"""The command line: ``samenspel build | check | serve``."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .errors import Problem, errors
from .messages import LANGUAGES
from .pipeline import Result, build, collect

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class Reporter:
    """Talks to the person at the terminal: a progress bar when it is one, plain lines otherwise."""

    def __init__(self, stream: TextIO, lang: str) -> None:
        self.stream = stream
        self.lang = lang
        self.live = stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
        self._drawn = False

    def progress(self, step: str, done: int, total: int) -> None:
        """Redraw the one-line progress bar (only on a terminal)."""
        if not self.live or total < 2:
            return
        width = 24
        filled = int(width * done / total)
        self.stream.write(f"\r{step:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        self.stream.flush()
        self._drawn = True

    def clear(self) -> None:
        if self._drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._drawn = False

    def problems(self, problems: Sequence[Problem]) -> None:
        self.clear()
        for item in problems:
            print(item.text(self.lang), file=self.stream)

    def summary(self, verb: str, result: Result) -> None:
        """Print the one-line summary: pages, time, problems."""
        self.clear()
        n_errors = len(errors(result.problems))
        n_warnings = len(result.problems) - n_errors
        if self.lang == "en":
            line = (f"{verb}: {result.pages} pages in {result.seconds:.2f} s, "
                    f"{n_errors} problem{'s' * (n_errors != 1)}, {n_warnings} warning{'s' * (n_warnings != 1)}")
        else:
            seconds = f"{result.seconds:.2f}".replace(".", ",")
            problems = "1 probleem" if n_errors == 1 else f"{n_errors} problemen"
            warnings = "1 waarschuwing" if n_warnings == 1 else f"{n_warnings} waarschuwingen"
            line = f"{verb}: {result.pages} pagina's in {seconds} s, {problems}, {warnings}"
        print(line, file=self.stream)


def parser() -> argparse.ArgumentParser:
    """Give the argument parser for all commands."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)")
    common.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of messages (default: the site's language)")
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
    b.add_argument("--drafts", action="store_true", help="also build stories that are not published (never for publishing)")
    commands.add_parser("check", parents=[common], help="check the content without writing anything",
                        description="Report every problem in the content at once, as file:line: field: problem — hint.")
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
    try:
        args = parser().parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on misuse, 0 on --help
        return int(e.code or 0)
    root = args.root.resolve()
    if not root.is_dir():
        print(f"samenspel: geen map: {root}", file=sys.stderr)
        return EXIT_USAGE
    lang = args.lang or _site_language(root)
    report = Reporter(sys.stderr, lang)
    try:
        if args.command == "check":
            result = collect(root, progress=report.progress)
            report.problems(result.problems)
            report.summary("check", result)
        elif args.command == "build":
            out = args.out.resolve() if args.out else None
            result = build(root, out, preview=args.drafts, base_url=args.base_url, progress=report.progress)
            report.problems(result.problems)
            if not result.ok:
                report.summary("build (niets geschreven)" if lang == "nl" else "build (nothing written)", result)
            else:
                report.summary("build", result)
        else:
            from .serve import serve

            return serve(root, host=args.host, port=args.port, open_browser=args.open, report=report)
    except KeyboardInterrupt:
        report.clear()
        return 130
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def _site_language(root: Path) -> str:
    from .config import load_config

    return load_config(root)[0].language

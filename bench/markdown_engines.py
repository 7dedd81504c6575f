"""Print how long Markdown rendering of a project's story bodies takes, per body.

    .venv/bin/python bench/markdown_engines.py [PROJECT] [ROUNDS]

Measures the build's own Markdown stage (samenspel.markdown: cmark-gfm, then heading
ids, links between files and nh3) and, when they are installed, the bare engines it was
chosen against (`pip install markdown-it-py linkify-it-py markdown`), so the choice in
the README can be checked on this machine. PROJECT defaults to this repository; the
benchmark corpus (`make bench`) has ~620-word bodies.
"""
from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samenspel.content import split  # noqa: E402
from samenspel.markdown import render  # noqa: E402
from samenspel.project import read_sources  # noqa: E402


def per_body(function: Callable[[str], object], bodies: list[str], rounds: int) -> float:
    """Give the median time in microseconds to render one body."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for body in bodies:
            function(body)
        times.append((time.perf_counter() - started) / len(bodies) * 1e6)
    return statistics.median(times)


def main() -> None:
    project = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    sources, _ = read_sources(project)
    drafts = [draft for draft, _ in map(split, sources) if draft is not None and draft.kind == "stories"][:300]
    bodies = [draft.body for draft in drafts]
    words = statistics.mean(len(body.split()) for body in bodies)
    print(f"{len(bodies)} bodies of {words:.0f} words on average, {rounds} rounds, median per body:")
    ours = per_body(lambda b: render(b, "content/stories/x.md", 1, {}, top=3), bodies, rounds)
    print(f"  samenspel.markdown (cmark-gfm + ids, links, nh3) {ours:8.0f} µs")
    try:
        import cmarkgfm

        bare = per_body(lambda b: cmarkgfm.github_flavored_markdown_to_html(b), bodies, rounds)
        print(f"  cmark-gfm alone                                  {bare:8.0f} µs")
    except ImportError:
        pass
    try:
        from markdown_it import MarkdownIt

        parser = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
        seconds = per_body(parser.render, bodies, rounds)
        print(f"  markdown-it-py with linkify (no ids, no nh3)     {seconds:8.0f} µs")
    except ImportError:
        print("  markdown-it-py                                   (not installed)")
    try:
        import markdown

        engine = markdown.Markdown(extensions=["tables"])
        seconds = per_body(lambda b: engine.reset().convert(b), bodies, rounds)
        print(f"  Python-Markdown (tables only)                    {seconds:8.0f} µs")
    except ImportError:
        print("  Python-Markdown                                  (not installed)")


if __name__ == "__main__":
    main()

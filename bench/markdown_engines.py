"""Print how long Markdown rendering of the example stories takes, per story.

    .venv/bin/python bench/markdown_engines.py [ROUNDS]

Measures markdown-it-py as the build configures it (samenspel.markdown) and, when
it is installed (`pip install markdown`), Python-Markdown with its table extension,
so the choice in the README can be checked on this machine.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samenspel.content import read_sources, split  # noqa: E402
from samenspel.markdown import render  # noqa: E402


def per_story(render, bodies: list[str], rounds: int) -> float:
    """Give the median time in microseconds to render one story."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for body in bodies:
            render(body)
        times.append((time.perf_counter() - started) / len(bodies) * 1e6)
    return statistics.median(times)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    sources, _ = read_sources(ROOT)
    bodies = [draft.body for draft, _ in map(split, sources) if draft is not None]
    print(f"{len(bodies)} bodies, {rounds} rounds, median per body:")
    ours = per_story(lambda b: render(b, "content/stories/x.md", 1, {}), bodies, rounds)
    print(f"  samenspel (markdown-it-py, sanitised) {ours:8.0f} µs")
    try:
        import markdown
    except ImportError:
        print("  Python-Markdown                      (not installed: pip install markdown to compare)")
        return
    engine = markdown.Markdown(extensions=["tables"])
    seconds = per_story(lambda b: engine.reset().convert(b), bodies, rounds)
    print(f"  Python-Markdown (tables only)         {seconds:8.0f} µs")


if __name__ == "__main__":
    main()

"""Print how long the preview takes from saving a story to serving the rebuilt page.

    .venv/bin/python bench/preview_rebuild.py [STORIES] [EDITS]

Generates a site of STORIES stories (default 1,000) with the benchmark's corpus, starts
`build.py serve` on a free port, then EDITS times (default 20) changes one story's
text and polls its page until the new text is served. Prints the median and the
spread, the time of a full build of the same site for comparison, and how long `serve`
took to answer its first page.
"""
from __future__ import annotations

import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "bench"))
from corpus import generate, write_samenspel  # noqa: E402

from samenspel.serve import free_port  # noqa: E402


def make_site(target: Path, stories: int) -> list[Path]:
    """Write the benchmark's corpus of ``stories`` stories (bench/corpus.py, as build_bench.py uses) at ``target``."""
    write_samenspel(generate(stories), target)
    return sorted((target / "content" / "stories").glob("*.md"))


def get(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().read().decode("utf-8", "replace")
    finally:
        connection.close()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "site"
        stories = make_site(root, count)
        environment = {**os.environ, "XDG_CACHE_HOME": str(Path(folder) / "cache")}  # nothing kept in the home folder
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--root", str(root)], check=True,
                       capture_output=True, env=environment)
        full = time.perf_counter() - started
        port = free_port("127.0.0.1", 8600)
        started = time.perf_counter()
        server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--root", str(root),
                                   "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env=environment)
        try:
            deadline = time.monotonic() + 1800
            while time.monotonic() < deadline:
                try:
                    get(port, "/")
                    break
                except OSError:
                    time.sleep(0.2)
            first = time.perf_counter() - started
            times = []
            for n in range(edits):
                story = stories[(n * 37) % len(stories)]
                page = f"/verhalen/{story.stem}/"
                marker = f"Gemeten wijziging {n}."
                text = story.read_text(encoding="utf-8")
                time.sleep(0.3)  # let the previous rebuild settle
                started = time.perf_counter()
                story.write_text(text + f"\n{marker}\n", encoding="utf-8")
                while marker not in get(port, page):
                    time.sleep(0.005)
                times.append(time.perf_counter() - started)
        finally:
            server.terminate()
            server.wait(timeout=10)
    times.sort()
    print(f"{count} stories; full build (samenspel build, fresh process): {full:.2f} s; "
          f"serve: first page served after {first:.2f} s")
    print(f"save -> rebuilt page served, {edits} edits: median {statistics.median(times):.3f} s, "
          f"min {times[0]:.3f} s, max {times[-1]:.3f} s")


if __name__ == "__main__":
    main()

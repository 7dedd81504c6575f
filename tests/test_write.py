"""Writing the site: atomic, never into a folder it does not own, nothing lost on failure."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from samenspel import write
from samenspel.folders import SEARCH_CACHE
from samenspel.output import Output
from samenspel.pipeline import build
from samenspel.uptodate import cache_folder
from samenspel.write import MARKER, SiteWriter, check_output_dir, clean_leftovers, remove_tree, write_site

from .conftest import REPO, make_project, snapshot


def test_write_replaces_the_whole_folder(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert write_site(out, [Output("a/index.html", b"1"), Output("b.css", b"2")]) == []
    assert write_site(out, [Output("c/index.html", b"3")]) == []
    assert snapshot(out).keys() == {"c/index.html", MARKER}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no temporary folders left


def test_an_output_path_outside_the_folder_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site(out, [Output("index.html", b"old")])
    problems = write_site(out, [Output("index.html", b"new"), Output("../escaped.html", b"x")])
    assert [p.code for p in problems] == ["output_error"]
    assert (out / "index.html").read_bytes() == b"old"
    assert not (tmp_path / "escaped.html").exists()


@pytest.mark.parametrize("name", [".", "content", "layouts", "assets", "/"])
def test_refuses_project_and_system_folders(project: Path, name: str) -> None:
    target = project / name if name != "/" else Path("/")
    assert [p.code for p in check_output_dir(target, project)] == ["unsafe_output"]


def test_refuses_the_home_folder(project: Path) -> None:
    assert check_output_dir(Path.home(), project)


def test_refuses_a_full_folder_it_did_not_make(project: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"precious")
    result = build(project, foreign)
    assert not result.ok
    assert "niet door een eerdere build gemaakt" in result.problems[0].text()
    assert (foreign / "holiday.jpg").read_bytes() == b"precious"


def test_a_build_replaces_its_own_previous_output(project: Path) -> None:
    assert build(project).written
    (project / "site" / "stale.html").write_text("old", encoding="utf-8")
    assert build(project).written
    assert not (project / "site" / "stale.html").exists()


def test_a_build_killed_between_the_renames_is_recovered(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site(out, [Output("index.html", b"good")])
    os.replace(out, tmp_path / ".site.old-abc")  # as if killed after the first rename
    (tmp_path / ".site.new-def").mkdir()
    clean_leftovers(out)
    assert (out / "index.html").read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# -- the swap: one atomic step on Linux, recoverable elsewhere ----------------------------------

linux_only = pytest.mark.skipif(write._RENAMEAT2 is None, reason="renameat2 needs Linux and glibc 2.28+")


@linux_only
def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x").write_text("a", encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x").write_text("b", encoding="utf-8")
    assert write.exchange(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "a" / "x").read_text(encoding="utf-8") == "b"
    assert (tmp_path / "b" / "x").read_text(encoding="utf-8") == "a"


@linux_only
def test_exchange_of_a_missing_path_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    with pytest.raises(FileNotFoundError):
        write.exchange(tmp_path / "a", tmp_path / "nergens")


@linux_only
def test_write_site_swaps_with_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    write_site(out, [Output("index.html", b"old")])
    calls = []
    real = write.exchange
    monkeypatch.setattr(write, "exchange", lambda a, b: calls.append((a.name, b.name)) or real(a, b))
    assert write_site(out, [Output("index.html", b"new")]) == []
    assert [b for _, b in calls] == ["site"] and calls[0][0].startswith(".site.new-")
    assert (out / "index.html").read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_without_exchange_two_renames_do_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "exchange", lambda a, b: False)
    out = tmp_path / "site"
    write_site(out, [Output("index.html", b"old")])
    assert write_site(out, [Output("index.html", b"new"), Output("a/index.html", b"a")]) == []
    assert snapshot(out).keys() == {"index.html", "a/index.html", MARKER}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_build_killed_right_after_the_exchange_is_tidied(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site(out, [Output("index.html", b"new")])
    leftover = tmp_path / ".site.new-abc"  # the previous site, swapped out but not yet removed
    leftover.mkdir()
    (leftover / "index.html").write_bytes(b"old")
    clean_leftovers(out)
    assert (out / "index.html").read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


@linux_only
def test_a_reader_never_finds_the_site_missing_or_mixed(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site(out, [Output("index.html", b"0"), Output("b.html", b"0")])
    seen: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                index, other = (out / "index.html").read_bytes(), (out / "b.html").read_bytes()
            except FileNotFoundError as e:
                seen.append(f"missing: {e.filename}")
                continue
            if index != other and not stop.is_set():
                # the two reads may straddle one swap; only a mix within one folder is wrong
                try:
                    again = (out / "index.html").read_bytes()
                except FileNotFoundError:
                    seen.append("missing")
                    continue
                if again == index:
                    seen.append(f"mixed: {index!r} {other!r}")

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n in range(1, 150):
            value = str(n).encode()
            assert write_site(out, [Output("index.html", value), Output("b.html", value)]) == []
    finally:
        stop.set()
        reader.join()
    assert [s for s in seen if s.startswith("missing")] == []


# -- SIGKILL during a real build: the site is always the whole old or the whole new one ----------

BIG = 400


def make_big_project(target: Path) -> Path:
    project = make_project(target)
    template = (project / "content" / "stories" / "buurtmoestuin.md").read_text(encoding="utf-8")
    for n in range(BIG):
        text = (template.replace("De buurtmoestuin", f"Verhaal {n}")
                .replace("2024-05-01", f"{2010 + n % 14}-{1 + n % 12:02d}-{1 + n % 28:02d}"))
        (project / "content" / "stories" / f"verhaal-{n:03d}.md").write_text(text, encoding="utf-8")
    return project


def set_version(project: Path, version: str) -> None:
    """Give every generated story the body of version 'A' or 'B'."""
    old, new = ("Een paar buren", "Enkele buren") if version == "B" else ("Enkele buren", "Een paar buren")
    for file in (project / "content" / "stories").glob("verhaal-*.md"):
        file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def cli_build(project: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(REPO / "build.py"), "build", "--root", str(project), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={"PATH": "/usr/bin:/bin", "CI": "true", "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]})


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, bytes]], float]:
    """A 400-story project, the snapshots of its site in versions A and B, and how long one build takes."""
    tmp = tmp_path_factory.mktemp("big")
    project = make_big_project(tmp / "project")
    snapshots = {}
    seconds = 0.0
    for version in ("B", "A"):
        set_version(project, version)
        start = time.monotonic()
        done = cli_build(project, "--out", str(tmp / version))
        assert done.wait(timeout=300) == 0, done.stderr.read()
        seconds = max(seconds, time.monotonic() - start)
        snapshots[version] = snapshot(tmp / version)
    assert snapshots["A"] != snapshots["B"]
    done = cli_build(project)  # site/ now holds version A
    assert done.wait(timeout=300) == 0
    return project, snapshots, seconds


def test_sigkill_at_any_moment_leaves_the_old_or_the_new_site_whole(big) -> None:
    project, snapshots, seconds = big
    site = project / "site"
    seed = int(os.environ.get("SAMENSPEL_KILL_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    # Half the kills anywhere in a build, half in its last quarter, where it writes and swaps.
    delays = [rng.uniform(0.05, seconds) for _ in range(5)] + [rng.uniform(0.7 * seconds, 1.1 * seconds)
                                                               for _ in range(7)]
    outcomes = []
    for number, delay in enumerate(delays):
        version = "B" if number % 2 == 0 else "A"
        set_version(project, version)
        process = cli_build(project)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        current = snapshot(site)
        state = next((name for name, snap in snapshots.items() if snap == current), None)
        leftovers = sorted(p.name.split("-")[0] for p in project.iterdir() if p.name.startswith(".site."))
        outcomes.append((round(delay, 2), process.returncode, state, leftovers))
        differ = {name: sorted(path for path in set(snap) | set(current) if snap.get(path) != current.get(path))[:8]
                  for name, snap in snapshots.items()}
        assert state is not None, f"seed {seed}: after a kill at {delay:.2f} s site/ is neither version: {outcomes}, " \
                                  f"files unlike each version: {differ}"
    # The next normal build tidies every leftover and builds what the content says.
    set_version(project, "B")
    done = cli_build(project)
    assert done.wait(timeout=300) == 0, done.stderr.read()
    assert snapshot(site) == snapshots["B"]
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == [], (seed, outcomes)
    # The search index the last build keeps (#9): one, whole, no half-made one left by a killed build.
    kept = sorted((cache_folder(project) / SEARCH_CACHE).iterdir())
    assert len(kept) == 1 and (kept[0] / "pagefind-entry.json").is_file(), (kept, outcomes)


# -- where the build refuses to write, through the command line ------------------------------------

def cli(project: Path, out: Path | str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(project), "--out", str(out)],
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "CI": "true", "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"], "HOME": str(home)})


@pytest.mark.parametrize("name, reason", [
    (".", "dat is de projectmap, een map erboven of een map van het project"),
    ("..", "dat is de projectmap, een map erboven"),
    ("content", "een map van het project (content, layouts, assets, …)"),
    ("content/stories", "een map van het project"),
    ("content/nieuw", "een map van het project"),  # inside content/, even if it does not exist yet
    ("layouts", "een map van het project"),
    ("assets", "een map van het project"),
    ("assets/site", "een map van het project"),
    (".git", "een map van het project"),
    ("content/stories/dorpshuis.md", "een map van het project"),
    ("site.toml", "dat is een bestand"),
    ("HOME", "dat is de thuismap of een map van het systeem"),
    ("/", "dat is de thuismap of een map van het systeem"),
])
def test_build_out_refuses_project_home_and_system_folders(project: Path, tmp_path: Path, name: str, reason: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "brief.txt").write_text("privé", encoding="utf-8")
    (project / ".git").mkdir()
    before = snapshot(project), snapshot(home)
    out = home if name == "HOME" else Path(name) if name == "/" else project / name
    done = cli(project, out, home)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert f"weigert te schrijven naar '{out.resolve()}': " in done.stderr
    assert reason in done.stderr
    assert "kies een eigen map voor de site, zoals site/" in done.stderr
    assert (snapshot(project), snapshot(home)) == before
    assert not (project / "site").exists()


def test_build_out_refuses_a_full_folder_it_did_not_make_and_says_why(project: Path, tmp_path: Path) -> None:
    photos = tmp_path / "foto's"
    photos.mkdir()
    (photos / "vakantie.jpg").write_bytes(b"kostbaar")
    done = cli(project, photos, tmp_path)
    assert done.returncode == 1
    assert (f"weigert te schrijven naar '{photos}': de map is niet leeg en is niet door een eerdere build gemaakt, "
            "dus alles erin zou verdwijnen — kies een eigen map voor de site, zoals site/") in done.stderr
    assert snapshot(photos) == {"vakantie.jpg": b"kostbaar"}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_build_out_explains_in_english_too(project: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(project), "--out",
                           str(project / "content"), "--lang", "en"], capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "CI": "true", "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]})
    assert done.returncode == 1
    assert "refuses to write to" in done.stderr and "one of the project's folders" in done.stderr


@pytest.mark.parametrize("name", ["leeg", "nieuw/diep"])
def test_build_out_accepts_an_empty_or_new_folder_and_then_its_own(project: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    if name == "leeg":
        out.mkdir()
    assert cli(project, out, tmp_path).returncode == 0
    assert (out / MARKER).is_file()
    assert cli(project, out, tmp_path).returncode == 0  # a folder made by a build may be replaced


def test_a_build_hands_every_page_to_the_writer_and_keeps_none(tmp_path: Path) -> None:
    """Pages go to disk as they are rendered (#9): the build holds no list of the whole site."""
    built = build(REPO, tmp_path / "site")
    assert built.written and built.outputs == []
    pages = [name for name in snapshot(tmp_path / "site") if name.endswith(".html")]
    assert built.pages == len(pages) > 20
    assert dict(built.memory).keys() >= {"build", "workers"} and dict(built.memory)["build"] > 10 * 2**20


def test_the_search_index_memory_is_reported_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # no kept index: Pagefind runs
    built = build(REPO, tmp_path / "site")
    assert built.written and dict(built.memory).get("search", 0) > 2**20


def test_a_writer_aborted_leaves_the_previous_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert write_site(out, [Output("index.html", b"old")]) == []
    writer = write.SiteWriter(out)
    writer.add(Output("index.html", b"new"))
    writer.add(Output("more/index.html", b"more"))
    writer.abort()
    assert snapshot(out) == {"index.html": b"old", MARKER: (out / MARKER).read_bytes()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_file_that_cannot_be_written_stops_the_writing_and_swaps_nothing(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert write_site(out, [Output("index.html", b"old")]) == []
    writer = write.SiteWriter(out)
    writer.add(Output("a", b"a file where a folder must go"))
    writer.add(Output("a/index.html", b"x"))  # cannot be written: 'a' is a file
    writer.add(Output("b/index.html", b"y"))
    assert not (writer.fresh / "b").exists()  # nothing more written after the failure
    problems = writer.commit()
    assert [p.code for p in problems] == ["output_error"] and (out / "index.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_kept_index_being_removed_is_never_taken_for_a_whole_one(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A build killed while it removes an old kept index must not leave one that still looks whole."""
    from samenspel import searchindex

    old, new = tmp_path / ("a" * 32), tmp_path / ("b" * 32)
    for folder in (old, new):
        (folder / "fragment").mkdir(parents=True)
        (folder / "fragment" / "x.pf_fragment").write_bytes(b"x")
        (folder / searchindex.ENTRY).write_text("{}", encoding="utf-8")

    def killed(path: object, ignore_errors: bool = False) -> None:
        raise KeyboardInterrupt  # as a SIGKILL would stop it: half-way, before anything is removed

    monkeypatch.setattr(searchindex.shutil, "rmtree", killed)
    with pytest.raises(KeyboardInterrupt):
        searchindex._prune({new})
    whole = [p.name for p in tmp_path.iterdir() if (p / searchindex.ENTRY).is_file() and ".part-" not in p.name]
    assert whole == [new.name]
    monkeypatch.undo()
    searchindex._prune({new})
    assert [p.name for p in tmp_path.iterdir()] == [new.name]


def test_a_tree_is_removed_whole_by_several_threads_and_never_through_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "bewaar.txt").write_text("blijft", encoding="utf-8")
    site = tmp_path / "site"
    for n in range(300):  # more than one thread's share
        page = site / "verhalen" / f"verhaal-{n}"
        page.mkdir(parents=True)
        (page / "index.html").write_text(f"<p>{n}</p>", encoding="utf-8")
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (site / "verhalen" / "link-naar-buiten").symlink_to(outside, target_is_directory=True)
    (site / "link").symlink_to(outside / "bewaar.txt")
    remove_tree(site)
    assert not site.exists() and not site.is_symlink()
    assert (outside / "bewaar.txt").read_text(encoding="utf-8") == "blijft"


def test_the_folders_of_the_pages_to_come_are_made_beforehand_and_inside_the_site(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path / "site")
    paths = [f"verhalen/verhaal-{n}/index.html" for n in range(300)] + ["index.html", "../buiten/index.html",
                                                                          "/etc/x", "lessen/index.html"]
    writer.make_folders(paths)
    assert (writer.fresh / "verhalen" / "verhaal-299").is_dir() and (writer.fresh / "lessen").is_dir()
    assert not (tmp_path / "buiten").exists()
    for path in paths[:300]:
        writer.add(Output(path, b"<p>pagina</p>"))
    assert writer.commit() == []
    assert len(list((tmp_path / "site" / "verhalen").iterdir())) == 300

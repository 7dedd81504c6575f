"""The same input gives byte-identical output: whatever the hash seed, whatever order the files were made in."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, snapshot
from .security.site import make_hostile_project


def example_project(target: Path) -> Path:
    """A copy of the repository's own example site."""
    target.mkdir(parents=True)
    shutil.copy2(REPO / "site.toml", target / "site.toml")
    for folder in ("content", "layouts", "assets"):
        shutil.copytree(REPO / folder, target / folder)
    return target


def hostile_project(target: Path) -> Path:
    """The payload site: 86 stories, lessons and pages, full of odd characters."""
    return make_hostile_project(target).root


def copy_in_reverse(source: Path, target: Path) -> Path:
    """Copy a project creating its folders and files in reverse order, each with an older mtime."""
    files = sorted(p for p in source.rglob("*") if p.is_file())
    for age, file in enumerate(reversed(files)):
        copy = target / file.relative_to(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(file.read_bytes())
        os.utime(copy, (1_000_000_000 - age * 3600, 1_000_000_000 - age * 3600))
    return target


def cli_build(project: Path, out: Path, seed: str, *options: str) -> None:
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(project), "--out", str(out),
                           *options],
                          capture_output=True, text=True, timeout=300,
                          # Each build its own cache folder: every build runs Pagefind, none reuses another's index.
                          env={"PATH": "/usr/bin:/bin", "CI": "true", "PYTHONHASHSEED": seed,
                               "XDG_CACHE_HOME": f"{out}-cache"})
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("make", [example_project, hostile_project], ids=["example", "payloads"])
def test_builds_are_byte_identical_across_hash_seeds_and_file_orders(tmp_path: Path, make) -> None:
    project = make(tmp_path / "project")
    reverse = copy_in_reverse(project, tmp_path / "reverse")
    cli_build(project, tmp_path / "seed-1", "1")
    cli_build(project, tmp_path / "seed-2", "2")
    cli_build(reverse, tmp_path / "reverse-seed-3", "3")
    cli_build(project, tmp_path / "seed-1-again", "1")
    first = snapshot(tmp_path / "seed-1")
    assert len(first) > 20
    for other in ("seed-2", "reverse-seed-3", "seed-1-again"):
        again = snapshot(tmp_path / other)
        assert again.keys() == first.keys(), other
        assert [name for name in first if first[name] != again[name]] == [], other


def test_output_does_not_depend_on_the_output_folder_or_the_clock(tmp_path: Path) -> None:
    project = example_project(tmp_path / "project")
    cli_build(project, tmp_path / "een", "0")
    cli_build(project, tmp_path / "heel" / "andere" / "map", "0")
    assert snapshot(tmp_path / "een") == snapshot(tmp_path / "heel" / "andere" / "map")


@pytest.mark.parametrize("make", [example_project, hostile_project], ids=["example", "payloads"])
def test_one_core_or_several_give_the_same_bytes(tmp_path: Path, make) -> None:
    from samenspel.cores import WORTH_SPREADING

    project = make(tmp_path / "project")
    cli_build(project, tmp_path / "one", "0", "--jobs", "1")
    cli_build(project, tmp_path / "three", "0", "--jobs", "3")
    one, three = snapshot(tmp_path / "one"), snapshot(tmp_path / "three")
    assert len(one) > 20 and one == three
    if make is hostile_project:
        assert sum(name.endswith(".html") for name in one) > WORTH_SPREADING  # so the pages were spread


def test_spreading_work_keeps_its_order_and_results() -> None:
    from samenspel.cores import WORTH_SPREADING, Cores

    items = list(range(WORTH_SPREADING * 5 + 3))
    seen: list[tuple[int, int]] = []
    assert Cores(3).map(lambda n: n * n, items, lambda done, total: seen.append((done, total))) == [n * n for n in items]
    assert seen[-1] == (len(items), len(items)) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_spread_results_come_one_chunk_at_a_time() -> None:
    """``Cores.each`` hands results on while the rest are still being made (the writer streams pages, #9)."""
    from samenspel.cores import CHUNK, Cores

    items = list(range(CHUNK * 8))
    results = Cores(2).each(lambda n: n + 1, items)
    assert next(results) == 1  # the first result, long before the last chunk is done
    assert list(results) == [n + 1 for n in items[1:]]
    assert list(Cores(1).each(lambda n: -n, [1, 2, 3])) == [-1, -2, -3]

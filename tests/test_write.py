"""Writing the site: atomic, never into a folder it does not own, nothing lost on failure."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from samenspel.pipeline import build
from samenspel.render import Output
from samenspel.write import MARKER, check_output_dir, clean_leftovers, write_site

from .conftest import snapshot


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

"""build_site is a pure function of a snapshot: it builds from memory, reads no file, and a
snapshot taken before an edit still builds what it saw."""
from __future__ import annotations

from pathlib import Path

import pytest

from samenspel.config import Config
from samenspel.content import Source
from samenspel.pipeline import build_site, collect
from samenspel.project import Project, read_project
from samenspel.vocabulary import parse_vocabulary

from .conftest import REPO

VOCABULARY = (REPO / "tests" / "fixtures" / "mini" / "content" / "vocabulary.yml").read_text(encoding="utf-8")
LAYOUTS = tuple((p.relative_to(REPO / "layouts").as_posix(), p.read_text(encoding="utf-8"))
                for p in sorted((REPO / "layouts").rglob("*.html")))
STORY = (REPO / "tests" / "fixtures" / "mini" / "content" / "stories" / "dorpshuis.md").read_text(encoding="utf-8")


def memory_project(**changes: object) -> Project:
    vocabulary, problems = parse_vocabulary(VOCABULARY)
    assert problems == []
    project = Project(Config(title="Uit het geheugen", base_url="https://example.org/s/"), vocabulary,
                      (Source("content/stories/dorpshuis.md", "stories", STORY),), LAYOUTS,
                      (("style.css", b"body{}"),))
    return project if not changes else Project(**{**project.__dict__, **changes})


def test_a_site_builds_from_a_snapshot_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_files(*args: object, **kwargs: object) -> None:
        raise AssertionError("build_site touched the file system")

    for name in ("open", "read_text", "read_bytes", "write_bytes", "iterdir", "stat", "exists"):
        if name == "open":
            monkeypatch.setattr("builtins.open", no_files)
        else:
            monkeypatch.setattr(Path, name, no_files)
    built = build_site(memory_project())
    monkeypatch.undo()
    assert built.ok, [p.text() for p in built.problems]
    files = {o.path: o.data for o in built.outputs}
    assert "verhalen/dorpshuis/index.html" in files and files["assets/style.css"] == b"body{}"
    assert b"Uit het geheugen" in files["index.html"]
    assert b'href="/s/assets/style.css?v=' in files["index.html"]


def test_a_snapshot_taken_before_an_edit_builds_what_it_saw(project: Path) -> None:
    before = read_project(project)
    story = project / "content" / "stories" / "dorpshuis.md"
    story.write_text(story.read_text(encoding="utf-8").replace("Het dorpshuis", "Het nieuwe dorpshuis"),
                     encoding="utf-8")
    (project / "layouts" / "404.html").unlink()
    old = {o.path: o.data for o in build_site(before).outputs}
    new = collect(project)
    assert b"Het dorpshuis" in old["verhalen/dorpshuis/index.html"] and "404.html" in old
    assert not new.ok  # the layout is gone now
    assert [p.path for p in new.problems] == ["layouts/404.html"]


def test_every_stage_is_timed() -> None:
    built = build_site(memory_project())
    assert [name for name, _ in built.timings] == ["check", "plan", "images", "markdown", "related", "assemble", "jobs",
                                                   "render", "assets"]
    assert built.seconds == sum(seconds for _, seconds in built.timings)


def test_a_problem_in_the_snapshot_stops_the_build_before_rendering() -> None:
    broken = Source("content/stories/kapot.md", "stories", "---\ntitle: [open\n---\n")
    built = build_site(memory_project(sources=(broken,)))
    assert not built.ok and built.site is None and built.outputs == []
    assert [(p.path, p.line, p.code) for p in built.problems] == [("content/stories/kapot.md", 2, "yaml_bracket")]

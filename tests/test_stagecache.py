"""Check and Markdown results kept between builds: used only when made by this user's builds, never stale (#9)."""
from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from samenspel import stagecache
from samenspel.pipeline import build
from samenspel.search import groups_of, search_paths
from samenspel.stagecache import FOLDER, KEY_FILE, KeptResults
from samenspel.uptodate import cache_folder

from .conftest import snapshot
from .test_incremental import CHANGES


def kept_files(project: Path) -> list[Path]:
    return sorted((cache_folder(project) / FOLDER).iterdir())


def counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the results the stages make (rather than read) in each build."""
    made: dict[str, int] = {}
    original = KeptResults.get_many

    def spy(self, stage, keys, make):  # type: ignore[no-untyped-def]
        def counted(todo):  # type: ignore[no-untyped-def]
            if stage in stagecache.KEPT:
                made[stage] = made.get(stage, 0) + len(todo)
            return make(todo)
        return original(self, stage, keys, counted)

    monkeypatch.setattr(KeptResults, "get_many", spy)
    return made


def test_a_second_build_checks_and_renders_only_the_changed_file(project: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    made = counting(monkeypatch)
    site = build(project, tmp_path / "site").site
    assert site is not None
    files = len(list((project / "content").rglob("*.md")))
    stories = len(list((project / "content" / "stories").glob("*.md"))) - 1  # the draft is checked, not built
    groups = len(groups_of(search_paths(site)))  # the search documents' groups, each made once
    everything = {"check": files, "markdown": files - 1, "story-data": stories, "search": groups,
                  "search-extras": groups}
    assert made == everything
    made.clear()
    CHANGES["body"](project)
    build(project, tmp_path / "site")
    # A story's open data is made of its front matter alone; its search documents' group of its text. The text
    # has a word the site did not have ('zeven') and lost one ('paar'): every group's extra words are made again.
    assert made == {"check": 1, "markdown": 1, "search": 1, "search-extras": groups}
    made.clear()
    CHANGES["title"](project)
    build(project, tmp_path / "site")
    # And its body's HTML of its body alone. The old title was the only 'buurtmoestuin' of the site: words changed.
    assert made == {"check": 1, "story-data": 1, "search": 1, "search-extras": groups}
    made.clear()
    build(project, tmp_path / "forced", fresh=True)  # --force makes everything again
    assert made == everything


@pytest.mark.parametrize("change", CHANGES)
def test_a_build_from_kept_results_equals_a_fresh_one(project: Path, tmp_path: Path, change: str) -> None:
    build(project, tmp_path / "site")
    CHANGES[change](project)
    assert build(project, tmp_path / "site").written
    assert build(project, tmp_path / "fresh", fresh=True).written
    assert snapshot(tmp_path / "site") == snapshot(tmp_path / "fresh")


def test_results_not_signed_with_this_users_key_are_not_read(project: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, tmp_path / "site")
    key = cache_folder(project).parent / KEY_FILE
    assert key.stat().st_mode & 0o777 == 0o600
    key.write_bytes(os.urandom(32))  # as if the kept results came from elsewhere
    made = counting(monkeypatch)
    build(project, tmp_path / "site")
    assert made["check"] > 1


@pytest.mark.parametrize("damage", ["truncate", "flip", "swap"])
def test_a_damaged_kept_result_is_made_again(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             damage: str) -> None:
    build(project, tmp_path / "site")
    files = [f for f in kept_files(project) if f.name.startswith("check-")]
    first, second = files[0], files[1]
    if damage == "truncate":
        first.write_bytes(first.read_bytes()[:-5])
    elif damage == "flip":
        data = bytearray(first.read_bytes())
        data[-1] ^= 1
        first.write_bytes(bytes(data))
    else:  # one file's (signed) content under another's name
        first.write_bytes(second.read_bytes())
    made = counting(monkeypatch)
    assert build(project, tmp_path / "site").written
    assert made.get("check") == 1


def test_a_key_others_may_read_is_no_key(tmp_path: Path) -> None:
    (tmp_path / KEY_FILE).write_bytes(os.urandom(32))
    os.chmod(tmp_path / KEY_FILE, 0o644)
    assert stagecache._secret(tmp_path) is None
    os.chmod(tmp_path / KEY_FILE, 0o600)
    assert stagecache._secret(tmp_path) is not None
    assert stagecache._secret(tmp_path / "no" / "such") is not None  # made on first use
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / KEY_FILE).symlink_to(tmp_path / KEY_FILE)  # a key behind a link is not followed
    assert stagecache._secret(tmp_path / "linked") is None


def test_results_a_build_no_longer_uses_are_removed(project: Path, tmp_path: Path) -> None:
    build(project, tmp_path / "site")
    before = {f.name for f in kept_files(project)}
    CHANGES["body"](project)
    build(project, tmp_path / "site")
    after = {f.name for f in kept_files(project)}
    # The story's check and Markdown, its search documents' group and (a word changed) every group's extra words.
    groups = sum(1 for name in before if name.startswith("search-extras-"))
    assert len(after) == len(before) and len(after - before) == 3 + groups


def test_kept_results_are_set_aside_from_the_collector_for_the_build_alone(project: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Read results are frozen (gc.freeze) while the build runs, so the collector's passes skip them (#9),
    and the build gives them back to it when it ends: a process that builds again and again (the tests,
    a script) does not keep every build's objects for good."""
    gc.unfreeze()
    build(project, tmp_path / "site")
    frozen: list[int] = []
    original = KeptResults.get_many

    def watching(self, stage, keys, make):  # type: ignore[no-untyped-def]
        values = original(self, stage, keys, make)
        if stage in stagecache.KEPT:  # a stage kept on disk: what it read is frozen
            frozen.append(gc.get_freeze_count())
        return values

    monkeypatch.setattr(KeptResults, "get_many", watching)
    again = build(project, tmp_path / "site")
    assert again.written and frozen and min(frozen) > 0
    assert gc.get_freeze_count() == 0

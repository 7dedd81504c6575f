"""Shared fixtures: a small project made from tests/fixtures/mini plus the real layouts and assets."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def make_project(target: Path, source: Path = MINI) -> Path:
    """Give a project folder at ``target``: fixture content with the repository's layouts and assets."""
    shutil.copytree(source, target)
    shutil.copytree(REPO / "layouts", target / "layouts")
    shutil.copytree(REPO / "assets", target / "assets")
    return target


@pytest.fixture(autouse=True, scope="session")
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep what builds keep for the next build (uptodate.cache_folder) out of the user's home, for every test."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the mini project."""
    return make_project(tmp_path / "project")


def write_story(project: Path, name: str, text: str) -> Path:
    """Write a story file into a project, giving its path."""
    path = project / "content" / "stories" / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Give every file below ``folder`` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def located(problems: list) -> list[tuple[str, int, str, str, str]]:
    """Give each problem as (path, line, field, message code, hint code), for exact comparisons."""
    return [(p.path, p.line, p.field, p.code, p.hint) for p in problems]

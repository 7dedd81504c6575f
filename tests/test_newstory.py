"""python build.py new "Titel": a story file from the template that passes check as a draft,
whatever the title holds, and never in place of an existing file."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from samenspel.cli import main
from samenspel.content import Source, split
from samenspel.newstory import TEMPLATE_FILE, new_story, yaml_text
from samenspel.pipeline import collect

from .conftest import REPO

TEMPLATE = (REPO / TEMPLATE_FILE).read_text(encoding="utf-8")
TODAY = dt.date(2024, 3, 5)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for name in ("content", "docs", "layouts", "assets"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    return root


@pytest.mark.parametrize("title", [
    "Samen een buurttuin",
    'Een "nieuw" begin: eigen regie # niet weg',
    'Titel"\n---\nstatus: gepubliceerd\n---\n<script>alert(1)</script>',
    "\\ backslash \\\" en 'enkel'",
    "Café Één\u200b\ttab",
])
def test_the_title_is_one_quoted_yaml_text_whatever_it_holds(title: str) -> None:
    text = new_story(TEMPLATE, title, TODAY, "kop")
    draft, problems = split(Source("content/stories/x.md", "stories", text))
    assert problems == [] and draft is not None
    assert draft.meta["title"] == " ".join(title.split())
    assert draft.meta["status"] == "concept" and draft.meta["date"] == TODAY
    assert yaml.safe_load(f"t: {yaml_text(title)}") == {"t": " ".join(title.split())}


def test_every_field_of_the_template_is_kept_with_its_explanation() -> None:
    text = new_story(TEMPLATE, "x", TODAY, "NIEUW VERHAAL\ntweede regel")
    assert text.startswith("---\n# NIEUW VERHAAL\n# tweede regel\n# Regels die met # beginnen")
    assert "Kopieer dit bestand" not in text
    for name in ("summary", "period", "place", "actors", "relations", "themes", "outcomes", "lessons", "sources",
                 "contributors", "lang", "person:", "consent:"):
        assert name in text
    assert text.count("\n# ") > 50  # the Dutch explanations came along


def test_new_makes_a_story_that_passes_check_as_a_draft(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "Samen een buurttuin!", "--root", str(example)]) == 0
    made = example / "content" / "stories" / "samen-een-buurttuin.md"
    assert made.is_file()
    assert "content/stories/samen-een-buurttuin.md" in capsys.readouterr().err
    text = made.read_text(encoding="utf-8")
    assert f"date: {dt.date.today().isoformat()}" in text and "\nstatus: concept\n" in text
    built = collect(example)
    assert built.ok and built.problems == []
    assert [d.path for d in built.drafts] == ["content/stories/samen-een-buurttuin.md"]


def test_new_never_replaces_a_file(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = example / "content" / "stories" / "dubbele-pet-bij-het-dorpshuis.md"
    before = story.read_bytes()
    assert main(["new", "Dubbele pet bij het dorpshuis", "--root", str(example)]) == 1
    assert story.read_bytes() == before
    assert "bestaat al en blijft zoals het is" in capsys.readouterr().err


@pytest.mark.parametrize("title, slug", [("../../etc/passwd", "etc-passwd"), ("/tmp/x", "tmp-x"),
                                         ("~root/.bashrc", "root-bashrc"), ("con.md\x00.txt", "con-md-txt")])
def test_a_title_cannot_lead_outside_the_stories_folder(example: Path, title: str, slug: str) -> None:
    before = sorted(p for p in example.parent.rglob("*"))
    assert main(["new", title, "--root", str(example)]) == 0
    after = sorted(p for p in example.parent.rglob("*"))
    assert [p.relative_to(example).as_posix() for p in after if p not in before] == [f"content/stories/{slug}.md"]


def test_a_title_without_letters_or_digits_is_a_usage_error(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "?!", "--root", str(example)]) == 2
    assert "geen bestandsnaam" in capsys.readouterr().err

"""What the search index reads: a document per story, lesson and content page, with vocabulary words and
the parts of Dutch compounds; and the index itself, written into the site before the swap."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from samenspel import searchindex
from samenspel.folders import SEARCH_CACHE
from samenspel.pipeline import build, collect
from samenspel.search import compound_parts, extra_words, lexicon, search_documents

KNOWN = lexicon(["de buurt en het dorp, een maaltijd in het huis van de welzijn organisatie", "initiatief bewoners"])


@pytest.mark.parametrize(("word", "parts"), [
    ("buurtmaaltijd", ["buurt", "maaltijd"]),
    ("dorpshuis", ["dorp", "huis"]),  # the linking s
    ("welzijnsorganisatie", ["welzijn", "organisatie"]),
    ("bewonersinitiatief", ["bewoners", "initiatief"]),
    ("buurtvergadering", ["buurt", "vergadering"]),  # a long right-hand part the site never uses alone
    ("buurt-maaltijd", ["buurt", "maaltijd"]),
    ("signaleren", []),  # 'leren' is a word, 'signa' is not
    ("huisarts", []),  # too short to be split
    ("maaltijd", []),
    ("buurt" * 200_000, []),  # a megabyte of one 'word' is not cut in every place (that took all memory)
])
def test_compounds_are_split_into_words_the_site_knows(word: str, parts: list[str]) -> None:
    assert compound_parts(word, KNOWN) == parts


def test_extra_words_are_given_once_and_not_the_word_itself() -> None:
    assert extra_words("Een buurtmaaltijd, nog een buurtmaaltijd, en de maaltijd", KNOWN) == ["buurt", "maaltijd"]


def test_documents_cover_published_stories_lessons_and_pages_only(project: Path) -> None:
    built = collect(project, preview=True)  # the preview holds the draft too; the index never does
    assert built.site is not None
    documents = {d.path: d.data.decode() for d in search_documents(built.site)}
    assert set(documents) == {"verhalen/buurtmoestuin/index.html", "verhalen/dorpshuis/index.html",
                              "lessen/samen-sterker/index.html", "over/index.html", "bijdragen/index.html"}
    garden = documents["verhalen/buurtmoestuin/index.html"]
    assert '<html lang="nl">' in garden and "<main data-pagefind-body>" in garden
    assert "<h1>De buurtmoestuin</h1>" in garden
    assert "Bewonersinitiatief" in garden and "Eigen regie" in garden  # vocabulary labels the story uses


def test_a_hostile_title_stays_text_in_the_document(project: Path) -> None:
    story = project / "content" / "stories" / "buurtmoestuin.md"
    story.write_text(story.read_text(encoding="utf-8").replace(
        'title: "De buurtmoestuin"', 'title: "<script>alert(1)</script>"', 1), encoding="utf-8")
    built = collect(project)
    assert built.site is not None
    document = next(d.data.decode() for d in search_documents(built.site) if "buurtmoestuin" in d.path)
    assert "<script>" not in document and "&lt;script&gt;" in document


def test_the_build_writes_the_index_into_the_site_and_nothing_else(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = build(project, out)
    assert result.ok, [p.text() for p in result.problems]
    assert (out / "pagefind" / "pagefind.js").is_file() and (out / "pagefind" / "pagefind-entry.json").is_file()
    assert list((out / "pagefind").glob("index/nl_*.pf_index"))
    assert not (out / "pagefind" / "pagefind-ui.js").exists()  # Pagefind's own interface is not used
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # the scratch folder is gone
    story = (out / "verhalen" / "buurtmoestuin" / "index.html").read_text(encoding="utf-8")
    assert "pagefind" not in story


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def pagefind_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every Pagefind command the build starts (it still runs)."""
    runs: list[list[str]] = []
    real = searchindex.subprocess.Popen

    def spy(args: list[str], **kwargs: Any) -> Any:
        runs.append(args)
        return real(args, **kwargs)

    monkeypatch.setattr(searchindex.subprocess, "Popen", spy)
    return runs


def test_an_unchanged_site_reuses_the_kept_index(project: Path, tmp_path: Path, pagefind_runs: list[list[str]]) -> None:
    out = tmp_path / "site"
    assert build(project, out).ok
    first = _tree(out / "pagefind")
    assert len(pagefind_runs) == 1 and len(list((project / SEARCH_CACHE).iterdir())) == 1
    assert build(project, out).ok
    assert len(pagefind_runs) == 1  # not indexed again
    assert _tree(out / "pagefind") == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def test_a_changed_story_is_indexed_again_and_only_the_last_index_is_kept(
        project: Path, tmp_path: Path, pagefind_runs: list[list[str]]) -> None:
    out = tmp_path / "site"
    assert build(project, out).ok
    first = _tree(out / "pagefind")
    story = project / "content" / "stories" / "buurtmoestuin.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nDe courgettes groeiden boven de schutting uit.\n",
                     encoding="utf-8")
    assert build(project, out).ok
    assert len(pagefind_runs) == 2
    assert _tree(out / "pagefind") != first
    assert len(list((project / SEARCH_CACHE).iterdir())) == 1
    fresh = tmp_path / "fresh"
    assert build(project, fresh).ok  # from the kept index: the same bytes as indexing anew gave
    assert len(pagefind_runs) == 2 and _tree(fresh / "pagefind") == _tree(out / "pagefind")


def test_a_kept_index_that_is_not_whole_is_made_again(project: Path, tmp_path: Path,
                                                      pagefind_runs: list[list[str]]) -> None:
    out = tmp_path / "site"
    assert build(project, out).ok
    first = _tree(out / "pagefind")
    (kept,) = (project / SEARCH_CACHE).iterdir()
    (kept / "pagefind-entry.json").unlink()  # as if the disk filled up while it was kept
    assert build(project, out).ok
    assert len(pagefind_runs) == 2 and _tree(out / "pagefind") == first


def test_when_pagefind_fails_the_old_site_stays_and_nothing_is_left(project: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    assert build(project, out).ok
    before = _tree(out)
    story = project / "content" / "stories" / "buurtmoestuin.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    monkeypatch.setattr(searchindex, "pagefind", lambda: "/bin/false")
    result = build(project, out)
    assert [p.code for p in result.problems] == ["output_error"] and "pagefind failed" in result.problems[0].text()
    assert not result.written and _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]
    assert len(list((project / SEARCH_CACHE).iterdir())) == 1  # the last good index, no half-made one

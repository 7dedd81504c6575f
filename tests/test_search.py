"""What the search index reads: a document per story, lesson and content page, with vocabulary words and
the parts of Dutch compounds; and the index itself, written into the site before the swap."""
from __future__ import annotations

from pathlib import Path

import pytest

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

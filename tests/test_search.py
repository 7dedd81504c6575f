"""What the search index reads: a document per story, lesson and content page, with vocabulary words and
the parts of Dutch compounds; and the index itself, written into the site before the swap, in shards when
the site is large."""
from __future__ import annotations

import gzip
import json
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from samenspel import pipeline, search, searchindex
from samenspel.folders import SEARCH_CACHE
from samenspel.model import Site
from samenspel.output import Output
from samenspel.pipeline import build, collect
from samenspel.search import (
    Documents,
    Text,
    compound_parts,
    extra_words,
    given_documents,
    lexicon,
    may_split,
    search_documents,
    search_paths,
    shard_count,
    shard_documents,
    shard_of,
    shards,
    text_key,
    word_lists,
    words,
)
from samenspel.stagecache import KeptResults
from samenspel.uptodate import cache_folder
from samenspel.urls import search_index_folder, search_word_list_path

from .conftest import write_story

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
    assert len(pagefind_runs) == 1 and len(list((cache_folder(project) / SEARCH_CACHE).iterdir())) == 1
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
    assert len(list((cache_folder(project) / SEARCH_CACHE).iterdir())) == 1
    fresh = tmp_path / "fresh"
    assert build(project, fresh).ok  # from the kept index: the same bytes as indexing anew gave
    assert len(pagefind_runs) == 2 and _tree(fresh / "pagefind") == _tree(out / "pagefind")


def test_a_kept_index_that_is_not_whole_is_made_again(project: Path, tmp_path: Path,
                                                      pagefind_runs: list[list[str]]) -> None:
    out = tmp_path / "site"
    assert build(project, out).ok
    first = _tree(out / "pagefind")
    (kept,) = (cache_folder(project) / SEARCH_CACHE).iterdir()
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
    assert len(list((cache_folder(project) / SEARCH_CACHE).iterdir())) == 1  # the last good index, no half-made one


def test_a_cache_folder_that_is_a_link_is_not_used_and_nothing_it_points_at_is_removed(
        project: Path, tmp_path: Path, pagefind_runs: list[list[str]]) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "keep-me").mkdir(parents=True)
    (elsewhere / ("0" * 32)).mkdir()  # even a name like a kept index
    cache = cache_folder(project) / SEARCH_CACHE
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.symlink_to(elsewhere, target_is_directory=True)
    for _ in range(2):
        assert build(project, tmp_path / "site").ok
    assert len(pagefind_runs) == 2  # indexed each time, nothing kept through the link
    assert sorted(p.name for p in elsewhere.iterdir()) == ["0" * 32, "keep-me"]


def test_only_kept_indexes_are_cleaned_up_in_the_cache(project: Path, tmp_path: Path) -> None:
    assert build(project, tmp_path / "site").ok
    cache = cache_folder(project) / SEARCH_CACHE
    (cache / "iets-anders").mkdir()
    (cache / ("a" * 32 + ".part-oud")).mkdir()  # left by a killed build
    story = project / "content" / "stories" / "buurtmoestuin.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    assert build(project, tmp_path / "site").ok
    assert sorted(p.name for p in cache.iterdir() if len(p.name) != 32) == ["iets-anders"]


def test_without_pagefind_the_build_reports_a_problem_and_leaves_nothing(project: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> str:
        raise FileNotFoundError("pagefind is not installed")

    monkeypatch.setattr(searchindex, "pagefind", missing)
    result = build(project, tmp_path / "site")
    assert [p.code for p in result.problems] == ["output_error"] and not result.written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


def test_an_output_folder_in_a_new_folder_is_made(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "nieuw" / "diep" / "site"
    assert build(project, out).ok
    assert (out / "pagefind" / "pagefind-entry.json").is_file()


def test_pagefind_settings_in_the_working_folder_are_not_read(project: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pagefind.yml").write_text('force_language: "en"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PAGEFIND_FORCE_LANGUAGE", "en")
    out = tmp_path / "site"
    assert build(project, out).ok
    assert list((out / "pagefind").glob("index/nl_*.pf_index")) and not list((out / "pagefind").glob("index/en_*"))


# -- shards: a large site's index in parts, each made and kept on its own (#9) ------------------

SHARD_SIZE = 3


def test_each_document_is_in_one_shard_and_stays_there_while_the_shards_do() -> None:
    paths = [f"verhalen/verhaal-{n}/index.html" for n in range(95)]
    split = shards(paths, 10)
    assert shard_count(95, 10) == 10 and set(split) <= set(range(10)) and len(split) > 5
    assert sorted(i for part in split.values() for i in part) == list(range(95))
    grown = shards([*paths, "verhalen/nieuw/index.html"], 10)  # still 10 shards: nobody moves
    assert {n: [i for i in part if i < 95] for n, part in grown.items()} == split
    assert shards(paths[:10], 10) == {0: list(range(10))}  # up to the size: one index, as before shards
    assert shards([], 10) == {}
    # The same shard in every process and on every machine, so kept shards stay valid.
    assert [shard_of(p, 7) for p in paths[:6]] == [3, 2, 2, 1, 3, 1]


def test_the_shards_are_planned_from_the_documents_paths(project: Path) -> None:
    built = collect(project)
    assert built.site is not None
    assert search_paths(built.site) == [d.path for d in search_documents(built.site)]


def sharded(project: Path, stories: int = 10) -> Path:
    """Give ``project`` with ``stories`` more stories and a shard size of SHARD_SIZE: several shards."""
    template = (project / "content" / "stories" / "buurtmoestuin.md").read_text(encoding="utf-8")
    for n in range(stories):
        write_story(project, f"tuin-{n:02d}.md", template.replace("De buurtmoestuin", f"Tuin {n}"))
    config = project / "site.toml"
    config.write_text(config.read_text(encoding="utf-8") + f"search_shard_size = {SHARD_SIZE}\n", encoding="utf-8")
    return project


def shard_pages(site: Path) -> dict[str, set[str]]:
    """Give the pages each shard of a built site's index holds, by its folder, read from Pagefind's fragments."""
    found = {}
    for entry in sorted((site / "pagefind").rglob("pagefind-entry.json")):
        found[entry.parent.relative_to(site).as_posix()] = {
            json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
            for fragment in entry.parent.glob("fragment/*.pf_fragment")}
    return found


def search_script(site: Path) -> Tag:
    script = BeautifulSoup((site / "zoeken" / "index.html").read_text(encoding="utf-8"), "html.parser").find(
        "script", src=re.compile("search.js"))
    assert isinstance(script, Tag)
    return script


@pytest.fixture
def indexings(monkeypatch: pytest.MonkeyPatch) -> list[searchindex.Indexing]:
    """Every search indexing the builds start, to read what each one ran (``Indexing.runs``)."""
    made: list[searchindex.Indexing] = []
    real = searchindex.Indexing.__init__

    def spy(self: searchindex.Indexing, *args: Any, **kwargs: Any) -> None:
        real(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(searchindex.Indexing, "__init__", spy)
    return made


def test_a_large_site_has_its_index_in_shards_each_page_in_one(project: Path, tmp_path: Path,
                                                               indexings: list[searchindex.Indexing]) -> None:
    out = tmp_path / "site"
    built = build(sharded(project), out)
    assert built.ok and built.site is not None, [p.text() for p in built.problems]
    paths = search_paths(built.site)
    planned = shards(paths, SHARD_SIZE)
    assert len(paths) == 15 and len(planned) > 2
    folders = {search_index_folder(n): {"/" + paths[i].removesuffix("index.html") for i in part}
               for n, part in planned.items()}
    # Every page in exactly the shard planned for it, and the site's word list in each (shard_documents).
    assert shard_pages(out) == {folder: {*pages, "/" + search_word_list_path(0)} for folder, pages in folders.items()}
    assert indexings[-1].runs == list(planned) and dict(built.memory)["search"] > 2**20  # one run each, in turn
    script = search_script(out)  # the search page names every shard: the first to ask, the others to merge
    assert [script["data-index"], *str(script["data-merge"]).split()] == [
        built.site.urls.href(f"/{folder}/") for folder in folders]
    assert not (out / "pagefind" / "pagefind-ui.js").exists() and not list(out.rglob("pagefind/**/pagefind-ui.js"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # the scratch folder is gone


def test_an_edit_indexes_only_its_shard_and_gives_the_bytes_of_a_cold_build(
        project: Path, tmp_path: Path, indexings: list[searchindex.Indexing], monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    built = build(sharded(project), out)
    assert built.ok and built.site is not None
    cache = cache_folder(project) / SEARCH_CACHE
    before, pages = {p.name for p in cache.iterdir()}, shard_pages(out)
    assert len(before) == len(pages) and len(indexings[-1].runs) == len(pages)
    story = project / "content" / "stories" / "tuin-04.md"
    text = story.read_text(encoding="utf-8")
    known = text.strip().splitlines()[-1]  # a sentence of words the site has: the word lists stay as they were
    story.write_text(f"{text}\n{known}\n", encoding="utf-8")
    assert build(project, out).ok
    (touched,) = [n for n, part in shards(search_paths(built.site), SHARD_SIZE).items()
                  if "verhalen/tuin-04/index.html" in {search_paths(built.site)[i] for i in part}]
    assert indexings[-1].runs == [touched]  # one Pagefind run, for the one shard the story is in
    after = {p.name for p in cache.iterdir()}
    assert len(after) == len(before) and len(after - before) == 1  # the other shards kept as they were
    assert shard_pages(out) == pages
    story.write_text(f"{text}\n{known}\nDe pompoenen wonnen een prijs.\n", encoding="utf-8")
    assert build(project, out).ok
    assert indexings[-1].runs == sorted(pages_by_number(pages))  # a new word is in every shard's word list
    assert not {p.name for p in cache.iterdir()} & after and shard_pages(out) == pages
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-cache"))  # nothing kept: every shard made anew
    assert build(project, tmp_path / "cold").ok
    assert len(indexings[-1].runs) == len(pages)
    assert _tree(tmp_path / "cold") == _tree(out)


def pages_by_number(pages: dict[str, set[str]]) -> dict[int, set[str]]:
    """Give the pages of each shard by its number, from ``shard_pages``."""
    return {0 if folder == "pagefind" else int(folder.rsplit("-", 1)[1]): found for folder, found in pages.items()}


def test_a_small_site_has_one_index_as_before_shards(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(project, out).ok
    assert list(shard_pages(out)) == ["pagefind"]
    script = search_script(out)
    assert script["data-index"] == "/samenspel/pagefind/" and not script.has_attr("data-merge")


def search_document(path: str, lang: str, text: str) -> Output:
    return Output(path, (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>Kop</title></head>\n'
                         f"<body><main data-pagefind-body>\n<h1>Kop</h1>\n<p>{text}</p>\n</main></body></html>\n").encode())


def test_the_word_lists_hold_every_word_once_per_language_as_pagefind_reads_it() -> None:
    documents = [search_document("a/index.html", "nl", "De buurt zegt: &#34;Buurt-maaltijd&#34; (eens), zegt het dorp."),
                 search_document("b/index.html", "en", "The neighbourhood says"),
                 search_document("c/index.html", "nl", "Het dorpshuis\u00a0open — 2024 &amp; café")]
    english, dutch = word_lists(documents)  # by language
    assert (english.path, dutch.path) == (search_word_list_path(0), search_word_list_path(1))
    assert re.findall(r"<p>(.*)</p>", english.data.decode()) == ["kop neighbourhood says the"]  # the h1's words too
    # Split at white space (a no-break space joins, as for Pagefind there), in lower case, without the
    # punctuation at the ends that Pagefind drops ('—' and '&' are no words), each once.
    assert re.findall(r"<p>(.*)</p>", dutch.data.decode()) == [
        "2024 buurt buurt-maaltijd café de dorp dorpshuis\u00a0open eens het kop zegt"]
    assert 'lang="nl"' in dutch.data.decode() and 'data-pagefind-filter="woordenlijst:ja"' in dutch.data.decode()
    assert word_lists(reversed(documents)) == [english, dutch]  # the same bytes whatever the order


def test_only_a_site_in_several_shards_has_word_lists_and_each_shard_all_of_them() -> None:
    documents = [search_document(f"verhalen/{n}/index.html", "nl", f"woord{n}") for n in range(9)]
    given = given_documents(documents)
    assert shard_documents(given, 9) == {0: (list(range(9)), ())}  # one index: as before shards
    split = shard_documents(given, 3)
    lists = word_lists(documents)
    assert len(split) == 3 and all(also == tuple(lists) for _, also in split.values())
    assert sorted(i for positions, _ in split.values() for i in positions) == list(range(9))
    assert "woord8" in lists[0].data.decode()


def fake_pagefind(folder: Path, body: str) -> str:
    """Give the path of a shell script that Indexing runs as Pagefind (``$2`` is the documents folder)."""
    script = folder / "fake-pagefind"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_when_one_shard_fails_the_old_site_stays_and_the_finished_shards_are_kept(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    assert build(sharded(project), out).ok
    before, cache = _tree(out), cache_folder(project) / SEARCH_CACHE
    kept = {p.name for p in cache.iterdir()}
    for name in (p.name for p in (project / "content" / "stories").glob("*.md")):  # every shard changes
        story = project / "content" / "stories" / name
        story.write_text(story.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    real = searchindex.pagefind()
    # The first shard is indexed, the second fails.
    monkeypatch.setattr(searchindex, "pagefind", lambda: fake_pagefind(tmp_path, (
        f'[ -e "{tmp_path}/once" ] && {{ echo "schijf vol"; exit 3; }}\n: > "{tmp_path}/once"\nexec {real} "$@"')))
    result = build(project, out)
    assert [p.code for p in result.problems] == ["output_error"]
    assert "pagefind failed (3): schijf vol" in result.problems[0].text()
    assert not result.written and _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake-pagefind", "once", "project", "site"]
    now = {p.name for p in cache.iterdir()}
    assert kept < now and len(now - kept) == 1  # the shard made before the failure, whole; no half-made one
    assert all((cache / name / "pagefind-entry.json").is_file() for name in now)


def running(pid: int) -> bool:
    """Give whether process ``pid`` still runs (a zombie, dead but not yet reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def wait_for(ready: Callable[[], bool], seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="dying with the parent is Linux's prctl")
@pytest.mark.parametrize("how", ["cancel", "sigkill"])
def test_no_pagefind_outlives_the_build(tmp_path: Path, how: str) -> None:
    """The shards are run by pagefindrun.py: its Pagefind stops when the build cancels, or is killed."""
    pid_file, go = tmp_path / "pid", tmp_path / "cancel-now"
    fake = fake_pagefind(tmp_path, f'echo $$ > "{pid_file}.part" && mv "{pid_file}.part" "{pid_file}"\nexec sleep 60')
    program = (
        "import time\nfrom pathlib import Path\nfrom samenspel import searchindex\n"
        "from samenspel.output import Output\n"
        f"searchindex.pagefind = lambda: {fake!r}\n"
        "docs = [Output(f'p{n}/index.html', b'<html><body>x</body></html>') for n in range(8)]\n"
        f"indexing = searchindex.Indexing(docs, Path({str(tmp_path / 'site')!r}), None, 2)\n"
        f"while not Path({str(go)!r}).exists(): time.sleep(0.02)\n"
        "indexing.cancel()\n")
    build_process = subprocess.Popen([sys.executable, "-c", program])
    try:
        assert wait_for(pid_file.exists)
        pid = int(pid_file.read_text())
        assert running(pid)
        if how == "sigkill":
            build_process.send_signal(signal.SIGKILL)
        else:
            go.touch()
        build_process.wait(timeout=20)
        assert wait_for(lambda: not running(pid)), "an orphan Pagefind runs on"
    finally:
        build_process.kill()
        build_process.wait()


# -- kept groups: a rebuild makes the search documents of a changed page's group alone, the others from the memo (#9)

GARDEN = "verhalen/buurtmoestuin/index.html"


def site_of(project: Path) -> Site:
    built = collect(project)
    assert built.site is not None, [p.text() for p in built.problems]
    return built.site


def kept(tmp_path: Path) -> KeptResults:
    """The memo of a build, keeping its results below ``tmp_path`` (a new one stands for a new build)."""
    return KeptResults(tmp_path / "kept", tmp_path / "keys")


def extra(document: bytes) -> list[str]:
    """Give the extra words of a search document (its vocabulary words and compound parts)."""
    found = re.search(rb'<p data-pagefind-weight="0.5">([^<]*)</p>', document)
    return found[1].decode().split() if found else []


@pytest.fixture
def made_anew(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The paths of the documents whose group (``group``) and extra words (``extras``) are made rather than read."""
    made: dict[str, list[str]] = {"group": [], "extras": []}
    real_group, real_extras = search.group, search.extras

    def group(texts: Sequence[Text]) -> search.Group:
        made["group"] += [text.path for text in texts]
        return real_group(texts)

    def extras(found: search.Group, texts: Sequence[Text], known: frozenset[str],
               split: dict[str, list[str]]) -> search.Extras:
        made["extras"] += [text.path for text in texts]
        return real_extras(found, texts, known, split)

    monkeypatch.setattr(search, "group", group)
    monkeypatch.setattr(search, "extras", extras)
    return made


def group_mates(site: Site, path: str) -> list[str]:
    """Give the paths of the search documents in the group of ``path`` (itself included), in their order."""
    paths = search_paths(site)
    (mates,) = [[paths[i] for i in part] for part in search.groups_of(paths).values() if paths.index(path) in part]
    return mates


def test_documents_from_kept_groups_are_those_of_a_cold_build(project: Path, tmp_path: Path,
                                                              made_anew: dict[str, list[str]]) -> None:
    site = site_of(project)
    cold = search_documents(site)
    assert search_documents(site, kept(tmp_path)) == cold
    made_anew["group"].clear()
    made_anew["extras"].clear()
    assert search_documents(site, kept(tmp_path)) == cold  # the next build reads every group
    assert made_anew == {"group": [], "extras": []}


def test_a_new_word_in_one_story_splits_the_compounds_of_the_others_as_a_cold_build_does(
        project: Path, tmp_path: Path, made_anew: dict[str, list[str]]) -> None:
    garden, village = (project / "content" / "stories" / name for name in ("buurtmoestuin.md", "dorpshuis.md"))
    garden.write_text(garden.read_text(encoding="utf-8") + "\nNa de oogst kwam het pompoenfeest.\n", encoding="utf-8")
    first = {d.path: d.data for d in search_documents(site_of(project), kept(tmp_path))}
    assert "pompoen" not in extra(first[GARDEN])  # neither 'pompoen' nor 'feest' is a word of the site yet
    told = village.read_text(encoding="utf-8")
    village.write_text(told + "\nDe grootste pompoen kreeg een feest.\n", encoding="utf-8")
    made_anew["group"].clear()
    made_anew["extras"].clear()
    site = site_of(project)
    assert GARDEN not in group_mates(site, "verhalen/dorpshuis/index.html")  # else this proves nothing
    documents = search_documents(site, kept(tmp_path))
    # The garden's group is kept: its texts are unchanged; but the lexicon has new words, so every group's extras not.
    assert made_anew["group"] == group_mates(site, "verhalen/dorpshuis/index.html")
    assert sorted(made_anew["extras"]) == sorted(search_paths(site))
    assert documents == search_documents(site)  # the documents of a cold build
    assert {"pompoen", "feest"} <= set(extra({d.path: d.data for d in documents}[GARDEN]))
    village.write_text(told, encoding="utf-8")  # the words gone again: so are the parts
    made_anew["group"].clear()
    made_anew["extras"].clear()
    assert {d.path: d.data for d in search_documents(site_of(project), kept(tmp_path))} == first
    assert made_anew == {"group": [], "extras": []}  # all as the first time: kept


def test_an_edit_with_the_sites_words_makes_its_group_alone(project: Path, tmp_path: Path,
                                                            made_anew: dict[str, list[str]]) -> None:
    garden = project / "content" / "stories" / "buurtmoestuin.md"
    search_documents(site_of(project), kept(tmp_path))
    text = garden.read_text(encoding="utf-8")
    garden.write_text(f"{text}\n{text.strip().splitlines()[-1]}\n", encoding="utf-8")  # a sentence the site has
    made_anew["group"].clear()
    made_anew["extras"].clear()
    site = site_of(project)
    documents = search_documents(site, kept(tmp_path))
    assert made_anew == {"group": group_mates(site, GARDEN), "extras": group_mates(site, GARDEN)}
    assert documents == search_documents(site)


def test_a_texts_key_changes_with_all_it_is_made_of_and_not_with_its_path() -> None:
    text = Text("a/index.html", "nl", "Titel", "Kort", "<p>Lijf</p>", ("Plaats", "2024"), ("Bewoners",))
    others = [replace(text, lang="en"), replace(text, title="Titel "), replace(text, summary="Kort."),
              replace(text, body="<p>Lijf.</p>"), replace(text, more=("Plaats2024",)),
              replace(text, more=("Plaats",), terms=("2024", "Bewoners")), replace(text, terms=()),
              replace(text, title="", summary="TitelKort"), replace(text, more=("Plaats", "2", "024"))]
    assert len({text_key(t) for t in [text, *others]}) == len(others) + 1
    assert text_key(replace(text, path="b/index.html")) == text_key(text)  # a moved page keeps its part


@pytest.mark.parametrize("word", ["zo-huis", "a-b", "buurtmaaltijd", "buurthuis", "dorpshuis", "maaltijd",
                                  "welzijnsorganisatie", "bewonersinitiatief", "buurt" * 9, "buurt-" * 9])
def test_only_words_that_may_split_are_kept_as_compounds(word: str) -> None:
    assert not compound_parts(word, KNOWN) or may_split(word)


def test_every_word_of_the_site_that_splits_is_kept_as_a_compound(project: Path) -> None:
    site = site_of(project)
    texts = search.search_texts(site)
    found = {word for text in texts for word in words("\n".join([text.title, *text.parts(), *text.terms]))}
    known = lexicon([*found, *search.vocabulary_texts(site)])
    split = [word for word in found if compound_parts(word, known)]
    assert split and all(may_split(word) for word in split)


def test_an_edit_makes_the_documents_of_its_shard_alone(project: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    built = build(sharded(project), out)
    assert built.ok and built.site is not None
    made: list[str] = []
    real = pipeline.site_documents

    def spy(site: Site, memo: Any) -> Documents:
        documents = real(site, memo)

        def make(positions: Sequence[int]) -> Iterator[Output]:
            for doc in documents.make(positions):
                made.append(doc.path)
                yield doc

        return replace(documents, make=make)

    monkeypatch.setattr(pipeline, "site_documents", spy)
    assert build(project, out).ok
    assert made == []  # every shard kept: no document made at all
    story = project / "content" / "stories" / "tuin-04.md"
    text = story.read_text(encoding="utf-8")
    story.write_text(f"{text}\n{text.strip().splitlines()[-1]}\n", encoding="utf-8")  # words the site has
    assert build(project, out).ok
    paths = search_paths(built.site)
    (shard,) = [part for part in shards(paths, SHARD_SIZE).values() if paths.index("verhalen/tuin-04/index.html") in part]
    assert sorted(made) == sorted(paths[i] for i in shard)

"""Search over an index in shards (#9): the search page merges every shard with Pagefind's mergeIndex,
finds exactly the pages one index finds, also under a sub-path, and passes the same checks.

Exactly those because each shard holds the site's word list (search.shard_documents): Pagefind
falls back, per index, to the longest word that starts a search term the index has no word for
("er" for "erbij"), so a shard without the term would add what it finds for that shorter word,
where one index, having the term, adds nothing (docs/benchmarks.md, "Search in shards").
"""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from samenspel import search as search_documents
from samenspel import searchindex

from .harness import SiteServer, build_site, make_example_project
from .test_axe import axe
from .test_search import assert_results_pass_axe_and_the_keyboard, search

__all__ = ["axe"]

SHARD_SIZE = 3  # the example site's ~15 documents in several shards
QUERIES = ("bewoner", "vergadering", "maaltijd", "Eigen regie", "gemeente", "verhalen", "dorpshuis", "qwxzv")
# Words that some shards lack while they have a shorter word that starts them: without word lists,
# those shards found pages for the shorter word ('er', 'dorp', 'hier', 'buurt').
FALLING_BACK = ("erbij", "dorpshuis", "hierbij", "buurtmaaltijd")


def sharded_project(target: Path) -> Path:
    project = make_example_project(target)
    with (project / "site.toml").open("a", encoding="utf-8") as config:
        config.write(f"search_shard_size = {SHARD_SIZE}\n")
    return project


def shard_of_page(site: Path) -> dict[str, str]:
    """Give the shard folder of every page the built index holds, by its address, from Pagefind's fragments."""
    found = {}
    for entry in (site / "pagefind").rglob("pagefind-entry.json"):
        for fragment in entry.parent.glob("fragment/*.pf_fragment"):
            page = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
            found[page] = entry.parent.relative_to(site).as_posix()
    return found


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The example site with its search index in shards, served at ``http://127.0.0.1:PORT/``."""
    tmp = tmp_path_factory.mktemp("shards")
    site = build_site(sharded_project(tmp / "project"), tmp / "site")
    with SiteServer(site) as server:
        yield site, server.url


@pytest.fixture(scope="module")
def bare_sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same shards without the word lists, as they were before them, served: what the lists change."""
    tmp = tmp_path_factory.mktemp("shards-bare")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(searchindex, "shard_documents", lambda documents, size: {
            number: (part, ()) for number, part in search_documents.shards(documents.paths, size).items()})
        site = build_site(sharded_project(tmp / "project"), tmp / "site")
    with SiteServer(site) as server:
        yield server.url


@pytest.fixture(scope="module")
def sharded_subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The same, built for and served under ``http://127.0.0.1:PORT/samenspel/``."""
    tmp = tmp_path_factory.mktemp("shards-sub")
    out = tmp / "site"
    with SiteServer(out, "/samenspel/") as server:
        build_site(sharded_project(tmp / "project"), out, base_url=server.url)
        yield out, server.url


def test_the_shards_find_exactly_what_one_index_finds(site_server: str, sharded_site: tuple[Path, str],
                                                      page: Any) -> None:
    site, base = sharded_site
    shards = shard_of_page(site)
    assert len(set(shards.values())) > 2
    spread = set()
    for query in QUERIES:
        found = search(page, base, query)
        assert search(page, site_server, query) == found, query
        spread |= {shards[path] for path in found}
    assert search(page, base, "qwxzv") == set()
    assert len(spread) > 2  # the results came from several shards, not from the first one alone
    assert not page.console_errors, page.console_errors


def test_a_word_some_shards_lack_finds_what_one_index_finds(site_server: str, sharded_site: tuple[Path, str],
                                                            bare_sharded_site: str, page: Any) -> None:
    site, base = sharded_site
    shards = shard_of_page(site)
    for query in FALLING_BACK:
        one = search(page, site_server, query)
        assert one and len({shards[path] for path in one}) < len(set(shards.values())), query  # some shards lack it
        assert search(page, bare_sharded_site, query) > one, query  # they fell back to a shorter word
        assert search(page, base, query) == one, query  # with the word lists: what one index finds
    lists = {path for path in shards if "/woordenlijst-" in path}  # the site's one language's word list
    assert lists == {"/pagefind/woordenlijst-0.html"} and not lists & search(page, base, "buurt")  # never a result
    assert not page.console_errors, page.console_errors


def test_the_count_covers_every_shard(sharded_site: tuple[Path, str], page: Any) -> None:
    site, base = sharded_site
    found = search(page, base, "gemeente")
    assert len({shard_of_page(site)[path] for path in found}) > 1
    assert page.locator(".search-status").inner_text().startswith(f"{len(found)} resultaten voor")
    assert page.locator(".search-results li").count() == len(found)


def test_the_shards_work_under_a_sub_path(subpath_site: tuple[Path, str], sharded_subpath_site: tuple[Path, str],
                                          page: Any) -> None:
    for query in ("dorpshuis", "gemeente"):
        found = search(page, sharded_subpath_site[1], query)
        assert found and search(page, subpath_site[1], query) <= found, query
        assert all(path.startswith("/samenspel/") for path in found)
    assert not page.console_errors, page.console_errors


def test_the_sharded_search_page_passes_axe_and_the_keyboard(sharded_site: tuple[Path, str], page: Any,
                                                             axe: str) -> None:
    assert_results_pass_axe_and_the_keyboard(page, sharded_site[1], axe)

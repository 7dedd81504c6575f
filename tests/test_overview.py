"""'Wie betaalt, wie bepaalt': relations counted by actor type across stories, each cell linking to its stories."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from samenspel.overview import who_pays
from samenspel.pipeline import build, collect

from .conftest import REPO


def page(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / "wie-betaalt-wie-bepaalt" / "index.html").read_text(encoding="utf-8"), "html.parser")


def cells(soup: BeautifulSoup) -> dict[str, tuple[int, set[str]]]:
    """Give each linked cell's anchor with its number and the stories its section links to."""
    found = {}
    for link in soup.select("table.matrix td a"):
        anchor = link["href"].removeprefix("#")
        section = soup.find(id=anchor)
        assert section is not None, anchor
        found[anchor] = (int(link.get_text(" ").split()[0]), {a["href"] for a in section.select("ul a")})
    return found


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("overview") / "site"
    assert build(REPO, out, base_url="https://example.org/samenspel/").ok
    return out


def test_each_cell_counts_the_stories_it_links_to(example: Path) -> None:
    found = cells(page(example))
    assert len(found) >= 10
    assert all(number == len(stories) > 0 for number, stories in found.values()), found
    assert all(href.startswith("/samenspel/verhalen/") for _, stories in found.values() for href in stories)


def test_the_counts_agree_with_the_open_data(example: Path) -> None:
    expected: dict[str, set[str]] = {}
    for story in json.loads((example / "data" / "verhalen.json").read_text(encoding="utf-8"))["stories"]:
        types = {a["id"]: a["type"] for a in story["actors"]}
        for relation in story["relations"]:
            expected.setdefault(f"{types[relation['from']]}--{relation['kind']}", set()).add(story["slug"])
    found = cells(page(example))
    assert {anchor: number for anchor, (number, _) in found.items()} == {k: len(v) for k, v in expected.items()}


def test_the_table_reads_as_a_table(example: Path) -> None:
    soup = page(example)
    table = soup.select_one("table.matrix")
    assert table.caption.get_text(strip=True)
    assert {th["scope"] for th in table.select("thead th")} == {"col"}
    assert {th["scope"] for th in table.select("tbody th")} == {"row"}
    region = table.find_parent("div")
    assert region["role"] == "region" and region["tabindex"] == "0" and region["aria-labelledby"] == table.caption["id"]
    nav = [a["href"] for a in soup.select(".site-header nav a")]
    assert "/samenspel/wie-betaalt-wie-bepaalt/" in nav


def test_relations_are_counted_by_actor_type_not_name(project: Path) -> None:
    built = collect(project)
    assert built.ok and built.site is not None
    overview = who_pays(built.site)
    funds = overview.cell("gemeente", "financiert")
    assert funds is not None and [s.slug for s in funds.stories] == ["buurtmoestuin"]
    assert [target for target, _ in funds.targets] == ["bewonersinitiatief"]
    assert overview.cell("gemeente", "draagt-over") is None
    assert all(len(c.stories) == len({s.slug for s in c.stories}) for c in overview.cells)  # a story counts once

"""Open data: verhalen.json and verhalen.csv hold exactly the published stories, with their structured fields."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from samenspel.opendata import CSV_COLUMNS
from samenspel.pipeline import build

from .conftest import REPO, write_story

SUB = "https://example.org/samenspel/"


def read_json(site: Path) -> dict:
    return json.loads((site / "data" / "verhalen.json").read_text(encoding="utf-8"))


def read_csv(site: Path) -> list[dict[str, str]]:
    text = (site / "data" / "verhalen.csv").read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def story_slugs(site: Path) -> set[str]:
    return {p.parent.name for p in (site / "verhalen").glob("*/index.html") if p.parent.name != "pagina"}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("opendata") / "site"
    assert build(REPO, out, base_url=SUB).ok
    return out


def test_json_holds_every_published_story_with_its_fields(example: Path) -> None:
    data = read_json(example)
    assert data["licence"] == "CC BY 4.0" and data["source"] == SUB
    assert data["documentation"] == f"{SUB}open-data/"
    assert {s["slug"] for s in data["stories"]} == story_slugs(example)
    dates = [s["date"] for s in data["stories"]]
    assert dates == sorted(dates, reverse=True)
    for story in data["stories"]:
        assert story["url"] == f"{SUB}verhalen/{story['slug']}/"
        assert {"actors", "relations", "themes", "outcomes", "lessons", "place"} <= set(story)
        ids = {a["id"] for a in story["actors"]}
        assert story["relations"] and all({r["from"], r["to"]} <= ids for r in story["relations"])
        assert {"name", "scale", "anonymised"} <= set(story["place"]) <= {"name", "scale", "anonymised", "municipality",
                                                                          "province"}


def test_every_story_in_the_json_is_valid_against_the_story_json_schema(example: Path) -> None:
    import jsonschema

    schema = json.loads((REPO / "schema" / "story.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    for story in read_json(example)["stories"]:
        front_matter = {key: value for key, value in story.items() if key not in ("slug", "url")}
        assert [error.message for error in validator.iter_errors(front_matter)] == [], story["slug"]


def test_csv_has_one_row_per_published_story(example: Path) -> None:
    rows = read_csv(example)
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [r["slug"] for r in rows] == [s["slug"] for s in read_json(example)["stories"]]
    dorpshuis = next(r for r in rows if r["slug"] == "dubbele-pet-bij-het-dorpshuis")
    assert dorpshuis["actor_types"] == "bewonersinitiatief | welzijnsorganisatie | zelfstandig-opbouwwerker"
    assert "huurt-in" in dorpshuis["relation_kinds"].split(" | ")
    assert dorpshuis["place_anonymised"] == "ja"


def test_the_open_data_page_links_to_both_files(example: Path) -> None:
    page = BeautifulSoup((example / "open-data" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in page.select(".prose a")}
    assert {"../data/verhalen.json", "../data/verhalen.csv"} <= links


@pytest.mark.parametrize("preview", [False, True])
def test_no_draft_in_the_data(project: Path, tmp_path: Path, preview: bool) -> None:
    assert build(project, tmp_path / "site", preview=preview).ok
    site = tmp_path / "site"
    assert {s["slug"] for s in read_json(site)["stories"]} == {"buurtmoestuin", "dorpshuis"}
    assert {r["slug"] for r in read_csv(site)} == {"buurtmoestuin", "dorpshuis"}
    assert "concept-verhaal" not in (site / "data" / "verhalen.csv").read_text(encoding="utf-8-sig")


def test_a_cell_that_looks_like_a_formula_stays_text(project: Path, tmp_path: Path) -> None:
    text = (project / "content" / "stories" / "buurtmoestuin.md").read_text(encoding="utf-8")
    write_story(project, "formule.md", text.replace('title: "De buurtmoestuin"', 'title: "=HYPERLINK(1)"', 1))
    assert build(project, tmp_path / "site").ok
    row = next(r for r in read_csv(tmp_path / "site") if r["slug"] == "formule")
    assert row["title"] == "'=HYPERLINK(1)"
    assert next(s for s in read_json(tmp_path / "site")["stories"] if s["slug"] == "formule")["title"] == "=HYPERLINK(1)"


def test_each_story_is_one_line_of_verhalen_json(example: Path) -> None:
    """One story a line: written by json's C encoder (#9), and a changed story is one changed line in a diff."""
    text = (example / "data" / "verhalen.json").read_text(encoding="utf-8")
    data = json.loads(text)
    lines = [line.strip().rstrip(",") for line in text.splitlines() if line.startswith('    {"slug"')]
    assert [json.loads(line) for line in lines] == data["stories"] and len(lines) > 2

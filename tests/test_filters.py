"""The filter's data (/data/filter.js): facets with the options stories use, every story's values, no draft."""
from __future__ import annotations

import json
from pathlib import Path

from samenspel.filters import filter_data
from samenspel.pipeline import build, collect

PREFIX = "window.samenspelFilter = "


def read(site: Path) -> dict:
    text = (site / "data" / "filter.js").read_text(encoding="utf-8")
    assert text.startswith(PREFIX) and text.endswith(";\n")
    return json.loads(text[len(PREFIX):-2])


def test_the_data_lists_every_built_story_and_no_draft(project: Path, tmp_path: Path) -> None:
    assert build(project, tmp_path / "site").ok
    data = read(tmp_path / "site")
    assert sorted(s["url"] for s in data["stories"]) == ["/samenspel/verhalen/buurtmoestuin/", "/samenspel/verhalen/dorpshuis/"]
    assert "concept" not in json.dumps(data)
    facets = {f["name"]: [o["value"] for o in f["options"]] for f in data["facets"]}
    assert list(facets) == ["thema", "actor", "rol", "relatie", "uitkomst", "provincie", "schaal", "jaar"]
    assert "gemeente" in facets["actor"] and facets["provincie"] == ["utrecht"]


def test_options_follow_the_vocabulary_and_years_run_newest_first(project: Path) -> None:
    built = collect(project)
    assert built.site is not None
    data = filter_data(built.site)
    facets = {f["name"]: f for f in data["facets"]}  # type: ignore[union-attr]
    keys = [t.key for t in built.site.vocabulary.terms("themes")]
    themes = [o["value"] for o in facets["thema"]["options"]]
    assert themes == sorted(themes, key=keys.index)
    years = [o["value"] for o in facets["jaar"]["options"]]
    assert years == sorted(years, reverse=True)
    assert facets["thema"]["legend"] == "Thema"


def test_a_hostile_title_cannot_end_the_script(project: Path, tmp_path: Path) -> None:
    story = project / "content" / "stories" / "buurtmoestuin.md"
    story.write_text(story.read_text(encoding="utf-8").replace(
        'title: "De buurtmoestuin"', 'title: "</script><script>alert(1)</script>"', 1), encoding="utf-8")
    assert build(project, tmp_path / "site").ok
    text = (tmp_path / "site" / "data" / "filter.js").read_text(encoding="utf-8")
    assert "<" not in text and "</script>" in json.dumps(read(tmp_path / "site"), ensure_ascii=False)

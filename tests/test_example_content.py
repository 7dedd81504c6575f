"""The example content: the neighbourhood-meal story of issue 14 builds, every term is explained in both languages,
and no story shows its lessons twice."""
from __future__ import annotations

import pytest

from samenspel.model import Site
from samenspel.pipeline import collect

from .conftest import REPO

MEAL = "een-buurtmaaltijd-die-van-de-bewoners-werd"


@pytest.fixture(scope="module")
def site() -> Site:
    """The example site, built once in memory for this module."""
    result = collect(REPO)
    assert result.ok, [p.text() for p in result.problems]
    assert result.site is not None
    return result.site


def test_the_meal_story_types_its_cook_accounting_and_handover(site: Site) -> None:
    story = next((s for s in site.stories if s.slug == MEAL), None)
    assert story is not None, f"content/stories/{MEAL}.md is not built"
    assert not story.draft
    cooks = [a for a in story.meta.actors if "kok" in a.name.lower()]
    assert [a.type for a in cooks] == ["zelfstandig-professional"]
    assert "verantwoording" in story.meta.themes
    assert "overgedragen-aan-bewoners" in {o.type for o in story.meta.outcomes}


def test_every_term_has_a_dutch_and_english_label_and_description(site: Site) -> None:
    for kind, terms in site.vocabulary.lists:
        for term in terms:
            for field in ("label", "description"):
                texts = dict(getattr(term, field))
                assert texts.get("nl") and texts.get("en"), f"{kind}: {term.key}: {field} needs nl and en"


def test_no_example_story_lists_its_lessons_again_in_its_body(site: Site) -> None:
    # The page shows the front matter's lessons under "Lessen uit dit verhaal"; a list of take-aways at the
    # end of the body would show them twice, so every lesson lives in the front matter only (issue 14).
    template = (REPO / "docs" / "sjabloon-verhaal.md").read_text(encoding="utf-8")
    assert "meenemen" not in template.lower()
    for story in site.stories:
        assert "meenemen" not in story.body.html.lower(), story.slug

"""The filter on /verhalen/: ticking a theme and an actor type narrows the list to exactly the right stories,
the address keeps the view, and without JavaScript the list is whole."""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from .harness import published_stories
from .test_axe import axe, describe, run_axe

__all__ = ["axe"]


def actor_types(story: dict[str, Any]) -> set[str]:
    return {a["type"] for a in story["actors"]}


@pytest.fixture(scope="module")
def choice(built_site: Path) -> tuple[str, str, set[str]]:
    """A theme and an actor type that together leave some stories, fewer than either alone does."""
    all_stories = published_stories(built_site)
    themes = sorted({t for s in all_stories for t in s["themes"]})
    types = sorted({t for s in all_stories for t in actor_types(s)})
    for theme, kind in itertools.product(themes, types):
        with_theme = {s["slug"] for s in all_stories if theme in s["themes"]}
        with_type = {s["slug"] for s in all_stories if kind in actor_types(s)}
        both = with_theme & with_type
        if both and both != with_theme and both != with_type:
            return theme, kind, both
    pytest.fail("no theme and actor type narrow each other in the example site")


def shown(page: Any) -> set[str]:
    """Give the slugs of the stories the filter shows."""
    hrefs = page.locator(".filter-results .card-title a").evaluate_all("links => links.map(a => a.pathname)")
    return {href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs}


def test_a_theme_and_an_actor_type_narrow_the_list(built_site: Path, site_server: str, page: Any,
                                                   choice: tuple[str, str, set[str]]) -> None:
    theme, kind, expected = choice
    page.goto(site_server + "verhalen/")
    assert page.locator(".story-list .card").count() == len(published_stories(built_site))
    page.locator("#verhalen-filter summary").click()
    page.check(f"#f-thema-{theme}")
    page.check(f"#f-actor-{kind}")
    assert shown(page) == expected
    assert page.locator(".story-list").is_hidden() and page.locator(".filter-results").is_visible()
    status = page.locator("#verhalen-filter [role=status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().startswith("1 verhaal" if len(expected) == 1 else f"{len(expected)} verhalen")
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"thema": [theme], "actor": [kind]}
    assert not page.console_errors, page.console_errors


def test_loading_the_address_gives_the_same_view(built_site: Path, site_server: str, new_page: Any,
                                                 choice: tuple[str, str, set[str]]) -> None:
    theme, kind, expected = choice
    page = new_page()
    page.goto(f"{site_server}verhalen/?thema={theme}&actor={kind}")
    assert shown(page) == expected
    assert page.locator(f"#f-thema-{theme}").is_checked() and page.locator(f"#f-actor-{kind}").is_checked()
    assert page.locator("#verhalen-filter details").get_attribute("open") is not None


def test_each_count_is_the_number_of_stories_a_tick_would_give(built_site: Path, site_server: str, page: Any) -> None:
    all_stories = published_stories(built_site)
    page.goto(site_server + "verhalen/")
    counts = page.locator("#verhalen-filter input[type=checkbox]").evaluate_all(
        "boxes => boxes.map(b => [b.name, b.value, b.labels[0].querySelector('.filter-count').textContent])")
    by_type = {t: sum(t in actor_types(s) for s in all_stories) for s in all_stories for t in actor_types(s)}
    by_theme = {t: sum(t in s["themes"] for s in all_stories) for s in all_stories for t in s["themes"]}
    for name, value, text in counts:
        if name in ("thema", "actor"):
            assert text == f"({(by_theme if name == 'thema' else by_type)[value]})", (name, value)
    assert {name for name, _, _ in counts} >= {"thema", "actor", "rol", "relatie", "uitkomst", "schaal", "jaar"}


def test_without_javascript_the_list_is_complete(built_site: Path, site_server: str, new_page: Any) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(site_server + "verhalen/")
    slugs = {href.rstrip("/").rsplit("/", 1)[-1]
             for href in page.locator(".story-list .card-title a").evaluate_all("a => a.map(x => x.pathname)")}
    assert slugs == {s["slug"] for s in published_stories(built_site)}
    assert page.locator("#verhalen-filter").is_hidden()
    assert page.locator("input").count() == 0 or page.locator("#verhalen-filter input").count() == 0


def test_the_filter_works_by_keyboard_and_passes_axe(site_server: str, page: Any, axe: str,
                                                     choice: tuple[str, str, set[str]]) -> None:
    theme, _, _ = choice
    page.goto(site_server + "verhalen/")
    page.locator("#verhalen-filter summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the first box
    assert page.evaluate("() => document.activeElement.type") == "checkbox"
    page.locator(f"#f-thema-{theme}").focus()
    page.keyboard.press("Space")
    assert page.locator(f"#f-thema-{theme}").is_checked()
    assert page.locator("#verhalen-filter [role=status]").inner_text()
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        result = run_axe(page, axe)
        assert not result["violations"], f"{scheme}:\n{describe(result['violations'])}"


def test_the_open_filter_reflows_at_320_px(site_server: str, new_page: Any, choice: tuple[str, str, set[str]]) -> None:
    theme, kind, _ = choice
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(f"{site_server}verhalen/?thema={theme}&actor={kind}")
    scroll, client = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client, f"scrolls sideways ({scroll} > {client} CSS px)"

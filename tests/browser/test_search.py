"""Search with Pagefind: Dutch stemming, compound parts and vocabulary words are found, the count is
announced, it works under a sub-path, and story pages carry nothing of it but the header's search box."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .harness import published_stories, site_paths
from .test_axe import axe, describe, run_axe

__all__ = ["axe"]


def search(page: Any, base: str, query: str) -> set[str]:
    """Give the paths of the results the search page shows for ``query``, once it has said how many."""
    page.goto(f"{base}zoeken/?q={query}")
    page.locator(".search-status").filter(has_text=re.compile(r"\S")).wait_for()
    return set(page.locator(".search-results a").evaluate_all("links => links.map(a => a.pathname)"))


def story_text(site: Path, slug: str) -> str:
    return (site / "verhalen" / slug / "index.html").read_text(encoding="utf-8")


def test_a_word_finds_the_stories_that_use_another_form_of_it(built_site: Path, site_server: str, page: Any) -> None:
    found = search(page, site_server, "bewoner")
    saying = {f"/verhalen/{s['slug']}/" for s in published_stories(built_site)
              if re.search(r"\bbewoners\b", story_text(built_site, s["slug"]))}
    assert saying and saying <= found
    assert not page.console_errors, page.console_errors


def test_a_part_of_a_compound_finds_the_story_with_the_compound(built_site: Path, site_server: str,
                                                                page: Any) -> None:
    assert not any(re.search(r"(?<![a-zë])vergadering", (built_site / p.lstrip("/") / "index.html").read_text(
        encoding="utf-8")) for p in site_paths(built_site) if p.endswith("/"))  # only inside the compound
    assert search(page, site_server, "vergadering") == {"/verhalen/een-buurtfonds-in-de-stad/"}
    assert "/verhalen/een-buurtmaaltijd-die-van-de-bewoners-werd/" in search(page, site_server, "maaltijd")


def test_a_theme_label_finds_its_stories(built_site: Path, site_server: str, page: Any) -> None:
    with_theme = {f"/verhalen/{s['slug']}/" for s in published_stories(built_site) if "eigen-regie" in s["themes"]}
    assert with_theme and with_theme <= search(page, site_server, "Eigen regie")


def test_the_count_is_announced(site_server: str, page: Any) -> None:
    found = search(page, site_server, "gemeente")
    status = page.locator(".search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.inner_text().startswith(f"{len(found)} resultaten voor")
    search(page, site_server, "qwxzv")
    assert status.inner_text().startswith("Niets gevonden")


def test_only_stories_lessons_and_pages_are_found(site_server: str, page: Any) -> None:
    found = search(page, site_server, "verhalen")
    assert found and all(re.fullmatch(r"/(verhalen/[^/]+|lessen/[^/]+|[^/]+)/", p) for p in found), found
    assert not {"/verhalen/", "/lessen/", "/themas/", "/wie-betaalt-wie-bepaalt/", "/zoeken/"} & found


def test_the_header_box_leads_to_the_results(built_site: Path, site_server: str, page: Any) -> None:
    page.goto(site_server + "verhalen/dubbele-pet-bij-het-dorpshuis/")
    page.fill("#zoek-kop", "dorpshuis")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zoeken/\?q=dorpshuis"))
    page.locator(".search-results a").first.wait_for()
    assert "/verhalen/dubbele-pet-bij-het-dorpshuis/" in page.locator(".search-results a").evaluate_all(
        "links => links.map(a => a.pathname)")


def test_story_pages_carry_nothing_of_search_but_the_box(built_site: Path) -> None:
    for slug in (s["slug"] for s in published_stories(built_site)):
        html = story_text(built_site, slug)
        assert "pagefind" not in html and "search.js" not in html, slug
        assert html.count("<form") == 1 and 'action="/zoeken/"' in html, slug


def test_search_works_under_a_sub_path(subpath_site: tuple[Path, str], page: Any) -> None:
    _, base = subpath_site
    found = search(page, base, "dorpshuis")
    assert found and all(p.startswith("/samenspel/verhalen/") or p.startswith("/samenspel/lessen/")
                         or re.fullmatch(r"/samenspel/[^/]+/", p) for p in found), found


def test_the_search_page_with_results_passes_axe_and_the_keyboard(site_server: str, page: Any, axe: str) -> None:
    assert_results_pass_axe_and_the_keyboard(page, site_server, axe)


def assert_results_pass_axe_and_the_keyboard(page: Any, base: str, axe: str) -> None:
    """Search the site at ``base``; the results are reached by Tab after the button and pass axe, light and dark."""
    search(page, base, "bewoners")
    page.locator("#zoekterm").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "submit"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('.search-results') !== null")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        result = run_axe(page, axe)
        assert not result["violations"], f"{scheme}:\n{describe(result['violations'])}"

"""What a screen reader gets: the role diagram is an image with a name, its relations a list."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .harness import site_paths


def normal(text: str) -> str:
    """Give text with whitespace collapsed and none before punctuation."""
    return re.sub(r"\s+([:;,.])", r"\1", " ".join(text.split()))


def list_items(snapshot: str) -> list[str]:
    """Give the text of each top-level listitem in a Playwright aria snapshot of one list."""
    items: list[list[str]] = []
    for line in snapshot.splitlines():
        if re.match(r"^  - listitem\b", line):
            items.append([line.split(":", 1)[1]])
        elif items and line.startswith("    "):
            items[-1].append(re.sub(r"^\s*- [a-z]+(?: \"[^\"]*\")?:?", "", line))
    return [normal(" ".join(part.strip().strip('"') for part in item)) for item in items]


def test_role_diagram_has_a_text_equivalent_in_the_accessibility_tree(
        built_site: Path, site_server: str, page: Any) -> None:
    stories = [p for p in site_paths(built_site) if re.fullmatch(r"/verhalen/(?!pagina/)[^/]+/", p)]
    assert stories
    for path in stories:
        page.goto(site_server + path.lstrip("/"))
        title = page.locator("h1").inner_text()
        diagram = page.get_by_role("img", name=re.compile(re.escape(f"Rollenschema: {title}")))
        assert diagram.count() == 1, f"{path}: no img named after the story in the accessibility tree"
        assert diagram.evaluate("el => el.tagName") == "svg"
        tree = normal(page.locator("main").aria_snapshot())
        assert f'img "Rollenschema: {normal(title)}' in tree, tree[:400]
        relations = [normal(t) for t in page.locator("ul.relations > li").all_inner_texts()]
        actors = page.locator("ul.actors > li").count()
        # the description counts what the list holds, so a reader knows both say the same
        assert f"{actors} actoren en {len(relations)} relaties" in diagram.evaluate(
            "el => el.querySelector('desc').textContent"), path
        listed = page.get_by_role("heading", name="Relaties").locator("xpath=following-sibling::ul[1]")
        items = list_items(listed.aria_snapshot())
        assert items and items == relations, f"{path}: relations in the tree {items}, on the page {relations}"
        # read in order: the diagram, then the list it says is "hieronder"
        assert tree.index('img "Rollenschema') < tree.index('heading "Relaties"'), path

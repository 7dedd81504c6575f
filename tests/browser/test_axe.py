"""axe-core finds no WCAG 2.0/2.1 A or AA nor WCAG 2.2 AA violation on any type of page, light or dark."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .harness import AXE_TAGS, PAGE_TYPES, axe_source, page_types, require


@pytest.fixture(scope="session")
def axe() -> str:
    """axe-core's script, from the installed axe-playwright-python wheel (never fetched at run time)."""
    source = axe_source()
    require(source is not None, "axe-core not found: the Python package axe-playwright-python is not installed")
    return source


def run_axe(page: Any, axe: str) -> dict[str, Any]:
    """Give axe-core's result for the page as it is now: its violations of the WCAG rules in AXE_TAGS."""
    page.evaluate(axe)
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS)
    return result


def describe(violations: list[dict[str, Any]]) -> str:
    """Give one readable line per violating element."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {' '.join(map(str, node['target']))}\n"
                         f"    {node['html'][:160]}\n    {' '.join(node.get('failureSummary', '').split())}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_wcag_violation(kind: str, scheme: str, built_site: Path, site_server: str, page: Any, axe: str) -> None:
    path = page_types(built_site)[kind]
    page.emulate_media(color_scheme=scheme)
    response = page.goto(site_server + path.lstrip("/"))
    assert response is not None and response.status == (404 if kind == "404" else 200), path
    result = run_axe(page, axe)
    assert result["testEngine"]["version"], "axe did not run"
    assert not result["violations"], f"{path} ({scheme}):\n{describe(result['violations'])}"

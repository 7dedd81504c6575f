"""Keyboard only: a skip link first, focus always visible, every control reachable in DOM order."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .harness import PAGE_TYPES, page_types

# Marks every element a Tab press should reach, in DOM order, and describes them.
TABBABLES = """() => {
  const selector = 'a[href], area[href], button, input, select, textarea, summary, iframe, audio[controls], '
                 + 'video[controls], [tabindex], [contenteditable]:not([contenteditable="false"])';
  // Of a group of radio buttons with one chosen, only that one is a Tab stop (arrows move within it).
  const otherRadio = el => el.type === 'radio' && el.name && !el.checked
      && el.form && [...el.form.elements].some(o => o.type === 'radio' && o.name === el.name && o.checked);
  const found = [...document.querySelectorAll(selector)].filter(el =>
      el.tabIndex >= 0 && !el.disabled && !el.closest('[inert]') && !otherRadio(el)
      && el.checkVisibility({visibilityProperty: true}));
  found.forEach((el, i) => { el.dataset.tabStop = String(i); });
  return found.map(el => el.outerHTML.slice(0, 120));
}"""

# How focus is drawn on an element: its outline (when there is one) and its box shadow.
FOCUS_STYLE = """el => {
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
      ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none';
  return {outline, shadow: s.boxShadow};
}"""

ACTIVE = "() => document.activeElement"
# The Tab stop now focused (or null) and how its focus is drawn, in one round trip.
FOCUSED = f"""() => {{
  const el = document.activeElement;
  return el && el.dataset.tabStop !== undefined ? [Number(el.dataset.tabStop), ({FOCUS_STYLE})(el)] : [null, null];
}}"""


def test_skip_link_comes_first_and_moves_focus_to_main(built_site: Path, site_server: str, page: Any) -> None:
    for kind in ("home", "verhaal", "lessen"):
        page.goto(site_server + page_types(built_site)[kind].lstrip("/"))
        page.keyboard.press("Tab")
        skip = page.evaluate_handle(ACTIVE)
        assert skip.evaluate("el => el.matches('a.skip-link')"), f"{kind}: first Tab focused {skip.evaluate('el => el.outerHTML')}"
        box = skip.evaluate("el => { const r = el.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; }")
        assert box[0] >= 0 and box[1] <= 800 and box[2] >= 0 and box[3] <= 1280, f"{kind}: focused skip link is off screen: {box}"
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "inhoud", f"{kind}: Enter on the skip link did not focus main"
        assert page.evaluate("() => location.hash") == "#inhoud"
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.closest('main') !== null"), \
            f"{kind}: the Tab after the skip link left main"


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_control_is_reached_in_dom_order_with_visible_focus(
        kind: str, built_site: Path, site_server: str, page: Any) -> None:
    path = page_types(built_site)[kind]
    page.goto(site_server + path.lstrip("/"))
    stops = page.evaluate(TABBABLES)
    assert stops, f"{path}: nothing to Tab to"
    unfocused = page.evaluate(f"() => [...document.querySelectorAll('[data-tab-stop]')].map({FOCUS_STYLE})")
    reached: list[int | None] = []
    invisible: list[str] = []
    for _ in stops:
        page.keyboard.press("Tab")
        stop, style = page.evaluate(FOCUSED)
        reached.append(stop)
        if stop is None:
            continue
        before = unfocused[stop]
        if style == before or (style["outline"] == "none" and style["shadow"] == "none"):
            invisible.append(f"{stops[stop]}: focused {style}, not focused {before}")
    expected = list(range(len(stops)))
    assert reached == expected, (f"{path}: Tab order {reached}, DOM order {expected}; "
                                 f"first difference at {next(i for i, (a, b) in enumerate(zip(reached, expected, strict=False)) if a != b)}")
    assert not invisible, f"{path}: focus not visible on:\n" + "\n".join(invisible)

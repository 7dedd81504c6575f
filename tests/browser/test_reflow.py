"""Reflow (WCAG 1.4.10): at 320 CSS px and at 200 % zoom nothing scrolls sideways or is cut off.

200 % zoom of a 1280 px window is what Chromium's own zoom does: a 640 CSS px layout viewport
with two device pixels per CSS pixel, so media queries and rem react as they would for a reader.
(CSS ``zoom`` on the root would leave the media queries at 1280 px.)
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .harness import PAGE_TYPES, page_types

VIEWPORTS = {
    "320px": {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 1},
    "1280px-at-200%": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
}

# Every visible element that sticks out of the viewport sideways, or clips its own content,
# except inside a region that scrolls by itself (a wide table may, WCAG allows it).
CUT_OFF = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const bad = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.checkVisibility({visibilityProperty: true}) || scrolls(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < -1 || r.right > width + 1) bad.push(`${name(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} of ${width}`);
    const s = getComputedStyle(el);
    if (/hidden|clip/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
      bad.push(`${name(el)} clips its content: ${el.scrollWidth} > ${el.clientWidth}`);
  }
  return bad;
}"""


@pytest.mark.parametrize("mode", VIEWPORTS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_horizontal_scrolling_and_nothing_cut_off(
        kind: str, mode: str, built_site: Path, site_server: str, new_page: Any) -> None:
    page = new_page(**VIEWPORTS[mode])
    path = page_types(built_site)[kind]
    page.goto(site_server + path.lstrip("/"))
    assert page.evaluate("() => document.documentElement.clientWidth") == VIEWPORTS[mode]["viewport"]["width"]
    scroll, client = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client, f"{path} at {mode}: scrolls sideways ({scroll} > {client} CSS px)"
    cut = page.evaluate(CUT_OFF)
    assert not cut, f"{path} at {mode}:\n" + "\n".join(cut)

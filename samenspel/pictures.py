"""Pictures in stories (#12): where a written path points, the image stage, and the <picture> markup.

A story names its pictures as GitHub's preview does, by a path relative to its Markdown
file (``foto.jpg``, ``../stories/foto.jpg``), in its ``image:`` field or in its body
(``![alt](foto.jpg)``). ``locate`` turns such a path into the file in the project, or
the reason it may not be used; ``process_pictures`` makes every referenced picture into
its variants (through the content-hash cache of ``imagecache``, and the preview's memo,
so an unchanged picture is never processed again); ``picture_html`` writes the markup
that story pages, cards and bodies share.
"""
from __future__ import annotations

import html as html_lib
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import unquote, urlsplit

import cmarkgfm
from markupsafe import Markup

from .cores import ONE, Cores
from .errors import Problem, problem
from .folders import CONTENT
from .imagecache import ImageCache
from .images import ImageRefused, Picture, Variant
from .memo import FORGET, Memo
from .meta import StoryMeta
from .text import normal

# The files a picture may be: what the image stage accepts (images.ACCEPTED), by extension.
SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp"})
# How wide a picture shows, by where it stands (the sizes attribute): a story's own picture and one
# in a body span the text column (70ch, about 38rem) or the screen less its margins; a card is
# one column of the card grid (about 17rem) or, on a phone, the screen.
SIZES = {
    "story": "(min-width: 42rem) 38rem, calc(100vw - 2rem)",
    "body": "(min-width: 42rem) 38rem, calc(100vw - 2rem)",
    "card": "(min-width: 36rem) 17rem, calc(100vw - 2rem)",
}
# The title that marks a picture in a body decorative: ![](foto.jpg "decoratief").
DECORATIVE_TITLES = frozenset({"decoratief", "decorative"})


def locate(written: str, md_path: str, *, encoded: bool = False) -> tuple[str, str]:
    """Give (file in the project, '') for a picture path written in ``md_path``, or ('', problem code).

    ``encoded``: the path comes from Markdown, where a space is written as '%20'.
    """
    text = written.strip()
    if not text:
        return "", "image_no_src"
    try:
        parts = urlsplit(text)
    except ValueError:  # 'http://[' is no path in the project either
        return "", "image_remote"
    if parts.scheme or parts.netloc or text.startswith("//"):
        return "", "image_remote"
    path = unquote(parts.path) if encoded else text
    if path.startswith("/") or "\\" in path:
        return "", "image_absolute"
    file = normal(posixpath.normpath(posixpath.join(posixpath.dirname(md_path), path)))  # as the reader names it
    if not file.startswith(f"{CONTENT}/") or file.split("/").count(".."):
        return "", "image_outside"
    suffix = posixpath.splitext(file)[1].lower()
    if suffix == ".svg":  # never read: SVG can hold script
        return "", "image_svg_refused"
    if suffix not in SUFFIXES:
        return "", "image_suffix"
    return file, ""


@dataclass(frozen=True)
class PictureFile:
    """A picture file below content/ as the reader found it: what tells it apart, or why it is not used.

    Not its bytes: a site with a thousand photos would hold them all in every snapshot the
    preview keeps. The image stage reads them (``Reader``) only for a picture it has not
    processed before, and hashes what it read.
    """

    path: str
    refused: str = ""  # a problem code: 'image_link', 'image_too_large', 'image_read'
    size: int = 0  # in bytes, also of a file too large to be read
    error: str = ""  # what the system said, for 'image_read'
    digest: str = ""  # images.source_hash of its bytes when listed: the image cache's key

    def refusal(self) -> Refused:
        """Give why this file is not used, as the problem where a story names it."""
        if self.refused == "image_too_large":
            return refusal(self.refused, value=self.size)
        if self.refused == "image_read":
            return refusal(self.refused, value=posixpath.basename(self.path), error=self.error)
        return refusal(self.refused, value=self.path)


class NotRead(Exception):
    """A listed picture file whose bytes could not be read when the image stage needed them: ``file`` says why."""

    def __init__(self, file: PictureFile) -> None:
        super().__init__(f"{file.path}: {file.refused}")
        self.file = file


# Gives the bytes of a listed picture file (by its path) at the moment the image stage needs them,
# or raises NotRead: the reader at the edge (project.picture_bytes) opens it as the listing did.
Reader = Callable[[str], bytes]


def no_bytes(path: str) -> bytes:
    """Read no picture: the reader of a project made in memory without picture files."""
    raise NotRead(PictureFile(path, refused="image_read", error="no file"))


@dataclass(frozen=True)
class Size:
    """One variant of a picture as a page links it: file name, pixels and type (no bytes)."""

    name: str
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class Figure:
    """A processed picture as pages show it: the variants of each format, smallest first."""

    modern: tuple[Size, ...]
    fallback: tuple[Size, ...]

    @property
    def main(self) -> Size:
        """Give the fallback variant an <img> without srcset shows: the widest up to 800 px."""
        fitting = [size for size in self.fallback if size.width <= 800]
        return fitting[-1] if fitting else self.fallback[0]

    @property
    def largest(self) -> Size:
        """Give the widest fallback variant (the Open Graph image)."""
        return self.fallback[-1]


@dataclass(frozen=True)
class Refused:
    """Why a picture cannot be shown: a problem code, its message's values, its hint."""

    code: str
    hint: str
    params: tuple[tuple[str, str], ...] = ()

    def problem(self, path: str, line: int, field: str = "", **more: str) -> Problem:
        """Give the problem this refusal is, where the picture is named (``more`` replaces values)."""
        values: dict[str, Any] = {**dict(self.params), **more}
        return problem(path, line, field, self.code, self.hint, **values)


Result = Figure | Refused
# The hint of each refusal met before a picture is processed (images.ImageRefused brings its own).
HINTS = {
    "image_no_src": "hint_image_src",
    "image_remote": "hint_image_local",
    "image_absolute": "hint_image_relative",
    "image_outside": "hint_image_relative",
    "image_svg_refused": "hint_image_svg",
    "image_suffix": "hint_image_suffix",
    "image_missing": "hint_image_missing",
    "image_link": "hint_image_link",
    "image_too_large": "hint_image_too_large",
    "image_read": "hint_image_read",
}


def refusal(code: str, **params: object) -> Refused:
    """Give the refusal with this code, and its hint."""
    return Refused(code, HINTS[code], tuple(sorted((k, str(v)) for k, v in params.items())))


# -- which pictures a body names ------------------------------------------------

_OPTIONS = cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE
_IMAGE_SRC = re.compile(r'<img src="([^"]*)" alt="[^"]*"(?: title="[^"]*")? />')


def body_pictures(body: str, md_path: str) -> tuple[str, ...]:
    """Give the picture files a Markdown body names (``![alt](foto.jpg)``) that may be used, in order."""
    if "![" not in body:  # most bodies have none: no second pass through cmark for them
        return ()
    html = cmarkgfm.markdown_to_html_with_extensions(body, options=_OPTIONS, extensions=["table", "strikethrough"])
    found = (locate(html_lib.unescape(src), md_path, encoded=True)[0] for src in _IMAGE_SRC.findall(html))
    return tuple(dict.fromkeys(file for file in found if file))


# -- the image stage --------------------------------------------------------------

def stem(path: str) -> str:
    """Give the first part of a picture's output names: its file name without accents (images.safe_stem cleans it)."""
    name = unicodedata.normalize("NFKD", posixpath.splitext(posixpath.basename(path))[0])
    return name.encode("ascii", "ignore").decode("ascii")


def figure_of(picture: Picture) -> Figure:
    """Give what pages show of a processed picture: its variants without their bytes."""
    def sizes(variants: Iterable[Variant]) -> tuple[Size, ...]:
        return tuple(Size(v.name, v.width, v.height, v.mime) for v in variants)
    return Figure(sizes(picture.modern), sizes(picture.fallback))


def process_one(cache: ImageCache, read: Reader, item: tuple[str, str]) -> Picture | Refused:
    """Give one picture processed (through the cache, reading its bytes only when it must be made), or why not."""
    path, digest = item
    try:
        return cache.get_file(digest, stem(path), partial(read, path))
    except ImageRefused as e:
        return Refused(e.key, e.hint, (("value", e.value),))
    except NotRead as e:  # taken away, made a link or grown too large since it was listed
        return e.file.refusal()


def process_pictures(wanted: Iterable[str], files: Mapping[str, PictureFile], cache: ImageCache,
                     memo: Memo = FORGET, cores: Cores = ONE,
                     progress: Callable[[int, int], None] | None = None, read: Reader = no_bytes,
                     ) -> tuple[dict[str, Result], dict[str, Picture]]:
    """Give each wanted picture file as a Figure or a Refused, and the processed pictures by file (for their outputs).

    The memo keys a picture by its path and the hash of its bytes, so the preview processes
    only a changed one; ``read`` gives the bytes of one that is in neither the memo nor the cache.
    """
    results: dict[str, Result] = {}
    todo: list[str] = []
    for path in dict.fromkeys(wanted):
        file = files.get(path)
        linked = _through_link(path, files)
        if linked:
            results[path] = refusal("image_link", value=linked)
        elif file is None:
            results[path] = refusal("image_missing", value=path)
        elif file.refused:
            results[path] = file.refusal()
        else:
            todo.append(path)
    keys = [(path, files[path].digest) for path in todo]
    made = memo.get_many("image", keys, lambda indexes: cores.map(
        partial(process_one, cache, read), [keys[i] for i in indexes], *([progress] if progress else [])))
    pictures = {}
    for path, picture in zip(todo, made, strict=True):
        if isinstance(picture, Refused):
            results[path] = picture
        else:
            results[path] = figure_of(picture)
            pictures[path] = picture
    return results, pictures


def _through_link(path: str, files: Mapping[str, PictureFile]) -> str:
    """Give the link on the way to ``path`` (a folder or the file itself) that the reader refused, or ''."""
    parts = path.split("/")
    for end in range(2, len(parts) + 1):
        entry = files.get("/".join(parts[:end]))
        if entry is not None and entry.refused == "image_link":
            return entry.path
    return ""


def picture_credits(meta: object) -> dict[str, tuple[str, str]]:
    """Give (credit, licence) by picture file, for the pictures a story's body shows.

    From its ``pictures:``, and from ``image:`` for a body that shows the main picture too.
    """
    if not isinstance(meta, StoryMeta):
        return {}
    credits = {meta.image.src: (meta.image.credit, meta.image.licence)} if meta.image else {}
    credits.update((picture.src, (picture.credit, picture.licence)) for picture in meta.pictures)
    return credits


def picture_outputs(pictures: Sequence[Picture]) -> list[tuple[str, bytes]]:
    """Give every variant of the pictures as (file name, bytes), each name once, sorted."""
    out: dict[str, bytes] = {}
    for picture in pictures:
        for variant in (*picture.modern, *picture.fallback):
            out[variant.name] = variant.data
    return sorted(out.items())


# -- markup -----------------------------------------------------------------------

def picture_html(figure: Figure, href: Callable[[str], str], *, alt: str = "", place: str = "body") -> Markup:
    """Give the <picture> of a figure: a modern source and a fallback <img>, both with every width.

    ``href`` gives the link of a variant's file name; width and height are the shown
    variant's, so the browser keeps the room before the file arrives (no layout shift).
    ``place`` ('story', 'body', 'card') sets the sizes; a story's own picture is near the
    top of its page, so it is fetched at once, every other one only when scrolled near.
    """
    sizes = SIZES[place]
    def srcset(variants: tuple[Size, ...]) -> str:
        return ", ".join(f"{href(v.name)} {v.width}w" for v in variants)

    main = figure.main
    parts = ["<picture>"]
    if figure.modern:
        parts.append(f'<source type="{figure.modern[0].mime}" srcset="{_attr(srcset(figure.modern))}"'
                     f' sizes="{_attr(sizes)}">')
    loading = ' fetchpriority="high"' if place == "story" else ' loading="lazy"'
    parts.append(f'<img src="{_attr(href(main.name))}" srcset="{_attr(srcset(figure.fallback))}"'
                 f' sizes="{_attr(sizes)}" width="{main.width}" height="{main.height}" alt="{_attr(alt)}"'
                 f'{loading} decoding="async">')
    parts.append("</picture>")
    return Markup("".join(parts))


def _attr(value: str) -> str:
    return html_lib.escape(value, quote=True)

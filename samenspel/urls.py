"""The one place that makes URLs and output paths.

Every URL is a site path like ``/verhalen/een-verhaal/``; ``href`` prefixes the base
path so the site also works when hosted under a sub-path such as ``/samenspel/``.
Templates and the writer ask this module; nothing else joins URL strings.
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

# Vocabulary list → URL segment of its term pages (Dutch URLs).
TERM_SEGMENTS = {
    "themes": "themas",
    "actor_types": "actoren",
    "roles": "rollen",
    "outcome_types": "uitkomsten",
    "provinces": "provincies",
}
STORIES = "verhalen"
LESSONS = "lessen"
ASSETS = "assets"
PAGE_SEGMENT = "pagina"
# First URL segments the site uses itself; a content page may not take them.
RESERVED = frozenset({STORIES, LESSONS, ASSETS, "404", "index", *TERM_SEGMENTS.values()})


def slugify(text: str) -> str:
    """Give a URL slug: lowercase ASCII words joined by hyphens ("Café Één" → "cafe-een")."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def web_address(text: str) -> bool:
    """Give whether ``text`` is an http or https address with a host (and, if any, a valid port)."""
    try:
        parts = urlsplit(text)
        parts.port  # raises ValueError for a port that is no number or out of range
    except ValueError:  # e.g. 'https://[' or a host that changes under NFKC normalisation
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


@dataclass(frozen=True)
class Urls:
    """Makes site paths, links and output file paths for one base URL."""

    base_url: str

    @property
    def base_path(self) -> str:
        """Give the path the site lives under, starting and ending with '/'."""
        rest = self.base_url.split("://", 1)[-1]
        path = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
        return path if path.endswith("/") else path + "/"

    # -- site paths ---------------------------------------------------------
    def home(self) -> str:
        return "/"

    def stories(self, page: int = 1) -> str:
        return f"/{STORIES}/" if page <= 1 else f"/{STORIES}/{PAGE_SEGMENT}/{page}/"

    def story(self, slug: str) -> str:
        return f"/{STORIES}/{_segment(slug)}/"

    def lessons(self) -> str:
        return f"/{LESSONS}/"

    def lesson(self, slug: str) -> str:
        return f"/{LESSONS}/{_segment(slug)}/"

    def terms(self, kind: str) -> str:
        return f"/{TERM_SEGMENTS[kind]}/"

    def term(self, kind: str, key: str) -> str:
        return f"/{TERM_SEGMENTS[kind]}/{_segment(key)}/"

    def page(self, slug: str) -> str:
        return f"/{_segment(slug)}/"

    def asset(self, name: str) -> str:
        return f"/{ASSETS}/{_segment(name)}"

    def not_found(self) -> str:
        return "/404.html"

    # -- what links and the writer use ----------------------------------------
    def href(self, path: str, fragment: str = "") -> str:
        """Give the link for a site path, under the base path."""
        link = self.base_path + path.lstrip("/")
        return f"{link}#{fragment}" if fragment else link

    def absolute(self, path: str) -> str:
        """Give the full URL of a site path (for canonical links)."""
        root = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return root + path.lstrip("/")

    @staticmethod
    def output_path(path: str) -> str:
        """Give the file a site path is written to, relative to the output folder."""
        if path.endswith("/"):
            path += "index.html"
        clean = posixpath.normpath(path.lstrip("/"))
        if clean.startswith("..") or clean.startswith("/") or clean == ".":
            raise ValueError(f"site path escapes the output folder: {path!r}")
        return clean


def _segment(text: str) -> str:
    """Give ``text`` as one safe URL segment (never '..', never a '/')."""
    segment = re.sub(r"[^a-z0-9.-]+", "-", text.lower()).strip("-.")
    if not segment:
        raise ValueError(f"no URL segment can be made from {text!r}")
    return segment

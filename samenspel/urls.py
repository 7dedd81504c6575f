"""The one place that makes URLs and output paths.

Every URL is a site path like ``/verhalen/een-verhaal/``; ``href`` prefixes the base
path so the site also works when hosted under a sub-path such as ``/samenspel/``.
Templates and the writer ask this module; nothing else joins URL strings.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
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
# Finding stories (#11): the overview, the search page, the open data and the search index.
OVERVIEW = "wie-betaalt-wie-bepaalt"
SEARCH = "zoeken"
DATA = "data"
PAGEFIND = "pagefind"
SEARCH_WORD_LIST = "woordenlijst"  # a shard's document of every word of the site (search.word_lists), never written
SEARCH_SHARD = "deel"  # a large site's search index is in shards: /pagefind/ and /pagefind/deel-N/ (searchindex.py)
# Contributing (#10): the submission page.
SUBMIT = "deel-je-verhaal"
# Pictures in stories (#12): every variant, named by its content hash.
IMAGES = "afbeeldingen"
# First URL segments the site uses itself; a content page may not take them.
RESERVED = frozenset({STORIES, LESSONS, ASSETS, "404", "index", *TERM_SEGMENTS.values(),
                      OVERVIEW, SEARCH, DATA, PAGEFIND, SUBMIT, IMAGES})


def slugify(text: str) -> str:
    """Give a URL slug: lowercase ASCII words joined by hyphens ("Café Één" → "cafe-een")."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def web_address(text: str) -> bool:
    """Give whether ``text`` is an http or https address with a host (and, if any, a valid port)."""
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises ValueError for a port that is no number or out of range
    except ValueError:  # e.g. 'https://[' or a host that changes under NFKC normalisation
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def site_address(text: str) -> bool:
    """Give whether ``text`` can be the address a site lives at: a web address without query or fragment.

    Links are made by appending site paths to it, so '?x=1' or '#top' would land inside every link.
    """
    return web_address(text) and "?" not in text and "#" not in text


def base_path(base_url: str) -> str:
    """Give the path a site at ``base_url`` lives under, starting and ending with '/'."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


@dataclass(frozen=True)
class Urls:
    """Makes site paths, links and output file paths for one base URL.

    ``edit_root`` is the repository's edit address for the branch ('' for no edit links);
    ``versions`` gives each asset's content hash, appended so browsers refetch a changed one.
    """

    base_url: str
    edit_root: str = ""
    versions: tuple[tuple[str, str], ...] = ()

    @cached_property
    def base_path(self) -> str:
        """Give the path the site lives under, starting and ending with '/'."""
        return base_path(self.base_url)

    @cached_property
    def _versions(self) -> dict[str, str]:
        return dict(self.versions)

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

    def image(self, name: str) -> str:
        """Give the site path of a picture's variant ('logo-1a2b3c4d5e-800.webp'); its name holds its hash."""
        return f"/{IMAGES}/{_segment(name)}"

    def image_href(self, name: str) -> str:
        """Give the link to a picture's variant, under the base path."""
        return self.href(self.image(name))

    def not_found(self) -> str:
        return "/404.html"

    # -- finding stories (#11): feeds, open data, overview, search ----------------
    def feed(self) -> str:
        return "/atom.xml"

    def sitemap(self) -> str:
        return "/sitemap.xml"

    def robots(self) -> str:
        return "/robots.txt"

    def data(self, name: str) -> str:
        """Give the site path of an open data file ('verhalen.json', 'verhalen.csv', 'filter.json')."""
        return f"/{DATA}/{_segment(name)}"

    def overview(self) -> str:
        return f"/{OVERVIEW}/"

    def search(self) -> str:
        return f"/{SEARCH}/"

    def search_index(self, shard: int = 0) -> str:
        """Give the site path of the folder Pagefind writes its index and script into (of shard ``shard``)."""
        return f"/{search_index_folder(shard)}/"

    # -- contributing (#10) -------------------------------------------------------
    def submit(self) -> str:
        return f"/{SUBMIT}/"

    # -- fragments: anchors the layouts give their own parts --------------------
    @staticmethod
    def lesson_anchor(number: int) -> str:
        """Give the id of a story's lesson ``number`` (counted from 1)."""
        return f"les-{number}"

    @staticmethod
    def cell_anchor(source: str, kind: str) -> str:
        """Give the id of one cell's story list on the overview page (actor type, relation kind)."""
        return f"{_segment(source)}--{_segment(kind)}"

    @staticmethod
    def theme_anchor(key: str) -> str:
        """Give the id of a theme's group on the lessons page."""
        return f"thema-{_segment(key)}"

    # -- what links and the writer use ----------------------------------------
    def href(self, path: str, fragment: str = "") -> str:
        """Give the link for a site path, under the base path."""
        link = self.base_path + path.lstrip("/")
        return f"{link}#{fragment}" if fragment else link

    def asset_href(self, name: str) -> str:
        """Give the link to an asset, with its version so a changed file is fetched again."""
        version = self._versions.get(name)
        link = self.href(self.asset(name))
        return f"{link}?v={version}" if version else link

    def absolute(self, path: str) -> str:
        """Give the full URL of a site path (for canonical links)."""
        root = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return root + path.lstrip("/")

    def edit(self, source: str) -> str:
        """Give the repository's edit link for a content file, or '' without a repository."""
        return f"{self.edit_root}{source}" if self.edit_root else ""

    @staticmethod
    def output_path(path: str) -> str:
        """Give the file a site path is written to, relative to the output folder."""
        return _output_path(path)


@lru_cache(maxsize=1 << 16)  # every page's, in every rebuild of the preview: a tenth of one (#9)
def _output_path(path: str) -> str:
    if path.endswith("/"):
        path += "index.html"
    clean = posixpath.normpath(path.lstrip("/"))
    if clean.startswith("..") or clean.startswith("/") or clean == ".":
        raise ValueError(f"site path escapes the output folder: {path!r}")
    return clean


def search_index_folder(shard: int = 0) -> str:
    """Give the output folder of the search index's shard ``shard``: shard 0 in pagefind/, shard N in pagefind/deel-N/.

    Nested in pagefind/ so a content page can never take a shard's address (only 'pagefind' is
    reserved). The search page asks the lowest-numbered shard first and merges the others into it;
    Pagefind's ``mergeIndex`` skips an index that the first one's address starts with, which only
    pagefind/ itself could be, and that is always first when it exists.
    """
    return PAGEFIND if shard == 0 else f"{PAGEFIND}/{SEARCH_SHARD}-{shard}"


def search_word_list_path(number: int) -> str:
    """Give the path of a shard's word list ``number``, one per language (search.word_lists).

    A document for the indexer only, never written into the site: inside pagefind/, where no
    page can be, so it never takes a page's path among a shard's documents."""
    return f"{PAGEFIND}/{SEARCH_WORD_LIST}-{number}.html"


def fingerprint(data: bytes) -> str:
    """Give a short content hash of an asset, its version in links."""
    return hashlib.sha256(data).hexdigest()[:10]


def edit_root(repository: str, branch: str) -> str:
    """Give the address that a content file's path is appended to for its edit link."""
    return f"{repository.rstrip('/')}/edit/{branch}/" if repository else ""


def story_file_name(title: str) -> str:
    """Give the slug a story with this title is saved under ('' when the title has no letter or digit).

    ``new``, ``from-issue`` and the submission page's script (assets/submit.js) all keep this rule.
    """
    return slugify(title)[:80].strip("-")


def github_addresses(repository: str, branch: str) -> dict[str, str]:
    """Give the GitHub pages a contributor without git uses, or {} when the repository is not on GitHub.

    ``new_file`` takes ``?filename=…&value=…`` (GitHub's "new file" page, prefilled); ``issue``
    opens the story issue form; ``template`` shows the story template.
    """
    parts = urlsplit(repository)
    if parts.scheme != "https" or parts.hostname != "github.com" or parts.path.strip("/").count("/") != 1:
        return {}
    root = repository.rstrip("/")
    return {"new_file": f"{root}/new/{branch}", "issue": f"{root}/issues/new?template=verhaal.yml",
            "template": f"{root}/blob/{branch}/docs/sjabloon-verhaal.md"}


def _segment(text: str) -> str:
    """Give ``text`` as one safe URL segment (never '..', never a '/')."""
    segment = re.sub(r"[^a-z0-9.-]+", "-", text.lower()).strip("-.")
    if not segment:
        raise ValueError(f"no URL segment can be made from {text!r}")
    return segment

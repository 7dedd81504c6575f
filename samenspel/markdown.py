"""Render story Markdown to sanitised HTML, resolving links between content files.

markdown-it-py renders CommonMark exactly as GitHub's preview does (plus tables,
strikethrough and autolinks), so what a contributor sees in a pull request is what
readers get. Contributors are untrusted: the HTML is cleaned with nh3 against an
allowlist, here and nowhere else, and only then marked safe.
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.anchors import anchors_plugin

from .errors import Problem, problem
from .messages import ui
from .text import without_controls
from .urls import Urls, slugify

Href = Callable[[str, str], str]  # (site path, fragment) -> link
_ROOT = Urls("/")  # links at the root of the site, as tests and tools without a config use them

# What a story may contain (docs/veiligheid.md explains each choice). Every other tag is
# removed and its text kept; every other attribute is removed.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "ol": {"start", "reversed"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "q": {"cite"},
}
# Attributes that hold a URL: only these schemes, or a relative URL, are kept.
URL_ATTRIBUTES = frozenset({"href", "cite"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed with their content, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math",
})

# The value rules nh3 has no option for. Values arrive entity-decoded, as a browser reads them.
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_ALIGN = re.compile(r"\s*text-align\s*:\s*(left|center|right)\s*;?\s*", re.IGNORECASE)
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NUMBER = re.compile(r"[0-9]{1,9}")
_SCOPES = frozenset({"row", "col", "rowgroup", "colgroup"})


def url_allowed(value: str) -> bool:
    """Give whether a browser would read ``value`` as a relative URL or one with an allowed scheme."""
    # The WHATWG URL parser drops tabs and newlines anywhere and trims C0 controls and spaces.
    url = re.sub(r"[\t\n\r]", "", value).strip(_C0_OR_SPACE)
    scheme = _SCHEME.match(url)
    return scheme is None or scheme.group(1).lower() in ALLOWED_SCHEMES


def _attribute_value(tag: str, name: str, value: str) -> str | None:
    """Give the value to keep for an allowed attribute, or None to drop it."""
    if name == "rel" and tag == "a":  # nh3's own link_rel, never the contributor's
        return value
    if name not in ALLOWED_ATTRIBUTES.get(tag, ()):  # nh3 keeps title and lang on any tag unless told
        return None
    if name in URL_ATTRIBUTES:  # nh3 checks href but not cite
        return value if url_allowed(value) else None
    if name == "style":  # only the alignment markdown-it writes for table columns
        match = _ALIGN.fullmatch(value)
        return f"text-align:{match.group(1).lower()}" if match else None
    if name == "id":  # never one the layouts use; one _heading_id moved aside ('-kop') is fine
        taken = value in LAYOUT_IDS or (LAYOUT_ID_PATTERN.match(value) and not value.endswith("-kop"))
        return value if _ID.fullmatch(value) and not taken else None
    if name in ("start", "colspan", "rowspan"):
        return value if _NUMBER.fullmatch(value.strip()) else None
    if name == "scope":
        return value if value in _SCOPES else None
    return value


@dataclass(frozen=True)
class Rendered:
    """A content body as safe HTML, with the headings it has and the files it links to."""

    html: Markup
    headings: tuple[tuple[int, str, str], ...]
    links_out: tuple[str, ...]


@lru_cache(maxsize=2)
def _parser(linkify: bool = True) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": linkify, "typographer": False})
    md.enable(["table", "strikethrough"] + (["linkify"] if linkify else []))
    anchors_plugin(md, min_level=1, max_level=4, slug_func=_heading_id)
    return md


# Bare addresses that GitHub turns into links all contain one of these. Linkify more than
# doubles the render time, so bodies without any skip it: same HTML, 2x faster.
_MAY_HAVE_BARE_LINKS = re.compile(r"://|www\.|@", re.IGNORECASE)


# Ids the layouts give their own parts (layouts/*.html), or patterns of them. A body heading
# must not take one: the id would be on the page twice and links such as #les-1 would land
# on the heading. Such a heading gets '-kop' added ("Lessen" -> #lessen-kop).
LAYOUT_IDS = frozenset({
    "actoren", "bronnen", "cross-title", "gebaseerd-op", "het-verhaal", "inhoud", "intro-title",
    "latest-title", "lessen", "lessen-met", "overstijgend", "per-thema", "relaties", "themes-title",
    "uitkomsten", "vergelijkbaar", "verhalen-met", "wie-deed-wat",
})
LAYOUT_ID_PATTERN = re.compile(r"^(les-\d+|thema-.*|rd-.*|samenspel-.*)$")


def _heading_id(text: str) -> str:
    slug = slugify(text) or "kop"
    return f"{slug}-kop" if slug in LAYOUT_IDS or LAYOUT_ID_PATTERN.match(slug) else slug


def render(body: str, path: str, body_line: int, targets: Mapping[str, str], *,
           href: Href = _ROOT.href, top: int = 2, lang: str = "nl") -> tuple[Rendered, list[Problem]]:
    """Give the body of content file ``path`` as sanitised HTML, and the problems in it.

    ``targets`` maps each content file that can be linked to (``content/stories/x.md``)
    to its site path, which ``href`` turns into a link (with a fragment); ``top`` is the
    highest heading level the body may use.
    """
    md = _parser(bool(_MAY_HAVE_BARE_LINKS.search(body)))
    tokens = md.parse(body)
    _demote_headings(tokens, top)
    problems: list[Problem] = []
    links: list[str] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            line = body_line + (token.map[0] if token.map else 0)
            _rewrite_inline(token.children, path, line, targets, href, problems, links)
    html = md.renderer.render(tokens, md.options, {})
    headings = tuple(
        (int(t.tag[1]), str(t.attrGet("id") or ""), tokens[i + 1].content)
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    )
    return Rendered(Markup(_wrap_tables(str(sanitise(html)), lang)), headings, tuple(links)), problems


def sanitise(html: str) -> Markup:
    """Give HTML cleaned to the allowlist, marked safe for templates."""
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_value,
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # A body cannot hold a control character itself (decode refuses it), but '&#27;' or '&#12;'
    # still becomes one, in text and in attributes alike: removed, as docs/veiligheid.md says.
    return Markup(without_controls(cleaned))


def _demote_headings(tokens: list[Token], top: int) -> None:
    """Shift headings down so the highest is ``top``: the page's own headings stay above them."""
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    if not levels or min(levels) >= top:
        return
    shift = top - min(levels)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + shift, 6)}"


def _wrap_tables(html: str, lang: str) -> str:
    """Put each table in a focusable, scrollable region so a wide one never widens the page."""
    label = ui("table", lang)
    opening = f'<div class="table-wrap" role="region" tabindex="0" aria-label="{label}"><table>'
    return html.replace("<table>", opening).replace("</table>", "</table></div>")


def _rewrite_inline(children: list[Token], path: str, line: int, targets: Mapping[str, str], href: Href,
                    problems: list[Problem], links: list[str]) -> None:
    """Point links to content files at their pages; turn images into their alt text."""
    for index, token in enumerate(children):
        if token.type == "link_open":
            written = str(token.attrGet("href") or "")
            target = content_target(written, path)
            if target is None:
                continue
            file, fragment = target
            site_path = targets.get(file)
            if site_path is None:
                names = sorted(posixpath.basename(n)[:-3] for n in targets if n.startswith("content/stories/"))
                problems.append(problem(path, line, "", "broken_link", "hint_link", value=written,
                                        choices=", ".join(names[:8]) or "-"))
                continue
            links.append(file)
            token.attrSet("href", href(site_path, fragment))
        elif token.type == "image":
            alt = "".join(child.content for child in (token.children or []))
            problems.append(problem(path, line, "", "image_unsupported", "hint_image", warning=True, value=alt))
            text = Token("text", "", 0)
            text.content = alt
            children[index] = text


def content_target(href: str, path: str) -> tuple[str, str] | None:
    """Give (content file, fragment) when ``href`` links to a Markdown file, else None."""
    try:
        parts = urlsplit(href)
    except ValueError:  # a malformed address ('http://[') is no content file
        return None
    if parts.scheme or parts.netloc or not parts.path.lower().endswith(".md"):
        return None
    link = unquote(parts.path)
    base = posixpath.dirname(path)
    file = posixpath.normpath(link.lstrip("/") if link.startswith("/") else posixpath.join(base, link))
    return file, parts.fragment

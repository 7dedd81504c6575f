"""Render story Markdown to sanitised HTML, resolving links between content files.

cmark-gfm, the renderer GitHub itself uses, turns the body into HTML (with tables,
strikethrough and autolinks), so what a contributor sees in a pull request is what
readers get; heading levels and ids, links between content files and images are then
filters on its output, as in GitHub's own pipeline. Contributors are untrusted: the HTML is cleaned with nh3 against an
allowlist, here and nowhere else, and only then marked safe.
"""
from __future__ import annotations

import bisect
import hashlib
import html as html_lib
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from markupsafe import Markup

from .errors import Problem, problem
from .messages import ui
from .pictures import DECORATIVE_TITLES, HINTS, Refused, Result, locate, picture_html
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
    # '&#1;' is a control character here; removed only after this check, 'java&#1;script:'
    # would pass as a relative address and then become 'javascript:'. Check what will be kept.
    value = without_controls(value)
    if name in URL_ATTRIBUTES:  # nh3 checks href but not cite
        return value if url_allowed(value) else None
    if name == "style":  # only the alignment cmark-gfm writes for table columns
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
           href: Href = _ROOT.href, top: int = 2, lang: str = "nl", pictures: Mapping[str, Result] | None = None,
           image_href: Callable[[str], str] | None = None,
           credits: Mapping[str, tuple[str, str]] | None = None) -> tuple[Rendered, list[Problem]]:
    """Give the body of content file ``path`` as sanitised HTML, and the problems in it.

    ``targets`` maps each content file that can be linked to (``content/stories/x.md``)
    to its site path, which ``href`` turns into a link (with a fragment); ``top`` is the
    highest heading level the body may use. ``pictures`` gives each picture file the body
    names as processed (``pictures.process_pictures``), ``image_href`` the link of a variant,
    ``credits`` the (credit, licence) shown with a picture file (``pictures.picture_credits``).
    """
    html = cmarkgfm.markdown_to_html_with_extensions(body, options=_OPTIONS, extensions=_EXTENSIONS)
    problems: list[Problem] = []
    links: list[str] = []
    headings: list[tuple[int, str, str]] = []
    levels = [int(level) for level in _HEADING_LEVEL.findall(html)]
    shift = max(0, top - min(levels)) if levels else 0
    ids = set(_EXPLICIT_ID.findall(html))
    # Where each block starts in the HTML, and on which line of the file: a tag's line is its block's.
    blocks = [(m.start(), body_line + int(m.group(1)) - 1) for m in _SOURCEPOS.finditer(html)]
    starts = [start for start, _ in blocks]
    closes = [m.start() for m in _END_HEADING.finditer(html)]
    counts: dict[str, int] = {}
    # A picture's markup is made here, not by a contributor, so it goes in after the sanitiser,
    # in place of a marker no body can hold: it carries the hash of the body it stands in.
    shown: list[tuple[Markup, str]] = []  # each picture's markup, and its caption ('' for none)
    marker = f"samenspel-picture-{hashlib.sha256(body.encode('utf-8')).hexdigest()[:20]}-"

    def filter_tag(match: re.Match[str]) -> str:
        """Give one start tag of cmark's HTML as the site wants it: links resolved, ids made, images as text."""
        tag, attributes = match.group(1).lower(), match.group(2)
        block = bisect.bisect_right(starts, match.start()) - 1
        line = blocks[block][1] if block >= 0 else body_line
        if tag == "a":
            return _link(match.group(0), attributes, path, line, targets, href, problems, links)
        if tag == "img":
            if not _MARKDOWN_IMAGE.fullmatch(match.group(0)):
                return match.group(0)  # raw HTML: the sanitiser removes it whole
            picture = _picture(attributes, path, line, pictures or {}, image_href or _ROOT.image_href, problems)
            if isinstance(picture, str):  # not shown: its alt text stands in its place
                return html_lib.escape(picture, quote=False)
            markup, file = picture
            credit = (credits or {}).get(file)
            shown.append((markup, _caption(*credit, lang) if credit else ""))
            return f"{marker}{len(shown) - 1}."
        level = int(tag[1])  # a heading: shifted below the page's own, with an id made from its text
        after = bisect.bisect_left(closes, match.end())  # its text runs to the next closing heading tag
        end = closes[after] if after < len(closes) else match.end() + _HEADING_TEXT_LIMIT
        text = html_lib.unescape(_TAG.sub("", html[match.end():min(end, match.end() + _HEADING_TEXT_LIMIT)]))
        ident = _attribute(attributes, "id") or ""
        if not ident and level <= 4:
            ident = _unique(_heading_id(text), ids, counts)
        headings.append((min(level + shift, 6), ident, text))
        rest = _ID_ATTRIBUTE.sub("", attributes or "")
        return f"<h{min(level + shift, 6)}" + (f' id="{ident}"' if ident else "") + f"{rest}>"

    html = _START_TAG.sub(filter_tag, html)
    html = _END_HEADING.sub(lambda m: f"</h{min(int(m.group(1)) + shift, 6)}>", html)
    clean = _wrap_tables(str(sanitise(html)), lang)
    if shown:
        clean = re.sub(rf"<p>{marker}(\d+)\.</p>|{marker}(\d+)\.", lambda m: _shown(m, shown), clean)
    return Rendered(Markup(clean), tuple(headings), tuple(links)), problems


def _caption(credit: str, licence: str, lang: str) -> str:
    """Give who made a picture and its licence as HTML, as the story's own picture shows them."""
    return f"{html_lib.escape(credit)} · {ui('licence', lang)} {html_lib.escape(licence)}"


def _shown(match: re.Match[str], shown: list[tuple[Markup, str]]) -> str:
    """Give the markup for a picture's marker: with a caption, a figure in place of a paragraph of its own."""
    alone, within = match.groups()
    picture, caption = shown[int(alone or within)]
    if not caption:
        return f"<p>{picture}</p>" if alone else str(picture)
    if alone:
        return f'<figure class="body-picture">{picture}<figcaption>{caption}</figcaption></figure>'
    return f'{picture}<small class="picture-credit">{caption}</small>'  # in a sentence, a list or a link


def _picture(attributes: str | None, path: str, line: int, pictures: Mapping[str, Result],
             image_href: Callable[[str], str], problems: list[Problem]) -> tuple[Markup, str] | str:
    """Give the <picture> of a Markdown image (``![alt](foto.jpg)``) and its file, or its alt text and the problem."""
    src = html_lib.unescape(_attribute(attributes, "src") or "")
    alt = html_lib.unescape(_attribute(attributes, "alt") or "")
    title = html_lib.unescape(_attribute(attributes, "title") or "")
    file, code = locate(src, path, encoded=True)
    if code == "image_remote":  # another site's picture: never fetched, as before only its text
        problems.append(problem(path, line, "", "image_unsupported", "hint_image", warning=True, value=alt))
        return alt
    if code:
        problems.append(problem(path, line, "", code, HINTS[code], value=src))
        return alt
    found = pictures.get(file) or Refused("image_missing", HINTS["image_missing"], (("value", file),))
    if isinstance(found, Refused):  # a missing file is named as written, the others by their file
        problems.append(found.problem(path, line, **({"value": src} if found.code == "image_missing" else {})))
        return alt
    decorative = title.strip().lower() in DECORATIVE_TITLES
    if not alt.strip() and not decorative:
        problems.append(problem(path, line, "", "image_no_alt", "hint_alt_body", value=src))
        return alt
    return picture_html(found, image_href, alt="" if decorative else alt.strip(), place="body"), file


# cmark-gfm, the renderer of GitHub itself: raw HTML kept (sanitised below, as before: its own
# tag filter would show '<script>' as text), source lines on blocks, column alignment as style.
_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SOURCEPOS | Options.CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
_EXTENSIONS = ["table", "strikethrough", "autolink"]
# The start tags the filter changes: links, images and headings (cmark writes these plainly;
# in raw HTML from content a tag this misreads is left as it was, for the sanitiser).
_START_TAG = re.compile(r"<(a|img|h[1-6])(\s[^<>]*)?/?>", re.IGNORECASE)
_END_HEADING = re.compile(r"</h([1-6])>", re.IGNORECASE)
_HEADING_LEVEL = re.compile(r"<h([1-6])[\s>]", re.IGNORECASE)
_EXPLICIT_ID = re.compile(r"<h[1-6]\s[^<>]*\bid=\"([^\"]*)\"", re.IGNORECASE)
_OTHER_ATTRIBUTES = r'((?:\s(?!href=)[a-z-]+="[^"]*")*)'  # as nh3 writes them, none an href
_REL_WITHOUT_HREF = re.compile(rf'<a{_OTHER_ATTRIBUTES} rel="noopener noreferrer"{_OTHER_ATTRIBUTES}>')
_MARKDOWN_IMAGE = re.compile(r'<img src="[^"]*" alt="[^"]*"(?: title="[^"]*")? />')  # as cmark writes ![alt](src)
_SOURCEPOS = re.compile(r'data-sourcepos="(\d+):')
_TAG = re.compile(r"<[^>]*>")
_ID_ATTRIBUTE = re.compile(r"""\sid\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)""", re.IGNORECASE)
_HEADING_TEXT_LIMIT = 2_000  # characters of a heading read for its id; an unclosed raw <h2> reads no further


def _attribute(attributes: str | None, name: str) -> str | None:
    """Give the value of attribute ``name`` in a start tag's attribute text, or None."""
    match = re.search(rf"""(?:^|\s){name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", attributes or "",
                      re.IGNORECASE)
    if not match:
        return None
    return next(group for group in match.groups() if group is not None)


def _unique(slug: str, taken: set[str], counts: dict[str, int]) -> str:
    """Give ``slug``, or ``slug-1``, ``slug-2``… when it is taken, and take it.

    ``counts`` remembers the last number tried per slug, so a body with thousands of equal
    headings does not count up from 1 for each one.
    """
    unique, number = slug, counts.get(slug, 1)
    while unique in taken:
        unique, number = f"{slug}-{number}", number + 1
    counts[slug] = number
    taken.add(unique)
    return unique


def _link(tag: str, attributes: str | None, path: str, line: int, targets: Mapping[str, str], href: Href,
          problems: list[Problem], links: list[str]) -> str:
    """Give a link's start tag, pointing at the page when it links to a content file."""
    written = html_lib.unescape(_attribute(attributes, "href") or "")
    target = content_target(written, path)
    if target is None:
        return tag
    file, fragment = target
    site_path = targets.get(file)
    if site_path is None:
        names = sorted(posixpath.basename(n)[:-3] for n in targets if n.startswith("content/stories/"))
        problems.append(problem(path, line, "", "broken_link", "hint_link", value=written,
                                choices=", ".join(names[:8]) or "-"))
        return tag
    links.append(file)
    rest = re.sub(r"""(?:^|\s)href\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)""", "", attributes or "", flags=re.IGNORECASE)
    return f'<a href="{html_lib.escape(href(site_path, fragment))}"{rest}>'


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
    # A link whose address was refused keeps no href; rel is allowed only with one (HTML's rule).
    cleaned = _REL_WITHOUT_HREF.sub(r"<a\1\2>", cleaned)
    return Markup(without_controls(cleaned))


def _wrap_tables(html: str, lang: str) -> str:
    """Put each table in a focusable, scrollable region so a wide one never widens the page."""
    label = ui("table", lang)
    opening = f'<div class="table-wrap" role="region" tabindex="0" aria-label="{label}"><table>'
    return html.replace("<table>", opening).replace("</table>", "</table></div>")


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

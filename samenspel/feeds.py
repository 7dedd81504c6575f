"""Feeds and metadata: the Atom feed, sitemap.xml, robots.txt, and a story's schema.org JSON-LD.

Every address in them is absolute (``Urls.absolute``), so they are right under a sub-path
too; every date is a story's or lesson's own, so a build is byte for byte the same.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

from .messages import ui
from .model import Site, Story
from .output import Output

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
# JSON-LD's own keys, made so they do not read as "@word" references to the message catalog.
CONTEXT, ID, TYPE = (f"{'@'}{name}" for name in ("context", "id", "type"))
# The date a feed without any story says it was updated: fixed, so the build stays deterministic.
NO_DATE = dt.date(1970, 1, 1)


def published(site: Site) -> tuple[Story, ...]:
    """Give the site's published stories, newest first (the preview also holds drafts)."""
    return tuple(s for s in site.stories if not s.draft)


def atom_feed(site: Site) -> bytes:
    """Give the Atom feed (RFC 4287) of the published stories, newest first."""
    urls, config, lang = site.urls, site.config, site.config.language
    stories = published(site)
    dates = [s.meta.date for s in stories] + [lesson.meta.date for lesson in site.lessons if not lesson.draft]
    home = urls.absolute(urls.home())
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}" xml:lang={quoteattr(lang)}>',
        f"  <id>{escape(home)}</id>",
        f"  <title>{escape(ui('feed_title', lang, site=config.title))}</title>",
    ]
    if config.tagline:
        lines.append(f"  <subtitle>{escape(config.tagline)}</subtitle>")
    lines += [
        f"  <updated>{_timestamp(max(dates, default=NO_DATE))}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(urls.absolute(urls.feed()))}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(home)}/>',
        f"  <author><name>{escape(config.title)}</name><uri>{escape(home)}</uri></author>",
    ]
    for story in stories:
        m = story.meta
        address = urls.absolute(story.url)
        lines += [
            "  <entry>",
            f"    <id>{escape(address)}</id>",
            f"    <title>{escape(m.title)}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(address)}/>',
            f"    <published>{_timestamp(m.date)}</published>",
            f"    <updated>{_timestamp(m.date)}</updated>",
            f"    <summary>{escape(m.summary)}</summary>",
        ]
        lines += [f"    <author><name>{escape(name)}</name></author>" for name in m.contributors]
        lines += [f"    <category term={quoteattr(key)} label={quoteattr(site.label('themes', key))}"
                  f" scheme={quoteattr(urls.absolute(urls.terms('themes')))}/>" for key in m.themes]
        lines.append("  </entry>")
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap(site: Site, paths: Iterable[str]) -> bytes:
    """Give sitemap.xml listing every page at ``paths``; a story or lesson carries its date."""
    dated = {s.url: s.meta.date for s in published(site)}
    dated.update({lesson.url: lesson.meta.date for lesson in site.lessons if not lesson.draft})
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<urlset xmlns="{SITEMAP}">']
    for path in sorted(set(paths)):
        lastmod = f"<lastmod>{dated[path].isoformat()}</lastmod>" if path in dated else ""
        lines.append(f"  <url><loc>{escape(site.urls.absolute(path))}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(site: Site) -> bytes:
    """Give robots.txt: everything may be read (nothing in a preview), and where the sitemap is."""
    rule = "Disallow: /" if site.preview else "Allow: /"
    return f"User-agent: *\n{rule}\nSitemap: {site.urls.absolute(site.urls.sitemap())}\n".encode()


def feed_outputs(site: Site, paths: Sequence[str]) -> list[Output]:
    """Give the feed, the sitemap (of the pages at ``paths``) and robots.txt as files."""
    urls = site.urls
    return [
        Output(urls.output_path(urls.feed()), atom_feed(site)),
        Output(urls.output_path(urls.sitemap()), sitemap(site, paths)),
        Output(urls.output_path(urls.robots()), robots(site)),
    ]


def story_json_ld(story: Story, site: Site) -> Markup:
    """Give a story's schema.org Article as a JSON-LD script element, inert whatever its text holds."""
    m, urls = story.meta, site.urls
    address = urls.absolute(story.url)
    data: dict[str, object] = {
        CONTEXT: "https://schema.org",
        TYPE: "Article",
        ID: address,
        "url": address,
        "mainEntityOfPage": address,
        "headline": m.title,
        "description": m.summary,
        "datePublished": m.date.isoformat(),
        "dateModified": m.date.isoformat(),
        "inLanguage": m.lang,
        "keywords": [site.label("themes", key) for key in m.themes],
        "contentLocation": {TYPE: "Place", "name": m.place.name},
        "mentions": [{TYPE: "Organization", "name": actor.name} for actor in m.actors],
        "publisher": {TYPE: "Organization", "name": site.config.title, "url": urls.absolute(urls.home())},
    }
    if story.figure is not None and m.image is not None:  # its picture, with who made it (#12)
        shown = story.figure.largest
        data["image"] = {TYPE: "ImageObject", "url": urls.absolute(urls.image(shown.name)), "width": shown.width,
                         "height": shown.height, "creditText": m.image.credit, "license": m.image.licence,
                         **({"caption": m.image.alt} if m.image.alt else {})}
    return Markup(f'<script type="application/ld+json">{json_for_html(data)}</script>')


def json_for_html(data: object) -> str:
    """Give ``data`` as JSON that can stand inside an HTML element: no '<', '>' or '&' left to end it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, code in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def _timestamp(date: dt.date) -> str:
    """Give a date as an RFC 3339 timestamp at midnight UTC, as Atom needs."""
    return f"{date.isoformat()}T00:00:00Z"

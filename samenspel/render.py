"""Render the frozen Site through the Jinja layouts into output files."""
from __future__ import annotations

import hashlib
import math
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from .diagram import Edge, Node, role_diagram
from .errors import Problem, problem
from .messages import long_date, ui
from .model import Site, Story
from .urls import TERM_SEGMENTS

LAYOUTS_DIR = "layouts"


@dataclass(frozen=True)
class Output:
    """One file of the built site: where it goes and its bytes."""

    path: str
    data: bytes


def make_environment(root: Path) -> jinja2.Environment:
    """Give a Jinja environment over ``layouts/`` that escapes everything and fails loudly."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(root / LAYOUTS_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def fingerprint(data: bytes) -> str:
    """Give a short content hash, so browsers refetch an asset only when it changed."""
    return hashlib.sha256(data).hexdigest()[:10]


@dataclass
class PageMemo:
    """Pages rendered by the previous preview build, keyed by everything they show."""

    pages: dict[tuple[object, ...], bytes] = field(default_factory=dict)
    cards: dict[tuple[object, ...], Markup] = field(default_factory=dict)
    # What every page depends on (config, vocabulary, layouts, assets): when it changes,
    # no remembered page is valid any more.
    context: object = None

    def start(self, context: object) -> None:
        """Forget every page when what all pages depend on has changed."""
        if context != self.context:
            self.pages, self.cards, self.context = {}, {}, context


def render_site(site: Site, env: jinja2.Environment, assets: Mapping[str, bytes],
                memo: PageMemo | None = None) -> tuple[list[Output], list[Problem]]:
    """Give every page of the site as an Output, and the template problems met.

    With a ``memo`` (the preview), a page whose inputs are unchanged since the last
    build is taken from it instead of being rendered again.
    """
    lang = site.config.language
    urls = site.urls
    versions = {name: fingerprint(data) for name, data in assets.items()}

    def url(path: str, fragment: str = "") -> str:
        return urls.href(path, fragment)

    def asset(name: str) -> str:
        return urls.href(urls.asset(name)) + (f"?v={versions[name]}" if name in versions else "")

    def t(key: str, **params: object) -> str:
        return ui(key, lang, **params)

    memo = memo if memo is not None else PageMemo()
    cards: dict[tuple[object, ...], Markup] = {}

    def card(story: Story, level: int = 3) -> Markup:
        """Give a story's card, rendered once per build (and kept across preview builds)."""
        key = (story.card, level)
        if key not in cards:
            cards[key] = memo.cards.get(key) or Markup(
                env.get_template("partials/story-card.html").render(story=story, level=level))
        return cards[key]

    env.globals.update(site=site, urls=urls, url=url, asset=asset, t=t, lang=lang,
                       label=site.label, diagram=lambda story: story_diagram(story, site),
                       term_segments=TERM_SEGMENTS, card=card)
    env.filters["longdate"] = lambda date: long_date(date, lang)

    outputs: list[Output] = []
    problems: list[Problem] = []
    templates: dict[str, jinja2.Template] = {}
    previous = memo.pages
    current: dict[tuple[object, ...], bytes] = {}
    for path, name, context, deps in page_jobs(site):
        key = (path, name, deps)
        if key in previous:
            current[key] = previous[key]
            outputs.append(Output(urls.output_path(path), previous[key]))
            continue
        try:
            template = templates.get(name) or env.get_template(name)
            templates[name] = template
            html = template.render(current=path, **context)
        except jinja2.TemplateSyntaxError as e:
            problems.append(problem(_template_path(e.filename, name), e.lineno or 0, "", "template_error",
                                    "hint_template", error=e.message or str(e)))
            continue
        except jinja2.TemplateNotFound as e:
            problems.append(problem(f"{LAYOUTS_DIR}/{name}", 0, "", "missing_template", "hint_layouts", value=e.name))
            continue
        except Exception as e:  # a template bug must be reported, never a traceback
            filename, line = _template_frame(e, name)
            problems.append(problem(filename, line, "", "template_error", "hint_template",
                                    error=f"{type(e).__name__}: {e}"))
            continue
        data = html.encode("utf-8")
        current[key] = data
        outputs.append(Output(urls.output_path(path), data))
    memo.pages, memo.cards = current, cards
    return outputs, problems


Job = tuple[str, str, dict[str, object], tuple[object, ...]]


def page_jobs(site: Site) -> list[Job]:
    """Give each page to render: its path, template, context, and what it shows.

    The last part names every piece of content the page displays, by fingerprint (a
    list shows only a story's card, a story page all of it). What every page shows
    (config, vocabulary, navigation, layouts, assets) is covered by the memo being
    dropped when it changes. So an unchanged key means unchanged HTML.
    """
    urls = site.urls
    full = {s.slug: hash(s) for s in site.stories}
    card = {s.slug: hash(s.card) for s in site.stories}
    lesson_fp = {l.slug: hash(l) for l in site.lessons}
    groups = lesson_groups(site)
    by_theme = {term.key: items for term, items in groups}
    group_fp = {term.key: hash(tuple((s.card, n, lesson) for s, n, lesson in items)) for term, items in groups}
    everywhere = (hash(site.nav_pages()), site.preview)

    jobs: list[Job] = [
        (urls.home(), "home.html", {}, (everywhere, tuple(card[s.slug] for s in site.stories[:6]),
                                        tuple(lesson_fp.values()), hash(site.used_terms("themes")))),
        (urls.lessons(), "lessons.html", {"lesson_groups": groups},
         (everywhere, tuple(group_fp.values()), tuple(lesson_fp.values()))),
        (urls.not_found(), "404.html", {}, (everywhere,)),
    ]
    per_page = site.config.per_page
    total = max(1, math.ceil(len(site.stories) / per_page))
    for number in range(1, total + 1):
        chunk = site.stories[(number - 1) * per_page: number * per_page]
        jobs.append((urls.stories(number), "stories.html",
                     {"page_stories": chunk, "page_number": number, "page_total": total},
                     (everywhere, len(site.stories), tuple(card[s.slug] for s in chunk))))
    jobs += [(s.url, "story.html", {"story": s}, (everywhere, full[s.slug], tuple(card[r] for r in s.related)))
             for s in site.stories]
    jobs += [(l.url, "lesson.html", {"lesson": l}, (everywhere, lesson_fp[l.slug], tuple(card[s] for s in l.meta.stories)))
             for l in site.lessons]
    jobs += [(p.url, "page.html", {"page": p}, (everywhere, hash(p))) for p in site.pages]
    for kind in TERM_SEGMENTS:
        uses = site.used_terms(kind)
        if uses:
            jobs.append((urls.terms(kind), "terms.html", {"kind": kind, "uses": uses}, (everywhere, hash(uses))))
        for use in uses:
            shown = by_theme.get(use.term.key, []) if kind == "themes" else []
            jobs.append((use.url, "term.html", {"kind": kind, "use": use, "theme_lessons": shown},
                         (everywhere, hash(use), tuple(card[s] for s in use.stories),
                          group_fp.get(use.term.key, 0) if kind == "themes" else 0,
                          tuple(lesson_fp[l] for l in use.lessons))))
    return jobs


def story_diagram(story: Story, site: Site) -> Markup:
    """Give the inline SVG role diagram of a story."""
    lang = site.config.language
    nodes = []
    for actor in story.meta.actors:
        term = site.vocabulary.term("actor_types", actor.type)
        nodes.append(Node(actor.id, actor.name, site.label("actor_types", actor.type), term.color if term else ""))
    edges = []
    for relation in story.meta.relations:
        term = site.vocabulary.term("relation_kinds", relation.kind)
        edges.append(Edge(relation.source, relation.target, term.verb_in(lang) if term else relation.kind))
    svg = role_diagram(
        nodes, edges,
        title=f"{ui('role_diagram', lang)}: {story.meta.title}",
        desc=ui("diagram_desc", lang, actors=len(nodes), relations=len(edges)),
        id_prefix=f"rd-{story.slug}",
    )
    return Markup(svg)


def lesson_groups(site: Site) -> list[tuple[object, list[tuple[Story, int, object]]]]:
    """Give every story lesson grouped by theme, in vocabulary order: (term, [(story, n, lesson)])."""
    groups = []
    for term in site.vocabulary.terms("themes"):
        items = [
            (story, number, lesson)
            for story in site.stories
            for number, lesson in enumerate(story.meta.lessons, 1)
            if term.key in lesson.themes
        ]
        if items:
            groups.append((term, items))
    return groups


def _template_path(filename: str | None, name: str) -> str:
    if filename:
        parts = Path(filename).parts
        if LAYOUTS_DIR in parts:
            return "/".join(parts[parts.index(LAYOUTS_DIR):])
    return f"{LAYOUTS_DIR}/{name}"


def _template_frame(error: BaseException, name: str) -> tuple[str, int]:
    """Give the template file and line where a render error happened."""
    for frame, line in reversed(list(traceback.walk_tb(error.__traceback__))):
        filename = frame.f_code.co_filename
        if filename.endswith(".html") and LAYOUTS_DIR in Path(filename).parts:
            return _template_path(filename, name), line
    return f"{LAYOUTS_DIR}/{name}", 0

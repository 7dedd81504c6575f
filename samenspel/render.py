"""Render the frozen Site through the project's Jinja layouts into pages."""
from __future__ import annotations

import contextlib
import math
import traceback
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, MethodType
from typing import Any, Protocol

import jinja2
import jinja2.runtime
from markupsafe import Markup, escape

from .cores import ONE, Cores
from .diagram import Edge, Node, role_diagram
from .errors import Problem, problem
from .folders import LAYOUTS
from .memo import FORGET, Memo
from .messages import long_date, ui, ui_count
from .meta import StoryLesson
from .model import Site, Story
from .output import Output
from .pictures import picture_html
from .urls import TERM_SEGMENTS
from .vocabulary import Term

Progress = Callable[[str, int, int], None]

def make_environment(layouts: Iterable[tuple[str, str]]) -> jinja2.Environment:
    """Give a Jinja environment over the project's layouts that escapes everything and fails loudly."""
    env = jinja2.Environment(
        loader=_SnapshotLoader(dict(layouts)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The layouts are a snapshot: other layouts make another environment, so a template,
        # once compiled, never needs a look at whether it is still up to date (#9).
        auto_reload=False,
        cache_size=-1,
    )
    env.context_class = _Context
    return env


class _Context(jinja2.runtime.Context):
    """Jinja's context, with a quicker call of plain functions and methods (#9).

    Every call in a layout (``t('…')``, ``url(…)``, ``term_link(…)``: about 250 on a story
    page) goes through ``Context.call``, which first looks whether the callable wants the
    context or the environment passed in (``jinja2.pass_context`` and its kin set
    ``jinja_pass_arg`` on it). For a Python function, or a method of one, that is one look in
    its ``__dict__``; a built-in can carry no such mark. Those are called straight away;
    anything else (a macro, a partial, a callable object) takes Jinja's own way. A
    quarter of a story page's rendering went to those looks.
    """

    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        func = __obj.__func__ if type(__obj) is MethodType else __obj
        if type(func) is BuiltinFunctionType or (type(func) is FunctionType and "jinja_pass_arg" not in func.__dict__):
            kwargs.pop("_block_vars", None)  # where the call stands: only a callable that takes the context needs it
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:  # as Jinja does: a StopIteration must not end the template's generator
                return __self.environment.undefined("value was undefined because a callable raised a"
                                                    " StopIteration exception")
        return super().call(__obj, *args, **kwargs)


class _SnapshotLoader(jinja2.BaseLoader):
    """Gives templates from the project snapshot; problems name them as ``layouts/<name>``."""

    def __init__(self, templates: dict[str, str]) -> None:
        self.templates = templates

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if template not in self.templates:
            raise jinja2.TemplateNotFound(template)
        return self.templates[template], f"{LAYOUTS}/{template}", lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self.templates)


@dataclass(frozen=True)
class PageJob:
    """One page to render: its site path, its template, and everything it shows.

    ``shows`` holds the content the page displays (a list shows only a story's card, a
    story page all of it); with what every page shows, it is the key under which a
    rendered page may be reused. ``context`` is what the template gets, and is not compared.
    """

    path: str
    template: str
    shows: tuple[object, ...]
    context: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)


def page_jobs(site: Site) -> list[PageJob]:
    """Give every page of the site to render, with what each shows."""
    cards, nav = story_cards(site), everywhere(site)
    head, tail = listing_jobs(site, cards, nav)
    return head + [story_job(story, cards, nav) for story in site.stories] + tail


def story_cards(site: Site) -> dict[str, tuple[object, ...]]:
    """Give each story's card (``Story.card``) by its slug."""
    return {s.slug: s.card for s in site.stories}


def everywhere(site: Site) -> tuple[object, ...]:
    """Give what every page shows of the site's content: the footer's pages, and whether it is a preview."""
    return site.nav_links(), site.preview


def story_job(story: Story, cards: Mapping[str, tuple[object, ...]], nav: tuple[object, ...]) -> PageJob:
    """Give a story's page: the story, and the cards of its related stories."""
    return PageJob(story.url, "story.html", (nav, story, tuple(cards[r] for r in story.related)), {"story": story})


def listing_jobs(site: Site, cards: Mapping[str, tuple[object, ...]],
                 nav: tuple[object, ...]) -> tuple[list[PageJob], list[PageJob]]:
    """Give the pages before the stories' own (home, lists) and after them (lessons, pages, terms).

    They show the stories' cards and no story's body: while every story's metadata is
    unchanged, so are they (``pipeline.build_site`` keeps them over a body edit, #9).
    """
    urls = site.urls
    groups = lesson_groups(site)
    by_theme = {term.key: items for term, items in groups}
    group_cards = {term.key: tuple((s.card, n, lesson) for s, n, lesson in items) for term, items in groups}

    jobs = [
        PageJob(urls.home(), "home.html", (nav, tuple(s.card for s in site.stories[:6]), site.lessons,
                                            site.used_terms("themes"))),
        PageJob(urls.lessons(), "lessons.html", (nav, tuple(group_cards.values()), site.lessons),
                {"lesson_groups": groups}),
        PageJob(urls.not_found(), "404.html", (nav,)),
    ]
    per_page = site.config.per_page
    total = max(1, math.ceil(len(site.stories) / per_page))
    for number in range(1, total + 1):
        chunk = site.stories[(number - 1) * per_page: number * per_page]
        jobs.append(PageJob(urls.stories(number), "stories.html",
                            (nav, len(site.stories), total, tuple(s.card for s in chunk)),
                            {"page_stories": chunk, "page_number": number, "page_total": total}))
    tail = [PageJob(lesson.url, "lesson.html", (nav, lesson, tuple(cards[s] for s in lesson.meta.stories)),
                    {"lesson": lesson})
            for lesson in site.lessons]
    tail += [PageJob(p.url, "page.html", (nav, p), {"page": p}) for p in site.pages]
    for kind in TERM_SEGMENTS:
        uses = site.used_terms(kind)
        if uses:
            tail.append(PageJob(urls.terms(kind), "terms.html", (nav, uses, site.used_kinds()),
                                {"kind": kind, "uses": uses}))
        for use in uses:
            shown = by_theme.get(use.term.key, []) if kind == "themes" else []
            tail.append(PageJob(use.url, "term.html",
                                (nav, use, tuple(cards[s] for s in use.stories),
                                 group_cards.get(use.term.key, ()) if kind == "themes" else (),
                                 tuple(site.lesson(slug) for slug in use.lessons)),
                                {"kind": kind, "use": use, "theme_lessons": shown}))
    return jobs, tail


Read = tuple[object, ...]  # what a page read of the site: (attribute,) or (method, *arguments)
OPAQUE: Read = ("?",)  # a read that cannot be named for a later build: the page is never taken from it
_reads: set[Read] | None = None  # what the page being rendered has read so far (in this process)


def _note(read: Read) -> None:
    if _reads is not None:  # whether a read can be named for a later build is asked once per read (pagecache)
        try:
            _reads.add(read)
        except TypeError:  # an argument that cannot even be hashed
            _reads.add(OPAQUE)


class WatchedSite:
    """The site as the layouts see it: every attribute read and method called is noted for the page.

    A page kept from the last build is taken only while the page's job and everything it
    read of the site are unchanged (``pagecache``): a layout may show any part of the site,
    and a page must never be published from before a change to what it shows. A story is
    handed out watched too, so a page that shows a story's card is known by the card, not
    by the story's text.
    """

    def __init__(self, site: Site) -> None:
        self._site = site
        self._stories: tuple[WatchedStory, ...] | None = None

    def __getattr__(self, name: str) -> object:
        if name == "stories":  # which stories, in which order; what is read of each is noted by each
            _note(("story-slugs",))
            if self._stories is None:
                self._stories = tuple(WatchedStory(story) for story in self._site.stories)
            return self._stories
        value = getattr(self._site, name)
        if callable(value):
            return partial(self._call, name)
        _note((name,))
        return value

    def _call(self, name: str, *args: object) -> object:
        if name == "story":
            return WatchedStory(self._site.story(str(args[0])))
        _note((name, *args))
        return getattr(self._site, name)(*args)


class WatchedStory:
    """A story as a layout sees it: each attribute read and method called is noted for the page (by the slug)."""

    def __init__(self, story: Story) -> None:
        self._story = story

    def __getattr__(self, name: str) -> object:
        value = getattr(self._story, name)
        if callable(value):
            return partial(self._call, name)
        _note(("story.", self._story.slug, name))
        return value

    def _call(self, name: str, *args: object) -> object:
        _note(("story.", self._story.slug, name, *args))
        return getattr(self._story, name)(*args)


def watched(value: object) -> object:
    """Give ``value`` (a page's context) with every story in it, also in lists and tuples, watched."""
    if isinstance(value, Story):
        return WatchedStory(value)
    if isinstance(value, (list, tuple)):
        return type(value)(watched(item) for item in value)
    return value


def read_value(site: Site, read: Read) -> object:
    """Give what ``read`` gives in ``site`` now (raises what the site raises: a story that is gone)."""
    name, *args = read
    if name == "story-slugs":
        return tuple(story.slug for story in site.stories)
    if name == "story.":
        slug, attribute, *given = args
        value = getattr(site.story(str(slug)), str(attribute))
        return value(*given) if callable(value) else value
    value = getattr(site, str(name))
    return value(*args) if callable(value) else value


class KeptTest(Protocol):
    """Takes a page unchanged from the last build, or learns how to know a page made now."""

    def take(self, job: PageJob, output_path: str) -> bool: ...

    def know(self, job: PageJob, reads: Sequence[Read]) -> object:
        """Give what the next build will know a page made now by (worked out beside the render, in a worker)."""
        ...

    def noted(self, output_path: str, known: object) -> None: ...


def render_pages(site: Site, jobs: Sequence[PageJob], env: jinja2.Environment, *, memo: Memo = FORGET,
                 context: Hashable = None, cores: Cores = ONE, progress: Progress | None = None,
                 sink: Callable[[Output], None] | None = None, kept: KeptTest | None = None,
                 keys: Sequence[Hashable] | None = None) -> tuple[list[Output], list[Problem]]:
    """Give every page as an Output, and the template problems met.

    ``context`` stands for what every page shows (config, vocabulary, layouts, assets): a
    page is taken from the ``memo`` only when it and the page's own job are unchanged.
    With a ``sink`` (the build's writer), each page is handed to it as soon as it is
    rendered instead, and none is kept (the list given is empty; no memo is asked).
    ``kept.take(job, output path)`` says whether the writer took the page from the last build
    unchanged (``pagecache.KeptPages``): such a page is not rendered; ``kept.noted`` hears what
    each rendered page read of the site (``WatchedSite``). ``keys`` give what the memo knows
    each job's page by (by default the job itself): hashing and comparing each job's content
    again in every rebuild took most of the preview's time after an edit (#9).
    """
    lang = site.config.language
    urls = site.urls

    def t(key: str, **params: object) -> str:
        return ui(key, lang, **params)

    def count(key: str, n: int) -> str:
        return ui_count(key, lang, n)

    cards: dict[tuple[object, int], tuple[Markup, set[Read]]] = {}

    def card(story: Story, level: int = 3) -> Markup:
        """Give a story's card: rendered once a build, and kept by the memo while it and the layouts stay."""
        global _reads
        key = (story.card, level)
        if key not in cards:  # a story's card shows on many pages: lists, terms, related stories
            outer, _reads = _reads, set()
            try:
                made = memo.get("card", (context, *key), lambda: Markup(
                    env.get_template("partials/story-card.html").render(story=story, level=level)))
                cards[key] = made, _reads
            finally:
                _reads = outer
        markup, read = cards[key]
        if _reads is not None:  # what the card read, every page that shows it read
            _reads.update(read)
        return markup

    links: dict[tuple[str, str, str, bool], Markup] = {}

    def term_link(kind: str, key: str, css: str = "", lower: bool = False) -> Markup:
        """Give the link to a term's page with its label: made once a build, as the same terms are on every page."""
        found = links.get((kind, key, css, lower))
        if found is None:
            label = site.label(kind, key)
            found = links[(kind, key, css, lower)] = Markup('<a{}href="{}">{}</a>').format(
                Markup(f' class="{escape(css)}" ') if css else Markup(" "), urls.href(urls.term(kind, key)),
                label.lower() if lower else label)
        return found

    env.globals.update(site=WatchedSite(site), urls=urls, url=urls.href, asset=urls.asset_href, t=t, count=count,
                       lang=lang, label=site.label, diagram=lambda story: story_diagram(story, site),
                       term_segments=TERM_SEGMENTS, card=card, term_link=term_link, page_window=page_window,
                       picture=lambda figure, alt="", place="card": picture_html(figure, urls.image_href, alt=alt,
                                                                               place=place))
    env.filters["longdate"] = lambda date: long_date(date, lang)

    if cores.count > 1:  # compiled once here, the templates are inherited by every worker
        for name in sorted({job.template for job in jobs} | {"partials/story-card.html"}):
            with contextlib.suppress(jinja2.TemplateError):  # reported by the page that uses it
                env.get_template(name)
    done = partial(progress, "render") if progress else None
    render: Callable[[PageJob], tuple[bytes | None, list[Problem], object]] = partial(_render_page, env)
    results: Iterable[tuple[bytes | None, list[Problem], object]]
    if sink is None:
        named: list[Hashable] = [(context, key) for key in (jobs if keys is None else keys)]
        results = memo.get_many("page", named, lambda todo: cores.map(
            render, [jobs[i] for i in todo], *([done] if done else [])))
    else:
        if kept is not None:
            jobs = [job for job in jobs if not kept.take(job, urls.output_path(job.path))]
            render = partial(_render_known, env, kept)
        results = cores.each(render, jobs, *([done] if done else []))
    outputs: list[Output] = []
    problems: list[Problem] = []
    each = iter(results)
    try:
        for job, (data, found, read) in zip(jobs, each, strict=True):
            if data is None:
                problems += found
                continue
            output = Output(urls.output_path(job.path), data)
            if sink is not None:
                sink(output)
            else:
                outputs.append(output)
            if kept is not None:
                kept.noted(output.path, read)
    finally:  # the workers end here, also when handing a page on raises
        close = getattr(each, "close", None)
        if close is not None:
            close()
    return outputs, problems


def _render_known(env: jinja2.Environment, kept: KeptTest, job: PageJob) -> tuple[bytes | None, list[Problem], object]:
    """Give one page's HTML and what the next build will know it by (``KeptTest.know``), or its problem."""
    data, found, reads = _render_page(env, job)
    return data, found, kept.know(job, reads) if data is not None else None


def _render_page(env: jinja2.Environment, job: PageJob) -> tuple[bytes | None, list[Problem], tuple[Read, ...]]:
    """Give one page's HTML and what it read of the site, or the problem that kept it from rendering."""
    global _reads
    name = job.template
    _reads = set()
    try:
        html = env.get_template(name).render(current=job.path, **{k: watched(v) for k, v in job.context.items()})
    except jinja2.TemplateSyntaxError as e:
        return None, [problem(_template_path(e.filename, name), e.lineno or 0, "", "template_error", "hint_template",
                              error=e.message or str(e))], ()
    except jinja2.TemplateNotFound as e:
        return None, [problem(f"{LAYOUTS}/{name}", 0, "", "missing_template", "hint_layouts", value=e.name)], ()
    except Exception as e:  # a template bug must be reported, never a traceback
        filename, line = _template_frame(e, name)
        return None, [problem(filename, line, "", "template_error", "hint_template",
                              error=f"{type(e).__name__}: {e}")], ()
    finally:
        read, _reads = _reads, None
    return html.encode("utf-8"), [], tuple(read)  # in any order: the record keeps the order it was given


def page_window(current: int, total: int, around: int = 2) -> list[int | None]:
    """Give the page numbers a pagination shows: the first, the last, and ``around`` either side of ``current``,
    with None where pages are left out.

    Listing every page made each list page as long as the number of pages (834 links on each of
    834 pages at 10,000 stories, #9), and a long list of numbers is hard to take in with a screen reader.
    """
    shown = sorted({1, total, *range(max(1, current - around), min(total, current + around) + 1)})
    window: list[int | None] = []
    for n in shown:
        if window and n - (window[-1] or 0) > 1:
            window.append(n - 1 if n - (window[-1] or 0) == 2 else None)  # one page left out: show it, not "…"
        window.append(n)
    return window


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


def lesson_groups(site: Site) -> list[tuple[Term, list[tuple[Story, int, StoryLesson]]]]:
    """Give every story lesson grouped by theme, in vocabulary order: (term, [(story, n, lesson)])."""
    by_theme: dict[str, list[tuple[Story, int, StoryLesson]]] = {}
    for story in site.stories:  # one pass over the lessons, not one per theme
        for number, lesson in enumerate(story.meta.lessons, 1):
            for key in dict.fromkeys(lesson.themes):
                by_theme.setdefault(key, []).append((story, number, lesson))
    return [(term, by_theme[term.key]) for term in site.vocabulary.terms("themes") if term.key in by_theme]


def _template_path(filename: str | None, name: str) -> str:
    if filename:
        parts = Path(filename).parts
        if LAYOUTS in parts:
            return "/".join(parts[parts.index(LAYOUTS):])
    return f"{LAYOUTS}/{name}"


def _template_frame(error: BaseException, name: str) -> tuple[str, int]:
    """Give the template file and line where a render error happened."""
    for frame, line in reversed(list(traceback.walk_tb(error.__traceback__))):
        filename = frame.f_code.co_filename
        if filename.endswith(".html") and LAYOUTS in Path(filename).parts:
            return _template_path(filename, name), line
    return f"{LAYOUTS}/{name}", 0

"""The whole build as one recipe: a snapshot of the project in, the site out.

``build_site`` reads no file and writes none itself: ``read_project`` (before it) reads the
project, and what it makes goes to the callables it is given (the writer's ``add``, the
kept pages' ``take``, which links a page from the last build). ``collect`` (for ``check``,
all in memory) and ``build`` (``write.SiteWriter``, the caches) put the pieces together;
the preview wraps the same recipe in ``rebuild.Rebuilder`` to redo only what changed.
"""
from __future__ import annotations

import gc
import posixpath
import resource
import time
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from .config import Config, base_url_problem
from .content import Draft, Source, split
from .cores import ONE, Cores
from .digest import Digests
from .errors import Problem, errors, problem, sort_problems
from .finding import StoryData, finding_jobs, finding_outputs, story_data, template_globals
from .folders import IMAGE_CACHE, SEARCH_CACHE
from .imagecache import ImageCache
from .markdown import Rendered
from .markdown import render as render_markdown
from .memo import FORGET, Memo, Same, outlined
from .meta import Meta, StoryMeta
from .model import (
    Doc,
    Site,
    assemble,
    check_lesson_refs,
    leave_out_drafts,
    link_targets,
    plan,
    related_rows,
    related_stories,
)
from .output import Output
from .pagecache import KeptPages
from .pictures import (
    PictureFile,
    Reader,
    Refused,
    Result,
    body_pictures,
    no_bytes,
    picture_credits,
    picture_outputs,
    process_pictures,
)
from .privacy import check_privacy
from .project import Project, read_project
from .render import KeptTest, PageJob, everywhere, listing_jobs, make_environment, render_pages, story_cards, story_job
from .schema import validate
from .search import site_documents
from .searchindex import Indexing, peak_bytes
from .stagecache import KeptResults
from .submit import submit_jobs
from .uptodate import cache_folder, project_lock
from .urls import Urls, fingerprint, slugify
from .vocabulary import Vocabulary
from .write import SiteWriter, check_output_dir, clean_leftovers, output_problem

Progress = Callable[[str, int, int], None]
# Given what every page shows, the site, the digests of its values and the pages to come, what takes
# pages kept from the last build.
Kept = Callable[[Hashable, Site, Digests, Sequence[PageJob]], KeptTest]


def quiet(stage: str, done: int, total: int) -> None:
    """Hear progress and say nothing (the default)."""
    return None


@dataclass
class Built:
    """What a build gives: the site (when it got that far), its files, its problems, each stage's time."""

    problems: list[Problem] = field(default_factory=list)
    site: Site | None = None
    outputs: list[Output] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)
    drafts: tuple[Doc, ...] = ()  # left out because not published
    written: bool = False
    out: Path | None = None  # the folder build() wrote (or would have written) the site into
    handed: int = 0  # pages handed to the writer as they were made, not kept in ``outputs``
    reused: int = 0  # of those, pages linked unchanged from the last build instead of rendered
    memory: list[tuple[str, int]] = field(default_factory=list)  # peak bytes: the build, its workers, Pagefind

    @property
    def ok(self) -> bool:
        return not errors(self.problems)

    @property
    def pages(self) -> int:
        return self.handed + self.reused + sum(1 for o in self.outputs if o.path.endswith(".html"))

    @property
    def seconds(self) -> float:
        return sum(seconds for _, seconds in self.timings)


def build_site(project: Project, *, preview: bool = False, memo: Memo = FORGET, cores: Cores = ONE,
               progress: Progress = quiet, images: ImageCache | None = None,
               site_ready: Callable[[Site], None] | None = None, sink: Callable[[Output], None] | None = None,
               kept: Kept | None = None, judge_drafts: bool = False) -> Built:
    """Give the site built from ``project`` (its pages in ``outputs``, or handed to ``sink``), or what stops it.

    ``images`` keeps processed pictures by the hash of their bytes (on disk for a build,
    in memory by default), so an unchanged picture is processed once. ``site_ready`` hears
    the assembled site before its pages are rendered: the writer starts the search index
    then, so Pagefind works while the pages render (#9). With a ``sink`` (the writer of
    ``build``), every file of the site is handed to it as soon as it is made and none is
    kept in ``Built.outputs``: a build never holds the whole site in memory (#9). ``kept``,
    given what every page shows and the site, gives what takes a page
    unchanged from the last build (``pagecache.KeptPages``): such pages are not rendered again.
    ``judge_drafts`` (``check``): the pictures and bodies of the stories left out as drafts
    give the problems the preview would show, though nothing of them is made.
    """
    built = Built(problems=list(project.problems))
    stage = _Stopwatch(built.timings)
    # The same objects while unchanged, so what is made of them can be known by them (memo.Same).
    config, vocabulary = memo.same("config", "", project.config), project.vocabulary
    urls = memo.same("urls", "", config.urls(tuple((name, fingerprint(data)) for name, data in project.assets)))

    with stage("check"):
        checked, found = check_sources(project.sources, vocabulary, memo, cores, progress)
    with stage("plan"):
        planned, more = plan(checked, urls, memo)
        docs, built.drafts = leave_out_drafts(planned, preview)
        failed_stories, failed_targets = unchecked_files(project.sources, checked, urls)
        found += more + check_lesson_refs(docs, also=failed_stories)
    judged = list(built.drafts) if judge_drafts else []
    with stage("images"):
        pictures, more = picture_stage(docs, project.pictures, images or ImageCache(None), memo, cores, progress,
                                       read=project.picture_reader, drafts=judged)
        found += more
    with stage("markdown"):
        bodies, more = render_bodies(docs, config.language, urls, memo, cores, progress, also=failed_targets,
                                     pictures=pictures)
        if judged:  # as the preview renders them: a draft may link to a draft
            more += render_bodies(judged, config.language, urls, memo, cores, progress, pictures=pictures,
                                  also={**failed_targets, **link_targets(docs)})[1]
    built.problems = sort_problems(built.problems + found + more)
    if not built.ok:
        return built

    with stage("related"):
        outline = site_outline(docs, config, vocabulary, urls, preview, pictures, memo)
        related = outlined(memo, "related", outline, lambda: {
            slug: memo.same("related", slug, others) for slug, others in related_stories(related_rows(docs)).items()})
    with stage("assemble"):
        built.site = site = assemble(config, vocabulary, urls, docs, bodies, related, preview, pictures.results,
                                     memo=memo, outline=outline)
    if site_ready is not None:
        site_ready(site)
    with stage("jobs"):
        # The lessons and pages show their bodies on more pages than their own (they are few).
        listed = (outline, Same(bodies[doc.path] for doc in docs if doc.kind != "stories")) if outline else None
        cards = outlined(memo, "cards", outline, lambda: story_cards(site))
        nav = outlined(memo, "nav", outline, lambda: everywhere(site))
        head, tail = outlined(memo, "listing-jobs", listed, lambda: listing_jobs(site, cards, nav))
        stories = site.stories
        keys: list[Hashable] = [Same((story, cards, nav)) for story in stories] if outline else list(stories)
        own = memo.get_many("story-job", keys, lambda todo: [story_job(stories[i], cards, nav) for i in todo])
        more_jobs = outlined(memo, "finding-jobs", listed, lambda: finding_jobs(site) + submit_jobs(site))
        jobs = head + own + tail + more_jobs

    def hand(output: Output) -> None:
        assert sink is not None
        built.handed += output.path.endswith(".html")
        sink(output)

    with stage("render"):
        # What every page shows; while it is unchanged, so is each page whose own job is.
        shown = (config, vocabulary, project.layouts, project.assets)
        context = memo.get("everywhere", shown, object)
        env = memo.get("templates", project.layouts, lambda: make_environment(project.layouts))
        env.globals.update(template_globals(site))
        digests = Digests()  # what names each page's content for the build's caches, and each story's data part
        if kept is not None or (memo.wants("story-data") and not memo.in_process):
            texts = {source.path: source.text for source in project.sources}
            for doc in docs:  # a document's metadata is made from its front matter alone (and the vocabulary)
                text = texts[doc.path]
                front = text[:len(text) - len(doc.draft.body)]  # the file up to its body: the body is its end
                # and, for its pictures: list, which pictures its body shows (schema._pictures reads them)
                in_body = body_pictures(doc.draft.body, doc.path) if getattr(doc.meta, "pictures", ()) else ()
                digests.stand_for(doc.meta, ("front matter", doc.path, front, in_body))
                for kind in ("actors", "lessons"):  # a story page reads its actors one by one; /lessen/ shows lessons
                    for at, part in enumerate(getattr(doc.meta, kind, ())):
                        digests.stand_for_part(part, doc.meta, kind, at)
        # A job equal to the last one for its page is taken as that one: the memo knows the page by it.
        page_keys: list[Hashable] | None = [Same((memo.same("page-job", job.path, job),)) for job in jobs] \
            if memo.in_process and memo.wants("page") else None
        built.outputs, found = render_pages(site, jobs, env, memo=memo, context=context, cores=cores,
                                            progress=progress, sink=hand if sink else None,
                                            kept=kept(shown, site, digests, jobs) if kept and sink else None,
                                            keys=page_keys)
        built.outputs += outlined(memo, "finding", listed, lambda: finding_outputs(
            site, jobs, story_parts(site, memo, digests)))
    with stage("assets"):
        built.outputs += [Output(urls.output_path(urls.asset(name)), data) for name, data in project.assets]
        built.outputs += [Output(urls.output_path(urls.image(name)), data) for name, data in pictures.outputs]
        if sink is not None:
            for output in built.outputs:
                hand(output)
            built.outputs = []
    built.problems = sort_problems(built.problems + found)
    return built


def site_outline(docs: Sequence[Doc], config: Config, vocabulary: Vocabulary, urls: Urls, preview: bool,
                 pictures: Pictured, memo: Memo) -> Hashable:
    """Give what stands for the site but its bodies: every document's address and metadata, the pictures, the settings.

    The same object while they are all unchanged (None when the memo keeps nothing): the
    site-wide pieces (related stories, term indexes, lists, feeds) are kept under it, so a
    body edit makes none of them again. Its key names the metadata by identity (``Same``):
    ``check_sources`` gives an unchanged one as the very object it was, also when the body
    of its file changed.
    """
    if not memo.wants("outline") or not memo.in_process:
        return None
    results = pictures.results
    made_of = Same((config, vocabulary, urls, *(doc.meta for doc in docs), *results.values()))
    return memo.get("outline", (made_of, preview, tuple(doc.path for doc in docs), tuple(results)), object)


def story_parts(site: Site, memo: Memo, digests: Digests) -> dict[str, StoryData]:
    """Give each story's part of the open data and the filter's data, by its slug: made again only for a changed story.

    A part shows a story's slug, address and metadata in the site's language and vocabulary.
    """
    stories = site.stories
    keys: list[Hashable] = [story.slug for story in stories]
    if memo.wants("story-data") and memo.in_process:  # the memo of the preview: what it is made of, by identity
        keys = [(story.slug, story.url, Same((site.config, site.vocabulary, story.meta))) for story in stories]
    elif memo.wants("story-data"):
        keys = [digests.of(((site.config, site.vocabulary), story.slug, story.url, story.meta)) or (story.slug, story)
                for story in stories]
    made = memo.get_many("story-data", keys, lambda todo: [story_data(stories[i], site) for i in todo])
    return {story.slug: part for story, part in zip(stories, made, strict=True)}


def collect(root: Path, *, preview: bool = False, base_url: str | None = None, cores: Cores = ONE,
            progress: Progress = quiet, project: Project | None = None) -> Built:
    """Read the project at ``root`` (unless given, as read from it) and build it in memory: no file is written.

    This is ``check``: it judges the drafts' pictures and bodies too (``build_site``), so
    what the preview would show wrong in a draft fails its pull request before it is published.
    """
    project, read = _read(root, project)
    return _build(project, read, preview, base_url, cores, progress, image_cache(root), judge_drafts=True)


def build(root: Path, out: Path | None = None, *, preview: bool = False, base_url: str | None = None,
          cores: Cores = ONE, progress: Progress = quiet, project: Project | None = None,
          fresh: bool = False) -> Built:
    """Read, build and write the site into ``out`` (default: the config's output folder).

    With any problem nothing is written: the folder keeps the previous site, whole. A page
    whose content is unchanged since the last build into ``out`` is linked from it, not
    rendered again (``pagecache``), and a file unchanged since is neither checked nor its
    Markdown rendered again (``stagecache``); ``fresh`` makes everything afresh.
    """
    project, read = _read(root, project)
    out = out if out is not None else root / project.config.output_dir
    refused = check_output_dir(out, root)
    if refused:
        return Built(problems=refused)
    with project_lock(root):
        return _build_into(root, out, project, read, preview, base_url, cores, progress, fresh)


def _build_into(root: Path, out: Path, project: Project, read: tuple[str, float], preview: bool,
                base_url: str | None, cores: Cores, progress: Progress, fresh: bool) -> Built:
    """Build ``project`` and write it into ``out``, holding the project's build lock."""
    clean_leftovers(out)
    images = image_cache(root)
    # The search index starts as soon as the site is assembled and runs beside the rendering;
    # the write waits for it before the swap. Its own stage in the timings: the time the build
    # spent on it (making the documents, waiting for Pagefind), not Pagefind's own (#9, #11).
    indexing: Indexing | None = None
    starting = waiting = 0.0  # seconds the build spent on search: making the documents, waiting for Pagefind

    def start_search(site: Site) -> None:
        nonlocal indexing, starting
        began = time.perf_counter()
        # The documents are kept in groups with the check and Markdown results: an edit makes its group again (#9).
        indexing = Indexing(site_documents(site, results), out, cache_folder(root) / SEARCH_CACHE,
                            site.config.search_shard_size)
        starting = time.perf_counter() - began

    def finish(folder: Path) -> None:
        nonlocal waiting
        began = time.perf_counter()
        try:
            if indexing is not None:
                indexing.finish(folder)
        finally:
            waiting = time.perf_counter() - began

    try:
        writer = SiteWriter(out)
    except OSError as e:
        return Built(problems=[output_problem(out, e)], timings=[read], out=out)
    pages: KeptPages | None = None

    def kept(shown: Hashable, site: Site, digests: Digests, jobs: Sequence[PageJob]) -> KeptPages:
        nonlocal pages
        writer.make_folders(site.urls.output_path(job.path) for job in jobs)
        pages = KeptPages(cache_folder(root), out, (shown, preview, base_url), site, writer.link, enabled=not fresh,
                          values=digests)
        return pages

    try:
        results = KeptResults(cache_folder(root), cache_folder(root).parent, read=not fresh)
        built = _build(project, read, preview, base_url, cores, progress, images, site_ready=start_search,
                       sink=writer.add, kept=kept, memo=results)
        built.out = out
        built.reused = pages.reused if pages is not None else 0
        if not built.ok:
            writer.abort()
        else:
            progress("write", 1, 1)
            # The workers have all ended and Pagefind is not yet waited for: the children's peak is the workers'.
            built.memory = [("build", peak_bytes(resource.getrusage(resource.RUSAGE_SELF))),
                            ("workers", peak_bytes(resource.getrusage(resource.RUSAGE_CHILDREN)))]
            started = time.perf_counter()
            found = writer.commit(finish)
            written = time.perf_counter() - started
            built.timings += [("write", written - waiting), ("search", starting + waiting)]
            if indexing is not None and indexing.peak:
                built.memory.append(("search", indexing.peak))
            built.problems = sort_problems(built.problems + found)
            built.written = not found
            if built.written:  # what the caches keep is what this build used, not all they ever had
                results.prune()
                images.prune({file.digest for file in project.pictures if file.digest} | images.used)
                if pages is not None:
                    pages.save()
            elif pages is not None:
                pages.forget()
    except BaseException:
        writer.abort()
        raise
    finally:
        if indexing is not None:
            indexing.cancel()
        gc.unfreeze()  # what the kept results set aside (stagecache._no_collection) is the collector's again
    return built


def _read(root: Path, project: Project | None) -> tuple[Project, tuple[str, float]]:
    project = project if project is not None else read_project(root)
    return project, ("read", project.seconds)


def image_cache(root: Path) -> ImageCache:
    """Give the cache of processed pictures of the project at ``root``, in its cache folder outside the project.

    Outside, like the search index: a processed picture taken from a folder a pull request
    could fill would skip the processing that strips its metadata (uptodate.cache_folder).
    """
    return ImageCache(cache_folder(root) / IMAGE_CACHE)


def _build(project: Project, read: tuple[str, float], preview: bool, base_url: str | None, cores: Cores,
           progress: Progress, images: ImageCache, site_ready: Callable[[Site], None] | None = None,
           sink: Callable[[Output], None] | None = None,
           kept: Kept | None = None, memo: Memo = FORGET, judge_drafts: bool = False) -> Built:
    if base_url:
        code = base_url_problem(base_url)
        if code:
            return Built(problems=[problem("--base-url", 0, "", code, "hint_base_url", value=base_url)], timings=[read])
        project = project.with_base_url(base_url)
    built = build_site(project, preview=preview, memo=memo, cores=cores, progress=progress, images=images,
                       site_ready=site_ready, sink=sink, kept=kept, judge_drafts=judge_drafts)
    built.timings.insert(0, read)
    return built


def check_sources(sources: tuple[Source, ...], vocabulary: Vocabulary, memo: Memo = FORGET, cores: Cores = ONE,
                  progress: Progress = quiet) -> tuple[list[tuple[Draft, Meta]], list[Problem]]:
    """Give each source split and validated against the vocabulary, and the problems found."""
    results = memo.get_many("check", [(source, vocabulary) for source in sources], lambda todo: cores.map(
        partial(check_source, vocabulary=vocabulary), [sources[i] for i in todo], partial(progress, "check")))
    checked: list[tuple[Draft, Meta]] = []
    problems: list[Problem] = []
    for draft, meta, found in results:
        problems += found
        if draft is not None and meta is not None:
            # A body edit leaves the metadata as it was: the very object it was, so all made of it stays (#9).
            checked.append((draft, memo.same("metadata", draft.path, meta)))
    return checked, problems


def check_source(source: Source, vocabulary: Vocabulary) -> tuple[Draft | None, Meta | None, list[Problem]]:
    """Give one source split and validated: its draft without the raw front matter, which ``meta`` now holds typed."""
    draft, problems = split(source)
    if draft is None:
        return None, None, problems
    meta, found = validate(draft, vocabulary)
    problems += found + check_privacy(draft, vocabulary)
    # Nothing after the check reads the raw front matter: not kept, it is a fifth less memory per story (#9).
    return replace(draft, meta={}), meta, problems


def unchecked_files(sources: tuple[Source, ...], checked: list[tuple[Draft, Meta]],
                    urls: Urls) -> tuple[list[str], dict[str, str]]:
    """Give the slugs of the stories that failed their check, and the site path of every such file.

    Such a file exists and its own problems are reported in it: links and lesson references
    to it are not broken, and saying they were would send a contributor to the wrong file.
    """
    passed = {draft.path for draft, _ in checked}
    address = {"stories": urls.story, "lessons": urls.lesson, "pages": urls.page}
    stories, targets = [], {}
    for source in sources:
        if source.path in passed:
            continue
        slug = slugify(posixpath.splitext(posixpath.basename(source.path))[0])
        if not slug or source.kind not in address:
            continue
        targets[source.path] = address[source.kind](slug)
        if source.kind == "stories":
            stories.append(slug)
    return stories, targets


@dataclass(frozen=True)
class Pictured:
    """What the image stage gives: every picture named, processed or refused, and the variants to write."""

    results: dict[str, Result]  # by picture file
    named: dict[str, tuple[str, ...]]  # by document: the picture files its body names
    outputs: list[tuple[str, bytes]]  # (variant file name, bytes), sorted


def picture_stage(docs: list[Doc], files: tuple[PictureFile, ...], cache: ImageCache, memo: Memo = FORGET,
                  cores: Cores = ONE, progress: Progress = quiet, read: Reader = no_bytes, drafts: Sequence[Doc] = ()
                  ) -> tuple[Pictured, list[Problem]]:
    """Give every picture the documents name, processed or refused, and the problems of the stories'
    ``image:`` fields (a picture a body names is judged where it stands, by the Markdown stage).

    ``read`` gives the bytes of a picture file that is not in the image cache yet. The
    pictures of ``drafts`` (for ``check``) are judged as well, but are not written."""
    judged = [*docs, *drafts]
    named = {doc.path: memo.get("pictures-named", (doc.path, doc.draft.body),
                                partial(body_pictures, doc.draft.body, doc.path)) for doc in judged}
    main = {doc.path: doc.meta.image.src for doc in judged if isinstance(doc.meta, StoryMeta) and doc.meta.image}
    wanted = [*main.values(), *(file for files_named in named.values() for file in files_named)]
    results, pictures = process_pictures(wanted, {f.path: f for f in files}, cache, memo, cores,
                                         partial(progress, "images"), read)
    problems = []
    for doc in judged:
        found = results.get(main[doc.path]) if doc.path in main else None
        if isinstance(found, Refused):
            problems.append(found.problem(doc.path, doc.draft.line(("image", "src")), "image.src"))
    shown = {file for doc in docs for file in named[doc.path]} | {main[doc.path] for doc in docs if doc.path in main}
    made = [picture for file, picture in pictures.items() if file in shown]
    return Pictured(results, named, picture_outputs(made)), problems


def render_bodies(docs: list[Doc], lang: str, urls: Urls, memo: Memo = FORGET, cores: Cores = ONE,
                  progress: Progress = quiet, also: dict[str, str] | None = None,
                  pictures: Pictured | None = None) -> tuple[dict[str, Rendered], list[Problem]]:
    """Give each document's body as sanitised HTML, by its path, and the problems found.

    ``also`` adds link targets: files that exist but failed their check (``unchecked_addresses``);
    ``pictures`` the pictures the bodies name, as the image stage made them.
    """
    processed = pictures.results if pictures else {}
    named = pictures.named if pictures else {}
    targets = {**(also or {}), **link_targets(docs)}
    # In the order given (the documents sorted by path): the same targets in another order only miss the memo.
    targets_key = memo.get("targets", (urls.base_path, tuple(targets.items())), object)

    def render_body(doc: Doc) -> tuple[Rendered, list[Problem]]:
        # A story's body sits under the page's "Het verhaal" h2, so its own headings start at h3.
        top = 3 if doc.kind == "stories" else 2
        return render_markdown(doc.draft.body, doc.path, doc.draft.body_line, targets, href=urls.href, top=top,
                               lang=lang, pictures=processed, image_href=urls.image_href,
                               credits=picture_credits(doc.meta))

    def shown(doc: Doc) -> tuple[tuple[str, Result | None, tuple[str, str] | None], ...]:
        """Give the pictures a body names, as processed and credited: when one changes, the body is made again."""
        credits = picture_credits(doc.meta)
        return tuple((file, processed.get(file), credits.get(file)) for file in named.get(doc.path, ()))

    keys = [(d.path, d.draft.body, d.draft.body_line, d.kind, lang, targets_key, shown(d)) for d in docs]
    results = memo.get_many("markdown", keys, lambda todo: cores.map(
        render_body, [docs[i] for i in todo], partial(progress, "markdown")))
    bodies = {doc.path: rendered for doc, (rendered, _) in zip(docs, results, strict=True)}
    return bodies, [problem for _, found in results for problem in found]


class _Stopwatch:
    """Times each stage of a build into a list of (stage, seconds)."""

    def __init__(self, timings: list[tuple[str, float]]) -> None:
        self.timings = timings

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings.append((name, time.perf_counter() - started))

"""The whole build as a short recipe: read everything, check everything, then render and write."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .config import load_config
from .content import Draft, Source, discover, read_source, read_sources, split
from .errors import Problem, errors, sort_problems
from .markdown import Rendered, render as render_markdown
from .model import Site, assemble, check_lesson_refs, link_targets, plan
from .render import LAYOUTS_DIR, Output, PageMemo, make_environment, render_site
from .schema import Meta, validate
from .urls import Urls
from .vocabulary import Vocabulary, load_vocabulary
from .write import check_output_dir, clean_leftovers, write_site

ASSETS_DIR = "assets"

Progress = Callable[[str, int, int], None]


def _quiet(step: str, done: int, total: int) -> None:
    return None


@dataclass
class Result:
    """What a build or check gives: the site (when it got that far), its pages and problems."""

    problems: list[Problem] = field(default_factory=list)
    site: Site | None = None
    outputs: list[Output] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0
    written: bool = False

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


@dataclass
class Cache:
    """What a build keeps for the next one, so a preview rebuild redoes only what changed.

    Each stage's result is kept under everything it was made from (the file's text, the
    vocabulary, the links between files); a build keeps only the entries it used, so the
    cache never grows beyond one site.
    """

    checked: dict[tuple[object, ...], tuple[Draft | None, Meta | None, list[Problem]]] = field(default_factory=dict)
    bodies: dict[tuple[object, ...], tuple[Rendered, list[Problem]]] = field(default_factory=dict)
    pages: PageMemo = field(default_factory=PageMemo)
    related: dict[object, object] = field(default_factory=dict)
    environment: tuple[object, jinja2.Environment] | None = None
    # path -> (modification time, size, source or None, problems, kind, size limit):
    # a file is read again only when one of those changed
    files: dict[str, tuple[int, int, Source | None, list[Problem], str, int]] = field(default_factory=dict)


def _check(source: Source, vocabulary: Vocabulary) -> tuple[Draft | None, Meta | None, list[Problem]]:
    """Give a source split and validated."""
    draft, problems = split(source)
    if draft is None:
        return None, None, problems
    meta, found = validate(draft, vocabulary)
    return draft, meta, problems + found


def collect(root: Path, *, preview: bool = False, base_url: str | None = None,
            progress: Progress = _quiet, cache: Cache | None = None) -> Result:
    """Read and check the whole project, and render it in memory: no file is written."""
    started = time.perf_counter()
    result = Result()
    config, problems = load_config(root)
    if base_url:
        config = config.with_base_url(base_url)
    vocabulary, found = load_vocabulary(root)
    problems += found
    old = cache or Cache()
    if cache is None:
        sources, found = read_sources(root, config.max_file_bytes)
    else:
        sources, found = _read_changed(root, cache, config.max_file_bytes)
    problems += found

    checked: dict[tuple[object, ...], tuple[Draft | None, Meta | None, list[Problem]]] = {}
    documents = []
    vocabulary_key = hash(vocabulary)  # once per build: hashing it per file would cost more than reading
    for index, source in enumerate(sources):
        progress("lezen", index + 1, len(sources))
        key = (source.path, source.kind, source.text, vocabulary_key)
        checked[key] = old.checked.get(key) or _check(source, vocabulary)
        draft, meta, found = checked[key]
        problems += found
        if draft is not None and meta is not None:
            documents.append((draft, meta))

    urls = Urls(config.base_url)
    docs, found = plan(documents, urls, preview)
    problems += found
    problems += check_lesson_refs(docs)
    targets = link_targets(docs, urls)
    targets_key = hash(tuple(sorted(targets.items())))
    rendered: dict[tuple[object, ...], tuple[Rendered, list[Problem]]] = {}
    bodies = {}
    for index, doc in enumerate(docs):
        progress("opmaken", index + 1, len(docs))
        # A story's body sits under the page's "Het verhaal" h2, so its own headings start at h3.
        top = 3 if doc.kind == "stories" else 2
        key = (doc.path, doc.draft.body, doc.draft.body_line, top, config.language, targets_key)
        rendered[key] = old.bodies.get(key) or render_markdown(
            doc.draft.body, doc.path, doc.draft.body_line, targets, top=top, lang=config.language)
        bodies[doc.path], found = rendered[key]
        problems += found
    if cache is not None:
        cache.checked, cache.bodies = checked, rendered

    result.problems = problems
    if errors(problems):
        result.problems = sort_problems(problems)
        result.seconds = time.perf_counter() - started
        return result

    site = assemble(config, vocabulary, urls, docs, bodies, preview, cache.related if cache else None)
    assets = read_assets(root)
    memo, env = None, None
    if cache is not None:
        layouts = _layouts_key(root)
        memo = cache.pages
        memo.start((config, vocabulary, layouts, tuple(sorted(assets.items()))))
        if cache.environment is None or cache.environment[0] != layouts:
            cache.environment = (layouts, make_environment(root))  # compiled templates are kept with it
        env = cache.environment[1]
    outputs, found = render_site(site, env or make_environment(root), assets, memo)
    outputs += [Output(urls.output_path(urls.asset(name)), data) for name, data in sorted(assets.items())]
    result.site, result.outputs = site, outputs
    result.pages = sum(1 for o in outputs if o.path.endswith(".html"))
    result.problems = sort_problems(problems + found)
    result.seconds = time.perf_counter() - started
    return result


def build(root: Path, out: Path | None = None, *, preview: bool = False, base_url: str | None = None,
          progress: Progress = _quiet) -> Result:
    """Build the site into ``out`` (default: the config's output folder); on any error write nothing."""
    started = time.perf_counter()
    config, _ = load_config(root)
    out = out if out is not None else root / config.output_dir
    refused = check_output_dir(out, root)
    if refused:
        return Result(problems=refused)
    clean_leftovers(out)
    result = collect(root, preview=preview, base_url=base_url, progress=progress)
    if result.ok:
        progress("schrijven", 1, 1)
        found = write_site(out, result.outputs)
        result.problems = sort_problems(result.problems + found)
        result.written = not found
    result.seconds = time.perf_counter() - started
    return result


def read_assets(root: Path) -> dict[str, bytes]:
    """Give the files in ``assets/`` by name (top level only, no links followed)."""
    folder = root / ASSETS_DIR
    if not folder.is_dir() or folder.is_symlink():  # a linked folder could hold anything on the machine
        return {}
    return {
        file.name: file.read_bytes()
        for file in sorted(folder.iterdir())
        if file.is_file() and not file.is_symlink() and not file.name.startswith(".")
    }


def _read_changed(root: Path, cache: Cache, limit: int) -> tuple[list[Source], list[Problem]]:
    """Give every content file, reading again only those whose time or size changed."""
    sources: list[Source] = []
    problems: list[Problem] = []
    seen: dict[str, tuple[int, int, Source | None, list[Problem], str, int]] = {}
    for rel, kind, file in discover(root):
        try:
            stat = file.stat()
        except OSError:
            continue  # deleted between listing and reading: the next change rebuilds again
        known = cache.files.get(rel)
        if known and known[:2] == (stat.st_mtime_ns, stat.st_size) and known[4:] == (kind, limit):
            seen[rel] = known
        else:
            source, found = read_source(rel, kind, file, limit)
            seen[rel] = (stat.st_mtime_ns, stat.st_size, source, found, kind, limit)
        problems += seen[rel][3]
        if seen[rel][2] is not None:
            sources.append(seen[rel][2])
    cache.files = seen
    return sources, problems


def _layouts_key(root: Path) -> tuple[tuple[str, bytes], ...]:
    """Give the layouts' contents, so remembered pages are dropped when a template changes."""
    folder = root / LAYOUTS_DIR
    if not folder.is_dir():
        return ()
    return tuple((p.relative_to(folder).as_posix(), p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file())

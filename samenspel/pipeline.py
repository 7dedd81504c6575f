"""The whole build as a short recipe: read everything, check everything, then render and write."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .config import load_config
from .content import read_sources, split
from .errors import Problem, errors, sort_problems
from .markdown import render as render_markdown
from .model import Site, assemble, check_lesson_refs, link_targets, plan
from .render import Output, make_environment, render_site
from .schema import validate
from .urls import Urls
from .vocabulary import load_vocabulary
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


def collect(root: Path, *, preview: bool = False, base_url: str | None = None,
            progress: Progress = _quiet) -> Result:
    """Read and check the whole project, and render it in memory: no file is written."""
    started = time.perf_counter()
    result = Result()
    config, problems = load_config(root)
    if base_url:
        config = config.with_base_url(base_url)
    vocabulary, found = load_vocabulary(root)
    problems += found
    sources, found = read_sources(root)
    problems += found

    documents = []
    for index, source in enumerate(sources):
        progress("lezen", index + 1, len(sources))
        draft, found = split(source)
        problems += found
        if draft is None:
            continue
        meta, found = validate(draft, vocabulary)
        problems += found
        if meta is not None:
            documents.append((draft, meta))

    urls = Urls(config.base_url)
    docs, found = plan(documents, urls, preview)
    problems += found
    problems += check_lesson_refs(docs)
    targets = link_targets(docs, urls)
    bodies = {}
    for index, doc in enumerate(docs):
        progress("opmaken", index + 1, len(docs))
        # A story's body sits under the page's "Het verhaal" h2, so its own headings start at h3.
        top = 3 if doc.kind == "stories" else 2
        bodies[doc.path], found = render_markdown(doc.draft.body, doc.path, doc.draft.body_line, targets,
                                                  top=top, lang=config.language)
        problems += found

    result.problems = problems
    if errors(problems):
        result.problems = sort_problems(problems)
        result.seconds = time.perf_counter() - started
        return result

    site = assemble(config, vocabulary, urls, docs, bodies, preview)
    assets = read_assets(root)
    outputs, found = render_site(site, make_environment(root), assets)
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
    if not folder.is_dir():
        return {}
    return {
        file.name: file.read_bytes()
        for file in sorted(folder.iterdir())
        if file.is_file() and not file.is_symlink() and not file.name.startswith(".")
    }


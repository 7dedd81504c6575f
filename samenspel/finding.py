"""Finding stories (#11): the pages, files and template helpers that help readers find stories.

The recipe asks this module three things: the extra pages to render (``finding_jobs``),
the helpers their layouts call (``template_globals``) and the files made without a
layout (``finding_outputs``: feed, sitemap, robots.txt, open data). Each piece lives in
its own module; this one only puts them together.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from .feeds import feed_outputs, story_json_ld
from .filters import filter_outputs, story_entry
from .model import Site, Story
from .opendata import csv_row, open_data_outputs, record_line
from .output import Output
from .overview import pays_and_decides, who_pays
from .render import PageJob
from .search import search_paths, shards


def finding_jobs(site: Site) -> list[PageJob]:
    """Give the pages this feature adds, each with what it shows."""
    everywhere = (site.nav_links(), site.preview)  # as render.page_jobs
    overview, decided = who_pays(site), pays_and_decides(site)
    # The shards of the search index (searchindex.py), known from the documents' paths before any is made.
    indexes = tuple(site.urls.search_index(n) for n in shards(search_paths(site), site.config.search_shard_size))
    indexes = indexes or (site.urls.search_index(),)
    return [
        PageJob(site.urls.overview(), "overview.html", (everywhere, overview, decided),
                {"overview": overview, "decided": decided}),
        PageJob(site.urls.search(), "search.html", (everywhere, indexes), {"search_indexes": indexes}),
    ]


def template_globals(site: Site) -> dict[str, object]:
    """Give the helpers the layouts of this feature call."""
    return {"json_ld": partial(story_json_ld, site=site)}


@dataclass(frozen=True)
class StoryData:
    """What the open data and the filter's data hold of one story: made once while the story is unchanged (#9)."""

    line: str  # its line in verhalen.json
    row: tuple[str, ...]  # its row in verhalen.csv
    entry: dict[str, Any]  # its entry in the filter's data


def story_data(story: Story, site: Site) -> StoryData:
    """Give what the open data and the filter's data hold of ``story``."""
    return StoryData(record_line(story, site), tuple(csv_row(story, site)), story_entry(story, site))


def finding_outputs(site: Site, jobs: Sequence[PageJob], data: Mapping[str, StoryData] | None = None) -> list[Output]:
    """Give the files made from the site without a layout: feed, sitemap, robots.txt, open data, the filter's data.

    ``data`` gives each story's part of the open data and the filter's data by its slug, made
    before (``story_data``; the build's memo keeps them while a story is unchanged).
    """
    drafts = {s.url for s in site.stories if s.draft} | {lesson.url for lesson in site.lessons if lesson.draft}
    pages = [job.path for job in jobs if job.path != site.urls.not_found() and job.path not in drafts]
    data = data if data is not None else {story.slug: story_data(story, site) for story in site.stories}
    lines = {slug: part.line for slug, part in data.items()}
    rows = {slug: part.row for slug, part in data.items()}
    entries = {slug: part.entry for slug, part in data.items()}
    return feed_outputs(site, pages) + open_data_outputs(site, lines, rows) + filter_outputs(site, entries)

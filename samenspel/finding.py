"""Finding stories (#11): the pages, files and template helpers that help readers find stories.

The recipe asks this module three things: the extra pages to render (``finding_jobs``),
the helpers their layouts call (``template_globals``) and the files made without a
layout (``finding_outputs``: feed, sitemap, robots.txt, open data). Each piece lives in
its own module; this one only puts them together.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from .feeds import feed_outputs, story_json_ld
from .filters import filter_outputs
from .model import Site
from .opendata import open_data_outputs
from .output import Output
from .overview import pays_and_decides, who_pays
from .render import PageJob
from .search import search_paths, shards


def finding_jobs(site: Site) -> list[PageJob]:
    """Give the pages this feature adds, each with what it shows."""
    everywhere = (tuple((p.url, p.meta.title) for p in site.nav_pages()), site.preview)  # as render.page_jobs
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


def finding_outputs(site: Site, jobs: Sequence[PageJob]) -> list[Output]:
    """Give the files made from the site without a layout: feed, sitemap, robots.txt, open data, the filter's data."""
    drafts = {s.url for s in site.stories if s.draft} | {lesson.url for lesson in site.lessons if lesson.draft}
    pages = [job.path for job in jobs if job.path != site.urls.not_found() and job.path not in drafts]
    return feed_outputs(site, pages) + open_data_outputs(site) + filter_outputs(site)

"""What the filter on /verhalen/ reads: the facets, their options, every story's values, the words it shows.

The data is a small script (/data/filter.js) that sets one global, not a JSON file to
fetch: deferred scripts run before the page's load event, so the filter stands complete
when the page has loaded, for readers and for the browser tests alike. The list pages
themselves stay as they are, so without JavaScript nothing changes.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .feeds import json_for_html
from .messages import long_date, ui, ui_count
from .model import Site, Story
from .output import Output

# Each facet: its name in the URL's query string, its vocabulary list ('' for the year), and its legend.
FACETS: tuple[tuple[str, str, str], ...] = (
    ("thema", "themes", "kind_theme"),
    ("actor", "actor_types", "kind_actor_type"),
    ("rol", "roles", "kind_role"),
    ("relatie", "relation_kinds", "filter_relation"),
    ("uitkomst", "outcome_types", "kind_outcome_type"),
    ("provincie", "provinces", "kind_province"),
    ("schaal", "place_scales", "filter_scale"),
    ("jaar", "", "filter_year"),
)


def story_values(story: Story) -> dict[str, list[str]]:
    """Give a story's values for each facet, by the facet's name in the URL."""
    m = story.meta
    per_list: dict[str, tuple[str, ...]] = {
        "themes": m.themes,
        "actor_types": story.actor_types,
        "roles": story.roles,
        "relation_kinds": tuple(dict.fromkeys(r.kind for r in m.relations)),
        "outcome_types": story.outcome_types,
        "provinces": story.provinces,
        "place_scales": (m.place.scale,),
    }
    return {name: list(per_list[kind]) if kind else [str(m.date.year)] for name, kind, _ in FACETS}


def story_entry(story: Story, site: Site) -> dict[str, Any]:
    """Give what the filter shows and knows of one story."""
    lang = site.config.language
    return {
        "url": site.urls.href(story.url),
        "title": story.meta.title,
        "summary": story.meta.summary,
        "date": story.meta.date.isoformat(),
        "date_text": long_date(story.meta.date, lang),
        "place": story.meta.place.name,
        "themes": [site.label("themes", key) for key in story.meta.themes],
        "values": story_values(story),
    }


def filter_data(site: Site, entries: Mapping[str, dict[str, Any]] | None = None) -> dict[str, object]:
    """Give the facets with the options some story has (vocabulary order; years newest first), and the stories.

    ``entries`` gives each story's entry by its slug, made before (``story_entry``).
    """
    lang = site.config.language
    stories: list[dict[str, Any]] = [entries[story.slug] if entries is not None else story_entry(story, site)
                                     for story in site.stories]
    facets = []
    for name, kind, legend in FACETS:
        used = {value for story in stories for value in story["values"][name]}
        if kind:
            keys = [term.key for term in site.vocabulary.terms(kind) if term.key in used]
            keys += sorted(used - set(keys))  # a value the vocabulary lacks still shows, last
            options = [{"value": key, "label": site.label(kind, key)} for key in keys]
        else:
            options = [{"value": year, "label": year} for year in sorted(used, reverse=True)]
        if options:
            facets.append({"name": name, "legend": ui(legend, lang), "options": options})
    text = {
        "summary": ui("filter_summary", lang),
        "intro": ui("filter_intro", lang),
        "clear": ui("filter_clear", lang),
        "none": ui("filter_none", lang),
        "one": ui_count("filter_found", lang, 1),
        "many": ui("filter_found", lang, n="{n}"),  # the script fills in the number
        "all": ui("filter_all", lang),
    }
    return {"facets": facets, "stories": stories, "text": text}


def filter_script(site: Site, entries: Mapping[str, dict[str, Any]] | None = None) -> bytes:
    """Give /data/filter.js: the filter's data as one global the page's filter script reads."""
    return f"window.samenspelFilter = {json_for_html(filter_data(site, entries))};\n".encode()


def filter_outputs(site: Site, entries: Mapping[str, dict[str, Any]] | None = None) -> list[Output]:
    """Give the filter's data file."""
    return [Output(site.urls.output_path(site.urls.data("filter.js")), filter_script(site, entries))]

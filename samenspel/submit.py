"""The submission page /deel-je-verhaal/ (#10): a form that writes a finished story file in the browser.

Everything the form offers is made here, at build time, from what ``check`` itself reads:
the choices (actor types, roles, relation kinds, themes, outcome types, scales, provinces,
with their labels and descriptions) from ``content/vocabulary.yml``, the limits and
minimums from ``schema.LIMITS`` and ``schema.MINIMUM``, the labels it shares with the
GitHub issue form from the catalog (``form_*``), and the GitHub addresses from
``site.toml``. A change to any of them changes the form at the next build. The script
``assets/submit.js`` only shows the form, checks it and writes the file; without
JavaScript the page explains the other two routes.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from .messages import ui
from .model import Site
from .newstory import STORIES_FOLDER
from .render import PageJob
from .schema import LIMITS, MINIMUM
from .urls import github_addresses
from .vocabulary import Vocabulary

# The vocabulary lists the form offers.
CHOICE_LISTS = ("actor_types", "roles", "relation_kinds", "themes", "outcome_types", "place_scales", "provinces")
# The status and the address length the produced file gets. GitHub refuses much longer addresses
# (HTTP 414); past this the page offers copy and download only.
STATUS = "ter-review"
MAX_URL = 8000
# The catalog entries the script shows, by the name it uses, with the placeholders it fills in.
SCRIPT_TEXTS: dict[str, tuple[str, dict[str, str]]] = {
    "required": ("submit_error_required", {}),
    "choose": ("submit_error_choose", {}),
    "choose_some": ("submit_error_choose_some", {}),
    "too_long": ("submit_error_too_long", {"limit": "{limit}", "length": "{length}"}),
    "too_few": ("submit_error_too_few", {"minimum": "{minimum}"}),
    "date": ("submit_error_date", {}),
    "same": ("submit_error_same", {}),
    "consent": ("submit_error_consent", {}),
    "tick": ("submit_error_tick", {}),
    "slug": ("submit_error_slug", {}),
    "error_prefix": ("submit_error_prefix", {}),
    "added": ("submit_added", {"what": "{what}"}),
    "removed": ("submit_removed", {"what": "{what}"}),
    "copied": ("submit_copied", {}),
    "copy_select": ("submit_copy_select", {}),
    "actor": ("submit_actor", {"n": "{n}"}),
    "relation": ("submit_relation", {"n": "{n}"}),
    "outcome": ("submit_outcome", {"n": "{n}"}),
    "lesson": ("submit_lesson", {"n": "{n}"}),
    "result_intro": ("submit_result_intro", {"file": "{file}"}),
}


@dataclass(frozen=True)
class Choice:
    """One value the form offers: a vocabulary key with its label and description."""

    key: str
    label: str
    description: str


def form_choices(vocabulary: Vocabulary, lang: str) -> dict[str, tuple[Choice, ...]]:
    """Give the form's choices for each vocabulary list, in the vocabulary's order."""
    return {kind: tuple(Choice(t.key, t.label_in(lang), t.description_in(lang)) for t in vocabulary.terms(kind))
            for kind in CHOICE_LISTS}


def form_settings(site: Site) -> dict[str, object]:
    """Give what the form's script needs besides the page: limits, minimums, where the file goes, its words."""
    lang = site.config.language
    github = github_addresses(site.config.repository, site.config.branch)
    return {
        "limits": LIMITS,
        "minimum": MINIMUM,
        "status": STATUS,
        "lang": lang,
        "folder": f"{STORIES_FOLDER}/",
        "newFile": github.get("new_file", ""),
        "maxUrl": MAX_URL,
        "text": {name: ui(key, lang, **params) for name, (key, params) in SCRIPT_TEXTS.items()},
    }


def submit_jobs(site: Site) -> list[PageJob]:
    """Give the submission page, with what it shows."""
    everywhere = (site.nav_links(), site.preview)  # as render.page_jobs
    choices = form_choices(site.vocabulary, site.config.language)
    settings = json.dumps(form_settings(site), ensure_ascii=False, sort_keys=True)
    github = github_addresses(site.config.repository, site.config.branch)
    contribute = next(((p.url, p.meta.title) for p in site.pages if p.slug == "bijdragen"), None)
    return [PageJob(site.urls.submit(), "submit.html", (everywhere, tuple(choices.items()), settings, contribute),
                    {"choices": choices, "settings": settings, "github": github, "contribute": contribute,
                     "limits": LIMITS, "minimum": MINIMUM})]

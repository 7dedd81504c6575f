"""Load ``site.toml`` into a Config."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace

from .errors import Collector, Problem, describe, suggest_or_list
from .folders import CONFIG_FILE
from .messages import LANGUAGES
from .text import first_control, normal
from .urls import Urls, base_path, edit_root, site_address, web_address

MAX_FILE_BYTES = 1_000_000  # the default largest content file read
# The most search documents one Pagefind run indexes; a larger site's index is split into shards
# of about this many (searchindex.py, docs/benchmarks.md: where this figure comes from).
# Shards bound Pagefind's memory (~445 KB a document: ~1.1 GiB at 2,500, below the build's own ~1.3 GiB at
# 10,000 stories) and let an edit without a new word re-index one shard; with the site's word list in each
# (search.shard_documents) they find what one index finds. Smaller shards would cost readers more requests
# (each shard is an index to load and to ask) without lowering the build's peak.
SEARCH_SHARD_SIZE = 2_500

_KNOWN = ("title", "tagline", "base_url", "language", "repository", "branch", "per_page", "output_dir",
          "max_file_bytes", "search_shard_size")
_WHOLE_NUMBERS = ("per_page", "max_file_bytes", "search_shard_size")


@dataclass(frozen=True)
class Config:
    """The site-wide settings."""

    title: str = "Samenspel"
    tagline: str = ""
    base_url: str = "http://127.0.0.1:8000/"
    language: str = "nl"
    repository: str = ""
    branch: str = "main"
    per_page: int = 12
    output_dir: str = "site"
    max_file_bytes: int = MAX_FILE_BYTES  # the largest content file read; larger ones are a problem
    search_shard_size: int = SEARCH_SHARD_SIZE  # the most documents in one search index (shard)

    @property
    def base_path(self) -> str:
        """Give the path part of the base URL, always starting and ending with '/'."""
        return base_path(self.base_url)

    def with_base_url(self, base_url: str) -> Config:
        """Give a copy served from another base URL (the preview server's own, or --base-url)."""
        return replace(self, base_url=_normalise_base(base_url))

    def urls(self, versions: tuple[tuple[str, str], ...] = ()) -> Urls:
        """Give the URL maker for this site, with the assets' versions."""
        return Urls(self.base_url, edit_root(self.repository, self.branch), versions)


def parse_config(text: str, path: str = CONFIG_FILE) -> tuple[Config, list[Problem]]:
    """Give the Config in TOML ``text``, with the problems found in it."""
    out = Collector(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        match = re.search(r"line (\d+)", str(e))
        out.add(int(match.group(1)) if match else 0, "", "toml_error", "hint_toml", error=str(e))
        return Config(), out.problems

    lines = _key_lines(text)
    values: dict[str, object] = {}
    for key, value in data.items():
        line = lines.get(key, 0)
        if key not in _KNOWN:
            hint, extra = suggest_or_list(key, _KNOWN, "hint_field_suggestion", "hint_fields")
            out.add(line, key, "unknown_field", hint, name=key, **extra)
            continue
        if key in _WHOLE_NUMBERS:
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                out.add(line, key, "bad_int", "hint_int", value=value)
                continue
        elif not isinstance(value, str):
            out.add(line, key, "wrong_type", "hint_text", expected="@type_text", **describe(value))
            continue
        else:
            value = normal(value)
            char = first_control(value)  # a TOML escape such as "\u001b"; written plainly, tomllib refuses it
            if char:
                out.add(line, key, "control_char", "hint_control_char", char=char)
                continue
        values[key] = value

    if "base_url" in values:
        problem = base_url_problem(str(values["base_url"]))
        if problem:
            out.add(lines.get("base_url", 0), "base_url", problem, "hint_base_url", value=values["base_url"])
            del values["base_url"]
        else:
            values["base_url"] = _normalise_base(str(values["base_url"]))
    if "language" in values and values["language"] not in LANGUAGES:
        out.add(lines.get("language", 0), "language", "unknown_lang", "hint_choices",
                value=values["language"], choices=", ".join(LANGUAGES))
        del values["language"]
    if "repository" in values and values["repository"]:
        if not web_address(str(values["repository"])):
            out.add(lines.get("repository", 0), "repository", "bad_url", "hint_url", value=values["repository"])
            del values["repository"]
        else:
            values["repository"] = str(values["repository"]).rstrip("/")
    return Config(**values), out.problems  # type: ignore[arg-type]


def base_url_problem(url: str) -> str | None:
    """Give the message code of what is wrong with ``url`` as the site's address, or None."""
    if site_address(url):
        return None
    return "base_url_extra" if web_address(url) else "bad_base_url"


def _normalise_base(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _key_lines(text: str) -> dict[str, int]:
    """Give the line of each top-level key in a simple TOML file."""
    lines: dict[str, int] = {}
    inside: str | None = None  # the quote that opened a multi-line string we are in
    for number, line in enumerate(text.splitlines(), 1):
        if inside is None:
            # bare, quoted or dotted keys, and [table] headers: the first part names the top-level key
            match = (re.match(r"""\s*["']?([A-Za-z0-9_-]+)["']?\s*[.=]""", line)
                     or re.match(r"""\s*\[+\s*["']?([A-Za-z0-9_-]+)""", line))
            if match and match.group(1) not in lines:
                lines[match.group(1)] = number
        for quote in re.findall(r'"""|\'\'\'', line):
            if inside is None:
                inside = quote
            elif quote == inside:
                inside = None
    return lines

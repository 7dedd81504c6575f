"""Load ``site.toml`` into a Config."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from .content import MAX_FILE_BYTES
from .errors import Collector, Problem, describe, did_you_mean
from .messages import LANGUAGES
from .urls import web_address

CONFIG_FILE = "site.toml"

_KNOWN = ("title", "tagline", "base_url", "language", "repository", "branch", "per_page", "output_dir",
          "max_file_bytes")
_WHOLE_NUMBERS = ("per_page", "max_file_bytes")


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

    @property
    def base_path(self) -> str:
        """Give the path part of the base URL, always starting and ending with '/'."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def with_base_url(self, base_url: str) -> Config:
        """Give a copy served from another base URL (the preview server's own)."""
        return replace(self, base_url=_normalise_base(base_url))


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
            guess = did_you_mean(key, _KNOWN)
            if guess:
                out.add(line, key, "unknown_field", "hint_field_suggestion", name=key, suggestion=guess)
            else:
                out.add(line, key, "unknown_field", "hint_fields", name=key, choices=", ".join(_KNOWN))
            continue
        if key in _WHOLE_NUMBERS:
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                out.add(line, key, "bad_int", "hint_int", value=value)
                continue
        elif not isinstance(value, str):
            out.add(line, key, "wrong_type", "hint_text", expected="@type_text", **describe(value))
            continue
        values[key] = value

    if "base_url" in values:
        if not web_address(str(values["base_url"])):
            out.add(lines.get("base_url", 0), "base_url", "bad_base_url", "hint_base_url", value=values["base_url"])
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


def load_config(root: Path) -> tuple[Config, list[Problem]]:
    """Give the Config of the project at ``root``."""
    path = root / CONFIG_FILE
    if path.is_symlink():  # like content, the settings name no file outside the project
        return Config(), [missing_file(CONFIG_FILE, "hint_missing_config")]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Config(), [missing_file(CONFIG_FILE, "hint_missing_config")]
    except (OSError, UnicodeDecodeError) as e:
        out = Collector(CONFIG_FILE)
        out.add(0, "", "toml_error", "hint_toml", error=str(e))
        return Config(), out.problems
    return parse_config(text)


def missing_file(path: str, hint: str) -> Problem:
    """Give the problem of a required file that is not there."""
    out = Collector(path)
    out.add(0, "", "missing_file", hint)
    return out.problems[0]


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

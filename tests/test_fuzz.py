"""Property-based tests: for any input, each stage gives its result or a list of problems, never an exception.

Hypothesis runs 200 examples per property by default (profile ``ci``). A long run:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest -q tests/test_fuzz.py

(5,000 examples per property, about 25 minutes; failures are kept in .hypothesis/ and replayed first
next time).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from samenspel.config import parse_config
from samenspel.content import Draft, Source, decode, load_yaml, split
from samenspel.diagram import Edge, Node, role_diagram
from samenspel.errors import Problem
from samenspel.markdown import ALLOWED_TAGS, content_target, render, url_allowed
from samenspel.messages import MESSAGES
from samenspel.schema import (
    LESSON_OPTIONAL,
    LESSON_REQUIRED,
    PAGE_OPTIONAL,
    PAGE_REQUIRED,
    STORY_OPTIONAL,
    STORY_REQUIRED,
    LessonMeta,
    PageMeta,
    StoryMeta,
    validate,
)
from samenspel.urls import Urls, slugify
from samenspel.vocabulary import parse_vocabulary

from .conftest import MINI

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("ci", max_examples=200, deadline=None, database=None, suppress_health_check=_QUIET)
settings.register_profile("long", max_examples=5_000, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

VOCABULARY, _found = parse_vocabulary((MINI / "content" / "vocabulary.yml").read_text(encoding="utf-8"))
assert not _found

PATH = "content/stories/fuzz.md"
KINDS = ("stories", "lessons", "pages")
# Every field name the schema knows, at any depth, so generated front matter often hits real fields.
FIELDS = sorted({*STORY_REQUIRED, *STORY_OPTIONAL, *LESSON_REQUIRED, *LESSON_OPTIONAL, *PAGE_REQUIRED,
                 *PAGE_OPTIONAL, "name", "scale", "anonymised", "municipality", "province", "id", "type", "roles",
                 "from", "to", "kind", "note", "text", "url"})
# Values the schema accepts somewhere, so generated data gets past the first checks.
GOOD_VALUES = ["eigen-regie", "dubbele-pet", "bewonersinitiatief", "gemeente", "financier", "initiatiefnemer",
               "financiert", "denkt-mee", "initiatief-gestart", "dorp", "wijk", "utrecht", "gepubliceerd",
               "concept", "nl", "en", "bewoners", "https://example.org/", "2024-01-01", "buurtmoestuin"]

# Web addresses, well and badly formed: brackets, ports, full-width and control characters.
URLS = st.builds(
    lambda scheme, host, rest: scheme + host + rest,
    st.sampled_from(["http://", "https://", "HTTPS://", "javascript:", "//", "mailto:", ""]),
    st.one_of(st.sampled_from(["example.org", "[", "[::1", "[::1]", "ex[a]mple.org", "\uff03x", "x:99999", "a@b",
                               "\u2100", "xn--", "%", ""]), st.text(max_size=8)),
    st.one_of(st.sampled_from(["", "/", "/pad?q=1#f", "]", "\x00", " spatie", "\n"]), st.text(max_size=8)),
)


def check_problems(problems: list[Problem]) -> None:
    """Each problem is in the catalog, located, and can be worded in both languages."""
    for p in problems:
        assert isinstance(p, Problem)
        assert p.code in MESSAGES, p.code
        assert not p.hint or p.hint in MESSAGES, p.hint
        assert p.line >= 0
        for lang in ("nl", "en"):
            assert p.text(lang).startswith(p.path)


# -- front matter: content.decode and content.split ----------------------------------------------

@given(st.binary(max_size=2000))
def test_decode_gives_text_or_a_problem(data: bytes) -> None:
    text, problems = decode(PATH, data)
    assert (text is None) == bool(problems)
    check_problems(problems)
    if text is not None:
        assert "\r" not in text and not text.startswith("\ufeff")


def check_split(text: str, kind: str = "stories") -> Draft | None:
    draft, problems = split(Source(PATH, kind, text))
    assert (draft is None) == bool(problems)
    check_problems(problems)
    if draft is not None:
        assert isinstance(draft.meta, dict)
        assert draft.body_line >= 1
        assert text.endswith(draft.body) or draft.body == ""
        for field in draft.lines:
            assert draft.line(field) >= 1
    return draft


@given(st.text(max_size=2000))
def test_split_of_any_text_gives_a_draft_or_problems(text: str) -> None:
    check_split(text)


@given(st.text(max_size=1000))
def test_split_of_any_text_between_fences_gives_a_draft_or_problems(text: str) -> None:
    check_split(f"---\n{text}\n---\n\nTekst.\n")


# YAML-ish pieces: real keys and values, and every YAML feature a hostile file might use.
_KEY = st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=8), st.integers().map(str))
_SCALAR = st.one_of(
    st.sampled_from(GOOD_VALUES), URLS.map(repr), st.text(max_size=20), st.integers().map(str),
    st.sampled_from(["~", "null", "true", "no", "yes", "on", ".nan", "-.inf", "0x1F", "0o17", "1e309", "2024-02-30",
                     "2024-01-01T10:00:00Z", "'quoted'", '"dq \\u0041 \\x00"', "|", ">", "|-\n  blok", "''", '""',
                     "&a x", "*a", "&b [1, *a]", "*b", "!!str 5", "!!int x", "!!binary aGk=", "!!set {a}",
                     "!!omap [a: 1]", "!!python/object/apply:os.system ['true']", "!!python/name:os.system",
                     "!vreemd x", "!<tag:yaml.org,2002:str> x", "%TAG ! tag:x,2000:", "? a", "{a: *a}", "[[[[[]]]]]",
                     "{", "[", "]", "}", "- ", ":", "#", "@", "`", "\t", "---", "...", "<<: *a", "\ufeff"]),
)
_LINE = st.one_of(
    st.builds(lambda indent, key, value: f"{' ' * indent}{key}: {value}", st.integers(0, 6), _KEY, _SCALAR),
    st.builds(lambda indent, value: f"{' ' * indent}- {value}", st.integers(0, 6), _SCALAR),
    st.builds(lambda key, items: f"{key}: [{', '.join(items)}]", _KEY, st.lists(_SCALAR, max_size=4)),
    st.builds(lambda key, pairs: f"{key}: {{{', '.join(f'{k}: {v}' for k, v in pairs)}}}", _KEY,
              st.lists(st.tuples(_KEY, _SCALAR), max_size=3)),
    _SCALAR,
    st.just(""),
    st.sampled_from(["# commentaar", "---", "...", "\t- tab", "%YAML 1.1"]),
)
YAMLISH = st.lists(_LINE, max_size=25).map("\n".join)


@given(YAMLISH, st.text(max_size=200), st.sampled_from(KINDS))
def test_split_of_yamlish_front_matter_gives_a_draft_or_problems(front: str, body: str, kind: str) -> None:
    draft = check_split(f"---\n{front}\n---\n{body}", kind)
    if draft is not None:
        meta, problems = validate(draft, VOCABULARY)
        assert (meta is None) == bool(problems)
        check_problems(problems)


@given(YAMLISH)
def test_load_yaml_gives_data_or_a_located_problem(text: str) -> None:
    data, lines, problems = load_yaml(text, PATH, 2)
    check_problems(problems)
    assert all(p.line >= 2 for p in problems)
    if problems:
        assert data is None


# -- validation: schema.validate on any nested data --------------------------------------------------

_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(GOOD_VALUES), st.dates(), st.datetimes(), st.text(max_size=700), URLS,
)
_DICT_KEY = st.one_of(st.sampled_from(FIELDS), st.text(max_size=10), st.integers(), st.none(), st.booleans(),
                      st.dates(), st.floats(allow_nan=False))
DATA = st.recursive(
    _LEAF,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(_DICT_KEY, children, max_size=8)),
    max_leaves=40,
)
FRONT_MATTER = st.dictionaries(st.sampled_from(FIELDS), DATA, max_size=len(FIELDS)) | st.dictionaries(
    _DICT_KEY, DATA, max_size=6)


@given(FRONT_MATTER, st.sampled_from(KINDS))
def test_validate_gives_metadata_or_problems(meta: dict[Any, Any], kind: str) -> None:
    draft = Draft(PATH, kind, meta, {}, "", 1)
    result, problems = validate(draft, VOCABULARY)
    assert (result is None) == bool(problems)
    check_problems(problems)
    if result is not None:
        assert isinstance(result, {"stories": StoryMeta, "lessons": LessonMeta, "pages": PageMeta}[kind])


def story_like() -> st.SearchStrategy[dict[str, Any]]:
    """Front matter shaped like a story, with any value anywhere: reaches the inner validators."""
    actor = st.fixed_dictionaries({"id": st.sampled_from(["bewoners", "gemeente"]) | DATA, "name": DATA,
                                   "type": st.sampled_from(["gemeente", "bewonersinitiatief"]) | DATA,
                                   "roles": st.just(["financier"]) | DATA})
    return st.fixed_dictionaries({
        "title": DATA, "summary": DATA, "date": st.dates() | DATA,
        "place": st.fixed_dictionaries({"name": DATA, "scale": st.just("dorp") | DATA,
                                        "anonymised": st.booleans() | DATA}) | DATA,
        "actors": st.lists(actor, max_size=4) | DATA,
        "relations": st.lists(st.fixed_dictionaries({"from": DATA | st.just("gemeente"),
                                                     "to": DATA | st.just("bewoners"),
                                                     "kind": st.just("financiert") | DATA}), max_size=3) | DATA,
        "themes": st.just(["eigen-regie"]) | DATA,
        "outcomes": st.lists(st.fixed_dictionaries({"type": st.just("initiatief-gestart") | DATA, "text": DATA})) | DATA,
        "lessons": st.lists(st.fixed_dictionaries({"text": DATA, "themes": st.just(["eigen-regie"]) | DATA})) | DATA,
    }, optional={"sources": st.lists(st.fixed_dictionaries({"title": DATA}, optional={"url": URLS | DATA, "date": DATA})) | DATA,
                 "period": DATA, "contributors": DATA, "status": DATA, "lang": DATA})


@given(story_like())
def test_validate_of_story_shaped_data_gives_metadata_or_problems(meta: dict[str, Any]) -> None:
    test_validate_gives_metadata_or_problems.hypothesis.inner_test(meta, "stories")


def valid_story() -> dict[str, Any]:
    draft, problems = split(Source(PATH, "stories", (MINI / "content" / "stories" / "buurtmoestuin.md").read_text(
        encoding="utf-8")))
    assert draft is not None and not problems
    return draft.meta


def _paths(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Give the path of every value in nested data, containers included."""
    found = [at]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, at + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, at + (index,))
    return found


VALID_STORY = valid_story()
STORY_PATHS = [p for p in _paths(VALID_STORY) if p] + [("sources",), ("sources", 0, "url"), ("period",),
                                                        ("place", "municipality"), ("status",), ("lang",)]


def _put(data: Any, at: tuple[Any, ...], value: Any) -> Any:
    """Give a copy of ``data`` with the value at path ``at`` replaced (made when missing)."""
    if not at:
        return value
    head, rest = at[0], at[1:]
    if isinstance(data, list) and isinstance(head, int):
        copy = list(data) + [{}] * (head + 1 - len(data))
        copy[head] = _put(copy[head], rest, value)
        return copy
    copy = dict(data) if isinstance(data, dict) else {}
    copy[head] = _put(copy.get(head, [] if rest and isinstance(rest[0], int) else {}), rest, value)
    return copy


@given(st.sampled_from(STORY_PATHS), st.one_of(URLS, DATA))
def test_any_value_in_any_field_of_a_valid_story_gives_metadata_or_problems(at: tuple[Any, ...], value: Any) -> None:
    meta = _put(VALID_STORY, at, value)
    test_validate_gives_metadata_or_problems.hypothesis.inner_test(meta, "stories")


@given(URLS | st.text(max_size=40))
def test_a_source_url_of_any_text_is_an_address_or_a_problem(url: str) -> None:
    meta = _put(VALID_STORY, ("sources",), [{"title": "Bron", "url": url}])
    test_validate_gives_metadata_or_problems.hypothesis.inner_test(meta, "stories")


# -- Markdown: render and sanitise any text ----------------------------------------------------------

_MD_PIECES = st.sampled_from([
    "<script>alert(1)</script>", "<SCRIPT>", "</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">", "<a href='", "</a>", "[x](", "](", ")", "[r]: ", "javascript:", "JaVaScRiPt:",
    "data:text/html,", "vbscript:", "&#106;", "&#x6A;", "&colon;", "&#9;", "\t", "\n", "\n\n", "<!--", "-->",
    "<style>", "<iframe ", "<q cite=\"", "<td style=\"", "text-align:", "expression(", "<details open ontoggle=",
    "\" onmouseover=\"", "' onfocus='", "<math>", "<noscript>", "<template>", "<table>", "| a | b |\n|---|---|\n",
    "```\n", "`", "*", "_", "#", "## ", "> ", "- ", "1. ", "<", ">", "\"", "'", "=", "/", "\\", "\x00", "\u202e",
    "https://example.org/", "www.example.org", "mail@example.org", "dorpshuis.md", "../stories/x.md#kop",
    "<h2 id=\"", "<ol start=\"", "<th scope=\"", "onclick=", "formaction=", "<form action=", "<base href=",
])
MARKDOWNISH = st.lists(st.one_of(_MD_PIECES, URLS, st.text(max_size=12)), max_size=40).map("".join)
TARGETS = {"content/stories/dorpshuis.md": "/verhalen/dorpshuis/", "content/stories/x.md": "/verhalen/x/"}
URL_ATTRIBUTES = ("href", "src", "cite", "action", "formaction", "data", "xlink:href")


def check_render(body: str) -> None:
    rendered, problems = render(body, PATH, 5, TARGETS)
    check_problems(problems)
    assert {p.code for p in problems} <= {"broken_link", "image_unsupported"}
    html = str(rendered.html)
    assert "<script" not in html.lower()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Beautiful Soup warns when a fragment looks like a URL or a file name
        soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED_TAGS or (tag.name == "div" and tag.get("class") == ["table-wrap"]), tag.name
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), (name, html)
            if name in URL_ATTRIBUTES:
                assert url_allowed(value), (name, value)
            if name == "style":
                assert re.fullmatch(r"text-align:(left|center|right)", value), value
    assert not re.search(r"<[^>]*\son\w+\s*=", html, re.IGNORECASE), html


@given(st.text(max_size=2000))
def test_render_of_any_text_is_sanitised(body: str) -> None:
    check_render(body)


@given(MARKDOWNISH)
def test_render_of_hostile_looking_text_is_sanitised(body: str) -> None:
    check_render(body)


# -- what else reads untrusted text ---------------------------------------------------------------------

SVG_TAGS = {"svg", "title", "desc", "defs", "marker", "path", "g", "rect", "text", "tspan"}


@given(st.lists(st.tuples(st.text(max_size=5), st.text(max_size=80), st.text(max_size=30)), max_size=5),
       st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.text(max_size=60)), max_size=6),
       st.text(max_size=200), st.text(max_size=20))
def test_the_role_diagram_is_well_formed_svg_for_any_text(actors, relations, title: str, prefix: str) -> None:
    nodes = [Node(ident, name, label, "#ffffff") for ident, name, label in actors]
    ids = [ident for ident, _, _ in actors] or ["x"]
    edges = [Edge(ids[s % len(ids)], ids[t % len(ids)], label) for s, t, label in relations]
    svg = role_diagram(nodes, edges, title=title, desc="beschrijving", id_prefix=prefix)
    root = ET.fromstring(svg)  # well-formed XML: no text escaped into markup
    names = {element.tag.split("}")[-1] for element in root.iter()}
    assert names <= SVG_TAGS
    assert not any(key.lower().startswith("on") for element in root.iter() for key in element.attrib)


@given(st.text(max_size=100))
def test_slugs_and_paths_stay_inside_the_site(text: str) -> None:
    slug = slugify(text)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|", slug)
    assume(slug)
    urls = Urls("https://example.org/sub/")
    for path in (urls.story(slug), urls.lesson(slug), urls.page(slug)):
        out = Path("/site") / urls.output_path(path)
        assert Path("/site") in out.parents and ".." not in out.parts


@given(st.text(max_size=500))
def test_site_toml_of_any_text_gives_a_config_or_problems(text: str) -> None:
    config, problems = parse_config(text)
    check_problems(problems)
    assert config.per_page >= 1 and config.max_file_bytes >= 1


@given(st.dictionaries(st.sampled_from(["base_url", "repository", "title", "language", "per_page",
                                        "max_file_bytes", "output_dir"]), URLS | st.integers(), max_size=7).map(
    lambda d: "\n".join(f"{k} = {_toml(v)}" for k, v in d.items())))
def test_site_toml_with_any_addresses_gives_a_config_or_problems(text: str) -> None:
    config, problems = parse_config(text)
    check_problems(problems)


def _toml(value: object) -> str:
    if isinstance(value, int):
        return str(value)
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\U{ord(c):08x}" for c in str(value)) + '"'


@given(st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), DATA, max_size=6).map(
    lambda d: "\n".join(f"{k}: {v!r}" for k, v in d.items())))
def test_site_toml_of_python_reprs_gives_a_config_or_problems(text: str) -> None:
    config, problems = parse_config(text.replace("None", '""'))
    check_problems(problems)


@given(YAMLISH)
def test_the_vocabulary_of_any_yaml_gives_lists_or_problems(text: str) -> None:
    vocabulary, problems = parse_vocabulary(text)
    check_problems(problems)


def test_the_profile_is_chosen_by_environment() -> None:
    assert settings.default.max_examples == (5_000 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 200)
    assert settings.default.deadline is None
    assert dt.date.today()  # the module imports stay used


# -- what the fuzzing found, kept as plain examples -----------------------------------------------------

MALFORMED_URLS = ["http://[", "https://[::1", "http://ex[a]mple.org", "https://\uff03x", "https://x:99999/",
                  "https://x:port/", "https://@/", "https://"]


@pytest.mark.parametrize("url", MALFORMED_URLS)
def test_a_malformed_source_url_is_a_problem_not_a_crash(url: str) -> None:
    meta = _put(VALID_STORY, ("sources",), [{"title": "Bron", "url": url}])
    result, problems = validate(Draft(PATH, "stories", meta, {}, "", 1), VOCABULARY)
    assert result is None
    assert [(p.field, p.code) for p in problems] == [("sources[0].url", "bad_url")]


@pytest.mark.parametrize("url", MALFORMED_URLS)
def test_a_malformed_address_in_site_toml_is_a_problem_not_a_crash(url: str) -> None:
    config, problems = parse_config(f'base_url = "{url}"\nrepository = "{url}"\n')
    assert [(p.field, p.code) for p in problems] == [("base_url", "bad_base_url"), ("repository", "bad_url")]
    assert config.base_url == "http://127.0.0.1:8000/"


@pytest.mark.parametrize("href", ["http://[", "//[x.md", "http://[::1/x.md"])
def test_a_malformed_link_is_no_content_file(href: str) -> None:
    assert content_target(href, PATH) is None


@pytest.mark.parametrize("stories, index", [("[0, 0]", 1), ("[1, 2, 1]", 2), ("[ 'a', a ]", 1), ("[2.5, '2.5']", 1)])
def test_a_repeated_story_written_as_a_number_or_padded_is_a_duplicate_not_a_crash(stories: str, index: int) -> None:
    draft = check_split(f"---\ntitle: T\nsummary: S\ndate: 2024-01-01\nstories: {stories}\nthemes: [eigen-regie]\n---\n",
                        "lessons")
    meta, problems = validate(draft, VOCABULARY)
    assert [(p.field, p.code) for p in problems] == [(f"stories[{index}]", "duplicate_value")]

"""Reading content files: bytes to text, text to front matter with lines and a body, files found on disk."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from samenspel.content import Draft, Source, _timestamp, decode, load_yaml, split
from samenspel.project import discover, read_sources

from .conftest import located

PATH = "content/stories/x.md"

STORY = """\
---
title: "De buurtmoestuin"
date: 2024-05-01
place:
  name: een wijk
  scale: wijk
actors:
  - id: bewoners
    type: bewonersinitiatief
    roles: [initiatiefnemer]
  - id: gemeente
    name: "De gemeente"
    type: gemeente
    roles:
      - financier
      - meedenker
themes: [eigen-regie, ruimte-bieden]
---

## Hoe het begon

Een paar buren.
"""


def draft_of(text: str, kind: str = "stories") -> Draft:
    draft, problems = split(Source(PATH, kind, text))
    assert problems == [], [p.text() for p in problems]
    assert draft is not None
    return draft


def problems_of(text: str) -> list[tuple[int, str, str]]:
    draft, problems = split(Source(PATH, "stories", text))
    assert draft is None
    return [(p.line, p.field, p.code) for p in problems]


# -- split: front matter, lines and body ------------------------------------------

def test_split_gives_the_front_matter_as_data() -> None:
    draft = draft_of(STORY)
    assert draft.path == PATH
    assert draft.kind == "stories"
    assert draft.meta["title"] == "De buurtmoestuin"
    assert draft.meta["actors"][1]["roles"] == ["financier", "meedenker"]
    assert draft.meta["themes"] == ["eigen-regie", "ruimte-bieden"]


@pytest.mark.parametrize("field, line", [
    (("title",), 2),
    (("date",), 3),
    (("place",), 4),
    (("place", "scale"), 6),
    (("actors",), 7),
    (("actors", 0), 8),
    (("actors", 0, "roles", 0), 10),
    (("actors", 1), 11),
    (("actors", 1, "name"), 12),
    (("actors", 1, "type"), 13),
    (("actors", 1, "roles"), 14),
    (("actors", 1, "roles", 0), 15),
    (("actors", 1, "roles", 1), 16),
    (("themes", 1), 17),
])
def test_a_value_on_line_n_of_the_file_reports_line_n(field: tuple[str | int, ...], line: int) -> None:
    assert draft_of(STORY).line(field) == line


@pytest.mark.parametrize("field, line", [
    (("actors", 0, "name"), 8),      # absent key: the line of its list item
    (("actors", 5), 7),              # absent item: the line of the list
    (("place", "province"), 4),
    (("nothing",), 2),               # absent top-level field: where the fields start
])
def test_a_missing_value_reports_the_line_of_its_nearest_parent(field: tuple[str | int, ...], line: int) -> None:
    assert draft_of(STORY).line(field) == line


def test_the_body_starts_after_the_closing_fence_and_one_blank_line() -> None:
    draft = draft_of(STORY)
    assert draft.body == "## Hoe het begon\n\nEen paar buren.\n"
    assert draft.body_line == 20
    assert STORY.splitlines()[draft.body_line - 1] == "## Hoe het begon"


def test_a_blank_line_after_the_opening_fence_shifts_every_line() -> None:
    draft = draft_of("---\n\ntitle: x\nplace:\n  name: y\n---\nBody\n")
    assert draft.line(("title",)) == 3
    assert draft.line(("place", "name")) == 5
    assert draft.body == "Body\n"
    assert draft.body_line == 7


@pytest.mark.parametrize("text, body_line", [
    ("---\ntitle: x\n---\n", 4),
    ("---\ntitle: x\n---", 3),
])
def test_front_matter_without_a_body_is_fine(text: str, body_line: int) -> None:
    draft = draft_of(text)
    assert draft.meta == {"title": "x"}
    assert draft.body == ""
    assert draft.body_line == body_line


def test_empty_front_matter_gives_no_fields() -> None:
    draft = draft_of("---\n---\nBody\n")
    assert draft.meta == {}
    assert draft.body == "Body\n"
    assert draft.body_line == 3


def test_a_rule_in_the_body_is_not_a_fence() -> None:
    draft = draft_of("---\ntitle: x\n---\n\nBoven\n\n---\n\nOnder\n")
    assert draft.meta == {"title": "x"}
    assert draft.body == "Boven\n\n---\n\nOnder\n"


# -- decode: bytes to text ----------------------------------------------------------

@pytest.mark.parametrize("data", [
    STORY.encode("utf-8"),
    b"\xef\xbb\xbf" + STORY.encode("utf-8"),
    STORY.replace("\n", "\r\n").encode("utf-8"),
    b"\xef\xbb\xbf" + STORY.replace("\n", "\r\n").encode("utf-8"),
    STORY.replace("\n", "\r").encode("utf-8"),
], ids=["lf", "bom", "crlf", "bom-crlf", "cr"])
def test_bom_and_crlf_give_the_same_draft_as_plain_lf(data: bytes) -> None:
    text, problems = decode(PATH, data)
    assert problems == []
    assert text == STORY
    assert draft_of(text) == draft_of(STORY)


def test_decode_keeps_non_ascii_text() -> None:
    text, problems = decode(PATH, "---\ntitle: Café één\n---\n".encode())
    assert problems == []
    assert text == "---\ntitle: Café één\n---\n"


def test_invalid_utf8_reports_the_byte_offset_and_line() -> None:
    data = b"---\ntitle: x\nsummary: caf\xe9\n---\n"
    text, problems = decode(PATH, data)
    assert text is None
    [p] = problems
    assert (p.path, p.line, p.field, p.code, p.hint) == (PATH, 3, "", "not_utf8", "hint_utf8")
    assert data.index(b"\xe9") == 25
    assert p.text("nl") == f"{PATH}:3: het bestand is geen geldige UTF-8 (bij byte 25) — sla het bestand op als UTF-8 in je editor"
    assert p.text("en") == f"{PATH}:3: the file is not valid UTF-8 (at byte 25) — save the file as UTF-8 in your editor"


@pytest.mark.parametrize("data, line", [
    (b"\xef\xbb\xbf---\n\ntitle: caf\xe9\n---\n", 3),
    (b"\xef\xbb\xbf\n\n\xe9\n", 3),
], ids=["same-line", "other-line"])
def test_invalid_utf8_after_a_bom_reports_the_offset_and_line_in_the_file(data: bytes, line: int) -> None:
    _, [p] = decode(PATH, data)
    assert (p.line, dict(p.params)["offset"]) == (line, str(data.index(b"\xe9")))


def test_a_file_over_the_limit_reports_its_size_and_the_limit() -> None:
    text, problems = decode(PATH, b"x" * 101, limit=100)
    assert text is None
    [p] = problems
    assert (p.path, p.line, p.code, p.hint) == (PATH, 0, "too_large", "hint_split")
    assert p.text("nl") == f"{PATH}: het bestand is 101 bytes, meer dan de grens van 100 bytes — splits het verhaal op of haal grote stukken weg"


def test_a_file_exactly_at_the_limit_is_read() -> None:
    text, problems = decode(PATH, b"x" * 100, limit=100)
    assert (text, problems) == ("x" * 100, [])


# -- split: files that are not front matter plus body -------------------------------

@pytest.mark.parametrize("text, code, hint", [
    ("", "empty_file", "hint_front_matter"),
    ("  \n\n\t\n", "empty_file", "hint_front_matter"),
    ("Alleen tekst\n", "no_front_matter", "hint_front_matter"),
    ("Titel\n---\ntitle: x\n---\n", "no_front_matter", "hint_front_matter"),
    ("---\ntitle: x\nsummary: y\n", "unclosed_front_matter", "hint_close_front_matter"),
    ("---\n- a\n- b\n---\n", "not_a_mapping", "hint_front_matter"),
    ("---\nalleen een zin\n---\n", "not_a_mapping", "hint_front_matter"),
    ("---\n42\n---\n", "not_a_mapping", "hint_front_matter"),
])
def test_a_file_without_usable_front_matter_is_one_problem_on_line_1(text: str, code: str, hint: str) -> None:
    draft, problems = split(Source(PATH, "stories", text))
    assert draft is None
    assert [(p.path, p.line, p.field, p.code, p.hint) for p in problems] == [(PATH, 1, "", code, hint)]


@pytest.mark.parametrize("text, what", [
    ("---\n- a\n---\n", "niet een lijst"),
    ("---\nalleen een zin\n---\n", "niet tekst ('alleen een zin')"),
    ("---\n42\n---\n", "niet een getal (42)"),
])
def test_front_matter_that_is_not_fields_says_what_it_is(text: str, what: str) -> None:
    _, [p] = split(Source(PATH, "stories", text))
    assert f"de front matter moet bestaan uit velden ('naam: waarde'), {what} — " in p.text("nl")


@pytest.mark.parametrize("text, line, code, reason", [
    # A line indented too far continues the value above it: the line above is where to look.
    ("---\ntitle: x\n  summary: y\n---\n", 2, "yaml_indent_after", "mapping values are not allowed"),
    ("---\ntitle: x\n\tsummary: y\n---\n", 3, "yaml_tab", "tab"),
    ("---\ntitle: x\nthemes: [a, b\n---\n", 3, "yaml_bracket", "expected"),
    ('---\ntitle: "abc\ndate: 2024-01-01\n---\n', 2, "yaml_quote", "end of stream"),
    ("---\n\ntitle: x\ndate: 2024\n  bad: y\n---\n", 4, "yaml_indent_after", "mapping values are not allowed"),
    ("---\ntitle: x\nnote: Afspraak: de bewoners beslissen\n---\n", 3, "yaml_colon", "mapping values"),
    ("---\ntitle: 'Opa's tuin'\n---\n", 2, "yaml_after_quote", "expected key"),
    ("---\nplace:\n    name: a\n  scale: b\n---\n", 4, "yaml_indent", "expected key"),
    ("---\ntitle:x\nsummary: y\n---\n", 2, "yaml_space", "mapping values"),
    ("---\nactors:\n  -id: a\n  - id: b\n---\n", 3, "yaml_dash", "expected key"),
    ("---\ntitle: @thuis\n---\n", 2, "yaml_reserved", "cannot start any token"),
    ("---\ntitle: | x\n---\n", 2, "yaml_error", "expected comment or line break"),  # no common mistake
])
def test_a_yaml_syntax_error_points_at_the_line_where_the_mistake_starts(text: str, line: int, code: str,
                                                                         reason: str) -> None:
    draft, [p] = split(Source(PATH, "stories", text))
    assert draft is None
    assert (p.path, p.line, p.field, p.code) == (PATH, line, "", code)
    hints = {"yaml_error": "hint_yaml", "yaml_after_quote": "hint_yaml_inner_quote"}
    assert p.hint == hints.get(code, "hint_" + code)
    assert reason in dict(p.params)["error"]
    assert p.text("nl").startswith(f"{PATH}:{line}: YAML kan niet gelezen worden: ")


def test_a_yaml_syntax_error_says_the_other_checks_follow_once_it_is_fixed() -> None:
    # One syntax error hides the rest of the file's problems: say so, so a contributor expects another round.
    for text in ("---\ntitle: x\nthemes: [a, b\n---\n", "---\na: b: c\n---\n", "---\n- a\nb: c\n---\n",
                 "---\na: &x [*x]\n---\n"):
        _, [p] = split(Source(PATH, "stories", text))
        assert p.code.startswith("yaml_"), text
        assert p.text("nl").endswith(" — de andere controles van dit bestand volgen als dit is opgelost"), text
        assert p.text("en").endswith(" — the file's other checks follow once this is fixed"), text


def test_the_explanation_is_in_dutch_and_english_with_the_reader_s_words_as_a_detail() -> None:
    text = '---\ntitle: "Een dorp\nsummary: "Wie wilde wat?"\n---\n'
    _, [p] = split(Source(PATH, "stories", text))
    assert p.text("nl") == (
        f"{PATH}:2: YAML kan niet gelezen worden: de tekst tussen aanhalingstekens die op deze regel begint, "
        "wordt niet goed afgesloten (de YAML-lezer liep vast op regel 3: did not find expected key) — zet aan het "
        "eind van de tekst, op dezelfde regel, hetzelfde aanhalingsteken als aan het begin; gebruik binnen de tekst "
        "het andere soort: \"Het motto was 'samen eten'.\""
        " — de andere controles van dit bestand volgen als dit is opgelost")
    assert p.text("en").startswith(f"{PATH}:2: YAML cannot be read: the quoted text that starts on this line is "
                                   "not closed properly (the YAML reader got stuck at line 3: did not find expected key)")


def test_quotes_inside_a_block_text_or_over_several_lines_are_no_mistake() -> None:
    text = '---\nnote: |\n  "Hallo," zei ze\ntitle: "twee\n  regels"\nthemes: [a\n---\n'
    _, [p] = split(Source(PATH, "stories", text))
    assert (p.line, p.code) == (6, "yaml_bracket")


@pytest.mark.parametrize("tag", [
    "!!python/object:os.system {}",
    "!!python/object/apply:os.system ['echo gehackt']",
    "!!python/name:os.system",
])
def test_python_tags_are_refused(tag: str) -> None:
    draft, problems = split(Source(PATH, "stories", f"---\ntitle: x\nfoo: {tag}\n---\n"))
    assert draft is None
    assert [(p.line, p.code) for p in problems] == [(3, "yaml_error")]
    assert "python/" in dict(problems[0].params)["error"]


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "---\n" + "\n".join(lines) + "\n---\n"


@pytest.mark.parametrize("text", [
    billion_laughs(),
    "---\ndeep: " + "[" * 100 + "]" * 100 + "\n---\n",
    "---\ndeep: " + "{a: " * 100 + "}" * 100 + "\n---\n",
])
def test_alias_bombs_and_deep_nesting_are_refused_quickly(text: str) -> None:
    start = time.monotonic()
    draft, problems = split(Source(PATH, "stories", text))
    assert time.monotonic() - start < 5
    assert draft is None
    [p] = problems
    assert (p.path, p.line, p.code, p.hint) == (PATH, 2, "yaml_too_complex", "hint_yaml_simple")
    assert p.text("en") == (f"{PATH}:2: the YAML is nested too deeply or uses too many aliases — write the values out"
                            " plainly — the file's other checks follow once this is fixed")


def test_very_deep_nesting_is_a_problem_not_a_crash() -> None:
    draft, [p] = split(Source(PATH, "stories", "---\ndeep: " + "[" * 5000 + "]" * 5000 + "\n---\n"))
    assert draft is None
    assert (p.path, p.line) == (PATH, 2)
    assert p.code in ("yaml_too_complex", "yaml_error")  # libyaml itself stops at 1000 levels


def test_a_few_aliases_are_fine() -> None:
    draft = draft_of("---\nthemes: &t [eigen-regie]\nlessons:\n  - {text: a, themes: *t}\n---\n")
    assert draft.meta["lessons"][0]["themes"] == ["eigen-regie"]


def test_load_yaml_counts_lines_from_the_given_first_line() -> None:
    data, lines, problems = load_yaml("a: 1\nb:\n  - x\n  - y\n", "content/vocabulary.yml", 10)
    assert problems == []
    assert data == {"a": 1, "b": ["x", "y"]}
    assert lines[("a",)] == 10
    assert lines[("b", 1)] == 13


def test_load_yaml_of_nothing_is_none_without_problems() -> None:
    assert load_yaml("# alleen commentaar\n", "x.yml") == (None, {}, [])


# -- keys: each written once, each a name --------------------------------------------

@pytest.mark.parametrize("text, line, field, shown, name, first", [
    ("---\ntitle: a\nsummary: b\ntitle: c\n---\n", 4, "title", ("title", "title"), "title", 2),
    ("---\nplace:\n  name: a\n  scale: dorp\n  name: b\n---\n", 5, "place.name", ("place.name", "place.name"), "name", 3),
    ("---\nactors:\n  - id: a\n    roles: [x]\n  - id: b\n    id: c\n---\n", 6, "actors[1].id",
     ("2e actor (actors[1].id)", "2nd actor (actors[1].id)"), "id", 5),
    ("---\nlessons:\n  - {text: a, themes: [x], text: b}\n---\n", 3, "lessons[0].text",
     ("1e les (lessons[0].text)", "1st lesson (lessons[0].text)"), "text", 3),
    ("---\ntitle: a\n'title': b\n---\n", 3, "title", ("title", "title"), "title", 2),
])
def test_a_key_written_twice_is_a_problem_at_the_second_naming_the_first(
    text: str, line: int, field: str, shown: tuple[str, str], name: str, first: int,
) -> None:
    draft, problems = split(Source(PATH, "stories", text))
    assert draft is None
    assert located(problems) == [(PATH, line, field, "duplicate_key", "hint_duplicate_key")]
    assert problems[0].text("nl").startswith(f"{PATH}:{line}: {shown[0]}: het veld '{name}' staat er al op regel {first} — ")
    assert problems[0].text("en").startswith(f"{PATH}:{line}: {shown[1]}: the field '{name}' is already given on line {first}")


def test_every_key_written_twice_is_named_at_any_depth() -> None:
    text = "---\ntitle: a\ntitle: b\nplace:\n  name: x\n  name: y\ntitle: c\n---\n"
    _, problems = split(Source(PATH, "stories", text))
    assert [(p.line, p.field, dict(p.params)["other"]) for p in problems] == [
        (3, "title", "2"), (6, "place.name", "5"), (7, "title", "2")]


def test_a_merge_key_may_be_overridden_without_a_problem() -> None:
    draft = draft_of("---\nbase: &b {name: a, scale: dorp}\nplace:\n  <<: *b\n  name: b\n---\n")
    assert draft.meta["place"] == {"name": "b", "scale": "dorp"}


@pytest.mark.parametrize("key, got_nl, got_en", [
    ("null", "niets", "nothing"),
    ("~", "niets", "nothing"),
    ("true", "ja/nee", "true/false"),
    ("no", "ja/nee", "true/false"),
    ("1", "een getal", "a number"),
    ("2.5", "een getal", "a number"),
    ("2024-01-01", "een datum", "a date"),
    ("[a, b]", "een lijst", "a list"),
    ("{a: 1}", "velden", "fields"),
    ("!!binary aGk=", "binaire gegevens (!!binary)", "binary data (!!binary)"),
])
def test_a_key_that_is_no_name_is_a_problem_on_its_own_line(key: str, got_nl: str, got_en: str) -> None:
    text = "---\ntitle: x\n" + "".join(f"veld{n}: y\n" for n in range(36)) + f"{key}: z\n---\n"
    draft, problems = split(Source(PATH, "stories", text))
    assert draft is None
    assert located(problems) == [(PATH, 39, "", "key_not_name", "hint_key_name")]
    assert problems[0].text("nl") == (
        f"{PATH}:39: de sleutel '{key}' is geen naam maar {got_nl} — schrijf een veldnaam als tekst, bijvoorbeeld title:")
    assert problems[0].text("en") == (
        f"{PATH}:39: the key '{key}' is not a name but {got_en} — write a field name as text, for example title:")


def test_true_and_1_are_two_keys_never_merged() -> None:
    _, problems = split(Source(PATH, "stories", "---\ntitle: x\ntrue: a\n1: b\nplace:\n  null: c\n---\n"))
    assert [(p.line, p.field, dict(p.params)["key"]) for p in problems] == [(3, "", "true"), (4, "", "1"),
                                                                             (6, "place", "null")]


@pytest.mark.parametrize("key", ["'true'", '"1"', "!!str 5", "'null'"])
def test_a_quoted_key_is_a_name(key: str) -> None:
    assert len(draft_of(f"---\n{key}: x\n---\n").meta) == 1


# -- discover and read_sources ------------------------------------------------------

def touch(root: Path, rel: str, text: str = "---\ntitle: x\n---\n") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for rel in [
        "content/stories/b.md", "content/stories/a.md", "content/stories/sub/c.md",
        "content/stories/_concept.md", "content/stories/.verborgen.md", "content/stories/_oud/d.md",
        "content/stories/notities.txt", "content/stories/e.markdown", "content/stories/_oud/F.MD",
        "content/pages/over.md", "content/lessons/les.md", "content/other/z.md", "z.md",
    ]:
        touch(root, rel)
    outside = touch(tmp_path, "elders/geheim.md")
    (root / "content/stories/link.md").symlink_to(outside)
    (root / "content/stories/map").symlink_to(outside.parent, target_is_directory=True)
    (root / "content/stories/map.md").mkdir()
    return root


def test_discover_gives_markdown_files_sorted_by_kind_and_path(tree: Path) -> None:
    assert [(rel, kind) for rel, kind, _ in discover(tree)] == [
        ("content/stories/a.md", "stories"),
        ("content/stories/b.md", "stories"),
        ("content/stories/sub/c.md", "stories"),
        ("content/lessons/les.md", "lessons"),
        ("content/pages/over.md", "pages"),
    ]


@pytest.mark.parametrize("name, suggestion", [("VERHAAL.MD", "VERHAAL.md"), ("x.Md", "x.md"), ("sub/y.mD", "y.md")])
def test_a_content_file_with_md_in_capitals_is_a_problem_saying_how_to_rename_it(
    tree: Path, name: str, suggestion: str,
) -> None:
    touch(tree, f"content/stories/{name}")
    assert f"content/stories/{name}" not in [rel for rel, _, _ in discover(tree)]
    _, problems = read_sources(tree)
    assert located(problems) == [(f"content/stories/{name}", 0, "", "misnamed_file", "hint_rename_md")]
    suffix = name[-3:]
    assert problems[0].text("nl") == (f"content/stories/{name}: dit bestand wordt niet gelezen: de extensie is "
                                      f"'{suffix}', niet '.md' — hernoem het naar '{suggestion}'")


def test_discover_gives_the_file_to_read(tree: Path) -> None:
    for rel, _, file in discover(tree):
        assert file == tree / rel


def test_discover_without_content_finds_nothing(tmp_path: Path) -> None:
    assert list(discover(tmp_path)) == []


def test_read_sources_gives_text_and_problems(tree: Path) -> None:
    (tree / "content/stories/b.md").write_bytes(b"\xef\xbb\xbf---\r\ntitle: b\r\n---\r\n")
    (tree / "content/stories/sub/c.md").write_bytes(b"---\ntitle: \xff\n---\n")
    sources, problems = read_sources(tree)
    assert [s.path for s in sources] == [
        "content/stories/a.md", "content/stories/b.md", "content/lessons/les.md", "content/pages/over.md",
    ]
    assert sources[1] == Source("content/stories/b.md", "stories", "---\ntitle: b\n---\n")
    assert [(p.path, p.line, p.code) for p in problems] == [("content/stories/sub/c.md", 2, "not_utf8")]


def test_read_sources_applies_the_size_limit(tree: Path) -> None:
    touch(tree, "content/stories/a.md", "---\ntitle: " + "x" * 100 + "\n---\n")
    sources, problems = read_sources(tree, limit=50)
    assert "content/stories/a.md" not in [s.path for s in sources]
    assert [(p.path, p.code) for p in problems] == [("content/stories/a.md", "too_large")]


def test_an_unreadable_file_is_reported_as_a_read_problem(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "a.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    sources, [p] = read_sources(tree)
    assert "content/stories/a.md" not in [s.path for s in sources]
    assert (p.path, p.line, p.code, p.hint) == ("content/stories/a.md", 0, "read_error", "hint_read")
    assert "Permission denied" in p.text("en")
    assert "write" not in p.text("en")
    assert "schrijven" not in p.text("nl")


@pytest.mark.parametrize("text", [
    "title: Tekst\ndate: 2024-03-05\nwhen: 2024-02-30\nstamp: 2024-03-05 10:00:00\n",
    "n: 12\nf: 1.5\nhex: 0x1F\nja: true\nnee: off\nnothing: null\ntilde: ~\nempty:\nquoted: '12'\n",
    "lijst: [a, 1, 2.0, false, null, 2024-01-01]\ngenest:\n  - {a: 1, b: [x, y]}\n  - - diep\n    - dieper\n",
    "tekst: |\n  twee\n  regels\nplooi: >\n  een\n  regel\n",
    "anker: &a {x: 1, y: [1, 2]}\nverwijzing: *a\n",
    "basis: &b {x: 1}\nsamen:\n  <<: *b\n  y: 2\n",
    "set: !!set {a, b}\nbin: !!binary aGFsbG8=\nstr: !!str 12\n",
    "- een\n- twee\n",
    "gewoon tekst\n",
    "{}\n",
])
def test_the_data_made_while_walking_is_what_pyyaml_makes(text: str) -> None:
    for _ in range(2):  # the second time with the tags of plain values from content's table
        data, _, problems = load_yaml(text, "t.yml")
        assert problems == []
        assert data == yaml.load(text, Loader=Reference)  # noqa: S506 (a safe loader)
        assert type(data) is type(yaml.load(text, Loader=Reference))  # noqa: S506


class Reference(yaml.CSafeLoader):
    """PyYAML's own safe loader with our rule for impossible dates, without content.SafeLoader's tag table."""


Reference.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)  # type: ignore[type-var]


@pytest.mark.parametrize("text", ["ok: !!bool misschien\n", "ok: !!timestamp hallo\n", "ok: !!int\n",
                                  "ok: !!float ''\n", "a: !!int x\nb: 1\nb: 2\n"])
def test_a_value_its_tag_cannot_be_is_a_located_problem(text: str) -> None:
    data, _, problems = load_yaml(text, "t.yml")
    assert data is None and problems  # a problem with its line, never a traceback
    assert all(p.line >= 1 and (p.code.startswith("yaml_") or p.code == "duplicate_key") for p in problems)

"""One rule for all text: NFC everywhere, and control characters refused (or, from a body's
character references, removed) so that none reaches a built file."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from samenspel.config import parse_config
from samenspel.content import Source, decode, split
from samenspel.markdown import render
from samenspel.pipeline import build
from samenspel.project import read_sources
from samenspel.schema import validate
from samenspel.text import first_control, normal, without_controls
from samenspel.vocabulary import parse_vocabulary

from .conftest import MINI, located, write_story

STORY = (MINI / "content" / "stories" / "dorpshuis.md").read_text(encoding="utf-8")
PATH = "content/stories/dorpshuis.md"
VOCABULARY, _ = parse_vocabulary((MINI / "content" / "vocabulary.yml").read_text(encoding="utf-8"))
# ESC, NUL, BEL, DEL and a C1 control (CSI), each as YAML writes it in a double-quoted string.
CONTROLS = [("\\e", "\\u001b"), ("\\0", "\\u0000"), ("\\a", "\\u0007"), ("\\x7f", "\\u007f"), ("\\x9b", "\\u009b")]
# Every byte of the class, as it would stand in a UTF-8 file: C0 but tab and newline, DEL, C1.
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def control_bytes(folder: Path) -> list[tuple[str, bytes]]:
    """Give each built file below ``folder`` that holds a control byte, with the first one."""
    found = []
    for file in sorted(folder.rglob("*")):
        if file.is_file() and file.relative_to(folder).parts[0] != "pagefind":  # #11: the search index is binary
            match = CONTROL_BYTES.search(file.read_bytes())
            if match:
                found.append((file.relative_to(folder).as_posix(), match.group()))
    return found


def replaced(old: str, new: str, text: str = STORY) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# -- the rule itself ------------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\r", "\x1b", "\x1f", "\x7f", "\x80",
                                  "\x85", "\x9b", "\x9f"])
def test_c0_del_and_c1_controls_are_control_characters(char: str) -> None:
    assert first_control(f"a{char}b") == f"\\u{ord(char):04x}"
    assert without_controls(f"a{char}b") == "ab"


@pytest.mark.parametrize("text", ["tab\there", "new\nline", "Café één", "\u202egnp.exe", "\u00a0", "\u200b", "😀"])
def test_tab_newline_and_other_text_are_not(text: str) -> None:
    assert first_control(text) is None
    assert without_controls(text) == text


def test_normal_gives_nfc() -> None:
    assert normal("Cafe\u0301 e\u0301e\u0301n") == "Café één"
    assert normal("Café") == "Café"


# -- written straight into a file: refused where it stands ---------------------------------------

# Each edge of the ranges too: decode looks at the bytes first (a C1 control is two of them in UTF-8).
@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x7f", "\x85", "\x9b", "\x01", "\x08", "\x0b", "\x1f", "\x80",
                                  "\x9f"])
def test_a_control_character_written_into_a_file_is_a_problem_on_its_line(char: str) -> None:
    data = f"---\ntitle: x\n---\n\nBegin.\n\nTekst met {char} erin.\n".encode()
    text, problems = decode(PATH, data)
    assert text is None
    assert located(problems) == [(PATH, 7, "", "control_char", "hint_control_char")]
    assert problems[0].text("nl") == (
        f"{PATH}:7: de tekst bevat het stuurteken \\u{ord(char):04x}, dat niet op een pagina mag — haal het weg; "
        "het komt vaak mee bij kopiëren en plakken, of staat er als escape zoals \\e, \\a of \\u001b")


@pytest.mark.parametrize("text", ["Gewoon\r\nWindows", "Café, één, \u00a0en \u00a0\u00ff", "ok \u0100\u0180\u2028"])
def test_text_near_the_control_bytes_is_no_problem(text: str) -> None:
    """Carriage returns become newlines; letters whose UTF-8 is near a C1 control's (0xC2 0x80-0x9F) are text."""
    data = f"---\ntitle: x\n---\n\n{text}\n".encode()
    found, problems = decode(PATH, data)
    assert problems == [] and found is not None and "\r" not in found


def test_each_line_with_a_control_character_is_named_once() -> None:
    _, problems = decode(PATH, b"---\ntitle: \x1b\x1b\n---\n\nok\n\x07\x07 en \x1b\n")
    assert [(p.line, dict(p.params)["char"]) for p in problems] == [(2, "\\u001b"), (6, "\\u0007")]


def test_nul_suggests_utf16_and_is_named_once() -> None:
    _, problems = decode(PATH, "---\ntitle: x\n---\n".encode("utf-16-le"))
    assert located(problems) == [(PATH, 1, "", "control_char", "hint_utf16")]


def test_decode_gives_nfc_text() -> None:
    text, problems = decode(PATH, "---\ntitle: Cafe\u0301\n---\nE\u0301e\u0301n.\n".encode())
    assert problems == []
    assert text == "---\ntitle: Café\n---\nÉén.\n"


def test_tabs_and_line_ends_stay_allowed() -> None:
    text, problems = decode(PATH, b"---\ntitle: x\r\n---\r\n\n\tcode\rmeer\n")
    assert problems == []
    assert text == "---\ntitle: x\n---\n\n\tcode\nmeer\n"


# -- front matter: refused with file, line and field ----------------------------------------------

def problems_in(text: str) -> list:
    draft, problems = split(Source(PATH, "stories", text))
    assert problems == [] and draft is not None, [p.text() for p in problems]
    meta, problems = validate(draft, VOCABULARY)
    assert meta is None
    return problems


@pytest.mark.parametrize("escape, shown", CONTROLS)
@pytest.mark.parametrize("old, new, line, field, place", [
    ('title: "Het dorpshuis"', 'title: "Het {c}dorpshuis"', 2, "title", ("title", "title")),
    ('summary: "Een welzijnsorganisatie', 'summary: "Een {c}welzijnsorganisatie', 3, "summary", ("summary", "summary")),
    ('name: "Dorpsbewoners"', 'name: "Dorps{c}bewoners"', 11, "actors[0].name",
     ("1e actor (actors[0].name)", "1st actor (actors[0].name)")),
    ('text: "Het dorpshuis kreeg', 'text: "Het dorpshuis{c} kreeg', 25, "outcomes[0].text",
     ("1e uitkomst (outcomes[0].text)", "1st outcome (outcomes[0].text)")),
    ('name: een dorp', 'name: "een dorp{c}"', 6, "place.name", ("place.name", "place.name")),
])
def test_a_control_character_in_front_matter_is_a_located_problem(
    escape: str, shown: str, old: str, new: str, line: int, field: str, place: tuple[str, str],
) -> None:
    problems = problems_in(replaced(old, new.format(c=escape)))
    assert located(problems) == [(PATH, line, field, "control_char", "hint_control_char")]
    assert problems[0].text("nl").startswith(f"{PATH}:{line}: {place[0]}: de tekst bevat het stuurteken {shown}, ")
    assert problems[0].text("en").startswith(f"{PATH}:{line}: {place[1]}: the text contains the control character {shown}, ")


def test_a_control_character_at_the_edge_is_not_stripped_away() -> None:
    # str.strip() counts \x1c-\x1f and \x85 as white space: they must be found first.
    problems = problems_in(replaced('title: "Het dorpshuis"', 'title: "Het dorpshuis\\x1f"'))
    assert located(problems) == [(PATH, 2, "title", "control_char", "hint_control_char")]


def test_a_tab_or_newline_in_front_matter_is_fine() -> None:
    text = replaced('title: "Het dorpshuis"', 'title: "Het\\tdorps-\\nhuis"')
    draft, _ = split(Source(PATH, "stories", text))
    assert draft is not None
    _, problems = validate(draft, VOCABULARY)
    assert problems == []


def test_an_nfd_title_written_as_yaml_escapes_is_nfc() -> None:
    draft, _ = split(Source(PATH, "stories", replaced('title: "Het dorpshuis"', 'title: "Het cafe\\u0301"')))
    assert draft is not None
    meta, problems = validate(draft, VOCABULARY)
    assert problems == [] and meta is not None
    assert meta.title == "Het café"  # type: ignore[union-attr]


# -- the vocabulary and site.toml follow the same rule -----------------------------------------------

@pytest.mark.parametrize("old, new, field", [
    ("label: {nl: Bewonersinitiatief,", 'label: {nl: "Bewoners\\einitiatief",', "actor_types[0].label.nl"),
    ("label: {nl: Bewonersinitiatief, en: Resident initiative}", 'label: "\\x85Bewoners"', "actor_types[0].label"),
    ("{nl: Bewoners die samen iets starten.,", '{nl: "\\aBewoners die samen iets starten.",',
     "actor_types[0].description.nl"),
    ("synonyms: [bewoners]", 'synonyms: ["bewo\\0ners"]', "actor_types[0].synonyms[0]"),
])
def test_a_control_character_in_the_vocabulary_is_a_located_problem(old: str, new: str, field: str) -> None:
    small = (MINI / "content" / "vocabulary.yml").read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(small.splitlines(), 1) if old in row)
    _, problems = parse_vocabulary(replaced(old, new, small))
    assert located(problems) == [("content/vocabulary.yml", line, field, "control_char", "hint_control_char")]


def test_vocabulary_labels_are_nfc() -> None:
    small = (MINI / "content" / "vocabulary.yml").read_text(encoding="utf-8")
    vocabulary, problems = parse_vocabulary(replaced("{nl: Bewonersinitiatief,", '{nl: "Cafe\\u0301",', small))
    assert problems == []
    assert vocabulary.terms("actor_types")[0].label_in("nl") == "Café"


@pytest.mark.parametrize("value, shown", [('"a\\u001bb"', "\\u001b"), ('"\\u0007"', "\\u0007"),
                                          ('"x\\u007f"', "\\u007f"), ('"x\\u0085"', "\\u0085"),
                                          ('"x\\u0000"', "\\u0000")])
def test_a_control_character_in_site_toml_is_a_located_problem(value: str, shown: str) -> None:
    config, problems = parse_config(f'base_url = "https://example.org/"\ntagline = {value}\n')
    assert located(problems) == [("site.toml", 2, "tagline", "control_char", "hint_control_char")]
    assert dict(problems[0].params)["char"] == shown
    assert config.tagline == ""


def test_site_toml_text_is_nfc() -> None:
    config, problems = parse_config('title = "Cafe\\u0301"\n')
    assert problems == []
    assert config.title == "Café"


# -- a body: character references to control characters are removed ---------------------------------

@pytest.mark.parametrize("body", ["a &#12; b", "a &#x0C; b", "<abbr title=\"x&#27;[2J\">a  b</abbr>",
                                  "<p title=\"&#1;\">a  b</p>", "<details><summary>&#7;</summary>a  b</details>"])
def test_a_character_reference_to_a_control_character_is_removed(body: str) -> None:
    rendered, problems = render(body, PATH, 1, {})
    assert problems == []
    assert first_control(str(rendered.html)) is None
    assert "a  b" in str(rendered.html)


# -- end to end: nothing of the class reaches a built file ----------------------------------------------

def hostile_story() -> str:
    """The dorpshuis story with each control character in the title, summary, an actor's name and the body."""
    text = STORY
    for (escape, _), (old, new) in zip(CONTROLS, [
        ('title: "Het dorpshuis"', 'title: "Het {c}dorpshuis"'),
        ('summary: "Een welzijnsorganisatie', 'summary: "Een {c}welzijnsorganisatie'),
        ('name: "Dorpsbewoners"', 'name: "Dorps{c}bewoners"'),
        ('name: "De welzijnsorganisatie"', 'name: "De {c}welzijnsorganisatie"'),
        ('text: "Spreek af', 'text: "{c}Spreek af'),
    ], strict=True):
        text = replaced(old, new.format(c=escape), text)
    return text + "\nBegin \x1b[2J.\n\nEen bel \x07 en \x9b\x7f.\n"


def test_control_characters_in_every_field_stop_the_build_with_located_problems(project: Path) -> None:
    write_story(project, "dorpshuis.md", hostile_story())
    result = build(project)
    assert not result.written and not (project / "site").exists()
    # The raw ones in the body are refused when the file is read, before its front matter is looked at
    # (the lesson that names the story then names a story that is not there).
    assert [p for p in located(result.problems) if p[0] == PATH] == [
        (PATH, 33, "", "control_char", "hint_control_char"),
        (PATH, 35, "", "control_char", "hint_control_char"),
    ]
    write_story(project, "dorpshuis.md", hostile_story().split("\nBegin")[0] + "\n")
    result = build(project)
    assert not result.written
    assert [(p.path, p.line, p.field, p.code, dict(p.params).get("char")) for p in result.problems
            if p.path == PATH] == [
        (PATH, 2, "title", "control_char", "\\u001b"),
        (PATH, 3, "summary", "control_char", "\\u0000"),
        (PATH, 11, "actors[0].name", "control_char", "\\u0007"),
        (PATH, 15, "actors[1].name", "control_char", "\\u007f"),
        (PATH, 27, "lessons[0].text", "control_char", "\\u009b"),
    ]


def test_fixed_content_and_character_references_build_without_a_control_byte(project: Path) -> None:
    body = "\nBegin &#27;[2J.\n\nEen bel &#7; &#12; <abbr title=\"&#27;[8m&#155;\">x</abbr> &#x85; &#127;.\n"
    write_story(project, "dorpshuis.md", STORY + body)
    result = build(project)
    assert result.written, [p.text() for p in result.problems]
    assert control_bytes(project / "site") == []


def test_an_nfd_title_and_file_name_are_published_nfc(project: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Het café in Één")
    write_story(project, unicodedata.normalize("NFD", "café.md"), replaced('title: "Het dorpshuis"', f'title: "{nfd}"'))
    sources, _ = read_sources(project)
    assert "content/stories/café.md" in [s.path for s in sources]
    result = build(project)
    assert result.written, [p.text() for p in result.problems]
    page = (project / "site" / "verhalen" / "cafe" / "index.html").read_text(encoding="utf-8")
    assert "Het café in Één" in page
    assert nfd not in page
    pages = "".join(f.read_text(encoding="utf-8") for f in (project / "site").rglob("*.html"))
    assert unicodedata.normalize("NFC", pages) == pages


def test_an_nfd_and_an_nfc_file_name_clash(project: Path) -> None:
    write_story(project, "café.md", STORY)
    write_story(project, unicodedata.normalize("NFD", "café.md"), STORY)
    result = build(project)
    assert not result.written
    assert ("content/stories/café.md", 0, "", "same_name", "hint_rename") in located(result.problems)
    assert {p.path for p in result.problems} == {"content/stories/café.md"}

"""Bad input files, end to end through the command line: a located problem, exit 1, never a traceback."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samenspel.config import MAX_FILE_BYTES, Config, parse_config
from samenspel.pipeline import build
from samenspel.project import read_sources

from .conftest import REPO, snapshot, write_story

STORY = (REPO / "tests" / "fixtures" / "mini" / "content" / "stories" / "dorpshuis.md").read_text(encoding="utf-8")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "CI": "true", "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]})


def build_fails_with(project: Path, *expected: str) -> str:
    """Build with the CLI; check it exits 1 without a traceback or a site, naming each expected text."""
    done = run("build", "--root", str(project))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / "site").exists()
    for text in expected:
        assert text in done.stderr
    return done.stderr


# -- YAML: safe loading and its limits ----------------------------------------------------

@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:subprocess.check_output [['touch', '{marker}']]",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:__main__.Kwaad {{}}",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
])
def test_python_tags_are_refused_with_their_line_and_nothing_runs(project: Path, tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "gehackt"
    write_story(project, "kwaad.md", "---\ntitle: Kwaad\nsummary: " + tag.format(marker=marker) + "\n---\n\nTekst.\n")
    stderr = build_fails_with(project, "content/stories/kwaad.md:3: YAML kan niet gelezen worden: ")
    assert "python/" in stderr
    assert not marker.exists()


def billion_laughs(levels: int = 10, width: int = 10) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]" for n in range(1, levels)]
    return "---\n" + "\n".join(lines) + "\n---\n"


@pytest.mark.parametrize("front", [
    billion_laughs(),
    "---\ntitle: &a [*a]\n---\n",  # an alias inside its own anchor: a cycle
    "---\ntitle: &a {x: *a}\n---\n",
    "---\ntitle: " + "[" * 200_000 + "]" * 200_000 + "\n---\n",
    "---\ntitle: " + "{a: " * 50_000 + "}" * 50_000 + "\n---\n",
])
def test_alias_bombs_cycles_and_deep_nesting_stop_quickly(project: Path, front: str) -> None:
    write_story(project, "bom.md", front + "\nTekst.\n")
    start = time.monotonic()
    stderr = build_fails_with(project, "content/stories/bom.md:2: ")
    assert time.monotonic() - start < 30
    assert "YAML" in stderr


# -- size, encoding, line ends ------------------------------------------------------------

def test_a_file_over_one_megabyte_is_a_problem_naming_size_and_limit(project: Path) -> None:
    text = STORY + "x" * (MAX_FILE_BYTES - len(STORY.encode()) + 1)
    write_story(project, "groot.md", text)
    build_fails_with(project, f"content/stories/groot.md: het bestand is {MAX_FILE_BYTES + 1} bytes, "
                              f"meer dan de grens van {MAX_FILE_BYTES} bytes")


def test_a_file_of_exactly_one_megabyte_is_read(project: Path) -> None:
    text = STORY + "x" * (MAX_FILE_BYTES - len(STORY.encode()))
    write_story(project, "groot.md", text)
    assert build(project).written


@pytest.mark.parametrize("value, limit", [("2000", 2000), ("1", 1), ("5_000_000", 5_000_000)])
def test_max_file_bytes_is_a_setting(value: str, limit: int) -> None:
    config, problems = parse_config(f'title = "T"\nmax_file_bytes = {value}\n')
    assert problems == []
    assert config.max_file_bytes == limit
    assert Config().max_file_bytes == MAX_FILE_BYTES == 1_000_000


@pytest.mark.parametrize("value", ["0", "-1", '"1MB"', "1.5", "true"])
def test_max_file_bytes_must_be_a_positive_whole_number(value: str) -> None:
    config, problems = parse_config(f'title = "T"\nmax_file_bytes = {value}\n')
    assert [(p.line, p.field, p.code) for p in problems] == [(2, "max_file_bytes", "bad_int")]
    assert config.max_file_bytes == MAX_FILE_BYTES


def test_read_sources_applies_the_configured_limit(project: Path) -> None:
    config, _ = parse_config('max_file_bytes = 2000\n')
    write_story(project, "lang.md", STORY + "x" * 2000)
    _, problems = read_sources(project, config.max_file_bytes)
    assert [(p.path, p.code) for p in problems] == [("content/stories/lang.md", "too_large")]


def test_the_build_applies_the_configured_limit(project: Path) -> None:
    with (project / "site.toml").open("a", encoding="utf-8") as f:
        f.write("max_file_bytes = 2000\n")
    write_story(project, "lang.md", STORY + "x" * 2000)
    result = build(project)
    assert [(p.path, p.code) for p in result.problems] == [("content/stories/lang.md", "too_large")]


@pytest.mark.parametrize("data, bad", [
    (STORY.encode().replace(b"Het dorpshuis moest", b"Het caf\xe9 moest"), b"\xe9"),  # Latin-1 in the body
    (b"\xef\xbb\xbf" + STORY.encode().replace(b"dorp\n", b"dorp\xff\n", 1), b"\xff"),  # after a BOM, counted in
    (STORY.encode()[:40] + b"\xc3(" + STORY.encode()[40:], b"\xc3("),  # a broken two-byte sequence
])
def test_a_file_that_is_not_utf8_names_the_file_line_and_byte(project: Path, data: bytes, bad: bytes) -> None:
    (project / "content" / "stories" / "latin1.md").write_bytes(data)
    offset = data.index(bad)
    line = data[:offset].count(b"\n") + 1
    build_fails_with(project, f"content/stories/latin1.md:{line}: het bestand is geen geldige UTF-8 (bij byte {offset})"
                              " — sla het bestand op als UTF-8 in je editor")


@pytest.mark.parametrize("transform", [
    lambda b: b"\xef\xbb\xbf" + b,
    lambda b: b.replace(b"\n", b"\r\n"),
    lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"),
    lambda b: b.replace(b"\n", b"\r"),
], ids=["bom", "crlf", "bom-crlf", "cr"])
def test_bom_and_windows_line_ends_build_the_same_site(project: Path, tmp_path: Path, transform) -> None:
    assert build(project, tmp_path / "lf").written
    story = project / "content" / "stories" / "dorpshuis.md"
    story.write_bytes(transform(story.read_bytes()))
    done = run("build", "--root", str(project), "--out", str(tmp_path / "other"))
    assert done.returncode == 0, done.stderr
    assert snapshot(tmp_path / "other") == snapshot(tmp_path / "lf")


@pytest.mark.parametrize("text, expected", [
    ("", "content/stories/kapot.md:1: het bestand is leeg — zet op de eerste regel '---'"),
    ("\n\n  \n", "content/stories/kapot.md:1: het bestand is leeg"),
    ("\ufeff", "content/stories/kapot.md:1: het bestand is leeg"),  # only a BOM
    ("---\ntitle: x\nsummary: y\n", "content/stories/kapot.md:1: de front matter wordt niet afgesloten"
                                    " — ben je de afsluitende regel '---' vergeten?"),
    ("---\ntitle: x\n--\n\nTekst.\n", "content/stories/kapot.md:1: de front matter wordt niet afgesloten"),
    ("title: x\n---\n", "content/stories/kapot.md:1: het bestand begint niet met front matter"),
    ("\n---\ntitle: x\n---\n", "content/stories/kapot.md:1: het bestand begint niet met front matter"),
    ("---\n- a\n- b\n---\n", "content/stories/kapot.md:1: de front matter moet bestaan uit velden"),
    ("---\n---\n", "content/stories/kapot.md:1: dit veld ontbreekt — voeg 'title:' toe"),
])
def test_broken_files_are_one_clear_problem(project: Path, text: str, expected: str) -> None:
    (project / "content" / "stories" / "kapot.md").write_bytes(text.encode("utf-8"))
    build_fails_with(project, expected)


def test_files_with_only_front_matter_build(project: Path) -> None:
    story = project / "content" / "stories" / "dorpshuis.md"
    story.write_text(story.read_text(encoding="utf-8").split("\n---\n")[0] + "\n---\n", encoding="utf-8")
    (project / "content" / "pages" / "leeg.md").write_text("---\ntitle: Leeg\n---", encoding="utf-8")
    done = run("build", "--root", str(project))
    assert done.returncode == 0, done.stderr
    assert (project / "site" / "leeg" / "index.html").is_file()
    assert (project / "site" / "verhalen" / "dorpshuis" / "index.html").is_file()


def test_every_problem_at_once_still_no_traceback(project: Path) -> None:
    """Many kinds of broken file together: each one is named, the build writes nothing."""
    stories = project / "content" / "stories"
    (stories / "leeg.md").write_bytes(b"")
    (stories / "latin1.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    (stories / "open.md").write_text("---\ntitle: x\n", encoding="utf-8")
    (stories / "kwaad.md").write_text("---\ntitle: !!python/name:os.system\n---\n", encoding="utf-8")
    (stories / "groot.md").write_bytes(b"---\n" + b"#" * MAX_FILE_BYTES + b"\n---\n")
    stderr = build_fails_with(project, "leeg.md:1", "latin1.md:2", "open.md:1", "kwaad.md:2", "groot.md: ")
    assert os.linesep.join(line for line in stderr.splitlines() if line.startswith("content/")).count("content/") == 5


def test_control_characters_in_names_and_values_cannot_rewrite_the_terminal(project: Path) -> None:
    """Problems quote file names, keys and values from content: escape sequences show as text."""
    story = STORY.replace("date: 2023-02-10", 'date: "\\e]0;gehackt\\a\\e[2J\\r\\u202egnp.exe"\n"kl\\e[31meur": rood', 1)
    write_story(project, "kleur\x1b[8m.md", story)
    stderr = build_fails_with(project, "content/stories/kleur\\u001b[8m.md:4: ",
                              "'\\u001b]0;gehackt\\u0007\\u001b[2J\\r\\u202egnp.exe' is geen datum",
                              "kl\\u001b[31meur: onbekend veld")
    assert not any(c in stderr for c in "\x1b\x07\r\u202e")

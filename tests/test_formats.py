"""check --format github and json: annotations escaped by GitHub's rules, every problem in the
job summary (also beyond GitHub's ten annotations), and a stable JSON list."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from samenspel.errors import problem
from samenspel.formats import as_json, escape_data, escape_property, github_annotation, step_summary

from .conftest import REPO, write_story
from .test_cli import BROKEN

THEME = problem("content/stories/kapot.md", 19, "themes[0]", "unknown_term", "hint_term_suggestion",
                value="eigen-regi", kind="@kind_themes", suggestion="eigen-regie", choices="eigen-regie")


def test_an_error_is_an_annotation_on_its_file_and_line() -> None:
    assert github_annotation(THEME, "nl") == (
        "::error file=content/stories/kapot.md,line=19,title=Samenspel-controle%3A themes[0]::"
        "'eigen-regi' is geen bekende waarde voor thema — bedoelde je 'eigen-regie'?")


def test_a_warning_without_a_line_is_an_annotation_on_the_file() -> None:
    item = problem("content/stories/x.md", 0, "", "image_unsupported", "hint_image", warning=True, value="foto")
    assert github_annotation(item, "en").startswith("::warning file=content/stories/x.md,title=Samenspel check::")


@pytest.mark.parametrize("text, data, prop", [
    ("100%", "100%25", "100%25"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("a: b, c", "a: b, c", "a%3A b%2C c"),
    ("%0A", "%250A", "%250A"),  # an escape written in content stays text
])
def test_escaping_follows_github_s_rules(text: str, data: str, prop: str) -> None:
    assert (escape_data(text), escape_property(text)) == (data, prop)


def test_a_hostile_file_name_cannot_end_the_command_or_start_another() -> None:
    item = problem("content/stories/a,line=1::x\n::error::gehackt.md", 3, "", "empty_file", "hint_front_matter")
    line = github_annotation(item, "nl")
    assert "\n" not in line and line.count("::") == 2
    assert line.startswith("::error file=content/stories/a%2Cline=1%3A%3Ax%0A%3A%3Aerror%3A%3Agehackt.md,line=3,")


def test_the_summary_is_a_dutch_table_of_every_problem() -> None:
    items = [problem(f"content/stories/s{i:02}.md", i + 1, "title", "empty_text", "hint_fill") for i in range(12)]
    items.append(problem("content/stories/z.md", 4, "note", "bad_url", "hint_url", warning=True, value="a|b\nc<i>"))
    text = step_summary(items, "nl")
    lines = text.splitlines()
    assert lines[0] == "### Controle van de inhoud" and lines[2] == "12 problemen, 1 waarschuwing"
    assert lines[4] == "| Bestand | Regel | Veld | Soort | Wat er niet klopt | Zo los je het op |"
    rows = [line for line in lines if line.startswith("| content/")]
    assert len(rows) == 13 and rows[11].startswith("| content/stories/s11.md | 12 | title | probleem | mag niet leeg zijn |")
    assert rows[12] == ("| content/stories/z.md | 4 | note | waarschuwing | 'a\\|b\\\\nc&lt;i&gt;' is geen webadres "
                        "| begin met https:// of http:// |")
    assert all(row.count(" | ") == 5 for row in rows)


def test_a_clean_check_says_so_in_the_summary() -> None:
    assert "Alles in orde" in step_summary([], "nl")


def test_json_is_a_stable_list() -> None:
    warning = problem("content/stories/x.md", 0, "", "image_unsupported", "hint_image", warning=True, value="foto")
    assert json.loads(as_json([THEME, warning], "nl")) == [
        {"file": "content/stories/kapot.md", "line": 19, "field": "themes[0]", "code": "unknown_term",
         "severity": "error", "message": "'eigen-regi' is geen bekende waarde voor thema",
         "hint": "bedoelde je 'eigen-regie'?"},
        {"file": "content/stories/x.md", "line": 0, "field": "", "code": "image_unsupported", "severity": "warning",
         "message": "een afbeelding van een andere site wordt niet getoond; alleen de alt-tekst 'foto' komt op de"
                    " pagina",
         "hint": "zet het bestand naast het verhaal en schrijf ![wat je ziet](foto.jpg); of beschrijf in de tekst"
                 " wat de afbeelding laat zien"},
    ]


def check(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build.py"), "check", "--root", str(project), *args],
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "CI": "true", "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"], **(env or {})})


def test_check_format_github_prints_annotations_and_fills_the_summary(project: Path, tmp_path: Path) -> None:
    write_story(project, "kapot.md", BROKEN)
    summary = tmp_path / "summary.md"
    summary.write_text("eerdere stap\n", encoding="utf-8")
    done = check(project, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "::error file=content/stories/kapot.md,line=10,title=Samenspel-controle%3A actors[0].roles::verwacht een "
        "lijst, maar kreeg tekst ('initiatiefnemer') — schrijf een lijst als [a, b] of met '- ' op aparte regels",
        "::error file=content/stories/kapot.md,line=17,title=Samenspel-controle%3A relations[0].to::'bewoner' is geen "
        "actor in dit verhaal — bedoelde je 'bewoners'? Actoren: bewoners, gemeente",
        "::error file=content/stories/kapot.md,line=19,title=Samenspel-controle%3A themes[0]::'eigen-regi' is geen "
        "bekende waarde voor thema — bedoelde je 'eigen-regie'?",
    ]
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("eerdere stap\n### Controle van de inhoud\n")
    assert written.count("| content/stories/kapot.md |") == 3
    assert "3 problemen" in done.stderr.splitlines()[-1]


def test_check_format_json_prints_only_json_on_stdout(project: Path) -> None:
    write_story(project, "kapot.md", BROKEN)
    done = check(project, "--format", "json", "--lang", "en")
    assert done.returncode == 1
    rows = json.loads(done.stdout)
    assert [(r["file"], r["line"], r["code"]) for r in rows] == [
        ("content/stories/kapot.md", 10, "wrong_type"), ("content/stories/kapot.md", 17, "unknown_actor"),
        ("content/stories/kapot.md", 19, "unknown_term")]
    assert rows[2]["message"] == "'eigen-regi' is not a known theme"


def test_a_clean_project_gives_an_empty_list(project: Path) -> None:
    done = check(project, "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout) == []

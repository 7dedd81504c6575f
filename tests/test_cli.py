"""The command line as a user meets it: exit codes, messages, and nothing lost on failure."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from samenspel.cli import main

from .conftest import REPO, snapshot, write_story

BROKEN = """\
---
title: "Kapot verhaal"
summary: "Drie fouten tegelijk."
date: 2024-01-01
place: {name: een dorp, scale: dorp, anonymised: true}
actors:
  - id: bewoners
    name: "Bewoners"
    type: bewonersinitiatief
    roles: initiatiefnemer
  - id: gemeente
    name: "Gemeente"
    type: gemeente
    roles: [financier]
relations:
  - from: gemeente
    to: bewoner
    kind: financiert
themes: [eigen-regi]
outcomes:
  - {type: initiatief-gestart, text: "Iets."}
lessons:
  - {text: "Iets.", themes: [eigen-regie]}
---

Tekst.
"""


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "CI": "true", "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]})


def test_three_mistakes_give_three_located_problems_and_keep_the_site(project: Path) -> None:
    assert run("build", "--root", str(project)).returncode == 0
    before = snapshot(project / "site")
    write_story(project, "kapot.md", BROKEN)

    done = run("build", "--root", str(project))

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("content/")]
    assert lines == [
        "content/stories/kapot.md:10: 1e actor (actors[0].roles): verwacht een lijst, maar kreeg tekst ('initiatiefnemer')"
        " — schrijf een lijst als [a, b] of met '- ' op aparte regels",
        "content/stories/kapot.md:17: 1e relatie (relations[0].to): 'bewoner' is geen actor in dit verhaal"
        " — bedoelde je 'bewoners'? Actoren: bewoners, gemeente",
        "content/stories/kapot.md:19: 1e thema (themes[0]): 'eigen-regi' is geen bekende waarde voor thema"
        " — bedoelde je 'eigen-regie'?",
    ]
    assert "3 problemen" in done.stderr.splitlines()[-1]
    assert snapshot(project / "site") == before


def test_messages_in_english(project: Path) -> None:
    write_story(project, "kapot.md", BROKEN)
    done = run("check", "--root", str(project), "--lang", "en")
    assert done.returncode == 1
    assert "content/stories/kapot.md:19: 1st theme (themes[0]): 'eigen-regi' is not a known theme — did you mean 'eigen-regie'?" in done.stderr


def test_check_writes_nothing(project: Path) -> None:
    done = run("check", "--root", str(project))
    assert done.returncode == 0, done.stderr
    assert not (project / "site").exists()
    assert done.stderr.strip().splitlines()[-1].startswith("check: ")


@pytest.mark.parametrize("text, expected", [
    ("---\ntitle: [unclosed\n---\n", "content/stories/kapot.md:2: YAML kan niet gelezen worden"),
    ("", "content/stories/kapot.md:1: het bestand is leeg"),
    ("---\ntitle: x\n", "content/stories/kapot.md:1: de front matter wordt niet afgesloten"),
    ("Alleen tekst\n", "content/stories/kapot.md:1: het bestand begint niet met front matter"),
])
def test_unreadable_files_are_reported_not_raised(project: Path, text: str, expected: str) -> None:
    write_story(project, "kapot.md", text)
    done = run("build", "--root", str(project))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert expected in done.stderr


def test_help_and_usage_errors() -> None:
    for command in ("build", "check", "serve"):
        done = run(command, "--help")
        assert done.returncode == 0 and "usage:" in done.stdout
    assert run("bouw").returncode == 2
    assert run().returncode == 2
    assert run("build", "--root", "/nonexistent/samenspel").returncode == 2


def test_main_returns_exit_codes_in_process(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(project)]) == 0
    write_story(project, "kapot.md", BROKEN)
    assert main(["check", "--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "kapot.md:17" in err


def test_sub_path_base_url_override(project: Path, tmp_path: Path) -> None:
    done = run("build", "--root", str(project), "--out", str(tmp_path / "out"), "--base-url", "https://x.org/a/b/")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="/a/b/verhalen/"' in html


@pytest.mark.parametrize("base_url", ["https://x.org/a?x=1", "https://x.org/a/#top", "x.org/a/"])
def test_a_base_url_option_with_a_query_fragment_or_no_host_is_a_usage_error(project: Path, base_url: str) -> None:
    done = run("build", "--root", str(project), "--base-url", base_url)
    assert done.returncode == 2
    assert done.stderr.startswith(f"--base-url: '{base_url}' ")
    assert "Traceback" not in done.stderr and not (project / "site").exists()


def test_timings_print_every_stage_and_the_total(project: Path) -> None:
    done = run("build", "--root", str(project), "--timings", "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    after = lines[lines.index("Time per stage") + 1:]
    table = after[:next(i for i, line in enumerate(after) if line.split()[0] == "total") + 1]
    stages = [line.split()[0] for line in table]
    assert stages == ["read", "check", "plan", "images", "markdown", "related", "assemble", "plan", "render", "assets",
                      "write", "search", "total"]  # search indexing reported apart (#9)
    seconds = [float(line.split()[-2]) for line in table]
    assert all(s >= 0 for s in seconds) and abs(sum(seconds[:-1]) - seconds[-1]) < 0.01
    # then each process's peak memory, the search index's apart (#9)
    memory = after[after.index("Memory (peak)") + 1:]
    assert [line.rsplit(None, 2)[0].strip() for line in memory][:2] == ["build", "worker processes"]
    assert all(line.endswith(" MiB") and float(line.split()[-2]) >= 0 for line in memory)


def test_a_build_names_the_drafts_it_left_out_and_how_to_see_them(project: Path) -> None:
    done = run("build", "--root", str(project))
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert "  content/stories/concept-verhaal.md (concept)" in lines
    assert any("make serve" in line and "--drafts" in line for line in lines)
    assert lines[-1].endswith(", 1 niet gepubliceerd en niet gebouwd")
    assert run("build", "--root", str(project), "--drafts", "--out", str(project / "met-concepten")).stderr \
        .splitlines()[-1].endswith("0 waarschuwingen")


def test_check_names_a_problem_with_a_drafts_picture_and_fails(project: Path) -> None:
    draft = project / "content" / "stories" / "concept-verhaal.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "\n![Het dorpshuis](dorpshuis.jpg)\n", encoding="utf-8")
    line = draft.read_text(encoding="utf-8").split("\n").index("![Het dorpshuis](dorpshuis.jpg)") + 1
    done = run("check", "--root", str(project))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"content/stories/concept-verhaal.md:{line}: de afbeelding 'dorpshuis.jpg' is er niet" in done.stderr
    assert run("build", "--root", str(project)).returncode == 0  # a draft is not built, nor its pictures

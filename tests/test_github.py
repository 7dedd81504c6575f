"""The GitHub side: workflows and the issue form are valid for GitHub, run the README's make
commands and offer the vocabulary; from-issue turns an issue into a story or a list of what
is missing, and nothing from a hostile issue runs or lands outside content/stories."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from samenspel.cli import main
from samenspel.content import Source
from samenspel.contribute import READY_LABEL
from samenspel.issueform import FIELDS, sections, story_from_issue
from samenspel.pipeline import check_source, collect
from samenspel.project import read_project

from .conftest import REPO

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORM = GITHUB / "ISSUE_TEMPLATE" / "verhaal.yml"
VOCABULARY = read_project(REPO).vocabulary
TODAY = dt.date(2024, 3, 5)


def check_jsonschema() -> str:
    found = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    if not Path(found).is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("check-jsonschema is missing: install requirements/test.txt")
        pytest.skip("check-jsonschema is not installed (pip install -r requirements/test.txt)")
    return found


@pytest.mark.parametrize("schema, files", [
    ("vendor.github-workflows", WORKFLOWS),
    ("vendor.github-issue-forms", [FORM]),
])
def test_workflows_and_the_issue_form_are_valid_for_github(schema: str, files: list[Path]) -> None:
    assert files
    done = subprocess.run([check_jsonschema(), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflows_run_the_readme_s_make_commands_with_pinned_actions() -> None:
    targets = set(re.findall(r"^([a-z-]+):.*##", (REPO / "Makefile").read_text(encoding="utf-8"), re.MULTILINE))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for workflow in WORKFLOWS:
        steps = [s for job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values()
                 for s in job.get("steps", [])]
        for step in steps:
            if "run" in step:
                command = step["run"].split()
                assert command[0] == "make" and command[1] in targets, step["run"]
                assert f"make {command[1]}" in readme, f"README does not name 'make {command[1]}'"
            else:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]


def test_the_pull_request_workflow_checks_builds_and_keeps_the_site() -> None:
    flow = yaml.safe_load((GITHUB / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    runs = [s.get("run") or s["uses"] for s in flow["jobs"]["controle"]["steps"]]
    assert runs[2:] == ["make check FORMAT=github", "make build", "make links", "actions/upload-artifact@v4"]


def test_the_publish_workflow_builds_for_the_repository_s_sub_path() -> None:
    flow = yaml.safe_load((GITHUB / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    build = next(s for s in flow["jobs"]["bouwen"]["steps"] if "run" in s)
    assert build["run"] == 'make build BASE_URL="https://${OWNER,,}.github.io/${REPOSITORY}/"'
    assert build["env"] == {"OWNER": "${{ github.repository_owner }}",
                            "REPOSITORY": "${{ github.event.repository.name }}"}
    assert flow["jobs"]["publiceren"]["steps"][0]["uses"] == "actions/deploy-pages@v4"


def test_the_issue_form_asks_what_from_issue_reads_with_the_vocabulary_s_values() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if item["type"] != "markdown"}
    assert [(key, item["attributes"]["label"]) for key, item in fields.items()] == \
        [(key, label) for key, label, _ in FIELDS]
    for key, kind in (("scale", "place_scales"), ("themes", "themes"), ("outcome_type", "outcome_types")):
        assert fields[key]["attributes"]["options"] == list(VOCABULARY.keys(kind)), key
    for kind in ("actor_types", "roles", "relation_kinds"):
        assert all(k in FORM.read_text(encoding="utf-8") for k in VOCABULARY.keys(kind)), kind


ANSWERS = {
    "Titel": "Samen een buurttuin",
    "Samenvatting": "Bewoners wilden een tuin; de gemeente betaalde de eerste planten.",
    "Plek": "een wijk",
    "Schaal van de plek": "wijk",
    "Is de plek geanonimiseerd?": "ja",
    "Partijen": "bewoners | een groep bewoners | bewonersinitiatief | initiatiefnemer, trekker\n"
                "gemeente | de gemeente | gemeente | financier",
    "Relaties": "gemeente | financiert | bewoners | De gemeente betaalt de planten.",
    "Thema's": "eigen-regie, ruimte-bieden",
    "Soort uitkomst": "initiatief-gestart",
    "Wat kwam eruit?": "De tuin ligt er en de bewoners onderhouden hem.",
    "Lessen": "Begin klein en laat de bewoners kiezen.\nVraag geld pas als het plan staat. | plan-van-aanpak",
    "Het verhaal": "## Hoe het begon\n\nIn een wijk lag een kaal veldje.",
    "Privacy": "- [X] Er staan geen namen in.\n- [X] Ze weten ervan.\n- [X] Openbaar.",
}


def rendered(answers: dict[str, str]) -> str:
    """Give an issue body as GitHub renders an issue form's answers."""
    return "\n\n".join(f"### {label}\n\n{answers.get(label) or '_No response_'}" for _, label, _ in FIELDS) + "\n"


def test_a_complete_issue_becomes_a_story_that_check_accepts() -> None:
    path, text, missing = story_from_issue(rendered(ANSWERS), TODAY)
    assert (path, missing) == ("content/stories/samen-een-buurttuin.md", [])
    draft, meta, problems = check_source(Source(path, "stories", text), VOCABULARY)
    assert problems == [] and meta is not None
    assert meta.status == "ter-review" and meta.date == TODAY and meta.themes == ("eigen-regie", "ruimte-bieden")
    assert [lesson.themes for lesson in meta.lessons] == [("eigen-regie", "ruimte-bieden"), ("plan-van-aanpak",)]
    assert draft is not None and draft.body.startswith("## Hoe het begon")


def test_an_incomplete_issue_gives_the_list_of_what_is_missing() -> None:
    answers = {**ANSWERS, "Samenvatting": "", "Lessen": "", "Privacy": "- [X] Er staan geen namen in.\n- [ ] Ze weten ervan."}
    assert story_from_issue(rendered(answers), TODAY) == ("", "", ["Samenvatting", "Lessen", "Privacy"])


@pytest.mark.parametrize("title, slug", [
    ('Tuin"\n---\nstatus: gepubliceerd\n---\n', "tuin-status-gepubliceerd"),
    ("../../../etc/passwd", "etc-passwd"),
    ("/root/.ssh/authorized_keys", "root-ssh-authorized-keys"),
    ("{{ config }} {% include 'x' %} $(rm -rf /) `id`", "config-include-x-rm-rf-id"),
])
def test_a_hostile_title_stays_one_text_and_a_slug(title: str, slug: str) -> None:
    answers = {**ANSWERS, "Titel": title.replace("\n", " ")}
    path, text, missing = story_from_issue(rendered(answers), TODAY)
    assert missing == [] and path == f"content/stories/{slug}.md"
    _, meta, _ = check_source(Source(path, "stories", text), VOCABULARY)
    assert meta is not None and meta.title == " ".join(title.split()) and meta.status == "ter-review"


def test_yaml_in_any_answer_stays_text() -> None:
    injected = 'x"\nstatus: gepubliceerd\n!!python/object/apply:os.system ["id"]\n&a [*a]'
    answers = {**ANSWERS, "Samenvatting": injected, "Plek": "een wijk\nanonymised: false",
               "Partijen": ANSWERS["Partijen"].replace("een groep bewoners", "x: {y: !!binary aGk=}")}
    path, text, missing = story_from_issue(rendered(answers), TODAY)
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["status"] == "ter-review" and front["place"]["anonymised"] is True
    assert front["summary"] == " ".join(injected.split()) and front["place"]["name"] == "een wijk anonymised: false"
    assert front["actors"][0]["name"] == "x: {y: !!binary aGk=}"


def test_a_body_with_its_own_front_matter_is_only_the_story_s_text() -> None:
    answers = {**ANSWERS, "Het verhaal": "---\nstatus: gepubliceerd\n---\n### Titel\n\nniets"}
    path, text, _ = story_from_issue(rendered(answers), TODAY)
    assert sections(rendered(answers))["Titel"] == "Samen een buurttuin"  # the first answer counts
    _, meta, problems = check_source(Source(path, "stories", text), VOCABULARY)
    assert meta is not None and meta.status == "ter-review" and problems == []


def test_from_issue_writes_the_story_once_and_lists_what_is_missing(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "project"
    for name in ("content", "layouts", "assets"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    issue = tmp_path / "issue.md"
    issue.write_text(rendered({**ANSWERS, "Relaties": ""}), encoding="utf-8")
    assert main(["from-issue", str(issue), "--root", str(root)]) == 1
    assert "  - Relaties" in capsys.readouterr().err
    issue.write_text(rendered({**ANSWERS, "Thema's": "eigen-regi"}), encoding="utf-8")
    assert main(["from-issue", str(issue), "--root", str(root)]) == 1
    assert "themes[0]: 'eigen-regi' is geen bekende waarde voor thema" in capsys.readouterr().err
    assert not (root / "content" / "stories" / "samen-een-buurttuin.md").exists()
    issue.write_text(rendered(ANSWERS), encoding="utf-8")
    assert main(["from-issue", str(issue), "--root", str(root)]) == 0
    assert collect(root).problems == []
    assert main(["from-issue", str(issue), "--root", str(root)]) == 1  # never over an existing story
    assert "bestaat al" in capsys.readouterr().err


# -- the workflow that turns a labelled story issue into a pull request (#10) ------------------------

STORY_WORKFLOW = GITHUB / "workflows" / "verhaal-uit-issue.yml"
SCRIPT = REPO / "scripts" / "verhaal-uit-issue.sh"


def interpolated(workflow: dict[str, Any]) -> list[str]:
    """Give every `run:` of a workflow that has a ${{ … }} expression inside its command."""
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", [])
            if "run" in step and "${{" in step["run"]]


def test_no_workflow_puts_an_expression_inside_a_command() -> None:
    # An issue's title or body inside `run:` would be pasted into the shell: script injection.
    assert interpolated(yaml.safe_load('jobs: {a: {steps: [{run: "echo ${{ github.event.issue.body }}"}]}}'))
    for workflow in WORKFLOWS:
        assert interpolated(yaml.safe_load(workflow.read_text(encoding="utf-8"))) == [], workflow.name


def test_the_story_workflow_runs_on_the_label_with_only_the_rights_it_needs() -> None:
    flow = yaml.safe_load(STORY_WORKFLOW.read_text(encoding="utf-8"))
    assert flow[True] == {"issues": {"types": ["labeled"]}}  # YAML 1.1 reads the key 'on' as True
    assert flow["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    job = flow["jobs"]["verhaal"]
    assert job["if"] == f"github.event.label.name == '{READY_LABEL}'"
    step = job["steps"][-1]
    assert step["run"] == "make pull-request-from-issue"
    assert step["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert step["env"]["ISSUE_NUMBER"] == "${{ github.event.issue.number }}"
    assert f'label="{READY_LABEL}"' in SCRIPT.read_text(encoding="utf-8")
    for doc in ("README.md", "CONTRIBUTING.md"):
        assert READY_LABEL in (REPO / doc).read_text(encoding="utf-8"), doc
    dry = subprocess.run(["make", "-n", "pull-request-from-issue"], cwd=REPO, capture_output=True, text=True,
                         timeout=60)
    assert "bash scripts/verhaal-uit-issue.sh" in dry.stdout, dry.stdout + dry.stderr


def test_from_issue_writes_the_pull_request_or_the_issue_comment(tmp_path: Path) -> None:
    root = tmp_path / "project"
    for name in ("content", "layouts", "assets"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    issue, message = tmp_path / "issue.md", tmp_path / "message.md"
    issue.write_text(rendered({**ANSWERS, "Relaties": "", "Thema's": "```\n@iedereen"}), encoding="utf-8")
    argv = ["from-issue", str(issue), "--root", str(root), "--github-message", str(message), "--issue-number", "7"]
    assert main(argv) == 1
    comment = message.read_text(encoding="utf-8")
    assert comment.startswith("Het verhaal is nog niet compleet.") and "\n- Relaties\n" in comment
    assert f"`{READY_LABEL}`" in comment
    issue.write_text(rendered({**ANSWERS, "Thema's": "eigen-regie, ``` x"}), encoding="utf-8")
    assert main(argv) == 1
    comment = message.read_text(encoding="utf-8")
    assert "````text\n- themes[1]: '``` x'" in comment and comment.count("````") == 2  # the fence outlasts it
    issue.write_text(rendered(ANSWERS), encoding="utf-8")
    assert main(argv) == 0
    title, blank, *body = message.read_text(encoding="utf-8").split("\n")
    assert (title, blank) == ("Verhaal: Samen een buurttuin", "")
    assert "`content/stories/samen-een-buurttuin.md`" in body[0] and body[-2:] == ["Closes #7", ""]


def fake_gh(folder: Path) -> Path:
    """Give a folder with a `gh` that records each call (its arguments, and any --body-file's text) in gh.log."""
    folder.mkdir()
    gh = folder / "gh"
    gh.write_text('#!/bin/sh\nprintf "CALL" >> "$GH_LOG"; printf " %s" "$@" >> "$GH_LOG"; echo >> "$GH_LOG"\n'
                  'while [ $# -gt 0 ]; do [ "$1" = --body-file ] && cat "$2" >> "$GH_LOG"; shift; done\n',
                  encoding="utf-8")
    gh.chmod(0o755)
    return folder


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org"})
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A clone of a copy of the project, with a bare 'origin' to push to, as actions/checkout leaves it."""
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(origin))
    git(tmp_path, "init", "--quiet", "--initial-branch=main", str(work))
    for name in ("content", "layouts", "assets", "scripts"):
        shutil.copytree(REPO / name, work / name)
    for name in ("site.toml", "build.py"):
        shutil.copy(REPO / name, work / name)
    git(work, "add", ".")
    git(work, "commit", "--quiet", "-m", "start")
    git(work, "remote", "add", "origin", str(origin))
    git(work, "push", "--quiet", "origin", "main")
    return work


def run_script(work: Path, number: str, body: str) -> tuple[int, str]:
    log = work.parent / "gh.log"
    log.write_text("", encoding="utf-8")
    tools = work.parent / "bin"
    if not tools.exists():
        fake_gh(tools)
    env = {**os.environ, "ISSUE_NUMBER": number, "ISSUE_BODY": body, "PY": sys.executable, "GH_LOG": str(log),
           "PATH": f"{tools}:{os.environ['PATH']}"}
    done = subprocess.run(["bash", str(SCRIPT)], cwd=work, env=env, capture_output=True, text=True, timeout=120)
    return done.returncode, log.read_text(encoding="utf-8") + done.stderr


def test_a_complete_issue_becomes_a_pull_request_from_a_bot_commit(checkout: Path) -> None:
    body = rendered({**ANSWERS, "Titel": "Samen een buurttuin $(touch pwned) `touch pwned2`"})
    code, log = run_script(checkout, "7", body)
    assert code == 0, log
    origin = checkout.parent / "origin.git"
    files = git(origin, "ls-tree", "-r", "--name-only", "verhaal/issue-7", "content/stories").split()
    story = "content/stories/samen-een-buurttuin-touch-pwned-touch-pwned2.md"
    assert story in files
    assert git(origin, "log", "-1", "--format=%an <%ae>|%s", "verhaal/issue-7").strip() == \
        "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|Verhaal uit issue #7"
    assert "CALL pr create --base main --head verhaal/issue-7 --title Verhaal: Samen een buurttuin $(touch pwned)" \
        in log and "\nCloses #7\n" in log
    assert not list(checkout.rglob("pwned*")) and not list(checkout.parent.glob("pwned*"))
    assert run_script(checkout, "7", body)[0] == 1  # a second run never replaces the branch


def test_an_incomplete_issue_gets_the_list_as_a_comment_and_loses_the_label(checkout: Path) -> None:
    code, log = run_script(checkout, "8", rendered({**ANSWERS, "Relaties": "", "Lessen": ""}))
    assert code == 1
    assert "CALL issue comment 8 --body-file" in log and "- Relaties\n- Lessen\n" in log
    assert f"CALL issue edit 8 --remove-label {READY_LABEL}" in log and "pr create" not in log
    assert "verhaal/issue-8" not in git(checkout.parent / "origin.git", "branch", "--list")


@pytest.mark.parametrize("number", ["", "0", "7; touch pwned", "$(touch pwned)", "7\n8", "-1"])
def test_an_issue_number_that_is_no_number_is_refused_before_anything_runs(number: str, checkout: Path) -> None:
    code, log = run_script(checkout, number, rendered(ANSWERS))
    assert code == 2 and "CALL" not in log and not list(checkout.rglob("pwned*"))

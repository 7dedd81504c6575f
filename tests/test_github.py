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

import pytest
import yaml

from samenspel.cli import main
from samenspel.content import Source
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

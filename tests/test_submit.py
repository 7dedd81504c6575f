"""The submission page's build side (#10): its choices are the vocabulary's, its limits check's, its labels
the issue form's, its GitHub addresses site.toml's; a new term in the vocabulary is in the form at once."""
from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from samenspel.issueform import FIELDS
from samenspel.pipeline import build, collect
from samenspel.schema import LIMITS, MINIMUM
from samenspel.submit import CHOICE_LISTS, form_choices, form_settings

# Where the page offers each vocabulary list: a select, or checkboxes (some in a repeated group's template).
CONTROLS = {
    "place_scales": "select#schaal option",
    "provinces": "select#provincie option",
    "actor_types": "select#partij-0-soort option",
    "roles": "fieldset#partij-0-rollen input",
    "relation_kinds": "select#relatie-0-soort option",
    "themes": "fieldset#themas input",
    "outcome_types": "select#uitkomst-0-soort option",
}


def page(project: Path, tmp_path: Path) -> BeautifulSoup:
    """Give the built submission page, with the contents of its templates (repeated groups) moved into it.

    CSS selectors do not look inside a <template>, as in a browser: here they should.
    """
    built = build(project, tmp_path / "site")
    assert built.ok, built.problems
    html = BeautifulSoup((tmp_path / "site" / "deel-je-verhaal" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    for template in html.find_all("template"):
        template.replace_with(BeautifulSoup(template.decode_contents(), "html.parser"))
    return html


def offered(html: BeautifulSoup, kind: str) -> list[str]:
    return [str(node["value"]) for node in html.select(CONTROLS[kind]) if node.get("value")]


def test_every_list_offers_the_vocabulary_s_keys_in_its_order(project: Path, tmp_path: Path) -> None:
    html = page(project, tmp_path)
    vocabulary = collect(project).site.vocabulary  # type: ignore[union-attr]
    for kind in CHOICE_LISTS:
        assert offered(html, kind) == list(vocabulary.keys(kind)), kind
    themes = form_choices(vocabulary, "nl")["themes"]
    assert [html.select_one(f"#themas-{c.key}-uitleg").text for c in themes] == [c.description for c in themes]


def test_a_term_added_to_the_vocabulary_is_in_the_form(project: Path, tmp_path: Path) -> None:
    vocabulary = project / "content" / "vocabulary.yml"
    text = vocabulary.read_text(encoding="utf-8")
    new_type = ("  - key: buurtkeuken\n    label: {nl: Buurtkeuken, en: Community kitchen}\n"
                "    description: {nl: Een keuken voor de buurt., en: A kitchen for the neighbourhood.}\n"
                '    color: "#e0f2fe"\n')
    new_theme = ("  - key: koken\n    label: {nl: Samen koken, en: Cooking together}\n"
                 "    description: {nl: Eten maken met elkaar., en: Making food together.}\n")
    text = text.replace("roles:\n", new_type + "roles:\n", 1)
    text = text.replace("outcome_types:\n", new_theme + "outcome_types:\n", 1)  # the list before is themes
    vocabulary.write_text(text, encoding="utf-8")
    html = page(project, tmp_path)
    assert offered(html, "actor_types")[-1] == "buurtkeuken"
    assert html.select_one("option[value=buurtkeuken]").text == "Buurtkeuken"
    assert "koken" in offered(html, "themes")
    assert html.select_one("label[for=themas-koken]").text == "Samen koken"


def test_the_script_gets_check_s_limits_and_the_site_s_words(project: Path, tmp_path: Path) -> None:
    html = page(project, tmp_path)
    settings = json.loads(html.select_one("#verhaal-formulier")["data-settings"])
    assert settings["limits"] == LIMITS and settings["minimum"] == MINIMUM
    assert settings["folder"] == "content/stories/" and settings["status"] == "ter-review"
    assert settings["text"]["too_long"] == "hoogstens {limit} tekens, nu {length}"
    site = collect(project).site
    assert site is not None and settings == json.loads(json.dumps(form_settings(site)))
    repeats = {node["data-repeat"]: int(node["data-min"]) for node in html.select("[data-repeat]")}
    assert repeats == {"actor": MINIMUM["actors"], "relation": MINIMUM["relations"],
                       "outcome": MINIMUM["outcomes"], "lesson": MINIMUM["lessons"]}


def test_the_form_asks_with_the_issue_form_s_labels(project: Path, tmp_path: Path) -> None:
    html = page(project, tmp_path)
    shown = {" ".join(node.find(string=True, recursive=False).split())
             for node in html.select("#verhaal-formulier label, #verhaal-formulier legend")
             if node.find(string=True, recursive=False)}
    assert {label for _, label, _ in FIELDS} <= shown, sorted({label for _, label, _ in FIELDS} - shown)


def test_the_github_route_follows_site_toml(project: Path, tmp_path: Path) -> None:
    html = page(project, tmp_path / "other")  # the mini site's repository is not on GitHub
    assert json.loads(html.select_one("#verhaal-formulier")["data-settings"])["newFile"] == ""
    assert not [a for a in html.select("a[href]") if "github.com" in a["href"]]
    config = project / "site.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'repository = "https://example.org/repo"', 'repository = "https://github.com/buurt/verhalen"\nbranch = "hoofd"'),
        encoding="utf-8")
    html = page(project, tmp_path / "github")
    assert json.loads(html.select_one("#verhaal-formulier")["data-settings"])["newFile"] == \
        "https://github.com/buurt/verhalen/new/hoofd"
    links = [a["href"] for a in html.select(".submit-routes a")]
    assert links == ["#formulier", "https://github.com/buurt/verhalen/issues/new?template=verhaal.yml",
                     "https://github.com/buurt/verhalen/blob/hoofd/docs/sjabloon-verhaal.md", "/samenspel/bijdragen/"]


def test_without_javascript_the_form_is_hidden_and_its_script_is_on_this_page_only(project: Path,
                                                                                  tmp_path: Path) -> None:
    html = page(project, tmp_path)
    assert html.select_one("#verhaal-formulier").has_attr("hidden")
    assert html.select_one("noscript").text.strip()
    scripts = sorted(p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*.html")
                     if "submit.js" in p.read_text(encoding="utf-8"))
    assert scripts == ["deel-je-verhaal/index.html"]

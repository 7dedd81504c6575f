"""A build that would change nothing says so from file times alone (#9), and anything a build reads or is
asked makes it build again: content, layouts, assets, settings, options, the engine, the output folder."""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from samenspel import pipeline, uptodate
from samenspel.cli import main
from samenspel.folders import RECORD_FILE

from .conftest import snapshot


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The projects a real build ran for (a build that found nothing changed is not in it).

    Files a test has just written count as settled (uptodate.RACY_NS, FINE_RACY_NS), but in the tests of that rule.
    """
    monkeypatch.setattr(uptodate, "RACY_NS", 0)
    monkeypatch.setattr(uptodate, "FINE_RACY_NS", 0)
    ran: list[Path] = []
    real = pipeline.build

    def spy(root: Path, *args: Any, **kwargs: Any) -> pipeline.Built:
        ran.append(root)
        return real(root, *args, **kwargs)

    monkeypatch.setattr(pipeline, "build", spy)
    return ran


def run(project: Path, *extra: str) -> int:
    return main(["build", "--root", str(project), "--jobs", "1", *extra])


def test_a_second_build_with_nothing_changed_only_says_so(project: Path, builds: list[Path],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project) == 0
    first = capsys.readouterr().err
    site = snapshot(project / "site")
    assert run(project) == 0
    second = capsys.readouterr().err
    assert len(builds) == 1
    assert snapshot(project / "site") == site
    # The same report: drafts left out, pages, problems (only the time differs), and that nothing changed.
    untimed = [re.sub(r" in [\d,]+ s,", "", text.strip()) for text in (first, second)]
    assert untimed[1] == untimed[0] + ", niets veranderd sinds de vorige build (build --force bouwt toch)"
    assert "content/stories/concept-verhaal.md (concept)" in untimed[1]


def test_the_last_build_s_warnings_are_said_again(project: Path, builds: list[Path],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    story = project / "content" / "stories" / "buurtmoestuin.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nBel ons gerust op 06-12345678.\n", encoding="utf-8")
    assert run(project) == 0
    first = [line for line in capsys.readouterr().err.splitlines() if "buurtmoestuin.md:" in line]
    assert run(project, "--lang", "en") == 0
    again = [line for line in capsys.readouterr().err.splitlines() if "buurtmoestuin.md:" in line]
    assert len(builds) == 1 and first and len(again) == len(first)
    assert "06-********" in again[0] and "warning" in again[0]  # in the language asked for, still masked


def _edit_story(project: Path) -> None:
    story = project / "content" / "stories" / "buurtmoestuin.md"
    before = story.stat()
    text = story.read_text(encoding="utf-8")
    cut = text.rindex("e")  # in the body, the file's last 'e'
    story.write_text(text[:cut] + "a" + text[cut + 1:], encoding="utf-8")  # the same size
    os.utime(story, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old modification time (cp -p)


def _add_layout_comment(project: Path) -> None:
    layout = project / "layouts" / "story.html"
    layout.write_text(layout.read_text(encoding="utf-8") + "{# opmerking #}\n", encoding="utf-8")


def _touch_asset(project: Path) -> None:
    css = next((project / "assets").glob("*.css"))
    css.write_bytes(css.read_bytes() + b"\n")


def _add_story(project: Path) -> None:
    shutil.copy(project / "content" / "stories" / "dorpshuis.md", project / "content" / "stories" / "tweede.md")


def _remove_draft(project: Path) -> None:
    (project / "content" / "stories" / "concept-verhaal.md").unlink()


def _settings(project: Path) -> None:
    toml = project / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def _replace_site(project: Path) -> None:
    shutil.rmtree(project / "site")
    (project / "site").mkdir()


def _remove_site(project: Path) -> None:
    shutil.rmtree(project / "site")


def _remove_a_page(project: Path) -> None:
    (project / "site" / "verhalen" / "buurtmoestuin" / "index.html").unlink()


def _edit_a_page(project: Path) -> None:
    page = project / "site" / "over" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"<h1", b"<h1 hidden", 1))


def _engine(project: Path) -> None:
    # A newer engine: its files' times are part of the key (uptodate.ENGINE, patched to a copy in the test).
    engine = uptodate.ENGINE
    (engine / "pipeline.py").write_text((engine / "pipeline.py").read_text(encoding="utf-8") + "\n", encoding="utf-8")


@pytest.mark.parametrize("change", [_edit_story, _add_layout_comment, _touch_asset, _add_story, _remove_draft,
                                    _settings, _replace_site, _remove_site, _remove_a_page, _edit_a_page, _engine])
def test_anything_a_build_reads_or_writes_makes_it_build_again(
        project: Path, builds: list[Path], change: Callable[[Path], None], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    engine = tmp_path / "engine"
    shutil.copytree(uptodate.ENGINE, engine, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(uptodate, "ENGINE", engine)
    assert run(project) == 0
    change(project)
    assert run(project) == 0
    assert len(builds) == 2
    assert run(project) == 0  # and then it is up to date again
    assert len(builds) == 2


@pytest.mark.parametrize("options", [["--drafts"], ["--base-url", "https://example.org/samenspel/"], ["--force"]])
def test_other_options_or_force_build_again(project: Path, builds: list[Path], options: list[str]) -> None:
    assert run(project) == 0
    assert run(project, *options) == 0
    assert len(builds) == 2


def test_another_output_folder_is_built_and_only_the_last_is_remembered(project: Path, builds: list[Path],
                                                                        tmp_path: Path) -> None:
    assert run(project) == 0
    assert run(project, "--out", str(tmp_path / "elders")) == 0
    assert len(builds) == 2 and (tmp_path / "elders" / "index.html").is_file()
    assert run(project, "--out", str(tmp_path / "elders")) == 0  # the last build's folder: up to date
    assert len(builds) == 2
    assert run(project) == 0  # one record per project: the first folder is built again
    assert len(builds) == 3


def test_a_failed_build_leaves_no_record_so_the_next_one_builds(project: Path, builds: list[Path]) -> None:
    assert run(project) == 0
    story = project / "content" / "stories" / "buurtmoestuin.md"
    good = story.read_bytes()
    story.write_text("geen voorwerk\n", encoding="utf-8")
    assert run(project) == 1
    assert not (uptodate.cache_folder(project) / RECORD_FILE).exists()
    story.write_bytes(good)
    assert run(project) == 0
    assert len(builds) == 3


@pytest.mark.parametrize("tamper", [
    lambda data: data.update(problems=[{"path": "x", "line": 1, "field": "", "code": "no_such_code", "params": [],
                                        "hint": "", "hint_params": []}]),
    lambda data: data.update(version=0),
    lambda data: data.pop("key"),
    lambda data: data.update(out="niet de digest"),
    lambda data: data.update(out=[1]),
    lambda data: data.update(lang="fr"),
    lambda data: data.update(pages="veel"),
    lambda data: data.update(drafts=[["een"]]),
])
def test_a_record_that_is_not_ours_or_not_whole_means_build(project: Path, builds: list[Path],
                                                           tamper: Callable[[dict[str, Any]], None],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project) == 0
    record = uptodate.cache_folder(project) / RECORD_FILE
    data = json.loads(record.read_text(encoding="utf-8"))
    tamper(data)
    record.write_text(json.dumps(data), encoding="utf-8")
    assert run(project) == 0
    assert len(builds) == 2 and "Traceback" not in capsys.readouterr().err
    record.write_text("{niet af", encoding="utf-8")
    assert run(project) == 0
    assert len(builds) == 3
    record.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")  # deeper than json can read
    assert run(project) == 0
    assert len(builds) == 4 and "Traceback" not in capsys.readouterr().err


def test_a_file_changed_a_moment_before_a_build_makes_the_next_build_build_too(
        project: Path, builds: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uptodate, "RACY_NS", 1_000_000_000)
    monkeypatch.setattr(uptodate, "FINE_RACY_NS", 1_000_000_000)
    time.sleep(1.1)  # the fixture's files have settled
    assert run(project) == 0
    assert run(project) == 0
    assert len(builds) == 1
    _edit_story(project)  # a same-size edit: on a coarse clock its stamps could look the same as before
    assert run(project) == 0
    assert run(project) == 0  # the edit was too recent to trust the stamps: built again
    assert len(builds) == 3
    time.sleep(1.1)
    assert run(project) == 0  # builds once more if the last build's key was still a racy one
    settled = len(builds)
    assert run(project) == 0  # settled: the record holds
    assert len(builds) == settled and settled in (3, 4)


def test_how_recent_a_change_is_too_recent_depends_on_how_finely_the_file_s_clock_ticks() -> None:
    """A time in whole seconds may come from a clock of one or two seconds (FAT, HFS+): two seconds
    are not trusted. A time with a fraction of a second shows a finer clock: a tenth of a second."""
    now = 1_700_000_000 * uptodate.SECOND + 500_000_000

    def stamp(ago: int, fraction: int) -> tuple[object, ...]:
        changed = now - ago
        changed -= changed % uptodate.SECOND - fraction
        return ("./a.md", 0o100644, changed, changed, 1, 10)

    assert uptodate._racy(stamp(1_000_000_000, 0), now)  # whole seconds, 1.5 s ago
    assert not uptodate._racy(stamp(3_000_000_000, 0), now)  # whole seconds, 3.5 s ago
    assert not uptodate._racy(stamp(1_000_000_000, 123_456_789), now)  # fine, 1.4 s ago
    assert uptodate._racy(stamp(0, 450_000_000), now)  # fine, 50 ms ago
    assert not uptodate._racy(("./a.md",), now)  # nothing could be looked at: no time to judge


def test_where_folder_times_are_whole_seconds_the_check_lists_the_folders_again(
        project: Path, builds: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder's times tell that an entry was added in it only on a clock finer than the second the
    build wrote it in: where they are whole seconds, every folder is listed again, as the build did."""
    assert run(project) == 0
    site = project / "site"
    listed: list[str] = []
    real = os.scandir

    def spy(path: Any = ".") -> Any:
        listed.append(str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", spy)
    fine = uptodate.out_identity(site)
    assert fine is not None
    listed.clear()
    assert uptodate.out_unchanged(site, fine.entries, fine.digest)
    assert listed == []  # fine times: looked up by path only
    for folder in [site, *(path for path in site.rglob("*") if path.is_dir())]:
        whole = folder.stat().st_mtime_ns // uptodate.SECOND * uptodate.SECOND
        os.utime(folder, ns=(whole, whole))
    coarse = uptodate.out_identity(site)
    assert coarse is not None
    listed.clear()
    assert uptodate.out_unchanged(site, coarse.entries, coarse.digest)
    assert f"{site}/." in listed  # whole seconds: listed again
    folder = site / "verhalen"
    kept = folder.stat().st_mtime_ns
    (folder / "erbij.html").write_text("<p>niet van de build</p>", encoding="utf-8")
    os.utime(folder, ns=(kept, kept))
    assert not uptodate.out_unchanged(site, coarse.entries, coarse.digest)


def test_a_second_build_of_the_same_project_waits_for_the_first(tmp_path: Path) -> None:
    """Two builds at once would each record their own site while the other's is in place (#9)."""
    import subprocess
    import sys
    import time

    from samenspel.uptodate import project_lock

    code = ("import sys; from pathlib import Path; from samenspel.uptodate import project_lock\n"
            "with project_lock(Path(sys.argv[1])): print('got it', flush=True)\n")
    with project_lock(tmp_path):
        waiting = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True,
                                   env={**os.environ})
        time.sleep(1.0)
        assert waiting.poll() is None  # still waiting for the lock
    assert waiting.communicate(timeout=30)[0] == "got it\n"
    with project_lock(tmp_path / "other"):  # another project: no waiting
        done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=30)
    assert done.stdout == "got it\n"

"""A build after a change links the unchanged pages of the last one and gives exactly what a fresh build gives (#9)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from samenspel.digest import Digests
from samenspel.pagecache import RECORD, KeptPages
from samenspel.pipeline import build, collect
from samenspel.render import PageJob
from samenspel.uptodate import cache_folder

from .conftest import REPO, snapshot
from .test_incremental import CHANGES, story


def pages_of(folder: Path) -> dict[str, bytes]:
    return {name: data for name, data in snapshot(folder).items() if name.endswith(".html")}


@pytest.mark.parametrize("change", CHANGES)
def test_a_build_from_the_kept_pages_equals_a_fresh_build(project: Path, tmp_path: Path, change: str) -> None:
    out = tmp_path / "site"
    first = build(project, out)
    assert first.written and first.reused == 0
    before = snapshot(out)
    CHANGES[change](project)
    again = build(project, out)
    fresh = build(project, tmp_path / "fresh", fresh=True)
    assert again.written and fresh.written and fresh.reused == 0
    assert snapshot(out) == snapshot(tmp_path / "fresh") != before
    assert again.pages == fresh.pages


def test_a_body_edit_makes_again_only_pages_that_show_the_story(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    before = pages_of(out)
    inodes = {name: (out / name).stat().st_ino for name in before}
    CHANGES["body"](project)
    again = build(project, out)
    after = pages_of(out)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {"verhalen/buurtmoestuin/index.html"}
    made = {name for name in after if (out / name).stat().st_ino != inodes.get(name)}
    # Made again: the story's page and pages that read the story itself (its card, its lessons), no other.
    assert "verhalen/buurtmoestuin/index.html" in made and len(made) == again.pages - again.reused
    assert all("buurtmoestuin" in after[name].decode() for name in made)
    assert again.reused > 0 and "over/index.html" not in made  # the unchanged ones are the same files, linked


@pytest.mark.parametrize(("change", "shortcut"), [("body", True), ("title", False), ("cross lesson", False)])
def test_while_only_bodies_change_no_job_is_digested_again(project: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch, change: str,
                                                          shortcut: bool) -> None:
    """While the site but its stories' bodies is what the last build had, every page's job is too: the
    record's are taken, and only reads of the changed story and of the site are looked at (#9). Any
    other change (a title, a cross-cutting lesson) compares every job, as before."""
    out = tmp_path / "site"
    build(project, out)
    CHANGES[change](project)
    digested: list[str] = []
    original = KeptPages._job

    def counted(self: KeptPages, job: PageJob) -> str | None:
        digested.append(job.path)
        return original(self, job)

    monkeypatch.setattr(KeptPages, "_job", counted)
    again = build(project, out)
    made = again.pages - again.reused
    assert again.written and again.reused > 0
    if shortcut:  # digested only to be recorded, for the pages made again
        assert len(digested) == made
    else:  # every kept page's job compared, and the made ones' recorded
        assert len(digested) >= again.reused + made
    monkeypatch.undo()
    build(project, tmp_path / "fresh", fresh=True)
    assert snapshot(out) == snapshot(tmp_path / "fresh")


def test_a_record_whose_reads_gave_nothing_of_its_table_renders_every_page(project: Path, tmp_path: Path) -> None:
    """What each read gave is kept by place, 20 bytes each: a record with more or fewer is broken."""
    out = tmp_path / "site"
    build(project, out)
    record = cache_folder(project) / RECORD
    data = json.loads(record.read_text(encoding="utf-8"))
    data["gives"] = data["gives"][:-28]  # 21 bytes fewer
    record.write_text(json.dumps(data), encoding="utf-8")
    again = build(project, out)
    assert again.written and again.reused == 0


def test_an_about_page_edit_makes_again_that_page_alone(project: Path, tmp_path: Path) -> None:
    """Every page shows the footer's links to the content pages: their addresses and titles, not their
    text. An edit to an about page's text makes that page again, not the whole site (#9)."""
    out = tmp_path / "site"
    build(project, out)
    before = pages_of(out)
    CHANGES["page"](project)
    again = build(project, out)
    changed = {name for name, data in pages_of(out).items() if data != before.get(name)}
    assert changed == {"over/index.html"} and again.reused == again.pages - 1
    CHANGES["cross lesson"](project)  # a title the footer does not show: still not every page
    assert 0 < build(project, out).reused < again.pages


def test_a_layout_change_renders_every_page(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    CHANGES["layout"](project)
    assert build(project, out).reused == 0


def test_a_page_changed_in_the_output_folder_is_made_again(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    good = (out / "over" / "index.html").read_bytes()
    (out / "over" / "index.html").write_bytes(b"changed by hand")
    again = build(project, out)
    assert (out / "over" / "index.html").read_bytes() == good and again.reused == again.pages - 1
    (out / "over" / "index.html").unlink()
    (out / "over" / "index.html").symlink_to(out / "index.html")  # a link where the page was: never taken
    again = build(project, out)
    assert (out / "over" / "index.html").read_bytes() == good and not (out / "over" / "index.html").is_symlink()


def test_force_and_another_output_folder_render_every_page(project: Path, tmp_path: Path) -> None:
    build(project, tmp_path / "site")
    assert build(project, tmp_path / "site", fresh=True).reused == 0
    assert build(project, tmp_path / "other").reused == 0
    assert build(project, tmp_path / "other").reused > 0


@pytest.mark.parametrize("broken", ["", "{", '{"version": 1, "out": 3}', '{"version": 1, "pages": {"x": 1}}', "[]"])
def test_a_broken_record_renders_every_page(project: Path, tmp_path: Path, broken: str) -> None:
    out = tmp_path / "site"
    build(project, out)
    (cache_folder(project) / RECORD).write_text(broken, encoding="utf-8")
    again = build(project, out)
    assert again.written and again.reused == 0


def test_a_record_naming_another_digest_renders_that_page(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    record = cache_folder(project) / RECORD
    data = json.loads(record.read_text(encoding="utf-8"))
    data["pages"]["index.html"][0] = "0" * 40
    record.write_text(json.dumps(data), encoding="utf-8")
    again = build(project, out)
    assert again.reused == again.pages - 1


@pytest.mark.parametrize("reads", ["!!not base64!!", "AAA", "/////w==", 7])
def test_a_record_naming_reads_it_does_not_have_renders_every_page(project: Path, tmp_path: Path,
                                                                    reads: object) -> None:
    """A page's reads are places in the record's table, in Base64 (#9): text that names none, or no place
    the table has (/////w== is 4294967295), is a broken record, never a read of something else."""
    out = tmp_path / "site"
    build(project, out)
    record = cache_folder(project) / RECORD
    data = json.loads(record.read_text(encoding="utf-8"))
    assert all(isinstance(page[1], str) for page in data["pages"].values())
    data["pages"]["index.html"][1] = reads
    record.write_text(json.dumps(data), encoding="utf-8")
    again = build(project, out)
    assert again.written and again.reused == 0


@pytest.mark.parametrize("damage", ["a read with a list", "an endless stamp"])
def test_a_record_damaged_by_hand_renders_every_page(project: Path, tmp_path: Path, damage: str) -> None:
    """JSON can hold what no build writes: a list inside a read, a number too large for a stamp. Such a
    record is no record (every page is rendered), never a traceback (a reviewer's finding, #9)."""
    out = tmp_path / "site"
    build(project, out)
    record = cache_folder(project) / RECORD
    text = record.read_text(encoding="utf-8")
    data = json.loads(text)
    if damage == "a read with a list":
        at = next(i for i, read in enumerate(data["reads"]) if read[0] == "story.")
        data["reads"][at][1] = [data["reads"][at][1]]
        text = json.dumps(data)
    else:
        page = data["pages"]["index.html"]
        text = text.replace(json.dumps(page, separators=(",", ":")),
                            json.dumps(page[:-1], separators=(",", ":"))[:-1] + ",1e400]")
        assert "1e400" in text
    record.write_text(text, encoding="utf-8")
    again = build(project, out)
    assert again.written and again.reused == 0


def test_a_build_that_fails_keeps_no_record(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(project, out)
    text = story(project).read_text(encoding="utf-8")
    story(project).write_text(text.replace("themes: [eigen-regie", "themes: [eigen-regi"), encoding="utf-8")
    assert not build(project, out).ok
    story(project).write_text(text, encoding="utf-8")
    assert build(project, out).reused > 0  # the site and its record are still those of the first build


def test_digests_are_the_same_in_another_process_and_differ_with_the_value() -> None:
    """The record is read by the next build, another process with other hash seeds: digests must not depend on them."""
    code = ("from samenspel.pipeline import collect; from samenspel.render import page_jobs; "
            "from samenspel.digest import Digests; from pathlib import Path; d = Digests(); "
            f"site = collect(Path({str(REPO)!r})).site; "
            "print(sorted((j.path, d.of((j.path, j.template, j.shows)).hex()) for j in page_jobs(site)))")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1] and runs[0].count("verhalen/") > 3
    digests = Digests()
    assert digests.of(("a", frozenset({"x", "y"}))) == Digests().of(("a", frozenset({"y", "x"})))
    assert digests.of(("a", 1, 2, 3)) != digests.of(("a", 1, 2, 4))
    assert digests.of((object(),)) is None and digests.of(lambda: 1) is None


def test_digests_made_one_after_another_are_those_of_a_fresh_digests() -> None:
    """One Digests uses its picklers again (#9): a digest never depends on what it digested before, or on one that failed."""
    site = collect(REPO).site
    assert site is not None
    values = [(story.meta, story.body, story.card, [story.meta.actors]) for story in site.stories]
    used = Digests()
    assert used.of(("before", site.stories[0].meta, (1, 2, 3, object()))) is None  # fails inside a nested digest
    assert [used.of(value) for value in values] == [Digests().of(value) for value in values]
    assert len({used.of(value) for value in values}) == len(values)


def test_a_part_stands_as_its_whole_and_its_place() -> None:
    """``stand_for_part``: a story's actor is known by its story's stand-in and its place (#9), in any Digests."""
    site = collect(REPO).site
    assert site is not None
    one, other = site.stories[0].meta, site.stories[1].meta

    def digests_of(front: str) -> list[bytes | None]:
        digests = Digests()
        digests.stand_for(one, ("front matter", front))
        digests.stand_for(other, ("front matter", "another"))
        for meta in (one, other):
            for at, actor in enumerate(meta.actors):
                digests.stand_for_part(actor, meta, "actors", at)
        return [digests.of(actor) for meta in (one, other) for actor in meta.actors]

    found = digests_of("text")
    assert found == digests_of("text") and None not in found and len(set(found)) == len(found)
    changed = digests_of("changed text")  # the story's front matter changed: its actors did, the other's did not
    assert all(a != b for a, b in zip(found[:len(one.actors)], changed, strict=False))
    assert found[len(one.actors):] == changed[len(one.actors):]
    alone = Digests()  # a whole without a stand-in: the part is digested by its content, as before
    alone.stand_for_part(one.actors[0], one, "actors", 0)
    assert alone.of(one.actors[0]) == Digests().of(one.actors[0])


@pytest.mark.parametrize("shown", ["{{ site.stories|length }}", "{{ site.story('dorpshuis').meta.title }}",
                                   "{% for s in site.stories %}{{ s.body.html }}{% endfor %}"])
def test_a_layout_that_shows_more_of_the_site_is_never_stale(project: Path, tmp_path: Path, shown: str) -> None:
    """A layout may show any part of the site: a page is kept only while everything it read is unchanged."""
    base = project / "layouts" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", f"<p>{shown}</p></footer>"),
                    encoding="utf-8")
    out = tmp_path / "site"
    build(project, out)
    CHANGES["title"](project)
    CHANGES["body"](project)
    CHANGES["new story"](project)
    (project / "content" / "stories" / "dorpshuis.md").write_text(
        (project / "content" / "stories" / "dorpshuis.md").read_text(encoding="utf-8")
        .replace("Het dorpshuis", "Het nieuwe dorpshuis").replace("een dorp", "een ander dorp"), encoding="utf-8")
    assert build(project, out).written
    assert build(project, tmp_path / "fresh", fresh=True).written
    assert snapshot(out) == snapshot(tmp_path / "fresh")

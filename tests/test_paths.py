"""No value from content reads or writes outside the project's content, assets and output folders."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from samenspel.pipeline import build
from samenspel.project import discover, read_assets, read_project, read_sources

from .conftest import make_project, snapshot, write_story

STORY = (Path(__file__).resolve().parent / "fixtures" / "mini" / "content" / "stories" / "dorpshuis.md")


def story_text(title: str = "Een verhaal") -> str:
    return STORY.read_text(encoding="utf-8").replace('title: "Het dorpshuis"', f'title: "{title}"')


def outside(tmp_path: Path) -> Path:
    """A folder beside the project holding a valid story and a secret, as an attacker would like read."""
    folder = tmp_path / "buiten"
    folder.mkdir(exist_ok=True)
    (folder / "geheim.md").write_text(story_text("GEHEIM VERHAAL"), encoding="utf-8")
    (folder / "wachtwoord.txt").write_text("GEHEIM WACHTWOORD", encoding="utf-8")
    return folder


def site_text(site: Path) -> str:
    return "\n".join(data.decode("utf-8", "replace") for data in snapshot(site).values())


# -- file names become slugs -----------------------------------------------------------------

@pytest.mark.parametrize("name, slug", [
    ("a..b.md", "a-b"),
    ("x..md", "x"),
    ("mijn verhaal.md", "mijn-verhaal"),
    ("  spaties  rondom .md", "spaties-rondom"),
    ("Café Één.md", "cafe-een"),
    ("Ærø ﬁne.md", "r-fine"),
    ("a\\..\\b.md", "a-b"),
    ("%2e%2e%2fetc.md", "2e-2e-2fetc"),
    ("regel\neinde.md", "regel-einde"),
])
def test_odd_file_names_become_plain_slugs_inside_the_site(project: Path, name: str, slug: str) -> None:
    write_story(project, name, story_text())
    result = build(project)
    assert result.written, [p.text() for p in result.problems]
    assert (project / "site" / "verhalen" / slug / "index.html").is_file()
    built = {p.relative_to(project / "site").parts[0] for p in (project / "site").rglob("*")}
    assert built <= {"index.html", "404.html", "verhalen", "lessen", "themas", "actoren", "rollen", "uitkomsten",
                     "provincies", "assets", "over", "bijdragen", ".samenspel-build",
                     # finding stories (#11): feeds, open data, overview, search page and index
                     "atom.xml", "sitemap.xml", "robots.txt", "data", "wie-betaalt-wie-bepaalt", "zoeken", "pagefind",
                     # contributing (#10): the submission form
                     "deel-je-verhaal"}
    assert sorted(p.name for p in project.parent.iterdir()) == ["project"]


@pytest.mark.parametrize("name", ["日本.md", "---.md", "!!!.md"])
def test_a_file_name_without_letters_is_a_problem(project: Path, name: str) -> None:
    write_story(project, name, story_text())
    result = build(project)
    assert [(p.path, p.code) for p in result.problems] == [(f"content/stories/{name}", "bad_slug")]
    assert not (project / "site").exists()


@pytest.mark.parametrize("name", [".verborgen.md", "..md", "_concept.md"])
def test_hidden_and_underscore_files_are_skipped(project: Path, name: str) -> None:
    write_story(project, name, "niet eens front matter")
    assert name not in {Path(rel).name for rel, _, _ in discover(project)}
    assert build(project).written


# -- symbolic links are not followed ----------------------------------------------------------

def test_a_symlinked_story_pointing_outside_is_ignored(project: Path, tmp_path: Path) -> None:
    secret = outside(tmp_path) / "geheim.md"
    os.symlink(secret, project / "content" / "stories" / "link.md")
    assert [rel for rel, _, _ in discover(project) if "link" in rel] == []
    result = build(project)
    assert result.written
    assert "GEHEIM" not in site_text(project / "site")
    assert not (project / "site" / "verhalen" / "link").exists()


def test_a_symlinked_folder_of_stories_is_not_entered(project: Path, tmp_path: Path) -> None:
    os.symlink(outside(tmp_path), project / "content" / "stories" / "map", target_is_directory=True)
    assert [rel for rel, _, _ in discover(project) if "map" in rel] == []
    assert build(project).written
    assert "GEHEIM" not in site_text(project / "site")


@pytest.mark.parametrize("linked", ["content", "content/stories"])
def test_a_symlinked_content_folder_is_not_read(project: Path, tmp_path: Path, linked: str) -> None:
    folder = outside(tmp_path)
    real = project / linked
    shutil.copytree(real, folder / "kopie")
    shutil.rmtree(real)
    os.symlink(folder / "kopie", real, target_is_directory=True)
    sources, problems = read_sources(project)
    assert [s.path for s in sources if s.path.startswith(linked + "/") or linked == "content"] == []


def test_a_symlinked_asset_is_not_copied(project: Path, tmp_path: Path) -> None:
    os.symlink(outside(tmp_path) / "wachtwoord.txt", project / "assets" / "wachtwoord.txt")
    assert "wachtwoord.txt" not in dict(read_assets(project)[0])
    assert build(project).written
    assert not (project / "site" / "assets" / "wachtwoord.txt").exists()
    assert "GEHEIM" not in site_text(project / "site")


def test_a_symlinked_assets_folder_is_not_copied(project: Path, tmp_path: Path) -> None:
    folder = outside(tmp_path)
    shutil.copy2(project / "assets" / "style.css", folder / "style.css")
    shutil.rmtree(project / "assets")
    os.symlink(folder, project / "assets", target_is_directory=True)
    assert "wachtwoord.txt" not in dict(read_assets(project)[0])


# -- links and fields that name paths -------------------------------------------------------------

@pytest.mark.parametrize("href", [
    "../../../../etc/passwd.md",
    "/etc/passwd.md",
    "../../../../../../../../../../etc/hostname.md",
    "..%2f..%2f..%2fetc%2fpasswd.md",
    "../../site.toml.md",
    "../lessons/../../../buiten/geheim.md",
])
def test_links_out_of_content_resolve_to_nothing(project: Path, tmp_path: Path, href: str) -> None:
    outside(tmp_path)
    write_story(project, "link.md", story_text() + f"\nZie [dit]({href}).\n")
    result = build(project)
    assert [(p.path, p.code) for p in result.problems if not p.warning] == [("content/stories/link.md", "broken_link")]
    assert not (project / "site").exists()


@pytest.mark.parametrize("href", ["file:///etc/passwd", "/etc/passwd", "../../../../etc/passwd"])
def test_links_to_other_files_are_only_links(project: Path, href: str) -> None:
    write_story(project, "link.md", story_text() + f"\nZie [dit]({href}).\n")
    assert build(project).written
    page = (project / "site" / "verhalen" / "link" / "index.html").read_text(encoding="utf-8")
    assert "root:" not in page  # nothing of /etc/passwd was read into the page
    assert 'href="file:' not in page


def test_a_markdown_image_outside_content_reads_no_file(project: Path) -> None:
    write_story(project, "beeld.md", story_text() + "\n![wachtwoorden](../../../../etc/passwd)\n")
    result = build(project)
    assert [(p.path, p.code) for p in result.problems] == [("content/stories/beeld.md", "image_outside")]
    assert not result.written and not (project / "site").exists()


@pytest.mark.parametrize("field", ["layout", "template", "slug", "permalink", "url", "output", "path"])
def test_fields_that_would_choose_a_path_are_unknown(project: Path, field: str) -> None:
    text = story_text().replace("date: 2023-02-10", f"date: 2023-02-10\n{field}: ../../../../etc/passwd", 1)
    write_story(project, "pad.md", text)
    result = build(project)
    assert [(p.path, p.line, p.field, p.code) for p in result.problems] == [("content/stories/pad.md", 5, field,
                                                                             "unknown_field")]
    assert not (project / "site").exists()


def test_a_lesson_naming_a_path_as_story_finds_nothing(project: Path) -> None:
    lesson = project / "content" / "lessons" / "samen-sterker.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("[buurtmoestuin, dorpshuis]",
                                                                 "[buurtmoestuin, ../../../etc/passwd]"), encoding="utf-8")
    result = build(project)
    assert [(p.field, p.code) for p in result.problems] == [("stories[1]", "unknown_story")]


def test_a_symlinked_vocabulary_is_not_read(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "geheim.yml"
    secret.write_text("GEHEIM-GEHEIM-GEHEIM\n", encoding="utf-8")
    (project / "content" / "vocabulary.yml").unlink()
    os.symlink(secret, project / "content" / "vocabulary.yml")
    result = build(project)
    assert [p.code for p in result.problems if p.path == "content/vocabulary.yml"] == ["missing_file"]
    assert all("GEHEIM" not in p.text() for p in result.problems)


def test_a_symlinked_site_toml_is_not_read(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "elders.toml"
    secret.write_text('title = "GEHEIM"\n', encoding="utf-8")
    (project / "site.toml").unlink()
    os.symlink(secret, project / "site.toml")
    result = build(project)
    assert [(p.path, p.code) for p in result.problems] == [("site.toml", "missing_file")]


@pytest.mark.parametrize("name", ["---", "Style.css", "logo met spatie.png", "é.css"])
def test_an_asset_whose_name_is_no_address_is_a_located_problem_not_a_crash(project: Path, name: str) -> None:
    (project / "assets" / name).write_bytes(b"x")
    result = build(project)
    assert not result.ok and "Traceback" not in "".join(p.text() for p in result.problems)
    assert [(p.path, p.code) for p in result.problems] == [(f"assets/{name}", "asset_name")]


def test_the_vocabulary_is_not_read_through_a_linked_content_folder(tmp_path: Path) -> None:
    outside = make_project(tmp_path / "elders")
    project = tmp_path / "project"
    project.mkdir()
    (project / "site.toml").write_text((outside / "site.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (project / "content").symlink_to(outside / "content")
    snapshot = read_project(project)
    assert snapshot.vocabulary.lists == () and snapshot.sources == ()
    assert [(p.path, p.code) for p in snapshot.problems] == [("content/vocabulary.yml", "missing_file")]


def test_a_file_changed_with_its_old_time_and_size_is_read_again(project: Path) -> None:
    story = project / "content" / "stories" / "dorpshuis.md"
    first = read_project(project)
    stat = story.stat()
    story.write_text(story.read_text(encoding="utf-8").replace("Het dorpshuis", "Het dorpshuiZ"), encoding="utf-8")
    os.utime(story, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as cp -p or an unpacked archive would
    again = read_project(project, first)
    assert "Het dorpshuiZ" in next(s.text for s in again.sources if s.path.endswith("dorpshuis.md"))

"""Incremental preview builds give exactly what a fresh build gives, whatever changed."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from samenspel.pipeline import Built, collect
from samenspel.rebuild import Rebuilder
from samenspel.urls import Urls

from .conftest import write_story


def outputs(result: Built) -> dict[str, bytes]:
    return {o.path: o.data for o in result.outputs}


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def story(project: Path, name: str = "buurtmoestuin.md") -> Path:
    return project / "content" / "stories" / name


CHANGES: dict[str, Callable[[Path], None]] = {
    "body": lambda p: replace_in(story(p), "Een paar buren", "Zeven buren"),
    "title": lambda p: replace_in(story(p), 'title: "De buurtmoestuin"', 'title: "De moestuin"'),
    "themes": lambda p: replace_in(story(p), "themes: [eigen-regie, ruimte-bieden]", "themes: [dubbele-pet]"),
    "lesson text": lambda p: replace_in(story(p), "Geld helpt, ruimte helpt meer.", "Ruimte helpt het meest."),
    "date": lambda p: replace_in(story(p), "date: 2024-05-01", "date: 2022-05-01"),
    "new story": lambda p: write_story(p, "nieuw.md", story(p, "dorpshuis.md").read_text(encoding="utf-8")
                                       .replace("Het dorpshuis", "Een nieuw verhaal")),
    "deleted story": lambda p: (replace_in(p / "content" / "lessons" / "samen-sterker.md", ", dorpshuis]", "]"),
                                replace_in(story(p), "(dorpshuis.md#lessen)", "(#lessen)"),
                                story(p, "dorpshuis.md").unlink()),
    "draft published": lambda p: replace_in(story(p, "concept-verhaal.md"), "status: concept", "status: gepubliceerd"),
    "vocabulary label": lambda p: replace_in(p / "content" / "vocabulary.yml", "{nl: Eigen regie,", "{nl: Zelf aan het roer,"),
    "layout": lambda p: replace_in(p / "layouts" / "story.html", "<article class=\"story\"", "<article class=\"story verhaal\""),
    "card layout": lambda p: replace_in(p / "layouts" / "partials" / "story-card.html", "card-meta", "card-meta kaart"),
    "config": lambda p: replace_in(p / "site.toml", 'title = "Mini"', 'title = "Midi"'),
    "stylesheet": lambda p: (p / "assets" / "style.css").write_text("body { color: #111; }\n", encoding="utf-8"),
    "page": lambda p: replace_in(p / "content" / "pages" / "over.md", "Dit is een testsite.", "Dit is een proefsite."),
    "cross lesson": lambda p: replace_in(p / "content" / "lessons" / "samen-sterker.md", "Samen sterker", "Samen verder"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_cached_rebuild_equals_a_fresh_build(project: Path, change: str) -> None:
    cache = Rebuilder(project)
    first = cache.build()
    assert first.ok
    CHANGES[change](project)
    again = cache.build()
    fresh = collect(project, preview=True)
    assert again.ok and fresh.ok
    assert outputs(again) == outputs(fresh)
    assert outputs(again) != outputs(first)


def test_a_body_edit_renders_only_that_story_page(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import samenspel.render as render

    cache = Rebuilder(project)
    cache.build()
    CHANGES["body"](project)
    rendered: list[str] = []
    original = render.jinja2.Template.render

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        rendered.append(self.name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(render.jinja2.Template, "render", spy)
    cache.build()
    assert rendered == ["story.html"]


def test_a_problem_then_a_fix_gives_the_fresh_site_again(project: Path) -> None:
    cache = Rebuilder(project)
    cache.build()
    good = story(project).read_text(encoding="utf-8")
    story(project).write_text(good.replace("themes: [eigen-regie", "themes: [eigen-regi"), encoding="utf-8")
    assert not cache.build().ok
    story(project).write_text(good, encoding="utf-8")
    assert outputs(cache.build()) == outputs(collect(project, preview=True))


# -- the preview's shortcuts (#9): each gives what a fresh build gives ----------------------------

def watched(project: Path, *names: str) -> set[str]:
    """Give the paths as the watcher reports them, for files below the project."""
    return {str(project / name) for name in names}


STORY = "content/stories/buurtmoestuin.md"
OTHER = "content/stories/dorpshuis.md"

# Applied one after the other to one Rebuilder, each told the paths it changed (as the watcher would):
# body edits between metadata edits, so every kept piece (the metadata, the outline, the jobs) is met again.
STEPS: list[tuple[str, Callable[[Path], None], tuple[str, ...]]] = [
    ("body", CHANGES["body"], (STORY,)),
    ("title", CHANGES["title"], (STORY,)),
    ("body again", lambda p: replace_in(story(p), "Zeven buren", "Acht buren"), (STORY,)),
    ("themes", CHANGES["themes"], (STORY,)),
    ("other body", lambda p: replace_in(story(p, "dorpshuis.md"), "dorpshuis", "dorpshuis (herzien)"), (OTHER,)),
    ("date", CHANGES["date"], (STORY,)),
    ("title back", lambda p: replace_in(story(p), 'title: "De moestuin"', 'title: "De buurtmoestuin"'), (STORY,)),
    ("new story", CHANGES["new story"], ("content/stories/nieuw.md",)),
    ("draft published", CHANGES["draft published"], ("content/stories/concept-verhaal.md",)),
    ("layout", CHANGES["layout"], ("layouts/story.html",)),
    ("body last", lambda p: replace_in(story(p), "Acht buren", "Negen buren"), (STORY,)),
]


@pytest.mark.parametrize("told", [True, False], ids=["watcher's paths", "every file looked at"])
def test_edits_one_after_another_give_a_fresh_build_each_time(project: Path, told: bool) -> None:
    cache = Rebuilder(project, long_lived=True)
    assert cache.build().ok
    for name, change, paths in STEPS:
        before = outputs(cache.build(changed=set()) if told else cache.build())
        change(project)
        again = cache.build(changed=watched(project, *paths) if told else None)
        fresh = collect(project, preview=True)
        assert again.ok and fresh.ok, name
        assert outputs(again) == outputs(fresh), name
        assert outputs(again) != before, name


def test_a_title_edit_renders_every_page_that_shows_it_and_only_those(project: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import samenspel.render as render

    cache = Rebuilder(project)
    cache.build()
    CHANGES["body"](project)  # the metadata is then kept as the very object it was
    before = outputs(cache.build(changed=watched(project, STORY)))
    CHANGES["title"](project)
    rendered: list[str] = []
    original = render._render_page

    def spy(env, job):  # type: ignore[no-untyped-def]
        rendered.append(Urls.output_path(job.path))
        return original(env, job)

    monkeypatch.setattr(render, "_render_page", spy)
    again = outputs(cache.build(changed=watched(project, STORY)))
    monkeypatch.setattr(render, "_render_page", original)
    assert again == outputs(collect(project, preview=True))
    changed = sorted(path for path, data in again.items() if path.endswith(".html") and before.get(path) != data)
    assert sorted(rendered) == changed
    assert {"index.html", "verhalen/index.html", "themas/eigen-regie/index.html"} <= set(changed)


def test_a_file_the_watcher_names_that_is_new_deleted_or_unreadable_is_read_as_a_whole(project: Path) -> None:
    cache = Rebuilder(project)
    cache.build()
    (project / "content" / "stories" / "dorpshuis.md").unlink()
    replace_in(project / "content" / "lessons" / "samen-sterker.md", ", dorpshuis]", "]")
    replace_in(story(project), "(dorpshuis.md#lessen)", "(#lessen)")
    again = cache.build(changed=watched(project, OTHER, "content/lessons/samen-sterker.md", STORY))
    assert outputs(again) == outputs(collect(project, preview=True))
    story(project).write_bytes(b"\xff\xfe not UTF-8")
    broken = cache.build(changed=watched(project, STORY))
    assert not broken.ok
    assert [p.code for p in broken.problems] == [p.code for p in collect(project, preview=True).problems]


def test_read_again_gives_the_snapshot_a_full_read_gives(project: Path) -> None:
    from samenspel.project import read_project

    first = read_project(project)
    CHANGES["title"](project)
    again = read_project(project, first, changed=watched(project, STORY))
    whole = read_project(project)
    assert again.sources == whole.sources and again.problems == whole.problems
    assert again.sources[1:] == first.sources[1:] or again.sources != first.sources


def test_remember_same_gives_the_kept_object_only_for_an_equal_value_of_the_same_type() -> None:
    from samenspel.memo import Same
    from samenspel.rebuild import Remember

    memo = Remember()
    first = ("a", (1, 2))
    assert memo.same("s", "k", first) is first
    assert memo.same("s", "k", ("a", (1, 2))) is first  # equal: the kept one
    assert memo.same("s", "k", ["a", (1, 2)]) == ["a", (1, 2)]  # another type: not taken for it
    memo.finish(complete=True)
    memo.finish(complete=True)  # builds that did not ask keep it too
    assert memo.same("s", "k", ("a", (1, 2))) == ("a", (1, 2))
    one, two = [1], [1]
    assert Same((one,)) == Same((one,)) and Same((one,)) != Same((two,))
    assert hash(Same((one, "x"))) == hash(Same((one, "x")))

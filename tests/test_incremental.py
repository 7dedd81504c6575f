"""Incremental preview builds give exactly what a fresh build gives, whatever changed."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from samenspel.pipeline import Built, collect
from samenspel.rebuild import Rebuilder

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

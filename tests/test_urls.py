"""URLs and output paths, from the one module that makes them."""
from __future__ import annotations

import pytest

from samenspel.urls import Urls, github_addresses, slugify, story_file_name


@pytest.mark.parametrize("text, slug", [
    ("Café", "cafe"),
    ("Eén dorp, één plan!", "een-dorp-een-plan"),
    ("  Ruimte   bieden ", "ruimte-bieden"),
    ("Zuid-Holland", "zuid-holland"),
    ("ĳsselmeer", "ijsselmeer"),
    ("***", ""),
])
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize("base, path, href", [
    ("https://x.org/", "/verhalen/a/", "/verhalen/a/"),
    ("https://x.org/samenspel/", "/verhalen/a/", "/samenspel/verhalen/a/"),
    ("https://x.org/a/b", "/", "/a/b/"),
    ("http://127.0.0.1:8000/", "/assets/style.css", "/assets/style.css"),
])
def test_href_is_under_the_base_path(base: str, path: str, href: str) -> None:
    assert Urls(base).href(path) == href


def test_every_kind_of_url() -> None:
    urls = Urls("https://x.org/s/")
    assert urls.stories(2) == "/verhalen/pagina/2/"
    assert urls.story("Dorpshuis") == "/verhalen/dorpshuis/"
    assert urls.term("themes", "eigen-regie") == "/themas/eigen-regie/"
    assert urls.term("provinces", "noord-holland") == "/provincies/noord-holland/"
    assert urls.lesson("samen") == "/lessen/samen/"
    assert urls.absolute("/over/") == "https://x.org/s/over/"
    assert urls.href("/verhalen/a/", "les-1") == "/s/verhalen/a/#les-1"


@pytest.mark.parametrize("path, out", [
    ("/", "index.html"),
    ("/verhalen/a/", "verhalen/a/index.html"),
    ("/404.html", "404.html"),
])
def test_output_path(path: str, out: str) -> None:
    assert Urls.output_path(path) == out


@pytest.mark.parametrize("path", ["/../etc/", "/a/../../b/", "/.."])
def test_output_path_never_leaves_the_site(path: str) -> None:
    with pytest.raises(ValueError):
        Urls.output_path(path)


@pytest.mark.parametrize("name", ["../../etc", "a/b", "..", "", "///"])
def test_a_slug_from_content_cannot_make_a_path(name: str) -> None:
    try:
        url = Urls("https://x.org/").story(name)
    except ValueError:
        return
    assert ".." not in url.split("/") and url.count("/") == 3


@pytest.mark.parametrize("repository, branch, expected", [
    ("https://github.com/samenspel/samenspel", "main", {
        "new_file": "https://github.com/samenspel/samenspel/new/main",
        "issue": "https://github.com/samenspel/samenspel/issues/new?template=verhaal.yml",
        "template": "https://github.com/samenspel/samenspel/blob/main/docs/sjabloon-verhaal.md"}),
    ("https://github.com/buurt/verhalen/", "hoofd", {
        "new_file": "https://github.com/buurt/verhalen/new/hoofd",
        "issue": "https://github.com/buurt/verhalen/issues/new?template=verhaal.yml",
        "template": "https://github.com/buurt/verhalen/blob/hoofd/docs/sjabloon-verhaal.md"}),
    ("https://gitlab.com/samenspel/samenspel", "main", {}),  # GitHub's "new file" page only
    ("https://github.com/samenspel", "main", {}),
    ("http://github.com/samenspel/samenspel", "main", {}),
    ("", "main", {}),
])
def test_github_addresses_only_for_a_repository_on_github(repository: str, branch: str,
                                                          expected: dict[str, str]) -> None:
    assert github_addresses(repository, branch) == expected


@pytest.mark.parametrize("title, name", [
    ("Samen een buurttuin", "samen-een-buurttuin"),
    ("Café Één: de ‘Tuin’!", "cafe-een-de-tuin"),
    ("!!!", ""),
    ("x" * 79 + " yz", "x" * 79),  # cut at 80, no hyphen left at the end
])
def test_a_story_s_file_name_is_its_title_s_slug_cut_at_80(title: str, name: str) -> None:
    assert story_file_name(title) == name

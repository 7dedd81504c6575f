"""The submission page /deel-je-verhaal/ (#10): a filled form gives a story file that check accepts,
a missing answer is refused in the page with the field named, a hostile title stays one text, the
add and remove buttons work by keyboard, and without JavaScript the page shows the other routes."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from samenspel.cli import main
from samenspel.pipeline import collect
from samenspel.urls import story_file_name

from .harness import make_example_project
from .test_axe import axe, describe, run_axe

__all__ = ["axe"]

PATH = "deel-je-verhaal/"
TITLE = "Samen een buurttuin in de wijk"


def open_form(page: Any, base: str) -> None:
    page.goto(base + PATH)
    page.locator("#verhaal-formulier").wait_for()  # shown by the script


def fill_story(page: Any, title: str = TITLE, summary: str = "Bewoners wilden een tuin; de gemeente betaalde de "
               "eerste planten en liet de keuzes aan hen.") -> None:
    """Fill every field of the form for a complete story, with two parties and a relation."""
    page.fill("#titel", title)
    page.fill("#samenvatting", summary)
    page.fill("#datum", "2024-03-05")
    page.fill("#plek-naam", "een wijk in een stad")
    page.select_option("#schaal", "wijk")
    page.check("#anoniem-ja")
    actors = page.locator("#partijen .repeat-item")
    first, second = actors.nth(0), actors.nth(1)
    first.locator('[data-field="name"]').fill("een groep bewoners")
    first.locator('[data-field="type"]').select_option("bewonersinitiatief")
    first.locator('[data-field="roles"] input[value="initiatiefnemer"]').check()
    first.locator('[data-field="roles"] input[value="trekker"]').check()
    second.locator('[data-field="name"]').fill("de gemeente")
    second.locator('[data-field="type"]').select_option("gemeente")
    second.locator('[data-field="roles"] input[value="financier"]').check()
    relation = page.locator("#relaties .repeat-item").nth(0)
    relation.locator('[data-field="from"]').select_option(label="de gemeente")
    relation.locator('[data-field="kind"]').select_option("financiert")
    relation.locator('[data-field="to"]').select_option(label="een groep bewoners")
    relation.locator('[data-field="note"]').fill("De gemeente betaalt de eerste planten.")
    page.check("#themas-eigen-regie")
    page.check("#themas-ruimte-bieden")
    outcome = page.locator("#uitkomsten .repeat-item").nth(0)
    outcome.locator('[data-field="type"]').select_option("initiatief-gestart")
    outcome.locator('[data-field="text"]').fill("De tuin ligt er en de bewoners houden hem zelf bij.")
    lesson = page.locator("#lessen .repeat-item").nth(0)
    lesson.locator('[data-field="text"]').fill("Laat de bewoners kiezen wat er in hun tuin komt.")
    lesson.locator('[data-field="themes"] input[value="eigen-regie"]').check()
    page.fill("#verhaal", "## Hoe het begon\n\nIn een wijk lag een kaal veldje.\n\n## Hoe het afliep\n\nNu groeit er van alles.")
    for box in ("data", "names", "anonymous"):
        page.check(f"#privacy-{box}")


def make_file(page: Any) -> str:
    page.click("#verhaal-formulier button[type=submit]")
    page.locator("#resultaat").wait_for()
    return str(page.input_value("#verhaal-bestand"))


def checked_project(tmp_path: Path, name: str, text: str) -> Path:
    """Give a copy of the example project with the produced file as content/stories/<name>."""
    project = make_example_project(tmp_path / "project", extra=False)
    (project / "content" / "stories" / name).write_text(text, encoding="utf-8")
    return project


def test_a_filled_form_gives_a_story_file_that_check_accepts(site_server: str, page: Any, tmp_path: Path) -> None:
    open_form(page, site_server)
    fill_story(page)
    text = make_file(page)
    assert page.evaluate("() => document.activeElement.id") == "resultaat"
    name = f"{story_file_name(TITLE)}.md"
    assert name in page.inner_text("#resultaat-uitleg")
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == name
    assert Path(download.path()).read_text(encoding="utf-8") == text
    link = urlsplit(page.get_attribute("#op-github", "href"))
    assert (link.netloc, link.path) == ("github.com", "/samenspel/samenspel/new/main")
    query = parse_qs(link.query)
    assert query["filename"] == [f"content/stories/{name}"] and query["value"] == [text]
    assert page.locator("#op-github").is_visible() and page.locator("#te-lang").is_hidden()

    project = checked_project(tmp_path, name, text)
    built = collect(project)
    assert built.problems == [], [p.code for p in built.problems]
    draft = next(d for d in built.drafts if d.path == f"content/stories/{name}")
    meta = draft.meta
    assert (meta.title, meta.status, meta.date.isoformat()) == (TITLE, "ter-review", "2024-03-05")  # type: ignore[union-attr]
    assert [(a.id, a.type, a.roles) for a in meta.actors] == [  # type: ignore[union-attr]
        ("bewonersinitiatief", "bewonersinitiatief", ("initiatiefnemer", "trekker")),
        ("gemeente", "gemeente", ("financier",))]
    assert [(r.source, r.kind, r.target) for r in meta.relations] == [  # type: ignore[union-attr]
        ("gemeente", "financiert", "bewonersinitiatief")]
    assert meta.place.anonymised and meta.themes == ("eigen-regie", "ruimte-bieden")  # type: ignore[union-attr]
    messages = io.StringIO()
    with contextlib.redirect_stderr(messages):  # and the command line says the same
        assert main(["check", "--root", str(project)]) == 0, messages.getvalue()
    assert not page.console_errors, page.console_errors


def test_a_missing_field_is_refused_in_the_page_with_the_field_named(site_server: str, page: Any) -> None:
    open_form(page, site_server)
    fill_story(page)
    page.fill("#samenvatting", "")
    page.uncheck("#privacy-names")
    page.click("#verhaal-formulier button[type=submit]")
    summary = page.locator("#foutmeldingen")
    assert summary.is_visible()
    assert page.evaluate("() => document.activeElement.id") == "foutmeldingen"
    assert summary.locator("[role=alert]").count() == 1
    links = summary.locator("a")
    assert links.all_inner_texts() == ["Samenvatting: vul dit in",
                                       "Ik noem alleen mensen met naam die daar ja op zeiden. Wie over wie het "
                                       "verhaal gaat, weet ervan.: vink dit aan als het klopt"]
    assert links.first.get_attribute("href") == "#samenvatting"
    field = page.locator("#samenvatting")
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby").split()
    assert described[0] == "samenvatting-fout" and "samenvatting-uitleg" in described
    assert page.text_content("#samenvatting-fout") == "Fout: vul dit in"
    assert page.locator("#resultaat").is_hidden() and page.input_value("#verhaal-bestand") == ""
    links.first.click()  # the link takes the reader to the field
    assert page.evaluate("() => document.activeElement.id") == "samenvatting"
    # Filled in, the next try makes the file and the marks are gone.
    page.fill("#samenvatting", "Bewoners wilden een tuin.")
    page.check("#privacy-names")
    make_file(page)
    assert summary.is_hidden() and page.locator("[aria-invalid]").count() == 0


@pytest.mark.parametrize("missing, named", [
    ("title", "Titel: vul dit in"),
    ("roles", "Partij 2, rollen: kies er minstens één"),
    ("relation", "Relatie 1, voor wie: kies er een"),
    ("themes", "Thema's: kies er minstens één"),
    ("consent", "Partij 1, die persoon heeft toestemming gegeven: zonder toestemming mag de naam van een "
                "privépersoon niet online: vraag het, of noem de naam niet"),
])
def test_each_kind_of_missing_answer_is_named(missing: str, named: str, site_server: str, page: Any) -> None:
    open_form(page, site_server)
    fill_story(page)
    second = page.locator("#partijen .repeat-item").nth(1)
    undo = {
        "title": lambda: page.fill("#titel", ""),
        "roles": lambda: second.locator('[data-field="roles"] input[value="financier"]').uncheck(),
        "relation": lambda: page.locator('#relaties [data-field="to"]').select_option(""),
        "themes": lambda: [page.uncheck(f"#themas-{key}") for key in ("eigen-regie", "ruimte-bieden")],
        "consent": lambda: page.locator("#partijen .repeat-item").nth(0).locator('[data-field="person"]').check(),
    }
    undo[missing]()
    page.click("#verhaal-formulier button[type=submit]")
    assert page.locator("#foutmeldingen a").all_inner_texts() == [named]
    assert page.input_value("#verhaal-bestand") == ""


HOSTILE = 'Tuin: # "quote" \'single\' \\ --- {{ x }} [y] &a *b !c %d @e <img src=x onerror="window.pwned=1">'


def test_a_hostile_title_stays_one_text_and_nothing_runs(site_server: str, page: Any, tmp_path: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_form(page, site_server)
    summary = 'Een regel\nstatus: gepubliceerd\n---\n"x": y'
    fill_story(page, title=HOSTILE, summary=summary)
    first = page.locator("#partijen .repeat-item").nth(0)
    first.locator('[data-field="name"]').fill('<script>window.pwned=2</script>: "bewoners"')
    text = make_file(page)
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["status"] == "ter-review" and front["title"] == HOSTILE
    assert front["summary"] == " ".join(summary.split())
    project = checked_project(tmp_path, f"{story_file_name(HOSTILE)}.md", text)
    built = collect(project)
    assert [p for p in built.problems if not p.warning] == []
    meta = next(d for d in built.drafts if d.path.endswith(f"/{story_file_name(HOSTILE)}.md")).meta
    assert meta.title == HOSTILE and meta.status == "ter-review"  # type: ignore[union-attr]
    # The relation lists show the name as text, and nothing of it ran.
    assert '<script>window.pwned=2</script>: "bewoners"' in page.locator(
        '#relaties [data-field="from"]').inner_text()
    assert page.evaluate("() => window.pwned") is None and dialogs == []
    assert page.locator("#verhaal-formulier img, #resultaat img, #verhaal-formulier script").count() == 0


@pytest.mark.parametrize("title", [
    TITLE, "Café Één: de ‘Tuin’!", "  --Ä  ß  ﬁ  ½--  ", "Straße 12 & co", "!!!", "x" * 81 + " einde",
    "a" * 79 + " bcd", "日本語の話", "Tab\there", "Ǆemal's dorpshuis",
])
def test_the_file_name_rule_is_the_one_of_urls(title: str, site_server: str, page: Any) -> None:
    open_form(page, site_server)
    assert page.evaluate("title => window.samenspelFileName(title)", title) == story_file_name(title)


def test_parties_are_added_and_removed_by_keyboard(site_server: str, page: Any) -> None:
    open_form(page, site_server)
    items = page.locator("#partijen .repeat-item")
    assert items.count() == 2 and page.locator("#partijen [data-remove]:visible").count() == 0  # two at least
    page.locator("#partijen [data-add]").focus()
    page.keyboard.press("Enter")
    assert items.count() == 3
    assert page.evaluate("() => document.activeElement.closest('.repeat-item').querySelector('legend').textContent") \
        == "Partij 3"
    page.locator("#formulier-status").filter(has_text="Partij 3 toegevoegd.").wait_for()
    page.keyboard.type("een fonds")
    assert "een fonds" in page.locator('#relaties [data-field="from"]').inner_text()  # relations offer it at once
    assert page.locator("#partijen [data-remove]:visible").count() == 3
    page.locator("#partijen .repeat-item").nth(1).locator("[data-remove]").focus()
    assert page.evaluate("() => document.activeElement.textContent") == "Weghalen Partij 2"
    page.keyboard.press("Space")
    assert items.count() == 2
    assert page.evaluate("() => document.activeElement.matches('#partijen [data-add]')")
    page.locator("#formulier-status").filter(has_text="Partij 2 weggehaald.").wait_for()
    assert items.nth(1).locator('[data-field="name"]').input_value() == "een fonds"
    assert items.nth(1).locator("[data-legend]").inner_text() == "Partij 2"  # numbered again
    ids = page.locator("#partijen [id]").evaluate_all("nodes => nodes.map(n => n.id)")
    assert len(ids) == len(set(ids))


def test_a_story_too_long_for_github_s_address_is_offered_to_copy_and_download(site_server: str, page: Any) -> None:
    open_form(page, site_server)
    fill_story(page)
    page.fill("#verhaal", "## Hoe het begon\n\n" + "Een lange zin over de tuin en de buurt. " * 250)
    make_file(page)
    assert page.locator("#op-github").is_hidden() and page.locator("#te-lang").is_visible()
    assert page.locator("#download").is_visible()


def test_copy_puts_the_file_on_the_clipboard(site_server: str, new_page: Any) -> None:
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    open_form(page, site_server)
    fill_story(page)
    text = make_file(page)
    page.click("#kopieer")
    page.locator("#kopieer-status").filter(has_text="Gekopieerd.").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == text


def test_without_javascript_the_page_shows_the_routes_and_the_template(site_server: str, new_page: Any) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(site_server + PATH)
    assert page.locator("#verhaal-formulier").is_hidden()
    assert "werkt alleen met JavaScript" in page.locator("main").inner_text()
    routes = page.locator(".submit-routes li")
    assert routes.count() == 3
    hrefs = routes.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "https://github.com/samenspel/samenspel/issues/new?template=verhaal.yml" in hrefs
    assert "https://github.com/samenspel/samenspel/blob/main/docs/sjabloon-verhaal.md" in hrefs
    assert "/bijdragen/" in hrefs


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_errors_and_the_result_pass_axe(scheme: str, site_server: str, page: Any, axe: str) -> None:
    page.emulate_media(color_scheme=scheme)
    open_form(page, site_server)
    page.locator("#partijen [data-add]").click()
    page.click("#verhaal-formulier button[type=submit]")  # everything missing: every field marked
    assert page.locator(".field-error").count() > 10
    result = run_axe(page, axe)
    assert not result["violations"], f"errors ({scheme}):\n{describe(result['violations'])}"
    page.reload()
    page.locator("#verhaal-formulier").wait_for()
    fill_story(page)
    make_file(page)
    result = run_axe(page, axe)
    assert not result["violations"], f"result ({scheme}):\n{describe(result['violations'])}"


def test_the_page_is_linked_from_the_contribute_page_and_the_home_page(site_server: str, page: Any) -> None:
    for path in ("bijdragen/", ""):
        page.goto(site_server + path)
        assert "/deel-je-verhaal/" in page.locator("main a").evaluate_all("links => links.map(a => a.pathname)"), path

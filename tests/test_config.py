"""site.toml: defaults, the base URL and its path, and every setting checked with a located problem."""
from __future__ import annotations

from pathlib import Path

import pytest

from samenspel.config import Config, parse_config
from samenspel.project import load_config

from .conftest import located

PATH = "site.toml"


def test_an_empty_file_gives_the_defaults() -> None:
    config, problems = parse_config("")
    assert problems == []
    assert config == Config()
    assert (config.title, config.base_url, config.language, config.per_page, config.output_dir, config.branch) == (
        "Samenspel", "http://127.0.0.1:8000/", "nl", 12, "site", "main")
    assert config.base_path == "/"


def test_every_setting_is_read() -> None:
    config, problems = parse_config(
        'title = "Mini"\ntagline = "Klein"\nbase_url = "https://example.org/samenspel/"\nlanguage = "en"\n'
        'repository = "https://example.org/repo"\nbranch = "trunk"\nper_page = 2\noutput_dir = "public"\n'
    )
    assert problems == []
    assert config == Config("Mini", "Klein", "https://example.org/samenspel/", "en", "https://example.org/repo",
                            "trunk", 2, "public")


@pytest.mark.parametrize("base_url, normalised, base_path", [
    ("https://x.org/samenspel", "https://x.org/samenspel/", "/samenspel/"),
    ("https://x.org/samenspel/", "https://x.org/samenspel/", "/samenspel/"),
    ("https://x.org", "https://x.org/", "/"),
    ("https://x.org/a/b", "https://x.org/a/b/", "/a/b/"),
    ("http://localhost:8000/", "http://localhost:8000/", "/"),
])
def test_the_base_url_ends_in_a_slash_and_gives_the_base_path(base_url: str, normalised: str, base_path: str) -> None:
    config, problems = parse_config(f'base_url = "{base_url}"\n')
    assert problems == []
    assert config.base_url == normalised
    assert config.base_path == base_path


def test_the_base_path_of_a_url_without_a_trailing_slash() -> None:
    assert Config(base_url="https://x.org/samenspel").base_path == "/samenspel/"


@pytest.mark.parametrize("base_url", ["example.org", "ftp://example.org/", "https://", "/samenspel/", ""])
def test_a_base_url_that_is_not_a_web_address(base_url: str) -> None:
    config, problems = parse_config(f'title = "T"\nbase_url = "{base_url}"\n')
    assert located(problems) == [(PATH, 2, "base_url", "bad_base_url", "hint_base_url")]
    assert problems[0].text("nl") == (f"{PATH}:2: base_url: '{base_url}' is geen volledig webadres"
                                      " — bijvoorbeeld https://voorbeeld.nl/samenspel/")
    assert config.base_url == Config().base_url
    assert config.title == "T"


def test_an_unknown_key_with_a_suggestion() -> None:
    config, problems = parse_config('tagline = "x"\ntitel = "Samenspel"\n')
    assert located(problems) == [(PATH, 2, "titel", "unknown_field", "hint_field_suggestion")]
    assert problems[0].text("nl") == f"{PATH}:2: titel: onbekend veld 'titel' — bedoelde je 'title'?"
    assert problems[0].text("en") == f"{PATH}:2: titel: unknown field 'titel' — did you mean 'title'?"
    assert config.title == "Samenspel"


def test_an_unknown_key_without_a_match_lists_the_settings() -> None:
    _, problems = parse_config("kleur = 1\n")
    assert located(problems) == [(PATH, 1, "kleur", "unknown_field", "hint_fields")]
    assert problems[0].text("nl") == (f"{PATH}:1: kleur: onbekend veld 'kleur' — bekende velden: title, tagline, base_url,"
                                      " language, repository, branch, per_page, output_dir, max_file_bytes, search_shard_size")


@pytest.mark.parametrize("value, shown", [
    ("0", "0"), ("-1", "-1"), ('"3"', "3"), ("2.5", "2.5"),
    ("true", "true"),
])
def test_per_page_must_be_a_positive_whole_number(value: str, shown: str) -> None:
    config, problems = parse_config(f'title = "T"\n\nper_page = {value}\n')
    assert located(problems) == [(PATH, 3, "per_page", "bad_int", "hint_int")]
    assert problems[0].text("nl") == (f"{PATH}:3: per_page: verwacht een geheel getal, kreeg '{shown}'"
                                      " — schrijf een getal zonder aanhalingstekens, bijvoorbeeld 3")
    assert config.per_page == 12


@pytest.mark.parametrize("value, got", [("3", "een getal (3)"), ("true", "ja/nee (true)"), ('["a"]', "een lijst")])
def test_text_settings_must_be_text(value: str, got: str) -> None:
    config, problems = parse_config(f"title = {value}\n")
    assert located(problems) == [(PATH, 1, "title", "wrong_type", "hint_text")]
    assert problems[0].text("nl") == f"{PATH}:1: title: verwacht tekst, maar kreeg {got} — zet de tekst tussen aanhalingstekens"
    assert config.title == "Samenspel"


@pytest.mark.parametrize("language", ["de", "NL", "nederlands"])
def test_an_unknown_language(language: str) -> None:
    config, problems = parse_config(f'language = "{language}"\n')
    assert located(problems) == [(PATH, 1, "language", "unknown_lang", "hint_choices")]
    assert problems[0].text("nl") == f"{PATH}:1: language: '{language}' is geen ondersteunde taal — kies uit: nl, en"
    assert config.language == "nl"


@pytest.mark.parametrize("text, line", [
    ('title = "x"\nbase_url = https://x.org/\n', 2),
    ('title = "x"\n\ntagline = "a"\ntagline = "b"\n', 4),
    ('title = "x\nper_page = 3\n', 1),
    ("[site\ntitle = 'x'\n", 1),
])
def test_a_toml_syntax_error_reports_its_line(text: str, line: int) -> None:
    config, problems = parse_config(text)
    assert located(problems) == [(PATH, line, "", "toml_error", "hint_toml")]
    assert problems[0].text("nl").startswith(f"{PATH}:{line}: TOML kan niet gelezen worden: ")
    assert config == Config()


@pytest.mark.parametrize("repository, kept", [
    ("https://github.com/org/samenspel/", "https://github.com/org/samenspel"),
    ("https://github.com/org/samenspel//", "https://github.com/org/samenspel"),
    ("https://github.com/org/samenspel", "https://github.com/org/samenspel"),
    ("", ""),
])
def test_the_repository_loses_its_trailing_slash(repository: str, kept: str) -> None:
    config, problems = parse_config(f'repository = "{repository}"\n')
    assert problems == []
    assert config.repository == kept


def test_a_repository_that_is_not_a_web_address() -> None:
    config, problems = parse_config('repository = "github.com/org/samenspel"\n')
    assert located(problems) == [(PATH, 1, "repository", "bad_url", "hint_url")]
    assert config.repository == ""


def test_with_base_url_gives_a_copy_with_a_normalised_base() -> None:
    config, _ = parse_config('title = "Mini"\nbase_url = "https://example.org/samenspel/"\nper_page = 2\n')
    local = config.with_base_url("http://127.0.0.1:8000")
    assert local.base_url == "http://127.0.0.1:8000/"
    assert local.base_path == "/"
    assert (local.title, local.per_page) == ("Mini", 2)
    assert config.base_url == "https://example.org/samenspel/"
    assert config.with_base_url("https://x.org/a/b").base_path == "/a/b/"


def test_every_problem_in_the_file_is_reported() -> None:
    _, problems = parse_config('titel = "x"\nper_page = 0\nlanguage = "fr"\nbase_url = "x"\nrepository = "y"\n')
    assert sorted((p.line, p.field, p.code) for p in problems) == [
        (1, "titel", "unknown_field"), (2, "per_page", "bad_int"), (3, "language", "unknown_lang"),
        (4, "base_url", "bad_base_url"), (5, "repository", "bad_url"),
    ]


def test_the_path_given_is_the_path_reported() -> None:
    _, [p] = parse_config("kleur = 1\n", "elders/site.toml")
    assert p.path == "elders/site.toml"


@pytest.mark.parametrize("text", [
    'title = "x"\n\n[params]\ncolor = "red"\n',
    'title = "x"\n\n[ params ]\ncolor = "red"\n',
    'title = "x"\n\n[[params]]\ncolor = "red"\n',
    'title = "x"\n\nparams.color = "red"\n',
    'title = "x"\n\n"params" = "red"\n',
], ids=["table", "spaced-table", "array-of-tables", "dotted-key", "quoted-key"])
def test_an_unknown_table_or_key_is_reported_on_its_line(text: str) -> None:
    _, problems = parse_config(text)
    assert located(problems) == [(PATH, 3, "params", "unknown_field", "hint_fields")]


@pytest.mark.parametrize("text", [
    'tagline = """\nper_page = 3\n"""\nper_page = 0\n',
    "tagline = '''\nper_page = 3\n'''\nper_page = 0\n",
    'tagline = """a"""\nbranch = "b"\n\nper_page = 0\n',
], ids=["basic", "literal", "one-line"])
def test_a_key_is_located_on_its_own_line_not_inside_a_string(text: str) -> None:
    _, problems = parse_config(text)
    assert located(problems) == [(PATH, 4, "per_page", "bad_int", "hint_int")]


def test_the_hint_for_an_unknown_language_does_not_point_at_the_vocabulary() -> None:
    _, [p] = parse_config('language = "de"\n')
    assert "vocabulary.yml" not in p.text("nl")


# -- load_config reads the file --------------------------------------------------------------

def test_load_config_reads_site_toml_with_a_bom(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_bytes(b'\xef\xbb\xbftitle = "Mini"\r\nper_page = 2\r\n')
    config, problems = load_config(tmp_path)
    assert problems == []
    assert (config.title, config.per_page) == ("Mini", 2)


def test_load_config_without_site_toml(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path)
    assert config == Config()
    assert located(problems) == [(PATH, 0, "", "missing_file", "hint_missing_config")]
    assert problems[0].text("nl") == f"{PATH}: dit bestand ontbreekt — maak site.toml aan met ten minste title en base_url"


def test_load_config_of_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_bytes(b'title = "Caf\xe9"\n')
    config, problems = load_config(tmp_path)
    assert config == Config()
    assert [(p.path, p.code) for p in problems] == [(PATH, "toml_error")]


@pytest.mark.parametrize("base_url", ["https://example.org/samenspel?x=1", "https://example.org/samenspel#top",
                                      "https://example.org/?", "http://127.0.0.1:8000/a/#"])
def test_a_base_url_with_a_query_or_fragment_is_refused_on_its_line(base_url: str) -> None:
    config, problems = parse_config(f'title = "T"\n\nbase_url = "{base_url}"\n')
    assert located(problems) == [(PATH, 3, "base_url", "base_url_extra", "hint_base_url")]
    assert problems[0].text("en") == (f"{PATH}:3: base_url: '{base_url}' has a '?' or '#' part; links to pages "
                                      "are added after the address — for example https://example.org/samenspel/")
    assert config.base_url == Config().base_url

"""The JSON Schemas for editors: made from the fields and vocabulary check uses, committed up
to date, and accepting and refusing the same sample stories as check."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from samenspel.content import Source, split
from samenspel.jsonschema import file_name, schema_files
from samenspel.project import read_project
from samenspel.schema import validate

from .conftest import REPO

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema comes with check-jsonschema (requirements/test.txt)")

PROJECT = read_project(REPO)
STORY = (REPO / "content" / "stories" / "dubbele-pet-bij-het-dorpshuis.md").read_text(encoding="utf-8")


def test_the_committed_schemas_are_current() -> None:
    made = schema_files(PROJECT.vocabulary)
    assert sorted(made) == ["schema/lesson.schema.json", "schema/page.schema.json", "schema/story.schema.json"]
    stale = [path for path, text in made.items() if (REPO / path).read_text(encoding="utf-8") != text]
    assert stale == [], "run 'python build.py schema' (or 'make schema') and commit the result"


def test_the_vocabulary_is_in_the_schema() -> None:
    story = json.loads(schema_files(PROJECT.vocabulary)[file_name("story")])
    themes = story["properties"]["themes"]["items"]
    assert themes["enum"] == list(PROJECT.vocabulary.keys("themes"))
    assert themes["markdownEnumDescriptions"][0].startswith("**Eigen regie**")
    assert story["additionalProperties"] is False


def as_an_editor_sees_it(value: Any) -> Any:
    """Give front matter as JSON has it: a YAML date is text to a language server."""
    if isinstance(value, dict):
        return {k: as_an_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_an_editor_sees_it(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def verdicts(source: Source) -> tuple[bool, bool]:
    """Give whether check accepts the file's front matter, and whether the JSON Schema does."""
    draft, problems = split(source)
    assert draft is not None, problems
    meta, problems = validate(draft, PROJECT.vocabulary)
    kind = {"stories": "story", "lessons": "lesson", "pages": "page"}[source.kind]
    schema = json.loads(schema_files(PROJECT.vocabulary)[file_name(kind)])
    valid = jsonschema.Draft7Validator(schema).is_valid(as_an_editor_sees_it(draft.meta))
    return meta is not None, valid


@pytest.mark.parametrize("source", PROJECT.sources, ids=lambda s: s.path)
def test_every_example_file_is_accepted_by_both(source: Source) -> None:
    assert verdicts(source) == (True, True)


# A story's main picture (#12), to which each case adds its own fields.
IMAGE = "status: gepubliceerd\nimage:\n  src: foto.jpg\n  credit: \"Foto: een bewoner\"\n  licence: CC BY 4.0\n"


@pytest.mark.parametrize("change, into", [
    ("", ""),
    ("themes: [dubbele-pet,", "themes: [dubbele-pett,"),
    ('title: "Dubbele pet bij het dorpshuis"\n', ""),
    ("    roles: [opdrachtgever]", "    roles: opdrachtgever"),
    ("status: gepubliceerd", "status: klaar"),
    ("lang: nl", "lang: de"),
    ("  anonymised: true", "  anonymised: ja"),
    ("  anonymised: true", "  anonymized: true"),
    ("date: 2021-08-24\nplace", "date: 24 augustus\nplace"),
    ("    type: welzijnsorganisatie", "    type: welzijn"),
    ("  - id: welzijn", "  - id: Welzijn Org"),
    ("    kind: benadert", "    kind: belt"),
    ("  - type: procesbegeleiding", "  - type: begeleiding"),
    ("  name: een dorp", "  name: een dorp\n  province: utrecht"),
    ("  name: een dorp", "  name: een dorp\n  province: brabant"),
    ("    roles: [opdrachtgever]", "    roles: [opdrachtgever]\n    person: true\n    consent: true"),
    ("    roles: [opdrachtgever]", "    roles: [opdrachtgever]\n    consent: misschien"),
    ("contributors: [\"Redactie Samenspel\"]", "contributors: []\nauteur: iemand"),
    ("summary: \"", "summary: \"" + "x" * 300),
    # Pictures (#12): alt text unless decorative, consent with recognisable people, credit and licence
    ("status: gepubliceerd\n", IMAGE + "  alt: Een dorpshuis met een rode deur\n"),
    ("status: gepubliceerd\n", IMAGE),
    ("status: gepubliceerd\n", IMAGE + "  alt: \"\"\n"),
    ("status: gepubliceerd\n", IMAGE + "  decorative: true\n"),
    ("status: gepubliceerd\n", IMAGE + "  decorative: true\n  alt: Een deur\n"),
    ("status: gepubliceerd\n", IMAGE + "  alt: Mensen\n  recognisable_people: true\n"),
    ("status: gepubliceerd\n", IMAGE + "  alt: Mensen\n  recognisable_people: true\n  consent: true\n"),
    ("status: gepubliceerd\n", IMAGE.replace("foto.jpg", "foto.gif") + "  alt: Een deur\n"),
    ("status: gepubliceerd\n", IMAGE.replace("  licence: CC BY 4.0\n", "") + "  alt: Een deur\n"),
    ("status: gepubliceerd\n", IMAGE + "  alt: Een deur\n  caption: iets\n"),
])
def test_the_schema_accepts_and_refuses_the_same_stories_as_check(change: str, into: str) -> None:
    assert change in STORY
    ok, valid = verdicts(Source("content/stories/x.md", "stories", STORY.replace(change, into, 1)))
    assert ok == valid


# Pictures in the body (#12): what pictures: says of each, for a body that shows zaal.jpg.
PICTURES = "status: gepubliceerd\npictures:\n  - src: zaal.jpg\n    credit: \"Foto: een vrijwilliger\"\n"


@pytest.mark.parametrize("into", [
    PICTURES + "    licence: CC BY 4.0\n",
    PICTURES + "    licence: CC BY 4.0\n    recognisable_people: true\n",
    PICTURES + "    licence: CC BY 4.0\n    recognisable_people: true\n    consent: true\n",
    PICTURES + "    licence: CC BY 4.0\n    recognisable_people: false\n",
    PICTURES,
    PICTURES + "    licence: CC BY 4.0\n    alt: Een zaal\n",
    PICTURES.replace("zaal.jpg", "zaal.gif") + "    licence: CC BY 4.0\n",
    "status: gepubliceerd\npictures:\n  src: zaal.jpg\n  credit: iemand\n  licence: CC0\n",
    "status: gepubliceerd\npictures: []\n",
])
def test_the_schema_and_check_agree_on_pictures_in_the_body(into: str) -> None:
    text = STORY.replace("status: gepubliceerd\n", into, 1) + "\n![Een zaal vol stoelen](zaal.jpg)\n"
    ok, valid = verdicts(Source("content/stories/x.md", "stories", text))
    assert ok == valid

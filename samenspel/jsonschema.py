"""JSON Schemas of the front matter, made from the field definitions and vocabulary that ``check`` uses.

An editor with a YAML language server reads ``schema/story.schema.json`` (named on the
file's first line: ``# yaml-language-server: $schema=../../schema/story.schema.json``) and
then completes field names and vocabulary keys, and underlines a mistake as it is typed.
The required and optional fields, the limits, the statuses, languages and every vocabulary
list come from ``schema.py``, ``meta.py`` and ``content/vocabulary.yml``; ``python build.py
schema`` writes the files, and a test fails when the committed ones are out of date.
``check`` stays the judge: the schema cannot know, for example, which actor ids a story has.
"""
from __future__ import annotations

import json
from typing import Any

from .messages import LANGUAGES
from .meta import STATUSES
from .schema import (
    ACTOR_OPTIONAL,
    IMAGE_OPTIONAL,
    IMAGE_REQUIRED,
    LESSON_OPTIONAL,
    LESSON_REQUIRED,
    LIMITS,
    MINIMUM,
    PAGE_OPTIONAL,
    PAGE_REQUIRED,
    PICTURE_OPTIONAL,
    PICTURE_REQUIRED,
    STORY_OPTIONAL,
    STORY_REQUIRED,
    SUMMARY_LIMIT,
)
from .vocabulary import KEY, Vocabulary

DRAFT = "http://json-schema.org/draft-07/schema#"
KINDS = ("story", "lesson", "page")
FOLDER = "schema"

Schema = dict[str, Any]


def file_name(kind: str) -> str:
    """Give the path of one kind's schema file, relative to the project."""
    return f"{FOLDER}/{kind}.schema.json"


def _text(description: str, limit: int | None = None) -> Schema:
    # check reads a number or a date as text too ('period: 2021'), so the schema lets them through.
    out: Schema = {"description": description, "type": ["string", "number"], "minLength": 1}
    if limit:
        out["maxLength"] = limit
    return out


def _date(description: str) -> Schema:
    return {"description": description, "type": "string", "format": "date",
            "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _term(vocabulary: Vocabulary, kind: str, description: str) -> Schema:
    terms = vocabulary.terms(kind)
    return {"description": description, "type": "string", "enum": [t.key for t in terms],
            # Not part of JSON Schema; editors show it beside each value they offer.
            "markdownEnumDescriptions": [f"**{t.label_in('nl')}**: {t.description_in('nl')}" for t in terms]}


def _terms(vocabulary: Vocabulary, kind: str, description: str) -> Schema:
    return {"description": description, "type": "array", "minItems": 1, "uniqueItems": True,
            "items": _term(vocabulary, kind, description)}


def _object(required: tuple[str, ...], properties: dict[str, Schema], description: str = "") -> Schema:
    out: Schema = {"type": "object", "required": list(required), "properties": properties,
                   "additionalProperties": False}
    if description:
        out = {"description": description, **out}
    return out


def _ident(description: str) -> Schema:
    return {"description": description, "type": "string", "pattern": KEY.pattern}


def _flag(name: str) -> Schema:
    """Give the schema that holds when the boolean field ``name`` is there and true."""
    return {"required": [name], "properties": {name: {"const": True}}}


def _picture_file(description: str) -> Schema:
    return {"description": description, "type": "string", "minLength": 1, "maxLength": 300,
            "pattern": r"\.([jJ][pP][eE]?[gG]|[pP][nN][gG]|[wW][eE][bB][pP])$"}


def _fields(names: tuple[str, ...], known: dict[str, Schema]) -> dict[str, Schema]:
    """Give the schema of each named field; a name without one is a mistake in this module, not in content."""
    return {name: known[name] for name in names}


def story_schema(vocabulary: Vocabulary) -> Schema:
    """Give the JSON Schema of a story's front matter."""
    actor_extra = {
        "person": {"description": "true als deze partij één privépersoon is die met naam genoemd wordt",
                   "type": "boolean"},
        "consent": {"description": "true als die persoon toestemming gaf om met naam op de site te staan",
                    "type": "boolean"},
    }
    # What the main picture and each picture in the body say of themselves (schema.py: the same rules).
    picture_facts: dict[str, Schema] = {
        "credit": _text("Wie de foto of tekening maakte, zoals 'Foto: een bewoner'.", 200),
        "licence": _text("De licentie, zoals 'CC BY 4.0', of 'met toestemming van de maker'.", 100),
        "recognisable_people": {"description": "true als er mensen herkenbaar op staan", "type": "boolean"},
        "consent": {"description": "true als iedereen die herkenbaar is toestemming gaf (portretrecht)",
                    "type": "boolean"},
    }
    consent = {"if": _flag("recognisable_people"), "then": _flag("consent")}  # portretrecht: only with consent
    known: dict[str, Schema] = {
        "title": _text("De titel van het verhaal.", LIMITS["title"]),
        "summary": _text("Eén of twee zinnen: wie wilde wat, wie vroeg of betaalde wie, wat kwam eruit.",
                         LIMITS["summary"]),
        "date": _date("De datum waarop het verhaal verschijnt, als JJJJ-MM-DD."),
        "period": _text("Wanneer of hoe lang het speelde, in eigen woorden.", LIMITS["period"]),
        "place": _object(("name", "scale", "anonymised"), {
            "name": _text("De plek zoals lezers die zien; anonimiseer als dat nodig is ('een dorp').",
                          LIMITS["place.name"]),
            "scale": _term(vocabulary, "place_scales", "De schaal van de plek."),
            "anonymised": {"description": "true als de echte naam is weggelaten", "type": "boolean"},
            "municipality": _text("De gemeente; alleen bij een plek die niet geanonimiseerd is.",
                                  LIMITS["place.municipality"]),
            "province": _term(vocabulary, "provinces", "De provincie; alleen bij een plek die niet geanonimiseerd is."),
        }, "Waar het verhaal speelde."),
        "actors": {"description": "De partijen in het verhaal, minstens twee.", "type": "array",
                   "minItems": MINIMUM["actors"],
                   "items": _object(("id", "name", "type", "roles"), {
                       "id": _ident("Een korte code, uniek in dit verhaal: kleine letters, cijfers, streepjes."),
                       "name": _text("De naam zoals lezers die midden in een zin zien ('de gemeente').",
                                     LIMITS["actor.name"]),
                       "type": _term(vocabulary, "actor_types", "De soort partij."),
                       "roles": _terms(vocabulary, "roles", "De rollen van deze partij."),
                       **_fields(ACTOR_OPTIONAL, actor_extra),
                   })},
        "relations": {"description": "Wie vraagt, huurt in, betaalt of ondersteunt wie, minstens één.",
                      "type": "array", "minItems": MINIMUM["relations"],
                      "items": _object(("from", "to", "kind"), {
                          "from": _ident("De id van de partij die iets doet."),
                          "to": _ident("De id van de partij voor wie."),
                          "kind": _term(vocabulary, "relation_kinds", "De soort relatie."),
                          "note": _text("Een korte toelichting in één zin.", LIMITS["relation.note"]),
                      })},
        "themes": _terms(vocabulary, "themes", "De thema's van het verhaal, minstens één."),
        "outcomes": {"description": "Wat er uit het verhaal kwam, minstens één.", "type": "array",
                     "minItems": MINIMUM["outcomes"],
                     "items": _object(("type", "text"), {
                         "type": _term(vocabulary, "outcome_types", "De soort uitkomst."),
                         "text": _text("Wat er gebeurde, in één zin.", LIMITS["outcome.text"]),
                     })},
        "lessons": {"description": "Lessen voor lezers, minstens één.", "type": "array", "minItems": MINIMUM["lessons"],
                    "items": _object(("text", "themes"), {
                        "text": _text("Een advies in één of twee zinnen.", LIMITS["lesson.text"]),
                        "themes": _terms(vocabulary, "themes", "De thema's van deze les."),
                    })},
        "sources": {"description": "Bronnen, zoals een artikel of interview.", "type": "array",
                    "items": _object(("title",), {
                        "title": _text("De titel van de bron.", LIMITS["source.title"]),
                        "url": {"description": "Het webadres, met https://", "type": "string",
                                "pattern": "^https?://"},
                        "date": _date("De datum van de bron, als JJJJ-MM-DD."),
                    })},
        "contributors": {"description": "Namen van schrijvers, alleen met hun toestemming.", "type": "array",
                         "items": _text("Een naam.", LIMITS["contributor"])},
        "status": {"description": "concept, ter-review of gepubliceerd", "enum": list(STATUSES)},
        "lang": {"description": "De taal van het verhaal.", "enum": list(LANGUAGES)},
        "image": _object(IMAGE_REQUIRED, _fields(IMAGE_REQUIRED + IMAGE_OPTIONAL, {
            "src": _picture_file("Het bestand, vanaf dit verhaal: foto.jpg naast het verhaal. JPEG, PNG of WebP."),
            "alt": {"description": "Wat er te zien is, in één zin, voor wie de afbeelding niet ziet. "
                                   "Leeg of weg alleen bij decorative: true.", "type": ["string", "number"],
                    "maxLength": 300},
            "decorative": {"description": "true als de afbeelding alleen versiering is en niets zegt wat de tekst "
                                          "niet zegt; dan geen alt-tekst", "type": "boolean"},
            **picture_facts,
        }), "De hoofdafbeelding van het verhaal: op de pagina, op de kaartjes en bij delen.") | {"allOf": [
            # alt text, unless the picture is decoration; then none
            {"if": _flag("decorative"), "then": {"properties": {"alt": {"pattern": r"^\s*$"}}},
             "else": {"required": ["alt"], "properties": {"alt": {"pattern": r"\S"}}}},
            consent,
        ]},
        "pictures": {"description": "Over de afbeeldingen in de tekst (![wat je ziet](foto.jpg)): per afbeelding wie "
                                    "haar maakte, de licentie, en of er herkenbare mensen op staan.", "type": "array",
                     "items": _object(PICTURE_REQUIRED, _fields(PICTURE_REQUIRED + PICTURE_OPTIONAL, {
                         "src": _picture_file("Het bestand zoals de tekst het noemt, tussen de ronde haken: "
                                              "foto.jpg uit ![wat je ziet](foto.jpg)."),
                         **picture_facts,
                     })) | {"allOf": [consent]}},
    }
    return _document("Een verhaal (content/stories/*.md)", STORY_REQUIRED,
                     _fields(STORY_REQUIRED + STORY_OPTIONAL, known))


def lesson_schema(vocabulary: Vocabulary) -> Schema:
    """Give the JSON Schema of a cross-cutting lesson's front matter."""
    known: dict[str, Schema] = {
        "title": _text("De titel van de les.", 200),
        "summary": _text("Eén of twee zinnen over de les.", SUMMARY_LIMIT),
        "date": _date("De datum waarop de les verschijnt, als JJJJ-MM-DD."),
        "stories": {"description": "De verhalen waarop de les rust: hun bestandsnaam zonder .md.", "type": "array",
                    "minItems": 1, "uniqueItems": True, "items": _text("De bestandsnaam van een verhaal, zonder .md.")},
        "themes": _terms(vocabulary, "themes", "De thema's van de les, minstens één."),
        "status": {"description": "concept, ter-review of gepubliceerd", "enum": list(STATUSES)},
    }
    return _document("Een overstijgende les (content/lessons/*.md)", LESSON_REQUIRED,
                     _fields(LESSON_REQUIRED + LESSON_OPTIONAL, known))


def page_schema(vocabulary: Vocabulary) -> Schema:
    """Give the JSON Schema of a content page's front matter."""
    known: dict[str, Schema] = {
        "title": _text("De titel van de pagina.", 200),
        "summary": _text("Een korte samenvatting.", SUMMARY_LIMIT),
        "nav_order": {"description": "De plaats in de voettekst; weglaten houdt de pagina eruit.", "type": "integer"},
    }
    return _document("Een pagina (content/pages/*.md)", PAGE_REQUIRED,
                     _fields(PAGE_REQUIRED + PAGE_OPTIONAL, known))


def _document(title: str, required: tuple[str, ...], properties: dict[str, Schema]) -> Schema:
    return {"$schema": DRAFT, "title": title, **_object(required, properties)}


def schema_files(vocabulary: Vocabulary) -> dict[str, str]:
    """Give each schema file's path and text."""
    made = {"story": story_schema, "lesson": lesson_schema, "page": page_schema}
    return {file_name(kind): json.dumps(make(vocabulary), ensure_ascii=False, indent=2) + "\n"
            for kind, make in made.items()}

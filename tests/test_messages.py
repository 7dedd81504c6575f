"""The message catalog is complete and strict: every key the code and the layouts use is in it,
in Dutch and English with the same placeholders, and an unknown key fails loudly."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from samenspel.issueform import FIELD_KEYS
from samenspel.messages import MESSAGES, UI, WORDS, message, ui, ui_count
from samenspel.urls import TERM_SEGMENTS
from samenspel.vocabulary import KINDS

REPO = Path(__file__).resolve().parent.parent
CATALOG = {**MESSAGES, **UI}
# Calls that take catalog keys, and the positions of their key arguments.
KEY_ARGUMENTS = {"problem": (3, 4), "add": (2, 3), "report": (1, 2), "ui": (0,), "ui_count": (0,),
                 "message": (0,), "suggest_or_list": (2, 3)}
KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def keys_in_code(source: str) -> set[str]:
    """Give the catalog keys a module uses: message codes and hints, interface keys and @words."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("@") \
                and KEY.match(node.value[1:]):
            found.add(node.value)
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        positions = KEY_ARGUMENTS.get(name, ())
        values = [arg for i, arg in enumerate(node.args) if i in positions]
        values += [kw.value for kw in node.keywords if kw.arg in ("hint", "code", "key")]
        found.update(v.value for v in values
                     if isinstance(v, ast.Constant) and isinstance(v.value, str) and KEY.match(v.value))
    return found


def keys_in_layout(text: str) -> set[str]:
    """Give the interface keys a layout uses through t('key') and count('key', n)."""
    return set(re.findall(r"""\b(?:t|count)\(\s*['"]([a-z][a-z0-9_]*)['"]""", text))


def used_keys() -> dict[str, set[str]]:
    used = {str(p.relative_to(REPO)): keys_in_code(p.read_text(encoding="utf-8"))
            for p in sorted((REPO / "samenspel").glob("*.py"))}
    used.update({str(p.relative_to(REPO)): keys_in_layout(p.read_text(encoding="utf-8"))
                 for p in sorted((REPO / "layouts").rglob("*.html"))})
    return used


def missing(key: str) -> bool:
    if key.endswith("_"):  # the start of a key made from a name ('kind_' ~ kind): tested below
        return False
    if key.startswith("@"):
        return key[1:] not in WORDS
    return key not in CATALOG


def test_every_key_used_in_code_and_layouts_is_in_the_catalog() -> None:
    used = used_keys()
    assert sum(len(keys) for keys in used.values()) > 150  # the scan does find the keys
    assert {file: sorted(k for k in keys if missing(k)) for file, keys in used.items()
            if any(missing(k) for k in keys)} == {}


def test_keys_made_from_names_are_in_the_catalog_too() -> None:
    made = [f"kind_{kind}" for kind in TERM_SEGMENTS]  # layouts: t('kind_' ~ kind)
    made += [f"stage_{stage}" for stage in ("read", "check", "plan", "markdown", "related", "assemble", "jobs",
                                            "render", "assets", "write", "search")]  # cli: ui(f"stage_{name}")
    made += [f"form_{key}" for key in FIELD_KEYS]  # issueform: ui(f"form_{key}", "nl")
    words = [f"kind_{kind}" for kind in KINDS]  # schema: kind=f"@kind_{kind}"
    assert [k for k in made if k not in CATALOG] == [] and [w for w in words if w not in WORDS] == []


def test_the_scan_finds_a_key_the_catalog_lacks() -> None:
    code = 'out.add(3, "title", "no_such_code", "hint_fill")\nui("no_such_label", lang)\nx = "@no_such_word"\n'
    assert {k for k in keys_in_code(code) if missing(k)} == {"no_such_code", "no_such_label", "@no_such_word"}
    assert keys_in_layout("<p>{{ t('no_such_key') }} {{ count(\"story_count\", 2) }}</p>") == {
        "no_such_key", "story_count"}


@pytest.mark.parametrize("table", ["MESSAGES", "UI", "WORDS"])
def test_every_entry_has_dutch_and_english_with_the_same_placeholders(table: str) -> None:
    entries = {"MESSAGES": MESSAGES, "UI": UI, "WORDS": WORDS}[table]
    wrong = {}
    for key, entry in entries.items():
        if set(entry) != {"nl", "en"} or not all(entry.values()):
            wrong[key] = sorted(entry)
            continue
        fields = [{f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in ("nl", "en")]
        if fields[0] != fields[1]:
            wrong[key] = [sorted(f) for f in fields]
    assert wrong == {}


def test_an_unknown_key_fails_loudly() -> None:
    with pytest.raises(KeyError, match="no_such_key"):
        message("no_such_key", "nl", {})
    with pytest.raises(KeyError):
        ui("no_such_label", "en")


def test_counts_choose_the_singular_for_one() -> None:
    assert [ui_count("story_count", "nl", n) for n in (0, 1, 2)] == ["0 verhalen", "1 verhaal", "2 verhalen"]
    assert ui_count("problem_count", "en", 1) == "1 problem"

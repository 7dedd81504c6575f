"""Content files as text: decoded, and split into front matter (with the line of every value) and body."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .config import MAX_FILE_BYTES
from .errors import Collector, Problem, describe, field_name
from .text import first_control, normal
from .yamlcause import cause as yaml_cause

MAX_YAML_NODES = 20_000
MAX_YAML_DEPTH = 32

try:  # libyaml's C loader is about ten times faster; the pure one gives the same data.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - only without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class SafeLoader(_BaseLoader):
    """The safe loader, except that a date that does not exist stays text for the schema to report."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """Give a plain scalar's tag from a table: libyaml asks this in Python for every value (#9)."""
        if kind is not yaml.ScalarNode or implicit != (True, False):
            return _pyyaml_tag(self, kind, value, implicit)
        tag = _RESOLVED.get(value)
        if tag is None:
            tag = _pyyaml_tag(self, kind, value, implicit)
            if len(value) <= 64 and len(_RESOLVED) < 50_000:  # keys and terms repeat; bounds keep it small
                _RESOLVED[value] = tag
        return tag


# PyYAML's resolver (by another name: 'resolve' is also Path's, which tests/test_architecture.py watches).
_pyyaml_tag: Any = _BaseLoader.resolve
# The tag of each plain scalar met so far: keys, terms and small values repeat in every file.
_RESOLVED: dict[str, str] = {}


def _timestamp(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:  # 2024-02-30 looks like a date to YAML but is none
        return loader.construct_scalar(node)


SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)  # type: ignore[type-var]

# python-frontmatter's own definition of a '---' fence line.
FENCE = YAMLHandler.FM_BOUNDARY

Lines = dict[tuple[str | int, ...], int]


@dataclass(frozen=True)
class Source:
    """A content file as text: its path relative to the project, and its kind."""

    path: str
    kind: str
    text: str


@dataclass(frozen=True)
class Draft:
    """A content file split into front matter (with the line of every value) and body."""

    path: str
    kind: str
    meta: dict[str, Any]
    lines: Lines
    body: str
    body_line: int

    def line(self, field: tuple[str | int, ...]) -> int:
        """Give the line of ``field``, or of its nearest parent that has one."""
        return line_of(self.lines, field)


def line_of(lines: Lines, field: tuple[str | int, ...]) -> int:
    """Give the line of ``field`` in a YAML document, or of its nearest parent that has one."""
    while field and field not in lines:
        field = field[:-1]
    return lines.get(field, 1)


# The control characters of text.CONTROL as UTF-8: one byte each below 0x80 (a carriage return too, which
# decode turns into a newline), two for U+0080 to U+009F.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
_C1_BYTES = re.compile(b"\xc2[\x80-\x9f]")


def decode(path: str, data: bytes, limit: int = MAX_FILE_BYTES) -> tuple[str | None, list[Problem]]:
    """Give the text of a file's bytes: UTF-8, without BOM, with '\\n' line ends, in NFC."""
    out = Collector(path)
    if len(data) > limit:
        out.add(0, "", "too_large", "hint_split", size=len(data), limit=limit)
        return None, out.problems
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as e:
        offset = bom + e.start  # counted in the file, BOM included
        line = data[:offset].count(b"\n") + 1
        out.add(line, "", "not_utf8", "hint_utf8", offset=offset)
        return None, out.problems
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Written straight into the file (not as a YAML escape): refused wherever it stands, one problem a line.
    # Most files have none: their bytes say so first, in a hundredth of the time of a search of the text.
    suspect = len(data.translate(None, _CONTROL_BYTES)) != len(data) or _C1_BYTES.search(data) is not None
    for number, row in enumerate(text.split("\n") if suspect and first_control(text) else (), 1):
        char = first_control(row)
        if char == "\\u0000":  # NUL comes with UTF-16 or a binary file: once is enough
            out.add(number, "", "control_char", "hint_utf16", char=char)
            break
        if char:
            out.add(number, "", "control_char", "hint_control_char", char=char)
    if out.problems:
        return None, out.problems
    return normal(text), out.problems


def split(source: Source) -> tuple[Draft | None, list[Problem]]:
    """Give the Draft of a source: its front matter parsed with lines, and its body."""
    out = Collector(source.path)
    text = source.text
    if not text.strip():
        out.add(1, "", "empty_file", "hint_front_matter")
        return None, out.problems
    fences = list(FENCE.finditer(text))
    if not fences or fences[0].start() != 0:
        out.add(1, "", "no_front_matter", "hint_front_matter")
        return None, out.problems
    if len(fences) < 2:
        out.add(1, "", "unclosed_front_matter", "hint_close_front_matter")
        return None, out.problems
    opening, closing = fences[0], fences[1]
    yaml_text = text[opening.end():closing.start()]
    # YAML marks count from 0 at the fence's end, which is on this line of the file.
    first_line = text.count("\n", 0, opening.end()) + 1
    body_start = closing.end()
    if text.startswith("\n", body_start):
        body_start += 1
    body_line = text.count("\n", 0, body_start) + 1

    meta, lines, problems = load_yaml(yaml_text, source.path, first_line)
    if problems:
        return None, problems
    if meta is None:
        meta, lines = {}, {(): first_line}
    if not isinstance(meta, dict):
        out.add(first_line, "", "not_a_mapping", "hint_front_matter", **describe(meta))
        return None, out.problems
    return Draft(source.path, source.kind, meta, lines, text[body_start:], body_line), []


def load_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, Lines, list[Problem]]:
    """Give the data in YAML ``text`` and the line of each value, safely loaded."""
    out = Collector(path)
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
        walk = _Walk(text, first_line, out, loader)
        value = walk.node(node, (), 0)
        if out.problems:  # keys that PyYAML would silently merge or drop: the data would not be what was written
            return None, {}, list(dict.fromkeys(out.problems))
        # The walk made the data on its way (#9: PyYAML's constructor took as long as the parse); for
        # merge keys and tags beyond plain text, numbers, booleans, dates, lists and mappings, PyYAML does.
        data = value if walk.plain else loader.construct_document(node)
    except _TooComplex as e:
        out.add(first_line + e.line, "", "yaml_too_complex", "hint_yaml_simple")
        return None, {}, out.problems
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if e.context_mark and (mark is None or mark.index >= len(text.rstrip())):
            mark = e.context_mark  # an error at the very end is better shown where the open bracket was
        line = first_line + mark.line if mark else first_line
        reason = e.problem or str(e)
        stop = e.problem_mark or mark
        why = yaml_cause(text, stop.line, stop.column, reason, e.context or "",
                         e.context_mark.line if e.context_mark else None) if stop else None
        if stop and why:  # the common mistake, where it starts; the reader's own words as a detail
            out.add(first_line + why.line, "", why.code, why.hint, error=reason, at=first_line + stop.line,
                    char=why.char)
        else:
            out.add(line, "", "yaml_error", "hint_yaml", error=reason)
        return None, {}, out.problems
    except (yaml.YAMLError, ValueError, TypeError, RecursionError, KeyError, AttributeError, IndexError) as e:
        out.add(first_line, "", "yaml_error", "hint_yaml", error=str(e).splitlines()[0] if str(e) else type(e).__name__)
        return None, {}, out.problems
    finally:
        loader.dispose()
    return data, walk.lines, []


class _TooComplex(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = f"{_TAG}str", f"{_TAG}seq", f"{_TAG}map"
# Scalars whose value the walk asks PyYAML for, one by one; any other tag leaves the whole document to PyYAML.
_SCALARS = frozenset(f"{_TAG}{name}" for name in ("null", "bool", "int", "float", "timestamp"))
# What YAML makes of a key that is not text, in the words of the catalog (errors.describe).
_KEY_TYPES = {
    f"{_TAG}null": "@type_none", f"{_TAG}bool": "@type_bool", f"{_TAG}int": "@type_number",
    f"{_TAG}float": "@type_number", f"{_TAG}timestamp": "@type_date", f"{_TAG}binary": "@type_binary",
    f"{_TAG}seq": "@type_list", f"{_TAG}omap": "@type_list", f"{_TAG}pairs": "@type_list",
    f"{_TAG}map": "@type_mapping", f"{_TAG}set": "@type_set",
}


class _Walk:
    """Walks a YAML node tree, noting the line of each key and list item and reporting keys that are no names."""

    def __init__(self, text: str, offset: int, out: Collector, loader: SafeLoader) -> None:
        self.text = text
        self.offset = offset
        self.out = out
        self.loader = loader
        self.lines: Lines = {}
        self.count = 0
        self.plain = True  # whether the values made on the way are the document's (else PyYAML makes them)

    def node(self, node: yaml.Node, at: tuple[str | int, ...], depth: int) -> Any:
        """Note the lines below ``node`` and give its value (see ``plain``)."""
        self.count += 1
        if self.count > MAX_YAML_NODES or depth > MAX_YAML_DEPTH:
            raise _TooComplex(node.start_mark.line)
        self.lines.setdefault(at, self.offset + node.start_mark.line)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self.plain = False
            return self.mapping(node, at, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.plain = False
            return [self.node(item, at + (index,), depth + 1) for index, item in enumerate(node.value)]
        if node.tag == _STR:
            return node.value
        if node.tag in _SCALARS:
            try:
                return self.loader.construct_object(node)
            except Exception:  # '!!bool misschien': PyYAML's constructor below says what is wrong, as before
                self.plain = False
                return None
        self.plain = False
        return None

    def mapping(self, node: yaml.MappingNode, at: tuple[str | int, ...], depth: int) -> dict[str, Any]:
        value: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = self.offset + key_node.start_mark.line
            if key_node.tag == f"{_TAG}merge":  # '<<: *base' may come more than once, and keys may override it
                self.lines[at + ("<<",)] = line
                self.node(value_node, at + ("<<",), depth + 1)
                self.plain = False
                continue
            if key_node.tag in _KEY_TYPES:  # null:, true:, 1:, 2024-01-01:, [a, b]: ... (other tags fail when read)
                written = self.text[key_node.start_mark.index:key_node.end_mark.index].split("\n")[0]
                self.out.add(line, field_name(at), "key_not_name", "hint_key_name",
                             key=written, got=_KEY_TYPES[key_node.tag])
                continue
            # One string per key name in all files: each file's lines name every key (#9: 10,000 stories).
            key = sys.intern(key_node.value) if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark.line)
            if key in first:
                self.out.add(line, field_name(at + (key,)), "duplicate_key", "hint_duplicate_key",
                             name=key, other=first[key])
                continue
            first[key] = line
            self.lines[at + (key,)] = line
            if key_node.tag != _STR:
                self.plain = False
            value[key] = self.node(value_node, at + (key,), depth + 1)
        return value

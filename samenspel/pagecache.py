"""Keep each page of the last build whose content did not change: linked into the new site, not rendered again.

A rebuild after a one-story edit used to render all pages again, though nearly all came out
the same (#9). Each page's job says what the page shows (``render.PageJob.shows``, the key
the preview's memo trusts); with what every page shows (settings, vocabulary, layouts,
assets) and the engine itself, a digest of it names the page's content. The record of the
last written build (``pages.json`` in the project's cache folder outside the project) holds,
for each page, that digest and the file's stamp in the output folder. A page whose digest
is unchanged, and whose file is still the one that build wrote (same inode, size and
time), is hard-linked from the current site into the new one, which is then swapped in as
always; every other page is rendered.

Anything unexpected renders: no record, another output folder, another engine or library
version, a file changed since, a value that cannot be digested. ``build --force`` renders
every page. The record is JSON, never code; wrong content in it can at worst make a
build link a file that the output folder already held, with the stamp it had when written.
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.metadata
import io
import json
import os
import pickle
import sys
from collections.abc import Callable, Hashable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .render import PageJob

VERSION = 1
RECORD = "pages.json"
ENGINE = Path(__file__).resolve().parent
# The libraries whose version can change a rendered page.
SHAPING = ("Jinja2", "MarkupSafe", "PyYAML", "cmarkgfm", "nh3", "Pillow")
Stamp = tuple[int, int, int]  # inode, size, modification time (ns)


def engine_digest() -> str:
    """Give a digest of the engine's code, Python's version and the versions of the libraries that shape pages."""
    digest = hashlib.blake2b(sys.version.encode(), digest_size=16)
    for name in SHAPING:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            digest.update(f"\0{name}=={importlib.metadata.version(name)}".encode())
    for path in sorted(ENGINE.glob("*.py")):
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Digests:
    """Digests of values made of tuples, dataclasses, strings, numbers and dates; the same value gives the same digest.

    A dataclass is taken by its fields only (a cached property computed on it or not makes no
    difference), and once per object during a build: a story shown on many pages is digested once.
    """

    def __init__(self) -> None:
        self._known: dict[int, bytes] = {}
        self._alive: list[object] = []  # the objects whose id() is a key of _known, kept alive while it is

    def of(self, value: object) -> bytes | None:
        """Give the digest of ``value``, or None when part of it cannot be taken apart (it is then never reused)."""
        try:
            return self._digest(value)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return None

    def stand_for(self, value: object, made_from: object) -> None:
        """Let the digest of what ``value`` was made from stand for it (cheaper than going through all of it).

        Only for a value that is a function of ``made_from`` alone, with the engine and what
        every page shows (which the record's salt holds): a story's metadata, of its file's text.
        """
        found = self.of(("made from", made_from))
        if found is not None:
            self._known[id(value)] = found
            self._alive.append(value)

    def _digest(self, value: object) -> bytes:
        buffer = io.BytesIO()
        _Pickler(buffer, self).dump(value)
        return hashlib.blake2b(buffer.getvalue(), digest_size=20).digest()

    def _of_dataclass(self, value: Any) -> bytes:
        found = self._known.get(id(value))
        if found is None:
            fields = [getattr(value, f.name) for f in dataclasses.fields(value)]
            found = self._known[id(value)] = self._digest((type(value).__module__, type(value).__qualname__, fields))
            self._alive.append(value)
        return found

    def _of_tuple(self, value: tuple[object, ...]) -> bytes:
        """A tuple by the digest of its items, once per object: a story's card is on many list pages."""
        found = self._known.get(id(value))
        if found is None:
            found = self._known[id(value)] = self._digest(list(value))
            self._alive.append(value)
        return found


# Values pickled as they are; everything else is looked at by _Pickler.persistent_id.
_PLAIN = frozenset({str, int, float, bool, type(None), bytes, Markup, date, datetime})
_SHORT = 4  # shorter tuples are pickled as they are: remembering them costs more than it saves


class _Pickler(pickle.Pickler):
    """Pickles a value for its digest only: a dataclass or a longer tuple in it stands as the digest of its parts."""

    def __init__(self, file: io.BytesIO, digests: Digests) -> None:
        super().__init__(file, protocol=5)
        self.digests = digests

    def persistent_id(self, obj: Any) -> Any:
        kind = type(obj)
        if kind in _PLAIN:
            return None
        if kind is tuple:
            return self.digests._of_tuple(obj) if len(obj) >= _SHORT else None
        if kind in (set, frozenset):  # their order changes from run to run: sort them
            return (kind.__name__, self.digests._digest(sorted(obj, key=repr)))
        if dataclasses.is_dataclass(kind):
            return self.digests._of_dataclass(obj)
        if kind is object:  # a bare object() stands for itself alone: no digest can tell two apart
            raise TypeError("an object() has no content to digest")
        return None


class KeptPages:
    """The pages of the last build, to link into the new site when what they show is unchanged."""

    def __init__(self, folder: Path, out: Path, context: Hashable, enabled: bool = True) -> None:
        self.path = folder / RECORD
        self.out = out.resolve()
        self.digests = Digests()
        everything = self.digests.of((engine_digest(), context))
        self.salt = everything.hex() if everything is not None else None
        self.kept: dict[str, tuple[str, Stamp]] = self._load() if enabled and self.salt else {}
        self.now: dict[str, str] = {}  # this build's page digests, by output path
        self.reused = 0

    def _load(self) -> dict[str, tuple[str, Stamp]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data["version"] != VERSION or data["out"] != str(self.out) or data["salt"] != self.salt:
                return {}
            return {str(path): (str(digest), (int(ino), int(size), int(mtime)))
                    for path, (digest, ino, size, mtime) in data["pages"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return {}

    def take(self, job: PageJob, output_path: str, link: Callable[[str, Path], bool]) -> bool:
        """Give True when the page of ``job`` is unchanged and now linked into the new site by ``link``."""
        digest = self.digests.of((job.path, job.template, job.shows))
        if digest is None:
            return False
        self.now[output_path] = digest.hex()
        kept = self.kept.get(output_path)
        if kept is None or kept[0] != digest.hex():
            return False
        source = self.out / output_path
        try:
            found = os.lstat(source)
        except OSError:
            return False
        if (found.st_ino, found.st_size, found.st_mtime_ns) != kept[1] or not link(output_path, source):
            return False
        self.reused += 1
        return True

    def save(self) -> None:
        """Keep this build's pages for the next one, with their stamps in the output folder it swapped in."""
        pages = {}
        for output_path, digest in sorted(self.now.items()):
            with contextlib.suppress(OSError):
                found = os.lstat(self.out / output_path)
                pages[output_path] = [digest, found.st_ino, found.st_size, found.st_mtime_ns]
        data = {"version": VERSION, "out": str(self.out), "salt": self.salt, "pages": pages}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            part = self.path.with_name(f"{self.path.name}.part-{os.getpid()}")
            part.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
            os.replace(part, self.path)
        except OSError:
            self.forget()

    def forget(self) -> None:
        """Remove the record: the next build renders every page."""
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)

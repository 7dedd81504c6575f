"""Digests of the values the stages make and use: equal values give equal digests, in any process (#9).

The build's caches name what they keep by such digests: a page by what it shows
(``pagecache``), a check or Markdown result by what it is made from (``stagecache``), and
the preview's memo keys each page by one. Pure: no file is read or written.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from markupsafe import Markup


class Digests:
    """Digests of values made of tuples, dataclasses, strings, numbers and dates; the same value gives the same digest.

    A dataclass is taken by its fields only (a cached property computed on it or not makes no
    difference), and once per object during a build: a story shown on many pages is digested once.
    """

    def __init__(self, by_name: Mapping[type, Callable[[Any], str]] | None = None) -> None:
        self._known: dict[int, bytes] = {}
        self._alive: list[object] = []  # the objects whose id() is a key of _known, kept alive while it is
        self._standing: dict[int, tuple[object, bytes]] = {}  # what stand_for was told, by id()
        # Types whose objects stand as their name alone (a story as its slug): what of them counts is known otherwise.
        self.by_name = dict(by_name or {})
        self._picklers: list[_Pickler] = []  # one for each depth of digests being made
        self._depth = 0

    def of(self, value: object) -> bytes | None:
        """Give the digest of ``value``, or None when part of it cannot be taken apart (it is then never reused)."""
        try:
            return self._digest(value)
        except Exception:  # anything that cannot be taken apart (a __reduce__ that raises, a cycle): never reused
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
            self._standing[id(value)] = (value, found)

    def stand_for_part(self, value: object, whole: object, *place: str | int) -> None:
        """Let ``whole``'s stand-in and ``value``'s ``place`` in it stand for ``value`` (a part of ``whole``).

        For a story's actors and lessons: a few for each story, thousands a build. Made from the
        whole's digest without pickling, it costs a tenth of ``stand_for`` (#9). Nothing is
        known of ``value`` when ``whole`` has no stand-in.
        """
        standing = self._standing.get(id(whole))
        if standing is None:
            return
        digest = hashlib.blake2b(standing[1], digest_size=20)
        digest.update(repr(place).encode())  # strings and numbers only: their repr is plain and unique
        found = digest.digest()
        self._known[id(value)] = found
        self._alive.append(value)
        self._standing[id(value)] = (value, found)

    def naming(self, by_name: Mapping[type, Callable[[Any], str]]) -> Digests:
        """Give new Digests that name ``by_name``'s types so, and know what this one's stand-ins stand for.

        Only the stand-ins carry over: a stand-in is a function of what it was made from, whatever
        names other values take, while a value digested here may hold a value of a named type.
        """
        other = Digests(by_name)
        for key, (value, found) in self._standing.items():
            other._known[key] = found
            other._alive.append(value)
            other._standing[key] = (value, found)
        return other

    def _digest(self, value: object) -> bytes:
        # A pickler per depth of digests within digests, made once and emptied for each: making one for each
        # of a story's actors, relations and lessons was most of the cost of a page's digests (#9).
        depth = self._depth
        if depth == len(self._picklers):
            self._picklers.append(_Pickler(io.BytesIO(), self))
        pickler = self._picklers[depth]
        self._depth = depth + 1
        try:
            pickler.dump(value)
            data = pickler.buffer.getbuffer()
            try:
                return hashlib.blake2b(data, digest_size=20).digest()
            finally:
                data.release()
        finally:
            self._depth = depth
            pickler.buffer.seek(0)
            pickler.buffer.truncate()

    def _of_dataclass(self, value: Any) -> bytes:
        found = self._known.get(id(value))
        if found is None:
            kind = type(value)
            names = _FIELDS.get(kind)
            if names is None:
                names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
            fields = [getattr(value, name) for name in names]
            found = self._known[id(value)] = self._digest((kind.__module__, kind.__qualname__, fields))
            self._alive.append(value)
        return found

    def _of_tuple(self, value: tuple[object, ...]) -> bytes:
        """A tuple by the digest of its items, once per object: a story's card is on many list pages."""
        found = self._known.get(id(value))
        if found is None:
            found = self._known[id(value)] = self._digest(list(value))
            self._alive.append(value)
        return found


_FIELDS: dict[type, tuple[str, ...]] = {}  # the field names of each dataclass met, in their order

# Values pickled as they are; everything else is looked at by _Pickler.persistent_id.
_PLAIN = frozenset({str, int, float, bool, type(None), bytes, Markup, date, datetime})
_SHORT = 4  # shorter tuples are pickled as they are: remembering them costs more than it saves
_LONG_TEXT = 256  # a text this long or longer, not all ASCII, stands as the digest of its UTF-8 bytes


class _Pickler(pickle.Pickler):
    """Pickles a value for its digest only: a dataclass or a longer tuple in it stands as the digest of its parts."""

    def __init__(self, buffer: io.BytesIO, digests: Digests) -> None:
        super().__init__(buffer, protocol=5)
        self.buffer = buffer
        self.digests = digests
        # No back-references: an object met twice is written twice, so a value's digest does not depend
        # on which of its parts happen to be one object (a kept result and a fresh one share differently).
        self.fast = True

    def persistent_id(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is str and not obj.isascii() and len(obj) >= _LONG_TEXT:
            # A pickled text other than ASCII keeps its UTF-8 form for good (CPython caches it in the string):
            # a story's text, body and page HTML half as large again for the rest of the build (#9). Encoded
            # here, the copy is freed as soon as it is digested.
            return ("text", hashlib.blake2b(obj.encode("utf-8", "surrogatepass"), digest_size=20).digest())
        if kind in _PLAIN:
            return None
        if kind is tuple:
            return self.digests._of_tuple(obj) if len(obj) >= _SHORT else None
        if kind in (set, frozenset):  # their order changes from run to run: sort them by their own digests
            return (kind.__name__, self.digests._digest(sorted(self.digests._digest(item) for item in obj)))
        if kind in self.digests.by_name:
            return ("named", kind.__qualname__, self.digests.by_name[kind](obj))
        if hasattr(kind, "__dataclass_fields__"):  # dataclasses.is_dataclass(kind), without its own look at kind
            return self.digests._of_dataclass(obj)
        if kind is object:  # a bare object() stands for itself alone: no digest can tell two apart
            raise TypeError("an object() has no content to digest")
        return None

"""Keep what the check and Markdown stages made for each file, on disk, for the next build (#9).

Checking a story's front matter and rendering its Markdown are pure: the same text (with
the same vocabulary, link targets and engine) gives the same result. ``KeptResults`` is the
memo of ``pipeline.build_site`` for a one-off ``build``, like ``rebuild.Remember`` is the
preview's: it names each result by a digest of what it is made from (``pagecache.Digests``)
and keeps it in a file of its own below ``stages/`` in the project's cache folder outside
the project, so a build after a one-story edit checks and renders that one story again and
reads the others' results. Other stages are made afresh, as without a memo.

The files are pickles, so they are only read when they carry a keyed digest (BLAKE2b) made
with this user's key (``key`` in the cache folder of all projects, readable by the user
alone): a cache folder put together by anyone else, or copied from elsewhere, is ignored.
A file that is damaged, half-written or made by another engine counts as missing. After a
written build, the results that build did not use are removed.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import os
import pickle
import secrets
import stat
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from .digest import Digests
from .pagecache import engine_digest

T = TypeVar("T")
KEPT = ("check", "markdown", "story-data", "search", "search-extras")  # the stages whose results are kept
TOKENS = ("targets",)  # stages whose result only stands for its key (pipeline.render_bodies)
KEY_FILE = "key"
FOLDER = "stages"


@dataclass(frozen=True)
class Token:
    """Stands for a key: equal keys give equal tokens, in any build."""

    digest: str


class KeptResults:
    """A memo that keeps the results of the check and Markdown stages in files, for later builds."""

    def __init__(self, folder: Path, key_folder: Path, read: bool = True) -> None:
        self.folder = folder / FOLDER
        self.read = read  # False (build --force): make every result afresh, and keep them for the next build
        self.secret = _secret(key_folder)
        self.digests = Digests()
        salt = self.digests.of(engine_digest())
        self.salt = salt.hex() if salt is not None else ""
        self.used: set[str] = set()  # the names of the files this build used or made
        # The names of the files this build wrote: read again even with ``read`` False, as made afresh (the
        # search documents ask for each group more than once rather than hold them all, #9).
        self.written: set[str] = set()

    in_process = False  # results are named by digests of what they are made from: keys hold content only

    def wants(self, stage: str) -> bool:
        return stage in KEPT or stage in TOKENS

    def same(self, stage: str, key: Hashable, value: T) -> T:
        return value

    def get(self, stage: str, key: Hashable, make: Callable[[], T]) -> T:
        if stage in TOKENS:
            digest = self.digests.of((stage, key))
            if digest is not None:
                return cast(T, Token(digest.hex()))
        return make()

    def get_many(self, stage: str, keys: Sequence[Hashable], make: Callable[[list[int]], list[T]]) -> list[T]:
        if stage not in KEPT or self.secret is None:
            return make(list(range(len(keys))))
        names = [self._name(stage, key) for key in keys]
        values: dict[int, Any] = {}
        with _no_collection():  # unpickling makes many objects and no cycles: the collector would only slow it
            for i, name in enumerate(names):
                found = self._read(name) if name is not None and (self.read or name in self.written) else _MISSING
                if found is not _MISSING:
                    values[i] = found
        missing = [i for i in range(len(keys)) if i not in values]
        made = make(missing) if missing else []
        with contextlib.suppress(OSError):  # once, not for each result (no folder: nothing is kept)
            self.folder.mkdir(parents=True, exist_ok=True)
        for i, value in zip(missing, made, strict=True):
            values[i] = value
            if names[i] is not None:
                self._write(cast(str, names[i]), value)
        self.used.update(name for name in names if name is not None)
        return [cast(T, values[i]) for i in range(len(keys))]

    def prune(self) -> None:
        """Remove the kept results the last build did not use (after a written build)."""
        try:  # never through a link: a linked folder would aim the removal elsewhere
            found = os.lstat(self.folder)
        except OSError:
            return
        if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid():
            return
        with contextlib.suppress(OSError), os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.name not in self.used and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    def _name(self, stage: str, key: Hashable) -> str | None:
        digest = self.digests.of((self.salt, stage, key))
        return f"{stage}-{digest.hex()}" if digest is not None else None

    def _read(self, name: str) -> Any:
        assert self.secret is not None
        try:
            data = _read_file(os.path.join(self.folder, name))
        except OSError:
            return _MISSING
        mac, payload = data[:32], data[32:]
        if not hmac.compare_digest(mac, _mac(self.secret, name, payload)):
            return _MISSING  # not made by this user's builds, damaged or half-written
        try:
            return pickle.loads(payload)
        except Exception:  # a result pickled by another engine may name what this one lacks
            return _MISSING

    def _write(self, name: str, value: object) -> None:
        assert self.secret is not None
        part = os.path.join(self.folder, f".{name}.{os.getpid()}")
        try:
            payload = pickle.dumps(value, protocol=5)
            _write_file(part, _mac(self.secret, name, payload) + payload)
            os.replace(part, os.path.join(self.folder, name))
            self.written.add(name)
        except Exception:  # not kept (cannot be pickled, no room, no folder): the next build makes it again
            with contextlib.suppress(OSError):
                os.unlink(part)


_MISSING = object()


# A kept result is a file of a few kilobytes, thousands of them a build: read and written with the
# system's calls, without pathlib's and io's layers, which took half the time of each (#9).
def _read_file(path: str) -> bytes:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        parts = []
        while part := os.read(descriptor, 1 << 20):
            parts.append(part)
        return b"".join(parts)
    finally:
        os.close(descriptor)


def _write_file(path: str, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector (unpickling 10,000 results took three times as long with it),
    then set what the build holds so far aside from it (``gc.freeze``).

    Results read are kept to the end of the build and hold no garbage. Left to the collector,
    they were looked through again by each of its later passes: 4.5 s of a one-story edit's
    build at 10,000 stories (#9). The build unfreezes them when it ends (``pipeline._build_into``).
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


def _mac(secret: bytes, name: str, payload: bytes) -> bytes:
    """Give the keyed digest of a kept result: its file name (so no file stands for another) and its bytes."""
    digest = hashlib.blake2b(name.encode(), key=secret, digest_size=32)
    digest.update(b"\0")
    digest.update(payload)
    return digest.digest()


def _secret(folder: Path) -> bytes | None:
    """Give this user's key for kept results, made on first use (None: none can be made, nothing is kept)."""
    path = folder / KEY_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not path.exists() and not path.is_symlink():
            # Written whole under another name, then linked into place: a build killed meanwhile leaves no empty key.
            part = folder / f".{KEY_FILE}.{os.getpid()}"
            descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(descriptor, "wb") as file:
                file.write(secrets.token_bytes(32))
            with contextlib.suppress(FileExistsError):  # another build made one first: use that one
                os.link(part, path)
            os.unlink(part)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as file:
            found = os.fstat(file.fileno())
            if found.st_uid != os.getuid() or found.st_mode & 0o077:
                return None  # a key others can read or write is no key
            secret = file.read(64)
    except OSError:
        return None
    return secret if len(secret) == 32 else None

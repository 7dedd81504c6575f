"""Know, from file times alone, that the last build's site is still what a build would write now.

A build that succeeds keeps a small record (``build.json`` in the project's cache folder
outside the project, see ``cache_folder``): a key made of what it
read and how it was asked (every file below ``site.toml``, ``content/``, ``layouts/`` and
``assets/`` by path, times, inode, size and mode; the engine's own files and the versions
of the libraries that shape the output; the output folder and the options), the same
stamps of every file in the output folder it swapped in, and what it reported (pages, problems, drafts left
out). The next ``build`` makes the same key by looking at file times only, reading no
file; when key and output folder match, the site is up to date and the build says so,
repeating the last build's warnings, in a fraction of a second (#9: no-change rebuild).

Anything unexpected makes it build: no record, a record that is not ours or not whole,
another engine or library version, a file changed, added or removed anywhere in the
output folder, or the folder replaced or removed.
``build --force`` always builds. The record is JSON, never code, and a message in it
that the catalog does not know makes the record count as missing: the project's
cache folder is not trusted more than its content.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import stat
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problem
from .folders import CACHE_APP, RECORD_FILE, WATCHED
from .messages import LANGUAGES, known_key

VERSION = 1
LOCK_FILE = "lock"
# The libraries whose version can change a built page (the others only run the tools).
SHAPING = ("Jinja2", "MarkupSafe", "PyYAML", "python-frontmatter", "cmarkgfm", "nh3", "pagefind-bin-extended",
           "Pillow")
ENGINE = Path(__file__).resolve().parent
# Files changed less than this long before a build are not trusted to be told apart by their stamps.
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Record:
    """What the last successful build read, where it wrote, and what it reported."""

    key: str
    folder: str  # the output folder the build wrote
    out: str  # the stamp of every file in it, as the build left it
    lang: str  # the site's language, which the report speaks unless told otherwise
    pages: int
    problems: tuple[Problem, ...]  # warnings only: a build with errors writes nothing and keeps no record
    drafts: tuple[tuple[str, str], ...]  # (path, status) of each file left out


def cache_folder(root: Path) -> Path:
    """Give the folder where builds of the project at ``root`` keep things for the next build.

    It is in the user's cache folder, named by a digest of the project's full path, never in
    the project: nothing a project holds can plant a kept record or index, or aim a clean-up.
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    where = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return Path(base) / CACHE_APP / where


@contextlib.contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock: a second build of the same project waits for the first.

    Two builds at once would each keep a record of their own site while the other's is in
    place, and one could prune the search index the other is linking into its site.
    Where no lock can be taken (no fcntl, a read-only cache folder) the build goes on without.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield
        return
    folder = cache_folder(root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError:
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def inputs_key(root: Path, out: Path | None, options: dict[str, Any]) -> str:
    """Give the key of a build of ``root`` into ``out`` (None: as site.toml says) with ``options``, from file times."""
    where = [str(root.resolve()), str(out.resolve()) if out is not None else None]
    digest = hashlib.sha256(json.dumps([VERSION, sys.version, where, options, _versions()], sort_keys=True).encode())
    now, newest = time.time_ns(), 0
    for base, top in [(ENGINE, ".")] + [(root, name) for name in WATCHED]:
        stamps = _stamps(base, top)
        digest.update("".join(line for line, _ in stamps).encode("utf-8", "surrogateescape"))
        newest = max([newest, *(changed for _, changed in stamps)])
    if newest > now - RACY_NS:
        # A file changed a moment ago could change again within the same tick of a coarse clock
        # (FAT, HFS+, NFS) with the same size and stamps: this build's key then matches no later
        # one, so the next build builds (as git treats a "racily clean" file).
        digest.update(b"racy %d" % now)
    return digest.hexdigest()


def out_identity(out: Path) -> str | None:
    """Give a digest of the output folder: every file and folder in it by path, times, inode and size.

    A file changed, added or removed anywhere in the site, or the folder replaced, gives
    another digest (None when it is not a folder): the next build then builds.
    """
    try:
        if not stat.S_ISDIR(os.lstat(out).st_mode):
            return None
    except OSError:
        return None
    digest = hashlib.sha256()
    digest.update("".join(line for line, _ in _stamps(out, ".")).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def up_to_date(root: Path, key: str) -> Record | None:
    """Give the last build's record when its key is ``key`` and its output folder is as it left it, else None."""
    record = load_record(root)
    if record is None or record.key != key or out_identity(Path(record.folder)) != record.out:
        return None
    return record


def load_record(root: Path) -> Record | None:
    """Give the record of the last successful build, or None when there is none we can trust."""
    try:
        data = json.loads((cache_folder(root) / RECORD_FILE).read_text(encoding="utf-8"))
        problems = tuple(Problem(str(p["path"]), int(p["line"]), str(p["field"]), str(p["code"]),
                                 _pairs(p["params"]), str(p["hint"]), _pairs(p["hint_params"]), True)
                         for p in data["problems"])
        if data["version"] != VERSION or not all(known_key(p.code) and (not p.hint or known_key(p.hint))
                                                 for p in problems):
            return None
        if not isinstance(data["out"], str) or data["lang"] not in LANGUAGES:
            return None
        return Record(str(data["key"]), str(data["folder"]), data["out"], str(data["lang"]),
                      int(data["pages"]), problems, tuple((str(path), str(status)) for path, status in data["drafts"]))
    except (OSError, ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None


def save_record(root: Path, record: Record) -> None:
    """Keep ``record`` for the next build (atomically; a failure only means the next build builds)."""
    data = {"version": VERSION, "key": record.key, "folder": str(Path(record.folder).resolve()),
            "out": record.out, "lang": record.lang, "pages": record.pages,
            "problems": [{"path": p.path, "line": p.line, "field": p.field, "code": p.code,
                          "params": [list(x) for x in p.params], "hint": p.hint,
                          "hint_params": [list(x) for x in p.hint_params]} for p in record.problems],
            "drafts": [list(d) for d in record.drafts]}
    path = cache_folder(root) / RECORD_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.part-{os.getpid()}")
        part.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(part, path)
    except OSError:
        forget(root)


def forget(root: Path) -> None:
    """Remove the record: the next build builds (after a failed build, before a forced one)."""
    with contextlib.suppress(OSError):
        (cache_folder(root) / RECORD_FILE).unlink(missing_ok=True)


def _pairs(items: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(name), str(value)) for name, value in items)


def _versions() -> list[str]:
    found = []
    for name in SHAPING:
        try:
            found.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} -")
    return found


def _stamps(base: Path, top: str) -> list[tuple[str, int]]:
    """Give a line per file and folder below ``base/top`` (path, mode, times, inode, size; links not followed)
    with its latest modification or change time.

    The folders' own listings give each entry's stat (``DirEntry.stat``): at 10,000 stories the
    project and its site hold some 40,000 entries, and this walk is most of a no-change build.
    """
    try:
        first = os.lstat(base / top)
    except OSError:
        return [(f"{top}\0-\n", 0)]
    lines: list[tuple[str, int]] = []
    stack: list[tuple[str, os.stat_result]] = [(top, first)]
    while stack:
        rel, found = stack.pop()
        lines.append((f"{rel}\0{found.st_mode}\0{found.st_mtime_ns}\0{found.st_ctime_ns}\0{found.st_ino}\0"
                      f"{found.st_size}\n", max(found.st_mtime_ns, found.st_ctime_ns)))
        if not stat.S_ISDIR(found.st_mode) or rel.endswith("__pycache__"):
            continue
        try:
            with os.scandir(base / rel) as listing:
                entries = sorted((entry.name, entry) for entry in listing)
        except OSError:
            lines.append((f"{rel}\0unreadable\n", 0))
            continue
        for name, entry in reversed(entries):
            try:
                stack.append((f"{rel}/{name}", entry.stat(follow_symlinks=False)))
            except OSError:
                lines.append((f"{rel}/{name}\0-\n", 0))
    return lines

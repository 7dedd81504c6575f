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
The output folder is checked by the list of its entries the record keeps: each entry's stamps
are looked up by name, none of its folders listed again (a folder's own times change when an
entry is added, removed or renamed in it), which at 10,000 stories halves the time of the check.

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
import json
import os
import stat
import sys
import time
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

from .errors import Problem
from .folders import CACHE_APP, RECORD_FILE, WATCHED
from .messages import LANGUAGES, known_key

VERSION = 2
LOCK_FILE = "lock"
# The libraries whose version can change a built page (the others only run the tools).
SHAPING = ("Jinja2", "MarkupSafe", "PyYAML", "python-frontmatter", "cmarkgfm", "nh3", "pagefind-bin-extended",
           "Pillow")
ENGINE = Path(__file__).resolve().parent
# Files changed less than this long before a build are not trusted to be told apart by their stamps:
# RACY_NS where a file's time is in whole seconds (FAT keeps two seconds, HFS+ and ext3 one, so
# the clock's tick cannot be told), FINE_RACY_NS where its time has a fraction of a second, which
# shows a clock that ticks at least that often (ext4, XFS, Btrfs, APFS, NTFS: every few ms at most).
RACY_NS = 2_000_000_000
FINE_RACY_NS = 100_000_000
SECOND = 1_000_000_000
# One entry below a walked folder: its path, then mode, times, inode and size; or its path and
# UNSEEN when it could not be looked at, UNREADABLE for a folder that could not be listed.
Stamp = tuple[Any, ...]
UNSEEN, UNREADABLE = -1, -2


@dataclass(frozen=True)
class Record:
    """What the last successful build read, where it wrote, and what it reported."""

    key: str
    folder: str  # the output folder the build wrote
    out: str  # a digest of the stamps of every entry in it, as the build left it
    entries: str  # the path of every entry in it, one a line, in the order of ``out``
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
    now, racy = time.time_ns(), False
    for base, top in [(ENGINE, ".")] + [(root, name) for name in WATCHED]:
        stamps = _stamps(str(base), top)
        digest.update(_digest(stamps).encode())
        racy = racy or any(_racy(stamp, now) for stamp in stamps)
    if racy:
        # A file changed a moment ago could change again within the same tick of its clock with
        # the same size and stamps: this build's key then matches no later one, so the next build
        # builds (as git treats a "racily clean" file).
        digest.update(b"racy %d" % now)
    return digest.hexdigest()


def _racy(stamp: Stamp, now: int) -> bool:
    """Tell whether an entry changed too short a time before ``now`` to trust its stamps."""
    if len(stamp) < 6:
        return False
    changed: int = max(stamp[2], stamp[3])
    return changed > now - (RACY_NS if changed % SECOND == 0 else FINE_RACY_NS)


@dataclass(frozen=True)
class Listing:
    """The output folder as a build left it: every entry's path, and a digest of their stamps."""

    entries: str  # one path a line, relative to the folder ('.' is the folder itself)
    digest: str


def out_identity(out: Path) -> Listing | None:
    """Give the output folder's entries and a digest of their stamps (path, times, inode and size),
    or None when it is not a folder.

    A file changed, added or removed anywhere in the site, or the folder replaced, gives
    another digest: the next build then builds.
    """
    try:
        if not stat.S_ISDIR(os.lstat(out).st_mode):
            return None
    except OSError:
        return None
    stamps = _stamps(str(out), ".")
    if any(len(stamp) < 6 for stamp in stamps):
        return None  # something in it could not be looked at: no record to trust later
    return Listing("\n".join(stamp[0] for stamp in stamps), _digest(stamps))


def out_unchanged(folder: Path, entries: str, digest: str) -> bool:
    """Tell whether every entry of a build's output folder still has the stamps it had.

    Each entry is looked up by its path; no folder is listed again, since adding, removing or
    renaming an entry changes its folder's times (where those times show a clock finer than a
    second; else every folder is listed again). An entry gone or a path leading out of the
    folder means changed.
    """
    paths = entries.split("\n")
    if paths[0] != "." or any(not path.startswith("./") or "/../" in f"{path}/" for path in paths[1:]):
        return False  # not a list this module wrote
    base, numbers = str(folder), []
    try:
        for path in paths:
            found = os.lstat(f"{base}/{path}")
            if stat.S_ISDIR(found.st_mode) and found.st_mtime_ns % SECOND == 0:
                # A folder's time in whole seconds may come from a clock too coarse to show an entry added
                # in the second the build wrote the folder: list every folder again, as the build did.
                listing = out_identity(folder)
                return listing is not None and (listing.entries, listing.digest) == (entries, digest)
            numbers.append(hash((found.st_mode, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_size)))
    except OSError:
        return False
    return _digest_of(entries, numbers) == digest


def _digest(stamps: list[Stamp]) -> str:
    return _digest_of("\n".join(stamp[0] for stamp in stamps), [hash(stamp[1:]) for stamp in stamps])


def _digest_of(paths: str, numbers: list[int]) -> str:
    """Give the digest of entries' paths and their stamps' numbers.

    Each entry's stamp goes in as Python's hash of its numbers, 64 bits, the same in every run (a
    tuple of whole numbers is hashed without the per-run seed of strings): formatting 200,000
    numbers as text would cost a no-change build of 10,000 stories a fifth of its time.
    """
    digest = hashlib.sha256(paths.encode("utf-8", "surrogateescape"))
    digest.update(array("q", numbers).tobytes())
    return digest.hexdigest()


def up_to_date(root: Path, key: str) -> Record | None:
    """Give the last build's record when its key is ``key`` and its output folder is as it left it, else None."""
    record = load_record(root)
    if record is None or record.key != key or not out_unchanged(Path(record.folder), record.entries, record.out):
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
        if not isinstance(data["out"], str) or not isinstance(data["entries"], str) or data["lang"] not in LANGUAGES:
            return None
        return Record(str(data["key"]), str(data["folder"]), data["out"], data["entries"], str(data["lang"]),
                      int(data["pages"]), problems, tuple((str(path), str(status)) for path, status in data["drafts"]))
    except (OSError, ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None


def save_record(root: Path, record: Record) -> None:
    """Keep ``record`` for the next build (atomically; a failure only means the next build builds)."""
    data = {"version": VERSION, "key": record.key, "folder": str(Path(record.folder).resolve()),
            "out": record.out, "entries": record.entries, "lang": record.lang, "pages": record.pages,
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
    """Give the installed version of each library in SHAPING, as the first folder on the path that has one names it.

    The names of the installed packages' ``.dist-info`` (or ``.egg-info``) folders, read from the
    listing of each folder on ``sys.path``: importing importlib.metadata alone would cost a no-change
    build a sixth of its time.
    """
    wanted = {_canonical(name): name for name in SHAPING}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            stem, dot, kind = name.rpartition(".")
            if dot and kind in ("dist-info", "egg-info"):
                project, _, version = stem.partition("-")
                key = _canonical(project)
                if key in wanted and key not in found:
                    found[key] = version
    return [f"{wanted[key]}=={found[key]}" if key in found else f"{wanted[key]} -" for key in sorted(wanted)]


def _canonical(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


_NAME = attrgetter("name")


def _stamps(base: str, top: str) -> list[Stamp]:
    """Give the stamps of ``base/top`` and of every file and folder below it (links not followed),
    each folder's entries by name, ``__pycache__`` folders left out.

    The folders' own listings give each entry's stat (``DirEntry.stat``): at 10,000 stories the
    project and its site hold some 40,000 entries, and this walk is most of a no-change build.
    """
    try:
        first = os.lstat(f"{base}/{top}")
    except OSError:
        return [(top, UNSEEN)]
    stamps: list[Stamp] = [(top, first.st_mode, first.st_mtime_ns, first.st_ctime_ns, first.st_ino, first.st_size)]
    folders = [top] if stat.S_ISDIR(first.st_mode) else []
    while folders:
        rel = folders.pop()
        try:
            with os.scandir(f"{base}/{rel}") as listing:
                entries = sorted(listing, key=_NAME)
        except OSError:
            stamps.append((rel, UNREADABLE))
            continue
        for entry in entries:
            path = f"{rel}/{entry.name}"
            try:
                found = entry.stat(follow_symlinks=False)
            except OSError:
                stamps.append((path, UNSEEN))
                continue
            if entry.name == "__pycache__":
                continue
            stamps.append((path, found.st_mode, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_size))
            if stat.S_ISDIR(found.st_mode):
                folders.append(path)
    return stamps

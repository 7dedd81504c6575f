"""Read the project once: the one module that opens project files.

``read_project(root)`` turns the folder into a frozen ``Project`` (config, vocabulary,
content sources, layouts, assets, and the problems met reading them); every later stage
is a function of that snapshot, so a build sees one consistent state even while files
change, and tests can build from memory. Pictures are the one exception: the snapshot
knows each picture file by its size and the hash of its bytes, and the image stage reads
the bytes (``Project.picture_reader``) only for a picture it has not processed before,
processing what it read under that read's own hash.

Symbolic links are never followed, neither to files nor to folders (``content/``,
``content/stories``, ``assets/``, ``site.toml`` and the vocabulary included), so no file
of the project can make the build read outside it.
"""
from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import stat
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, TypeVar, cast

from .config import Config, parse_config
from .content import Source, decode
from .errors import Collector, Problem, problem
from .folders import ASSETS, CONFIG_FILE, CONTENT, KINDS, LAYOUTS, VOCABULARY_FILE
from .images import MAX_BYTES as MAX_PICTURE_BYTES
from .images import source_hash_of
from .pictures import SUFFIXES as PICTURE_SUFFIXES
from .pictures import NotRead, PictureFile, Reader, no_bytes
from .text import normal
from .vocabulary import Vocabulary, parse_vocabulary

T = TypeVar("T")
_ASSET_NAME = re.compile(r"[a-z0-9][a-z0-9.-]*")
# (modification and change time in ns, inode, size): a file is read again when any of them changed; the
# change time also moves when a tool sets the modification time back (cp -p, rsync -t, unpacking).
Stamp = tuple[int, int, int, int]


@dataclass(frozen=True)
class Project:
    """Everything a build reads, as it was when read."""

    config: Config
    vocabulary: Vocabulary
    sources: tuple[Source, ...] = ()
    layouts: tuple[tuple[str, str], ...] = ()  # (name below layouts/, text)
    assets: tuple[tuple[str, bytes], ...] = ()  # (file name in assets/, bytes)
    # Every picture file below content/ (and every link there, refused); whether one is used
    # is known only from the content, which names it: only then is a refusal a problem.
    pictures: tuple[PictureFile, ...] = ()
    problems: tuple[Problem, ...] = ()
    # What was read from which file, so the next read can keep what did not change.
    _files: dict[str, tuple[Stamp, Any]] = field(default_factory=dict, compare=False, repr=False)
    seconds: float = field(default=0.0, compare=False)  # how long reading took
    # Gives a picture file's bytes when the image stage must process it: they are not part of the snapshot.
    picture_reader: Reader = field(default=no_bytes, compare=False, repr=False)
    _listing: _Listing | None = field(default=None, compare=False, repr=False)

    def with_base_url(self, base_url: str) -> Project:
        """Give the same project served from another address (``--base-url``, the preview)."""
        return dataclasses.replace(self, config=self.config.with_base_url(base_url))


def read_project(root: Path, previous: Project | None = None, changed: Collection[str] | None = None) -> Project:
    """Give the snapshot of the project at ``root``.

    With ``previous`` (the preview), a file whose time and size are unchanged is not read
    again: its source, or its parsed config or vocabulary, is taken from there. With
    ``changed`` too (the paths the preview's watcher saw change since), when each is a
    content file ``previous`` holds, only those are looked at: at 10,000 stories looking at
    every file's time and size took most of a rebuild after a one-story edit (#9).
    """
    started = time.perf_counter()
    if not root.is_dir():
        raise NotADirectoryError(str(root))
    if previous is not None and changed is not None:
        again = _read_again(root, previous, changed, started)
        if again is not None:
            return again
    files = _Files(previous._files if previous is not None else {})
    config, problems = files.get(CONFIG_FILE, root / CONFIG_FILE, lambda: load_config(root))
    vocabulary, found = files.get(VOCABULARY_FILE, root / VOCABULARY_FILE, lambda: load_vocabulary(root))
    problems = problems + found
    sources: list[Source] = []
    listed: dict[str, tuple[int, str, str]] = {}
    limit = config.max_file_bytes
    entries = content_entries(root)  # one walk of content/ for the stories, the misnamed files and the pictures
    for rel, kind, file in discover(root, entries):
        key = f"{rel}\0{limit}"
        source, found = files.get(key, file, partial(read_source, rel, kind, file, limit))
        problems += found
        listed[rel] = (len(sources) if source is not None else -1, kind, key)
        if source is not None:
            sources.append(source)
    tail = misnamed(root, entries) + _same_names(sources)
    layouts = read_layouts(root)
    assets, found = read_assets(root)
    tail += found
    pictures, picture_reader = read_pictures(root, files, entries)
    return Project(config, vocabulary, tuple(sources), layouts, assets, pictures, tuple(problems + tail), files.seen,
                   time.perf_counter() - started, picture_reader, _Listing(listed, tuple(tail)))


@dataclass(frozen=True)
class _Listing:
    """What a full read found, for reading again only the files the preview's watcher saw change."""

    # Every Markdown file by its path as written, in order: (place in sources or -1 when unread, kind, key in _files).
    sources: dict[str, tuple[int, str, str]]
    tail: tuple[Problem, ...]  # the problems of the names (misnamed, same names) and of the assets


def _read_again(root: Path, previous: Project, changed: Collection[str], started: float) -> Project | None:
    """Give ``previous`` with the content files at ``changed`` read again, or None when not all are such files.

    Only a file that was read and still is a regular file, not a link: a new, deleted or
    renamed file, a folder, a picture, a layout, an asset or the settings need a full read.
    """
    listing = previous._listing
    if listing is None:
        return None
    files = _Files(previous._files)
    files.seen = dict(previous._files)
    sources = list(previous.sources)
    for path in changed:
        try:
            rel = Path(path).relative_to(root).as_posix()
        except ValueError:
            return None
        if rel not in listing.sources or listing.sources[rel][0] < 0:
            return None
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return None
        except OSError:
            return None
        place, kind, key = listing.sources[rel]
        file = root / rel
        source, _ = files.get(key, file, partial(read_source, rel, kind, file, previous.config.max_file_bytes))
        if source is None or source.path != sources[place].path:
            return None  # it can no longer be read: the full read says why, in its place
        sources[place] = source
    problems = [*files.seen[CONFIG_FILE][1][1], *files.seen[VOCABULARY_FILE][1][1]]
    for _, _, key in listing.sources.values():
        problems += files.seen[key][1][1]
    return dataclasses.replace(previous, sources=tuple(sources), problems=(*problems, *listing.tail),
                               _files=files.seen, seconds=time.perf_counter() - started)


class _Files:
    """What was read from each file, kept while its time and size stay the same."""

    def __init__(self, known: dict[str, tuple[Stamp, Any]]) -> None:
        self.known = known
        self.seen: dict[str, tuple[Stamp, Any]] = {}

    def get(self, key: str, path: Path, read: Callable[[], T]) -> T:
        """Give what ``read`` gave for the file at ``path`` when it is unchanged, else read it now."""
        try:
            stat = path.lstat()
            stamp: Stamp = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_size)
        except OSError:
            stamp = (0, 0, 0, -1)  # not there (or not readable): read() says what is wrong
        if key in self.known and self.known[key][0] == stamp and stamp[3] >= 0:
            self.seen[key] = self.known[key]
        else:
            self.seen[key] = (stamp, read())
        return cast(T, self.seen[key][1])


# -- settings and vocabulary -----------------------------------------------------

def load_config(root: Path) -> tuple[Config, list[Problem]]:
    """Give the Config of the project at ``root``."""
    path = root / CONFIG_FILE
    if path.is_symlink():  # like content, the settings name no file outside the project
        return Config(), [missing_file(CONFIG_FILE, "hint_missing_config")]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Config(), [missing_file(CONFIG_FILE, "hint_missing_config")]
    except (OSError, UnicodeDecodeError) as e:
        out = Collector(CONFIG_FILE)
        out.add(0, "", "toml_error", "hint_toml", error=str(e))
        return Config(), out.problems
    return parse_config(text)


def load_vocabulary(root: Path) -> tuple[Vocabulary, list[Problem]]:
    """Give the Vocabulary of the project at ``root``."""
    path = root / VOCABULARY_FILE
    if _through_link(root, Path(VOCABULARY_FILE)):  # never read outside the project, also not through content/
        return Vocabulary(()), [missing_file(VOCABULARY_FILE, "hint_missing_vocabulary")]
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Vocabulary(()), [missing_file(VOCABULARY_FILE, "hint_missing_vocabulary")]
    text, problems = decode(VOCABULARY_FILE, data)
    if text is None:
        return Vocabulary(()), problems
    return parse_vocabulary(text)


def missing_file(path: str, hint: str) -> Problem:
    """Give the problem of a required file that is not there."""
    return problem(path, 0, "", "missing_file", hint)


# -- content -----------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """A file, folder or link below content/ as one walk found it (links not followed, dot-folders not entered)."""

    rel: str  # from the project's root, '/'-separated, as the file system spells it
    name: str
    link: bool
    file: bool  # a regular file (not through a link)


def content_entries(root: Path) -> list[Entry]:
    """Give every entry below ``root``/content in one walk, each folder's entries by name, depth first.

    Links are listed, never followed; a folder whose name starts with '.' is listed but not
    entered. The order is that of sorted paths compared part by part (``sorted(rglob)``).
    Nothing when content/ is itself a link or not a folder.
    """
    folder = root / CONTENT
    if _through_link(root, Path(CONTENT)) or not folder.is_dir():
        return []
    found: list[Entry] = []

    def walk(path: str, rel: str) -> None:
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            link = entry.is_symlink()
            inner = f"{rel}/{entry.name}"
            found.append(Entry(inner, entry.name, link, not link and entry.is_file(follow_symlinks=False)))
            if not link and entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                walk(entry.path, inner)

    walk(str(folder), CONTENT)
    return found


def discover(root: Path, entries: list[Entry] | None = None) -> Iterator[tuple[str, str, Path]]:
    """Give (relative path, kind, file) for each Markdown content file, sorted."""
    for rel, kind, file in _content_files(root, entries):
        if file.suffix == ".md":
            yield rel, kind, file


def misnamed(root: Path, entries: list[Entry] | None = None) -> list[Problem]:
    """Give a problem for each content file whose '.md' is written in capitals ('VERHAAL.MD'): it is not read."""
    problems = []
    for rel, _, file in _content_files(root, entries):
        if file.suffix != ".md":
            out = Collector(normal(rel))
            out.add(0, "", "misnamed_file", "hint_rename_md", suffix=file.suffix, suggestion=file.stem + ".md")
            problems += out.problems
    return problems


def _content_files(root: Path, entries: list[Entry] | None = None) -> Iterator[tuple[str, str, Path]]:
    """Give (relative path, kind, file) for each file below content/ whose extension is '.md' in any case,
    none in or through a folder or file whose name starts with '.' or '_', none through a link."""
    entries = content_entries(root) if entries is None else entries
    for kind in KINDS:
        below = f"{CONTENT}/{kind}/"
        for entry in entries:
            if entry.file and entry.rel.startswith(below) and entry.name[-3:].lower() == ".md" and \
                    not any(part.startswith((".", "_")) for part in entry.rel.split("/")):
                yield entry.rel, kind, root / entry.rel


def _through_link(root: Path, rel: Path) -> bool:
    """Give whether any part of ``rel`` below ``root`` is a symbolic link."""
    path = root
    for part in rel.parts:
        path = path / part
        if path.is_symlink():
            return True
    return False


def read_sources(root: Path, limit: int | None = None) -> tuple[list[Source], list[Problem]]:
    """Give every content file of the project at ``root`` as text."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for rel, kind, file in discover(root):
        source, found = read_source(rel, kind, file, limit)
        problems += found
        if source is not None:
            sources.append(source)
    return sources, problems + misnamed(root) + _same_names(sources)


def _same_names(sources: list[Source]) -> list[Problem]:
    """Give a problem for each file whose name differs from another's only in how its accents are stored."""
    seen: set[str] = set()
    problems = []
    for source in sources:
        if source.path in seen:
            problems.append(problem(source.path, 0, "", "same_name", "hint_rename"))
        seen.add(source.path)
    return problems


def read_source(rel: str, kind: str, file: Path, limit: int | None = None) -> tuple[Source | None, list[Problem]]:
    """Give one content file as a Source, or the problem reading it."""
    rel = normal(rel)  # a name saved decomposed (as macOS may) gives the same slug and clash checks
    try:
        data = file.read_bytes()
    except OSError as e:
        out = Collector(rel)
        out.add(0, "", "read_error", "hint_read", error=e.strerror or str(e))
        return None, out.problems
    text, found = decode(rel, data, limit) if limit is not None else decode(rel, data)
    return (Source(rel, kind, text) if text is not None else None), found


# -- pictures ---------------------------------------------------------------------------

CHUNK = 1 << 20  # a picture is hashed a MiB at a time: the listing never holds a whole file


def read_pictures(root: Path, files: _Files | None = None,
                  entries: list[Entry] | None = None) -> tuple[tuple[PictureFile, ...], Reader]:
    """Give every picture file below content/ (and every link there, refused) sorted by path, and their reader.

    Each file is known by its size and the hash of its bytes, which are not kept: the image
    stage reads them through the reader (``picture_bytes``) when it has to process the
    picture. Links are never followed (a folder behind one is not even listed); a file larger
    than the image stage accepts is refused by its size, without being read. With ``files``
    (the preview), an unchanged file is not read again. ``entries``: the walk of content/
    (``content_entries``) when the caller made it already.
    """
    files = files if files is not None else _Files({})
    found: list[PictureFile] = []
    on_disk: dict[str, str] = {}  # each file's path as the project names it, and as it is on disk
    for entry in content_entries(root) if entries is None else entries:
        rel = normal(entry.rel)
        if entry.link:
            found.append(PictureFile(rel, refused="image_link"))
        elif entry.file and os.path.splitext(entry.name)[1].lower() in PICTURE_SUFFIXES and \
                not entry.name.startswith("."):
            on_disk[rel] = entry.rel  # a name saved decomposed is not ``rel``
            found.append(files.get(f"picture\0{rel}", root / entry.rel, partial(read_picture, root, entry.rel, rel)))
    return tuple(sorted(found, key=lambda picture: picture.path)), partial(_read_listed, root, on_disk)


def read_picture(root: Path, written: str, rel: str) -> PictureFile:
    """Give one picture file as the listing knows it (its size and hash), or why it is not used."""
    try:
        with _open_picture(root, written, rel) as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_PICTURE_BYTES:  # a 50 MB file is refused by its size, not read
                return PictureFile(rel, refused="image_too_large", size=size)
            read = 0

            def chunks() -> Iterator[bytes]:  # up to one byte past the limit, a file grown meanwhile included
                nonlocal read
                while read <= MAX_PICTURE_BYTES:
                    chunk = stream.read(min(CHUNK, MAX_PICTURE_BYTES + 1 - read))
                    if not chunk:
                        return
                    read += len(chunk)
                    yield chunk

            digest = source_hash_of(chunks())
    except NotRead as e:
        return e.file
    if read > MAX_PICTURE_BYTES:  # it grew while being read: still read only so far
        return PictureFile(rel, refused="image_too_large", size=read)
    return PictureFile(rel, size=read, digest=digest)


def picture_bytes(root: Path, written: str, rel: str) -> bytes:
    """Give the bytes of a listed picture file now, opened as the listing opened it; or raise ``NotRead``.

    Between the listing and this read the file may have been replaced: a link is still not
    followed, anywhere on the way, and the size limit still holds before anything is read.
    """
    with _open_picture(root, written, rel) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_PICTURE_BYTES:
            raise NotRead(PictureFile(rel, refused="image_too_large", size=size))
        data = stream.read(MAX_PICTURE_BYTES + 1)
    if len(data) > MAX_PICTURE_BYTES:
        raise NotRead(PictureFile(rel, refused="image_too_large", size=len(data)))
    return data


def _read_listed(root: Path, on_disk: dict[str, str], rel: str) -> bytes:
    """Give the bytes of the listed picture file ``rel`` (``picture_bytes``)."""
    if rel not in on_disk:
        raise NotRead(PictureFile(rel, refused="image_read", error="not listed"))
    return picture_bytes(root, on_disk[rel], rel)


def _first_link(root: Path, written: str) -> str:
    """Give the first part of ``written`` (below ``root``) that is a symbolic link, as the project names it, or ''."""
    parts = written.split("/")
    for end in range(1, len(parts) + 1):
        if (root.joinpath(*parts[:end])).is_symlink():
            return normal("/".join(parts[:end]))
    return ""


@contextlib.contextmanager
def _open_picture(root: Path, written: str, rel: str) -> Iterator[BinaryIO]:
    """Open the regular file at ``written`` below ``root`` for reading, no part of the way a link; or raise ``NotRead``.

    Each folder is opened from the one before it, with O_NOFOLLOW: a folder or file replaced
    by a link since it was listed ends the walk there. O_NONBLOCK: a pipe in a picture's
    place does not hang the build (it is then refused as no regular file).
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    parts = written.split("/")
    descriptor = -1
    try:
        descriptor = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        for part in parts[:-1]:
            inner = os.open(part, flags | getattr(os, "O_DIRECTORY", 0), dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        inner = os.open(parts[-1], flags, dir_fd=descriptor)
        os.close(descriptor)
        descriptor = inner
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRead(PictureFile(rel, refused="image_read", error="no regular file"))
    except OSError as e:
        if descriptor >= 0:
            os.close(descriptor)
        link = _first_link(root, written)
        if link:
            raise NotRead(PictureFile(link, refused="image_link")) from e
        raise NotRead(PictureFile(rel, refused="image_read", error=e.strerror or str(e))) from e
    except NotRead:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb") as stream:
        yield stream


# -- layouts and assets ---------------------------------------------------------------

def read_layouts(root: Path) -> tuple[tuple[str, str], ...]:
    """Give every template below ``layouts/`` by its name there (e.g. 'partials/story-card.html')."""
    folder = root / LAYOUTS
    if not folder.is_dir() or folder.is_symlink():
        return ()
    layouts = []
    for file in sorted(folder.rglob("*")):
        rel = file.relative_to(root)
        if file.is_file() and not _through_link(root, rel):
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # a template that cannot be read is reported as missing where it is used
            layouts.append((file.relative_to(folder).as_posix(), text))
    return tuple(layouts)


def read_assets(root: Path) -> tuple[tuple[tuple[str, bytes], ...], list[Problem]]:
    """Give the files in ``assets/`` by name (top level only, no links followed), and the problems met.

    A name is used as it is in the asset's address, so it must be one already: lowercase
    letters, digits, '-' and '.' ('Style.css' and 'style.css' would be one address).
    """
    folder = root / ASSETS
    if not folder.is_dir() or folder.is_symlink():  # a linked folder could hold anything on the machine
        return (), []
    assets: list[tuple[str, bytes]] = []
    problems: list[Problem] = []
    for file in sorted(folder.iterdir()):
        if not file.is_file() or file.is_symlink() or file.name.startswith("."):
            continue
        rel = f"{ASSETS}/{file.name}"
        if not _ASSET_NAME.fullmatch(file.name):
            problems.append(problem(rel, 0, "", "asset_name", "hint_asset_name", value=file.name))
            continue
        try:
            assets.append((file.name, file.read_bytes()))
        except OSError as e:
            problems.append(problem(rel, 0, "", "read_error", "hint_read", error=e.strerror or str(e)))
    return tuple(assets), problems

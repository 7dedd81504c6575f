"""Processed pictures kept by the hash of their source, so an unchanged picture is made only once.

One file per source: ``<folder>/<hash[:2]>/<hash>``, written to a temporary file and renamed,
holding a header line, a JSON list of the variants (with each one's sha256) and their bytes.
A file that does not read back whole and matching is a miss, and is made again. What the
cache gives is the same, byte for byte, as ``images.process`` would give.

Refusals are remembered for the process only (the preview rebuilds on each save) and never
written: they cost under a second to find again, and the folder then holds only good pictures.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import images
from .images import ImageRefused, Picture, Variant

HEADER = b"samenspel-image-cache 1\n"


@dataclass(frozen=True)
class _Entry:
    """A processed picture without its stem: the stem only makes the names, so it is given on the way out."""

    width: int
    height: int
    modern: tuple[tuple[int, int, str, bytes], ...]  # (width, height, mime, data)
    fallback: tuple[tuple[int, int, str, bytes], ...]


class ImageCache:
    """Gives processed pictures, from memory, from ``folder`` or made afresh (``folder=None``: memory only)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._memory: dict[str, _Entry | ImageRefused] = {}
        self.used: set[str] = set()  # the source hashes asked for: what ``prune`` keeps after a build
        self.hits = 0  # pictures read from the folder rather than made
        self.made = 0  # pictures made by images.process

    def get(self, data: bytes, stem: str) -> Picture:
        """Give the processed picture, or raise ``ImageRefused`` as ``images.process`` does."""
        digest = images.source_hash(data)
        entry = self._find(digest)
        return self._give(digest, stem, entry if entry is not None else self._make(digest, data, stem))

    def get_file(self, digest: str, stem: str, read: Callable[[], bytes]) -> Picture:
        """Give the processed picture whose source has the hash ``digest``; ``read`` gives its bytes if it must be made.

        What ``read`` gives is hashed again, and made and named by that hash: a file that
        changed after ``digest`` was taken gives the picture of the bytes that were read.
        Whatever ``read`` raises (the file is gone, say) goes up unchanged and is not remembered.
        """
        entry = self._find(digest)
        if entry is None:
            data = read()
            actual = images.source_hash(data)
            if actual != digest:
                digest = actual
                entry = self._find(digest)
            if entry is None:
                entry = self._make(digest, data, stem)
        return self._give(digest, stem, entry)

    def _find(self, digest: str) -> _Entry | ImageRefused | None:
        """Give what is known of the source with this hash, from memory or from the folder, or None."""
        self.used.add(digest)
        entry = self._memory.get(digest)
        if entry is None:
            entry = self._read(digest)
            if entry is not None:
                self.hits += 1
        return entry

    def _make(self, digest: str, data: bytes, stem: str) -> _Entry | ImageRefused:
        """Give the source processed (kept in the folder) or refused."""
        self.made += 1
        try:
            entry = _entry(images.process(data, stem))
        except ImageRefused as refused:
            return refused
        self._write(digest, entry)
        return entry

    def _give(self, digest: str, stem: str, entry: _Entry | ImageRefused) -> Picture:
        """Remember the entry and give its picture named after ``stem``, or raise its refusal."""
        self._memory[digest] = entry
        if isinstance(entry, ImageRefused):
            raise ImageRefused(key=entry.key, value=entry.value, hint=entry.hint)
        return _picture(entry, stem, digest)

    def prune(self, keep: set[str]) -> None:
        """Remove every kept picture whose source hash is not in ``keep`` (and leftover temporary files).

        ``keep`` is a set of ``images.source_hash`` values. ``self.used`` only knows what this
        process asked for: when forked workers did the processing, give the hashes of every
        picture the build used, computed in the parent.
        """
        for digest in [d for d in self._memory if d not in keep]:
            del self._memory[digest]
        if self.folder is None or not self.folder.is_dir():
            return
        for sub in sorted(self.folder.iterdir()):
            if not sub.is_dir() or sub.is_symlink():
                continue
            for file in sorted(sub.iterdir()):
                if file.name not in keep:
                    with contextlib.suppress(OSError):
                        file.unlink()
            with contextlib.suppress(OSError):
                sub.rmdir()  # only when empty

    def _path(self, digest: str) -> Path:
        assert self.folder is not None
        return self.folder / digest[:2] / digest

    def _read(self, digest: str) -> _Entry | None:
        """Give the entry kept on disk, or None when there is none or it is not whole."""
        if self.folder is None:
            return None
        try:
            raw = self._path(digest).read_bytes()
        except OSError:
            return None
        return _decode(raw)

    def _write(self, digest: str, entry: _Entry) -> None:
        """Keep the entry on disk, atomically; a folder that cannot be written only costs speed."""
        if self.folder is None:
            return
        path = self._path(digest)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(_encode(entry))
                os.replace(temp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except OSError:
            pass


def _entry(picture: Picture) -> _Entry:
    def parts(variants: tuple[Variant, ...]) -> tuple[tuple[int, int, str, bytes], ...]:
        return tuple((v.width, v.height, v.mime, v.data) for v in variants)

    return _Entry(picture.width, picture.height, parts(picture.modern), parts(picture.fallback))


def _picture(entry: _Entry, stem: str, digest: str) -> Picture:
    def variants(parts: tuple[tuple[int, int, str, bytes], ...]) -> tuple[Variant, ...]:
        return tuple(Variant(images.variant_name(stem, digest, w, mime), w, h, mime, data)
                     for w, h, mime, data in parts)

    return Picture(entry.width, entry.height, variants(entry.modern), variants(entry.fallback))


def _encode(entry: _Entry) -> bytes:
    """Give the bytes of a cache file: header, one line of JSON, then the variants' bytes in order."""
    listed = {kind: [{"width": w, "height": h, "mime": mime, "size": len(data),
                      "sha256": hashlib.sha256(data).hexdigest()} for w, h, mime, data in parts]
              for kind, parts in (("modern", entry.modern), ("fallback", entry.fallback))}
    manifest = {"width": entry.width, "height": entry.height, **listed}
    blobs = b"".join(data for _, _, _, data in entry.modern + entry.fallback)
    return HEADER + json.dumps(manifest, sort_keys=True).encode() + b"\n" + blobs


def _decode(raw: bytes) -> _Entry | None:
    """Give the entry in a cache file, or None if anything about it is off (partial, corrupt, another version)."""
    if not raw.startswith(HEADER):
        return None
    line_end = raw.find(b"\n", len(HEADER))
    if line_end < 0:
        return None
    try:
        manifest = json.loads(raw[len(HEADER):line_end])
        offset = line_end + 1
        kinds = []
        for kind in ("modern", "fallback"):
            parts = []
            for item in manifest[kind]:
                data = raw[offset:offset + item["size"]]
                offset += item["size"]
                if hashlib.sha256(data).hexdigest() != item["sha256"] or item["mime"] not in images.ACCEPTED:
                    return None
                parts.append((int(item["width"]), int(item["height"]), str(item["mime"]), data))
            kinds.append(tuple(parts))
        if offset != len(raw) or not kinds[0] or len(kinds[0]) != len(kinds[1]):
            return None
        return _Entry(int(manifest["width"]), int(manifest["height"]), kinds[0], kinds[1])
    except (ValueError, KeyError, TypeError):
        return None

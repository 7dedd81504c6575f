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
import hashlib
import importlib.metadata
import json
import os
import sys
from collections.abc import Callable, Hashable
from pathlib import Path

from .digest import Digests
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


class KeptPages:
    """The pages of the last build, to link into the new site when what they show is unchanged."""

    def __init__(self, folder: Path, out: Path, context: Hashable, digests: Digests, enabled: bool = True) -> None:
        self.path = folder / RECORD
        self.out = out.resolve()
        self.digests = digests
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

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

import base64
import contextlib
import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import os
import stat
import sys
from array import array
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from .digest import Digests
from .model import Site, Story
from .render import OPAQUE, PageJob, Read, read_value

VERSION = 5
RECORD = "pages.json"
ENGINE = Path(__file__).resolve().parent
# The libraries whose version can change a rendered page.
SHAPING = ("Jinja2", "MarkupSafe", "PyYAML", "cmarkgfm", "nh3", "Pillow")
Stamp = tuple[int, int, int, int, int]  # device, inode, size, modification and change time (ns)
# A page's reads, by their places in the record's table of reads: 4-byte numbers, little-endian, in Base64.
# At 10,000 stories the pages name 1.5 million reads; as JSON lists of numbers, reading and writing
# them took seconds of every build (#9).
PLACES = "I"
DIGEST = 20  # bytes of a digest (BLAKE2b), as Digests makes them
_PLAIN_PARTS = frozenset({str, int, bool, type(None)})  # what a read is made of (render.Read)


@functools.cache
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
    """The pages of the last build, to link into the new site while nothing they show or read has changed.

    A page is known by a digest of its job (template, what it shows, what its layout gets)
    and by what its layout read of the site while it was made (``render.WatchedSite``: a
    story by its slug, the list of stories, ...), each read with the digest of what it gave.
    It is taken when its job's digest is the same, every read gives the same now, and its
    file in the output folder is still the one the last build left there.
    """

    def __init__(self, folder: Path, out: Path, context: Hashable, site: Site, link: Callable[[str, Path], bool],
                 enabled: bool = True, values: Digests | None = None) -> None:
        self.path = folder / RECORD
        self.out = out.resolve()
        # A page's job with each story in it as its slug: what the page shows of a story is in its reads.
        # What a read gave is digested by its content alone: an edit to a story's text leaves its card's
        # reads unchanged. ``values`` may let a story's metadata stand as its front matter (Digests.stand_for),
        # a tenth of the work at the same worth: the same front matter gives the same metadata.
        self.values = values if values is not None else Digests()
        self.jobs = self.values.naming({Story: _slug})
        self.site = site
        self.link = link
        everything = self.values.of((engine_digest(), context))
        self.salt = everything.hex() if everything is not None else None
        self.table: list[Read] = []  # the last build's reads, each once: a kept page names its reads by place
        self._last_gives: list[str] = []  # what each read of the table gave in the last build (hex)
        self._last_shape: tuple[str, dict[str, str]] | None = None  # the last build's site digest and bodies
        self.kept: dict[str, Entry] = self._load() if enabled and self.salt else {}
        self._table_gave: list[str | None] = [None] * len(self.table)  # what each read of the table gives now
        # This build's pages: job, reads (as tuples, or by place in ``table`` for a kept page), what they gave.
        self.now: dict[str, tuple[str, tuple[Read, ...] | array[int], str]] = {}
        self._read: dict[Read, str] = {}  # what each read gives in this build
        self._one: dict[Read, Read] = {}  # one object per read
        self.reused = 0
        # The shortcut (``_prepare``): each place of the table, 1 when it gives what it gave in the last
        # build; None until worked out, empty when the site changed otherwise than in stories' bodies.
        self._same: bytearray | None = None
        self._shape: tuple[str | None, dict[str, str]] | None = None  # this build's (site digest, bodies)

    def _load(self) -> dict[str, Entry]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data["version"] != VERSION or data["out"] != str(self.out) or data["salt"] != self.salt:
                return {}
            table = [tuple(read) for read in data["reads"]]
            if not all(type(part) in _PLAIN_PARTS for read in table for part in read):
                return {}  # a read names plain values only (a list in one could not even be looked up)
            kept = {}
            for path, (job, reads, gave, dev, ino, size, mtime, ctime) in data["pages"].items():
                places = _places(reads)
                if places and max(places) >= len(table):
                    return {}
                kept[str(path)] = Entry(str(job), places, str(gave),
                                        (int(dev), int(ino), int(size), int(mtime), int(ctime)))
            gives = base64.b64decode(data["gives"], validate=True)
            if len(gives) != DIGEST * len(table):
                return {}
            last: tuple[str, dict[str, str]] | None = (
                str(data["site"]), {str(slug): str(body) for slug, body in data["bodies"].items()})
            if data["jobs"] != _jobs(kept):  # the jobs are taken only as their build left them, all together
                last = None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OverflowError):
            return {}
        self.table = table
        self._last_gives = [gives[at:at + DIGEST].hex() for at in range(0, len(gives), DIGEST)]
        self._last_shape = last
        return kept

    def _job(self, job: PageJob) -> str | None:
        digest = self.jobs.of((job.path, job.template, job.shows, sorted(job.context.items())))
        return digest.hex() if digest is not None else None

    def _gives(self, read: Read) -> str:
        """Give the digest of what ``read`` gives in this build's site, in hex ("": it cannot be known)."""
        found = self._read.get(read)
        if found is None:
            if read == OPAQUE or not all(isinstance(part, (str, int, bool)) or part is None for part in read):
                found = ""  # an argument that is no plain value cannot be named for a later build
            else:
                try:
                    value: object = read_value(self.site, read)
                except Exception as e:  # a story read before is gone: that too is what the read gives now
                    value = ("raised", type(e).__name__)
                digest = self.values.of(value)
                found = digest.hex() if digest is not None else ""
            self._read[read] = found
        return found

    def _kept_gave(self, places: array[int]) -> str | None:
        """Give the digest of what the reads at ``places`` of the last table give: each looked at once a build.

        A list page names the reads of every card on it, over a million at 10,000 stories: the
        pages are compared by places, in C's loops, with each place's digest worked out once (#9).
        """
        gives = self._table_gave
        for place in set(places):  # each distinct place once
            if gives[place] is None:
                gives[place] = self._gives(self.table[place])
        parts = cast(list[str], list(map(gives.__getitem__, places)))
        return _joined(parts) if all(parts) else None

    def shape(self) -> tuple[str | None, dict[str, str]]:
        """Give the digest of the site but its stories' bodies, and each story's body's digest, by slug.

        A story stands in the site's digest as all its fields but its body (its metadata by its
        stand-in). Every page's job is made from the site and names a story by its slug
        (``render.page_jobs``), so while this digest is the same, so is every job.
        """
        if self._shape is None:
            bodies = {story.slug: _body(story) for story in self.site.stories}
            fields = tuple(f.name for f in dataclasses.fields(Story) if f.name != "body")

            def without_body(story: Story) -> str:
                found = self.values.of(tuple(getattr(story, name) for name in fields))
                if found is None:
                    raise ValueError("a story that cannot be digested")
                return found.hex()

            site = Digests({Story: without_body}).of(self.site)
            self._shape = (site.hex() if site is not None else None, bodies)
        return self._shape

    def _prepare(self) -> bytearray:
        """Give, for each place of the last build's table, whether its read gives what it gave then.

        Empty (no shortcut) unless the site but its stories' bodies is what it was. Then a
        read of a story whose body is unchanged gives what it gave: a story is a frozen
        dataclass, and what any of its attributes gives is made of its fields. Every other
        read (of the site, of a story whose body changed) is worked out and compared. A
        one-story edit then looks at a few dozen reads, not at 350,000, and at no job (#9).
        """
        site, bodies = self.shape()
        if site is None or self._last_shape is None or self._last_shape[0] != site:
            return bytearray()
        last = self._last_shape[1]
        clean = {slug for slug, body in bodies.items() if last.get(slug) == body}
        same = bytearray(len(self.table))
        for place, read in enumerate(self.table):
            if len(read) >= 3 and read[0] == "story." and read[1] in clean:
                same[place] = 1
            else:
                now = self._gives(read)
                same[place] = bool(now) and now == self._last_gives[place]
        return same

    def take(self, job: PageJob, output_path: str) -> bool:
        """Give True when the page of ``job`` is unchanged and now linked into the new site."""
        kept = self.kept.get(output_path)
        if kept is None:  # a cold build: nothing to compare, and nothing worked out
            return False
        if self._same is None:
            self._same = self._prepare()
        if self._same:  # the site is the last build's but for stories' bodies: every job is too
            digest: str | None = kept.job
            if not all(map(self._same.__getitem__, kept.reads)):
                return False
        else:
            digest = self._job(job)
            if digest is None or kept.job != digest or self._kept_gave(kept.reads) != kept.gave:
                return False
        source = self.out / output_path
        try:
            found = os.lstat(source)
        except OSError:
            return False
        if not stat.S_ISREG(found.st_mode) or _stamp(found) != kept.stamp or not self.link(output_path, source):
            return False
        self.now[output_path] = (kept.job, kept.reads, kept.gave)
        self.reused += 1
        return True

    def know(self, job: PageJob, reads: Sequence[Read]) -> tuple[str, tuple[Read, ...], str, tuple[str, ...]] | None:
        """Give what the next build will know a page made now by: its job's digest, its reads, what they
        gave together and each.

        Worked out in the worker that rendered the page, beside the others (a cold build at
        10,000 stories would otherwise spend seconds on it in one process).
        """
        digest, gives = self._job(job), [self._gives(read) for read in reads]
        if digest is None or not all(gives):  # a read that cannot be known: the page is not kept
            return None
        return digest, tuple(reads), _joined(gives), tuple(gives)

    def noted(self, output_path: str, known: object) -> None:
        """Hear how a page made now is known (``know``), for the record of this build."""
        if isinstance(known, tuple):
            digest, reads, gave, gives = known
            reads = tuple(self._one.setdefault(read, read) for read in reads)
            self.now[output_path] = (digest, reads, gave)
            for read, found in zip(reads, gives, strict=True):
                self._read.setdefault(read, found)

    def save(self) -> None:
        """Keep this build's pages for the next one, with their stamps in the output folder it swapped in.

        Called once the previous site is removed: linking and unlinking a file change its
        change time, so only now are the stamps the ones the next build will find.
        """
        pages = {}
        places: dict[Read, int] = {}  # each read's place in the table: a card's reads are on many pages
        moved = [-1] * len(self.table)  # each place in the last build's table, in this one's (-1: not yet given)
        gives: list[str] = []  # what each read of the new table gave (hex), by its place
        for output_path, (job, reads, gave) in sorted(self.now.items()):
            with contextlib.suppress(OSError):
                found = os.lstat(self.out / output_path)
                if isinstance(reads, array):  # a kept page: its reads by place in the last table
                    for place in set(reads):
                        if moved[place] < 0:
                            moved[place] = self._place(places, gives, self.table[place], self._kept_gives(place))
                    now = array(PLACES, map(moved.__getitem__, reads))
                else:
                    now = array(PLACES, [self._place(places, gives, read, self._read.get(read, "")) for read in reads])
                if sys.byteorder != "little":
                    now.byteswap()
                pages[output_path] = [job, base64.b64encode(now.tobytes()).decode("ascii"), gave, *_stamp(found)]
        site, bodies = self.shape()
        jobs = _joined([str(pages[path][0]) for path in sorted(pages)])
        data = {"version": VERSION, "out": str(self.out), "salt": self.salt, "site": site or "", "bodies": bodies,
                "jobs": jobs,
                "reads": [list(read) for read in places],
                "gives": base64.b64encode(b"".join(map(_raw, gives))).decode("ascii"), "pages": pages}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            part = self.path.with_name(f"{self.path.name}.part-{os.getpid()}")
            part.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
            os.replace(part, self.path)
        except OSError:
            self.forget()

    @staticmethod
    def _place(places: dict[Read, int], gives: list[str], read: Read, gave: str) -> int:
        """Give ``read``'s place in the new table, giving it the next one (with what it gave) when it has none."""
        place = places.setdefault(read, len(places))
        if place == len(gives):
            gives.append(gave)
        return place

    def _kept_gives(self, place: int) -> str:
        """Give what the read at ``place`` of the last table gives now, for a page kept from it."""
        if self._same:  # the shortcut was taken: a kept page's reads all give what they gave
            return self._last_gives[place]
        return self._table_gave[place] or ""

    def forget(self) -> None:
        """Remove the record: the next build renders every page."""
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)


@dataclass(frozen=True)
class Entry:
    """One page of the last build: its job's digest, what it read and what that gave, its file's stamp."""

    job: str
    reads: array[int]  # by place in the record's table of reads
    gave: str
    stamp: Stamp


def _places(text: object) -> array[int]:
    """Give the places a record's Base64 text names (ValueError: it is no such text)."""
    if not isinstance(text, str):
        raise ValueError("a page's reads are not text")
    places = array(PLACES)
    if places.itemsize != 4:  # the record's numbers are 4 bytes long; where "I" is not, no record is read
        raise ValueError("no 4-byte numbers here")
    places.frombytes(base64.b64decode(text, validate=True))
    if sys.byteorder != "little":
        places.byteswap()
    return places


def _body(story: Story) -> str:
    """Give the digest of a story's body as made (HTML, headings, links), in hex."""
    body = story.body
    html = body.html.encode("utf-8", "surrogatepass")
    digest = hashlib.blake2b(len(html).to_bytes(8, "little"), digest_size=DIGEST)  # where the HTML ends
    digest.update(html)
    digest.update(repr((body.headings, body.links_out)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _jobs(kept: dict[str, Entry]) -> str:
    """Give the digest of the jobs of a record's pages, in the order of their paths.

    The shortcut (``KeptPages._prepare``) takes each page's job as the record says; a record
    whose jobs are not those its build wrote (changed by hand, half another's) has none.
    """
    return _joined([kept[path].job for path in sorted(kept)])


def _raw(gave: str) -> bytes:
    """Give a read's digest as the record keeps it: its bytes, or zeros for one not known (never the same)."""
    return bytes.fromhex(gave) if len(gave) == 2 * DIGEST else bytes(DIGEST)


def _joined(parts: list[str]) -> str:
    """Give the digest of a page's reads from what each gave, in their order."""
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=20).hexdigest()


def _stamp(found: os.stat_result) -> Stamp:
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns


def _slug(story: Story) -> str:
    return story.slug

"""Run Pagefind over the search documents, beside the build, and keep its index for the next build.

This module touches the file system (tests/test_architecture.py allows it): Pagefind
reads documents from a folder and writes its index into one. The documents go into a
temporary folder beside the output, never into the site, so readers' pages stay as the
layouts made them; the index ends up in ``<fresh>/pagefind/``. Nothing is fetched: the
binary comes inside the pinned ``pagefind-bin-extended`` wheel.

Indexing is the slowest step of a cold build (#9), so it is started as soon as the
documents are known and runs while the pages are rendered (``Indexing``); the write
waits for it just before the swap (``Indexing.finish``). The index is kept in the
project's cache folder under a key made of its documents and Pagefind's version: a
build whose documents did not change links the kept index into the new site instead of
indexing again. Only the last build's index is kept.

Shards. Pagefind holds every document in memory while it indexes (about 0.4 MB each: 3.8 GiB
at 10,000 stories, out of memory above some 30,000), and any changed document makes it index
them all again. So a site of more than ``search_shard_size`` documents (site.toml, default
``config.SEARCH_SHARD_SIZE``) has its index in shards: ``search.shards`` puts each document in
shard ``hash(path) mod S``, with S = ceil(documents / size), so a new story moves no other
while S stays. Each shard is its own Pagefind index, kept under its own key: an edit indexes
again only the shard it touches. The shards are indexed one after the other, by
``pagefindrun.py`` beside the build, so Pagefind's peak memory is one shard's. Shard 0 goes
into ``pagefind/``, shard N into ``pagefind/deel-N/`` (``urls.search_index_folder``); the
search page names them all (``finding.py``) and merges them with Pagefind's ``mergeIndex``
(``assets/search.js``). Up to ``search_shard_size`` documents there is one shard, in
``pagefind/``, as before shards existed. Each of several shards also holds the site's word
lists (``search.shard_documents``), so that each finds what one index would; a new word
anywhere changes them, and so every shard. docs/benchmarks.md ("Search in shards") has the
figures.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.metadata
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path

from .config import SEARCH_SHARD_SIZE
from .output import Output
from .pagefindrun import die_with_parent
from .search import Documents, given_documents, shard_documents
from .urls import search_index_folder

# What Pagefind writes that this site does not use: its own ready-made interfaces.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
WHEEL = "pagefind-bin-extended"
ENTRY = "pagefind-entry.json"  # written last by Pagefind: a kept index without it is not whole
TIMEOUT = 600  # seconds, for one Pagefind run
RUNNER = Path(__file__).with_name("pagefindrun.py")
_OURS = re.compile(r"[0-9a-f]{32}(?:\.part-\w+)?")  # the names of kept and half-made indexes


def pagefind() -> str:
    """Give the path of the Pagefind binary that the installed wheel ships."""
    try:
        wheel = importlib.import_module("pagefind_bin_extended")
    except ImportError as e:
        raise FileNotFoundError("pagefind is not installed (pip install -r requirements/run.txt)") from e
    return str(wheel.get_executable())


def index_key(documents: Sequence[tuple[str, bytes]]) -> str:
    """Give the key of the index made of ``documents``, each a path and the digest of its bytes: it changes
    with any document and with Pagefind. Digests, not bytes: an unchanged shard's documents are never made (#9)."""
    digest = hashlib.sha256(importlib.metadata.version(WHEEL).encode())
    for path, data in sorted(documents):
        digest.update(b"\0%d\0%s\0%d\0" % (len(path.encode()), path.encode(), len(data)))
        digest.update(data)
    return digest.hexdigest()[:32]


@dataclass
class Shard:
    """One shard of the index: where it is kept, and where Pagefind writes it in this build (if it does)."""

    number: int
    kept: Path | None = None  # in the cache folder, by the key of its documents (None: no cache to keep it in)
    target: Path | None = None  # Pagefind's output folder in this build; None when the kept index is used


class Indexing:
    """A search index on its way: each shard kept from an earlier build, or being made by Pagefind now.

    Starting never raises: what goes wrong (no Pagefind, an output folder that cannot be
    made) is kept and raised by ``finish``, inside the write, where it becomes a problem.
    """

    def __init__(self, documents: Documents | Sequence[Output], out: Path, cache: Path | None,
                 shard_size: int = SEARCH_SHARD_SIZE) -> None:
        self.shards: list[Shard] = []  # the shards with documents, by number
        self.runs: list[int] = []  # the shards Pagefind indexes in this build, in the order it does
        self.scratch: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None  # pagefindrun.py, running Pagefind per shard in turn
        self.error: Exception | None = None
        self.peak = 0  # the largest Pagefind run's peak memory in bytes, once all have finished (0: none ran)
        try:
            self._start(documents if isinstance(documents, Documents) else given_documents(documents),
                        out.resolve(), cache, shard_size)
        except (OSError, subprocess.SubprocessError, importlib.metadata.PackageNotFoundError) as e:
            self.error = e
            self.cancel()

    def _start(self, documents: Documents, out: Path, cache: Path | None, shard_size: int) -> None:
        if not documents.paths:  # Pagefind fails on a folder without pages; the search page then finds nothing
            return
        cache = cache if cache is not None and _usable(cache) else None
        todo: list[tuple[Shard, list[int], tuple[Output, ...]]] = []
        for number, (positions, lists) in shard_documents(documents, shard_size).items():
            entries = [(documents.paths[i], documents.digests[i]) for i in positions]
            entries += [(doc.path, hashlib.blake2b(doc.data, digest_size=20).digest()) for doc in lists]
            shard = Shard(number, cache / index_key(entries) if cache is not None else None)
            self.shards.append(shard)
            if shard.kept is None or not (shard.kept / ENTRY).is_file():
                todo.append((shard, positions, lists))
        if not todo:
            return
        out.parent.mkdir(parents=True, exist_ok=True)
        # Named like the build's new folder, so a build killed here leaves a folder the next one removes.
        self.scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-search-", dir=out.parent))
        folders: list[str] = []
        for shard, positions, lists in todo:
            site = self.scratch / ("documents" if shard.number == 0 else f"documents-{shard.number}")
            for doc in chain(documents.make(positions), lists):  # each written as made: never all in memory
                target = site / doc.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(doc.data)
            if shard.kept is not None:
                shard.target = Path(tempfile.mkdtemp(prefix=f"{shard.kept.name}.part-", dir=shard.kept.parent))
            else:
                shard.target = self.scratch / ("index" if shard.number == 0 else f"index-{shard.number}")
            folders += [str(site), str(shard.target)]
            self.runs.append(shard.number)
        # Pagefind reads pagefind.yml/.toml/.json from its working folder and PAGEFIND_* from its
        # environment: neither is part of the index's key, so it gets none of them.
        environment = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        with open(self.scratch / "pagefind.log", "wb") as log:  # the runner and Pagefind keep their own copy
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-S", str(RUNNER), str(TIMEOUT), pagefind(), *folders],
                cwd=self.scratch, env=environment, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                preexec_fn=partial(die_with_parent, os.getpid()))

    def finish(self, fresh: Path) -> None:
        """Wait for the index and put each shard into its folder in ``fresh``; raise OSError if it could not be made."""
        try:
            if self.error is not None:
                raise OSError(f"pagefind could not start: {self.error}")
            for number, index in self._wait():
                _link_tree(index, fresh / search_index_folder(number))
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stop Pagefind if it still runs and remove what this indexing left behind but the kept indexes."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()  # and so the Pagefind it runs (die_with_parent)
            self.process.wait()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
        for shard in self.shards:
            if shard.kept is not None and shard.target is not None:
                shutil.rmtree(shard.target, ignore_errors=True)  # gone already when it became the kept index

    def _wait(self) -> list[tuple[int, Path]]:
        """Give each shard's number and finished index, once Pagefind has made those it had to."""
        if self.process is not None:
            code = self._reap()
            if code != 0:
                self._keep_finished()  # the shards indexed before the failure are whole: the next build uses them
                assert self.scratch is not None
                said = (self.scratch / "pagefind.log").read_text(encoding="utf-8", errors="replace").strip()
                raise OSError(f"pagefind failed ({code}): {said[-500:]}")
        self._keep_finished()
        done = []
        for shard in self.shards:
            index = shard.target or shard.kept  # the kept index, or (without a cache folder) Pagefind's output
            assert index is not None
            if not (index / ENTRY).is_file():  # e.g. a kept one removed since the build started: say so, never skip it
                raise OSError(f"the search index {index} is not whole (or disappeared during the build)")
            done.append((shard.number, index))
        kept = {shard.kept for shard in self.shards if shard.kept is not None}
        if kept:
            _prune(kept)
        return done

    def _keep_finished(self) -> None:
        """Make each shard Pagefind finished in this build its kept index (given a cache), less its unused files."""
        for shard in self.shards:
            if shard.target is None or not (shard.target / ENTRY).is_file():
                continue
            for name in UNUSED:
                (shard.target / name).unlink(missing_ok=True)
            if shard.kept is not None:
                shutil.rmtree(shard.kept, ignore_errors=True)  # an entry without ENTRY: not whole
                os.replace(shard.target, shard.kept)
                shard.target = None

    def _reap(self) -> int:
        """Wait for the runs of Pagefind and give the exit code, noting the largest run's peak memory (#9).

        ``wait4`` of the runner gives the largest peak of it and every Pagefind it waited for:
        the figure the build reports apart from its own.
        """
        assert self.process is not None
        deadline = time.monotonic() + TIMEOUT * len(self.runs) + 60  # the runner stops a run at TIMEOUT itself
        while True:
            try:
                pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
            except ChildProcessError as e:  # reaped elsewhere: its exit code is lost, so its index is not trusted
                raise OSError("pagefind's exit code could not be read") from e
            if pid:
                self.peak = peak_bytes(usage)
                self.process.returncode = os.waitstatus_to_exitcode(status)
                return self.process.returncode
            if time.monotonic() > deadline:
                raise OSError(f"pagefind did not finish in {TIMEOUT * len(self.runs)} s")
            time.sleep(0.02)


def peak_bytes(usage: resource.struct_rusage) -> int:
    """Give the peak memory (resident set) of a ``getrusage``/``wait4`` usage, in bytes."""
    return usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB on Linux


def _usable(cache: Path) -> bool:
    """Give whether ``cache`` is (now) a real folder, not a link that a clean-up could follow elsewhere."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        return cache.is_dir() and not cache.is_symlink() and not cache.parent.is_symlink()
    except OSError:
        return False


def _link_tree(source: Path, target: Path) -> None:
    """Give ``target`` the files of ``source``, hard-linked where the file system allows, else copied."""
    for folder, _, files in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in files:
            source_file = Path(folder) / name
            if not stat.S_ISREG(os.lstat(source_file).st_mode):
                continue  # Pagefind writes plain files only
            try:
                os.link(source_file, into / name)
            except OSError:
                shutil.copy2(source_file, into / name)


def _prune(kept: set[Path]) -> None:
    """Remove every kept index but the ``kept`` shards (all in one folder), and the half-made ones that killed
    builds left (ours only: named as we name them)."""
    folder = next(iter(kept)).parent
    for entry in folder.iterdir():
        if entry not in kept and _OURS.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink():
            # Renamed to a half-made name first: a build killed during the removal must never leave a
            # kept index that still has its pagefind-entry.json but lost other files (the next build would use it).
            gone = entry
            if ".part-" not in entry.name:
                gone = Path(tempfile.mkdtemp(prefix=f"{entry.name}.part-", dir=folder))
                try:
                    os.replace(entry, gone)
                except OSError:
                    with contextlib.suppress(OSError):
                        os.rmdir(gone)
                    continue
            shutil.rmtree(gone, ignore_errors=True)

"""Run Pagefind over the search documents, beside the build, and keep its index for the next build.

This module touches the file system (tests/test_architecture.py allows it): Pagefind
reads documents from a folder and writes its index into one. The documents go into a
temporary folder beside the output, never into the site, so readers' pages stay as the
layouts made them; the index ends up in ``<fresh>/pagefind/``. Nothing is fetched: the
binary comes inside the pinned ``pagefind-bin-extended`` wheel.

Indexing is the slowest step of a cold build (#9), so it is started as soon as the
documents are known and runs while the pages are rendered (``start_index``); the write
waits for it just before the swap (``Indexing.finish``). The index is kept in the
project's cache folder under a key made of every document and Pagefind's version: a
build whose documents did not change links the kept index into the new site instead of
indexing again. Only the last build's index is kept.
"""
from __future__ import annotations

import ctypes
import hashlib
import importlib
import importlib.metadata
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from .output import Output
from .urls import PAGEFIND

# What Pagefind writes that this site does not use: its own ready-made interfaces.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
WHEEL = "pagefind-bin-extended"
ENTRY = "pagefind-entry.json"  # written last by Pagefind: a kept index without it is not whole
TIMEOUT = 600
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def pagefind() -> str:
    """Give the path of the Pagefind binary that the installed wheel ships."""
    try:
        wheel = importlib.import_module("pagefind_bin_extended")
    except ImportError as e:
        raise FileNotFoundError("pagefind is not installed (pip install -r requirements/run.txt)") from e
    return str(wheel.get_executable())


def index_key(documents: Sequence[Output]) -> str:
    """Give the key of the index made of ``documents``: it changes with any document and with Pagefind."""
    digest = hashlib.sha256(importlib.metadata.version(WHEEL).encode())
    for doc in sorted(documents, key=lambda d: d.path):
        digest.update(b"\0%d\0%s\0" % (len(doc.data), doc.path.encode()))
        digest.update(doc.data)
    return digest.hexdigest()[:32]


class Indexing:
    """A search index on its way: kept from an earlier build, or being made by Pagefind now."""

    def __init__(self, documents: Sequence[Output], out: Path, cache: Path | None) -> None:
        self.key = index_key(documents)
        self.cache = cache
        self.kept = cache / self.key if cache is not None else None
        self.scratch: Path | None = None
        self.target: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.ran = False  # whether Pagefind ran (False: the kept index was used, or there was nothing to index)
        if not documents or (self.kept is not None and (self.kept / ENTRY).is_file()):
            return
        # Named like the build's new folder, so a build killed here leaves a folder the next one removes.
        self.scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-search-", dir=out.parent))
        for doc in documents:
            target = self.scratch / "documents" / doc.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(doc.data)
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
            self.target = Path(tempfile.mkdtemp(prefix=f"{self.key}.part-", dir=cache))
        else:
            self.target = self.scratch / "index"
        with open(self.scratch / "pagefind.log", "wb") as log:  # Pagefind keeps its own copy of the file
            self.process = subprocess.Popen(
                [pagefind(), "--site", str(self.scratch / "documents"), "--output-path", str(self.target)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                preexec_fn=partial(_die_with_parent, os.getpid()))
        self.ran = True

    def finish(self, fresh: Path) -> None:
        """Wait for the index and put it into ``fresh``/pagefind; raise OSError when Pagefind failed."""
        try:
            index = self._wait()
            if index is not None:
                _link_tree(index, fresh / PAGEFIND)
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stop Pagefind if it still runs and remove what this indexing left behind but the kept index."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
        if self.cache is not None and self.target is not None and self.target.parent == self.cache:
            shutil.rmtree(self.target, ignore_errors=True)  # gone already when it became the kept index

    def _wait(self) -> Path | None:
        if self.process is None:
            if self.kept is None or not self.kept.is_dir():
                return None
            _prune(self.kept)
            return self.kept
        try:
            code = self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired as e:
            raise OSError(f"pagefind did not finish in {TIMEOUT} s") from e
        if code != 0:
            assert self.scratch is not None
            said = (self.scratch / "pagefind.log").read_text(encoding="utf-8", errors="replace").strip()
            raise OSError(f"pagefind failed ({code}): {said[-500:]}")
        assert self.target is not None
        for name in UNUSED:
            (self.target / name).unlink(missing_ok=True)
        if self.kept is None:
            return self.target
        shutil.rmtree(self.kept, ignore_errors=True)  # an entry without ENTRY: not whole
        os.replace(self.target, self.kept)
        _prune(self.kept)
        return self.kept


def start_index(documents: Sequence[Output], out: Path, cache: Path | None = None) -> Indexing:
    """Start indexing ``documents`` for a build into ``out``, keeping the index in ``cache`` (None: keep nothing)."""
    return Indexing(documents, out, cache)


def index_search(documents: Sequence[Output], fresh: Path) -> None:
    """Index ``documents`` with Pagefind into ``fresh``/pagefind and wait for it; raise OSError when it fails."""
    start_index(documents, fresh).finish(fresh)


def _die_with_parent(parent: int) -> None:
    """In the Pagefind process, before it starts: be killed when the build is (Linux), leaving no orphan."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the build died before the line above: nobody waits for this index
            os._exit(1)


def _link_tree(source: Path, target: Path) -> None:
    """Give ``target`` the files of ``source``, hard-linked where the file system allows, else copied."""
    for folder, _, files in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in files:
            try:
                os.link(Path(folder) / name, into / name)
            except OSError:
                shutil.copy2(Path(folder) / name, into / name)


def _prune(kept: Path) -> None:
    """Remove every kept index but ``kept``, and the half-made ones that killed builds left."""
    for entry in kept.parent.iterdir():
        if entry != kept and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)

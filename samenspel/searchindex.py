"""Run Pagefind over the search documents, beside the build, and keep its index for the next build.

This module touches the file system (tests/test_architecture.py allows it): Pagefind
reads documents from a folder and writes its index into one. The documents go into a
temporary folder beside the output, never into the site, so readers' pages stay as the
layouts made them; the index ends up in ``<fresh>/pagefind/``. Nothing is fetched: the
binary comes inside the pinned ``pagefind-bin-extended`` wheel.

Indexing is the slowest step of a cold build (#9), so it is started as soon as the
documents are known and runs while the pages are rendered (``Indexing``); the write
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
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
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
_OURS = re.compile(r"[0-9a-f]{32}(?:\.part-\w+)?")  # the names of kept and half-made indexes


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
    """A search index on its way: kept from an earlier build, or being made by Pagefind now.

    Starting never raises: what goes wrong (no Pagefind, an output folder that cannot be
    made) is kept and raised by ``finish``, inside the write, where it becomes a problem.
    """

    def __init__(self, documents: Sequence[Output], out: Path, cache: Path | None) -> None:
        self.kept: Path | None = None
        self.scratch: Path | None = None
        self.target: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.error: Exception | None = None
        self.peak = 0  # Pagefind's peak memory in bytes, once it has finished (0: it did not run)
        try:
            self._start(documents, out.resolve(), cache)
        except (OSError, subprocess.SubprocessError, importlib.metadata.PackageNotFoundError) as e:
            self.error = e
            self.cancel()

    def _start(self, documents: Sequence[Output], out: Path, cache: Path | None) -> None:
        if not documents:  # Pagefind fails on a folder without pages; the search page then finds nothing
            return
        if cache is not None and _usable(cache):
            self.kept = cache / index_key(documents)
            if (self.kept / ENTRY).is_file():
                return
        out.parent.mkdir(parents=True, exist_ok=True)
        # Named like the build's new folder, so a build killed here leaves a folder the next one removes.
        self.scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-search-", dir=out.parent))
        for doc in documents:
            target = self.scratch / "documents" / doc.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(doc.data)
        if self.kept is not None:
            self.target = Path(tempfile.mkdtemp(prefix=f"{self.kept.name}.part-", dir=self.kept.parent))
        else:
            self.target = self.scratch / "index"
        # Pagefind reads pagefind.yml/.toml/.json from its working folder and PAGEFIND_* from its
        # environment: neither is part of the index's key, so it gets none of them.
        environment = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        with open(self.scratch / "pagefind.log", "wb") as log:  # Pagefind keeps its own copy of the file
            self.process = subprocess.Popen(
                [pagefind(), "--site", str(self.scratch / "documents"), "--output-path", str(self.target)],
                cwd=self.scratch, env=environment, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                preexec_fn=partial(_die_with_parent, os.getpid()))

    def finish(self, fresh: Path) -> None:
        """Wait for the index and put it into ``fresh``/pagefind; raise OSError when it could not be made."""
        try:
            if self.error is not None:
                raise OSError(f"pagefind could not start: {self.error}")
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
        if self.kept is not None and self.target is not None and self.target.parent == self.kept.parent:
            shutil.rmtree(self.target, ignore_errors=True)  # gone already when it became the kept index

    def _wait(self) -> Path | None:
        if self.process is None:
            if self.kept is None:
                return None  # nothing to index
            if not (self.kept / ENTRY).is_file():  # removed since the build started: say so, never skip it
                raise OSError(f"the kept search index {self.kept} disappeared during the build")
            _prune(self.kept)
            return self.kept
        code = self._reap()
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


    def _reap(self) -> int:
        """Wait for Pagefind and give its exit code, noting its peak memory (reported apart from the build's, #9)."""
        assert self.process is not None
        deadline = time.monotonic() + TIMEOUT
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
                raise OSError(f"pagefind did not finish in {TIMEOUT} s")
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
            source_file = Path(folder) / name
            if not stat.S_ISREG(os.lstat(source_file).st_mode):
                continue  # Pagefind writes plain files only
            try:
                os.link(source_file, into / name)
            except OSError:
                shutil.copy2(source_file, into / name)


def _prune(kept: Path) -> None:
    """Remove every kept index but ``kept``, and the half-made ones that killed builds left (ours only)."""
    for entry in kept.parent.iterdir():
        if entry != kept and _OURS.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink():
            # Renamed to a half-made name first: a build killed during the removal must never leave a
            # kept index that still has its pagefind-entry.json but lost other files (the next build would use it).
            gone = entry
            if ".part-" not in entry.name:
                gone = Path(tempfile.mkdtemp(prefix=f"{entry.name}.part-", dir=kept.parent))
                try:
                    os.replace(entry, gone)
                except OSError:
                    os.rmdir(gone)
                    continue
            shutil.rmtree(gone, ignore_errors=True)

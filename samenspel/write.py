"""Write the built site atomically: a new sibling folder, then swapped in at once."""
from __future__ import annotations

import ctypes
import errno
import os
import posixpath
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .errors import Problem, problem
from .folders import NEVER_OUTPUT
from .output import Output

# A file every build leaves in its output, so a later build knows the folder is its own.
MARKER = ".samenspel-build"


def check_output_dir(out: Path, root: Path) -> list[Problem]:
    """Give a problem when ``out`` is a folder the build must never replace."""
    out, root = out.resolve(), root.resolve()
    system = {Path(out.anchor), Path.home().resolve()}
    project = [root / name for name in NEVER_OUTPUT]
    reason = ""
    if out in system:
        reason = "@reason_system_dir"
    elif out == root or out in root.parents or any(out == d or d in out.parents for d in project):
        reason = "@reason_project_dir"
    elif out.exists() and not out.is_dir():
        reason = "@reason_file"
    elif out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        reason = "@reason_foreign"
    if reason:
        return [problem(str(out), 0, "", "unsafe_output", "hint_output_dir", folder=str(out), reason=reason)]
    return []


def write_site(out: Path, outputs: Iterable[Output], finish: Callable[[Path], None] | None = None) -> list[Problem]:
    """Write all outputs into a new folder, then put it in place of ``out`` in one step.

    A build that dies half-way leaves only a stray temporary folder: ``out`` keeps the
    previous site, whole, until the swap. ``finish`` may add to the new folder before
    the swap (the search index); an OSError from it leaves ``out`` as it was.
    """
    try:
        writer = SiteWriter(out)
    except OSError as e:
        return [output_problem(out, e)]
    for output in outputs:
        writer.add(output)
    return writer.commit(finish)


class SiteWriter:
    """The next site, written file by file as the build makes it, into a new folder swapped in at the end.

    The build hands each page over as soon as it is rendered (``add``), so no build holds
    the whole site in memory (#9). Until ``commit`` swaps the new folder in, ``out`` keeps
    the previous site, whole; ``abort`` (a build with problems) removes the new folder.
    A file that cannot be written stops the writing: ``commit`` then reports it and swaps nothing.
    """

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.fresh = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.new-", dir=self.out.parent))
        self.error: OSError | ValueError | None = None
        self._made: set[str] = {""}

    def add(self, output: Output) -> None:
        """Write one file of the site into the new folder (after a failed write, nothing more)."""
        if self.error is not None:
            return
        try:
            target = self.fresh / self._folder(output.path)
            if target.is_file():  # never write through a file linked from the current site: replace it
                os.unlink(target)
            with open(target, "xb") as file:
                file.write(output.data)
        except (OSError, ValueError) as e:
            self.error = e

    def link(self, path: str, source: Path) -> bool:
        """Put the file ``source`` (a page of the current site) at ``path`` in the new folder as a hard link;
        give False when it cannot be linked (the page is then written as made)."""
        if self.error is not None:
            return False
        try:
            os.link(source, self.fresh / self._folder(path), follow_symlinks=False)
        except (OSError, ValueError):
            return False
        return True

    def make_folders(self, paths: Iterable[str]) -> None:
        """Make the folders of the files to come at ``paths``, several at once (as ``remove_tree``: making
        10,000 folders is waiting on the disk). A folder that cannot be made is made, or reported, when a
        file goes into it; a path that would leave the site is refused then too."""
        wanted: set[str] = set()
        for given in paths:
            path = _inside(given)
            if path is None:
                continue
            folder = posixpath.dirname(path)
            while folder and folder not in wanted:
                wanted.add(folder)
                folder = posixpath.dirname(folder)
        levels: dict[int, list[str]] = {}
        for folder in wanted - self._made:
            levels.setdefault(folder.count("/"), []).append(folder)
        with ThreadPoolExecutor(REMOVERS) as pool:
            for depth in sorted(levels):  # each folder's parent first
                made = pool.map(self._make, sorted(levels[depth]), chunksize=max(1, len(levels[depth]) // 64))
                self._made.update(folder for folder in made if folder)

    def _make(self, folder: str) -> str:
        try:
            os.mkdir(self.fresh / folder)
        except OSError:
            return ""
        return folder

    def _folder(self, given: str) -> str:
        """Give ``given`` as a path inside the new folder, its folder made; ValueError when it would leave it."""
        path = _inside(given)
        if path is None:
            raise ValueError(f"output path escapes the site: {given!r}")
        folder = posixpath.dirname(path)
        if folder not in self._made:
            os.makedirs(self.fresh / folder, exist_ok=True)
            self._made.add(folder)
        return path

    def commit(self, finish: Callable[[Path], None] | None = None) -> list[Problem]:
        """Put the new folder in place of ``out`` in one step, after ``finish`` added to it; give the problems."""
        try:
            if self.error is not None:
                raise self.error
            (self.fresh / MARKER).write_text("Made by samenspel build; replaced whole by the next build.\n",
                                             encoding="utf-8")
            if finish is not None:
                finish(self.fresh)
            os.chmod(self.fresh, 0o755)
            _swap(self.fresh, self.out)
        except (OSError, ValueError) as e:
            self.abort()
            return [output_problem(self.out, e)]
        return []

    def abort(self) -> None:
        """Remove the new folder: ``out`` stays as it was."""
        remove_tree(self.fresh)


def _inside(given: str) -> str | None:
    """Give the site path ``given``, normalised, or None when it would land outside the site.

    The new folder is ours, with no links in it: the path alone says where a file lands.
    """
    path = posixpath.normpath(given)
    if path.startswith(("/", "../")) or path in (".", "..") or "\0" in path:
        return None
    return path


def output_problem(out: Path, error: Exception) -> Problem:
    """Give the problem of an output folder that could not be written."""
    return problem(str(out), 0, "", "output_error", "hint_output", error=str(error))


def _swap(fresh: Path, out: Path) -> None:
    """Put ``fresh`` where ``out`` is; ``out`` is never missing and never half old, half new.

    On Linux one renameat2(RENAME_EXCHANGE) swaps the two folders in a single step, so a
    build killed at any moment leaves ``out`` whole. Elsewhere the old folder is first
    renamed aside, and ``clean_leftovers`` puts it back if the build dies in between.
    """
    if not out.exists():
        os.replace(fresh, out)
        return
    if exchange(fresh, out):
        remove_tree(fresh)  # ``fresh`` now holds the previous site
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(old)
    os.replace(out, old)
    try:
        os.replace(fresh, out)
    except OSError:
        os.replace(old, out)
        raise
    remove_tree(old)


def remove_tree(folder: Path) -> None:
    """Remove ``folder`` and all in it, a part of it per thread; links are removed, never followed.

    Removing a site is waiting on the disk, not work (at 10,000 stories 7.6 s, of which 1.9 s of
    CPU): several removals at once keep it busy. What cannot be removed is left, as rmtree's
    ignore_errors does; a later build's ``clean_leftovers`` tries again.
    """
    try:
        with os.scandir(folder) as listing:
            parts = [entry.path for entry in listing]
        below = []
        for part in parts:  # a site's first level holds a few folders with all its pages: go one deeper
            if os.path.isdir(part) and not os.path.islink(part):
                with os.scandir(part) as listing:
                    below += [entry.path for entry in listing]
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    if len(below) > _ALONE:
        with ThreadPoolExecutor(REMOVERS) as pool:
            list(pool.map(_remove, below, chunksize=max(1, len(below) // (REMOVERS * 8))))
    shutil.rmtree(folder, ignore_errors=True)


REMOVERS = 8  # removals at once: the disk, not the cores, is what they wait for
_ALONE = 200  # fewer entries than this are removed in one thread


def _remove(path: str) -> None:
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)
    except OSError:
        pass


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # from <linux/fs.h>


def _load_renameat2() -> Callable[..., int] | None:
    """Give libc's renameat2 (glibc 2.28 and later, musl 1.2.5 and later), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _load_renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one atomic step; give False where the system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # an old kernel, or a file system without it
        return False
    raise OSError(code, os.strerror(code), str(b))


def clean_leftovers(out: Path) -> None:
    """Tidy up after a build that was killed: restore the last site, remove stray folders."""
    out = out.resolve()
    if not out.parent.is_dir():
        return
    olds = sorted(out.parent.glob(f".{out.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not out.exists() and olds:  # killed between the two renames of _swap's fallback
        os.replace(olds.pop(), out)
    for stray in olds + list(out.parent.glob(f".{out.name}.new-*")):
        if stray.is_dir():
            remove_tree(stray)

"""Write the built site atomically: a new sibling folder, then swapped in with renames."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import Problem, problem
from .render import Output

# A file every build leaves in its output, so a later build knows the folder is its own.
MARKER = ".samenspel-build"


def check_output_dir(out: Path, root: Path) -> list[Problem]:
    """Give a problem when ``out`` is a folder the build must never replace."""
    out, root = out.resolve(), root.resolve()
    forbidden = {Path("/"), Path.home().resolve(), root, *(root / d for d in ("content", "layouts", "assets", "samenspel", "tests"))}
    reason = ""
    if out in forbidden or out in root.parents:
        reason = "dat is een map van het project of van het systeem"
    elif out.exists() and not out.is_dir():
        reason = "dat is een bestand"
    elif out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        reason = "de map is niet leeg en is niet door een eerdere build gemaakt"
    if reason:
        return [problem(str(out), 0, "", "unsafe_output", "hint_output_dir", value=str(out), reason=reason)]
    return []


def write_site(out: Path, outputs: Iterable[Output]) -> list[Problem]:
    """Write all outputs into a new folder, then put it in place of ``out`` in one rename.

    A build that dies half-way leaves only a stray temporary folder: ``out`` keeps the
    previous site, whole, until the final renames.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for output in sorted(outputs, key=lambda o: o.path):
            target = (fresh / output.path).resolve()
            if fresh not in target.parents:
                raise ValueError(f"output path escapes the site: {output.path!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(output.data)
        (fresh / MARKER).write_text("Made by samenspel build; replaced whole by the next build.\n", encoding="utf-8")
        os.chmod(fresh, 0o755)
        _swap(fresh, out)
    except (OSError, ValueError) as e:
        shutil.rmtree(fresh, ignore_errors=True)
        return [problem(str(out), 0, "", "output_error", "hint_output", error=str(e))]
    return []


def _swap(fresh: Path, out: Path) -> None:
    """Put ``fresh`` where ``out`` is, keeping the old one until the new one is in place."""
    if not out.exists():
        os.replace(fresh, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(old)
    os.replace(out, old)
    try:
        os.replace(fresh, out)
    except OSError:
        os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def clean_leftovers(out: Path) -> None:
    """Tidy up after a build that was killed: restore the last site, remove stray folders."""
    out = out.resolve()
    if not out.parent.is_dir():
        return
    olds = sorted(out.parent.glob(f".{out.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not out.exists() and olds:  # killed between the two renames of _swap
        os.replace(olds.pop(), out)
    for stray in olds + list(out.parent.glob(f".{out.name}.new-*")):
        if stray.is_dir():
            shutil.rmtree(stray, ignore_errors=True)

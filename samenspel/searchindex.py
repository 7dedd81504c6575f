"""Run Pagefind over the search documents, into the fresh output folder before it is swapped in.

This module touches the file system (tests/test_architecture.py allows it): Pagefind
reads documents from a folder and writes its index into one. The documents go into a
temporary folder beside the output, never into the site, so readers' pages stay as the
layouts made them; the index goes into ``<fresh>/pagefind/``. Nothing is fetched: the
binary comes inside the pinned ``pagefind-bin-extended`` wheel.
"""
from __future__ import annotations

import importlib
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .output import Output
from .urls import PAGEFIND

# What Pagefind writes that this site does not use: its own ready-made interfaces.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


def pagefind() -> str:
    """Give the path of the Pagefind binary that the installed wheel ships."""
    try:
        wheel = importlib.import_module("pagefind_bin_extended")
    except ImportError as e:
        raise FileNotFoundError("pagefind is not installed (pip install -r requirements/run.txt)") from e
    return str(wheel.get_executable())


def index_search(documents: Sequence[Output], fresh: Path) -> None:
    """Index ``documents`` with Pagefind into ``fresh``/pagefind; raise OSError when it fails."""
    if not documents:  # Pagefind fails on a folder without pages; the search page then finds nothing
        return
    # Named after the new folder, so a build killed here leaves a folder the next build's clean-up removes.
    scratch = Path(tempfile.mkdtemp(prefix=f"{fresh.name}-search-", dir=fresh.parent))
    try:
        for doc in documents:
            target = scratch / doc.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(doc.data)
        done = subprocess.run([pagefind(), "--site", str(scratch), "--output-path", str(fresh / PAGEFIND)],
                              capture_output=True, text=True, check=False, timeout=600)
        if done.returncode != 0:
            raise OSError(f"pagefind failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-500:]}")
        for name in UNUSED:
            (fresh / PAGEFIND / name).unlink(missing_ok=True)
    except subprocess.SubprocessError as e:
        raise OSError(f"pagefind failed: {e}") from e
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

"""Run Pagefind over one folder of documents after another: the small program ``searchindex.Indexing`` starts.

A large site's search index is made in shards, one Pagefind run each and one at a time, so
no more than one run's memory is in use at once (searchindex.py). The build cannot start
each next run itself while it renders: it would need a thread, and the build forks its
workers (cores.py), which is safe only without one. So it starts this program beside it,
which runs Pagefind over each shard in turn and stops at the first run that fails, exiting
with that run's code.

It is run as a file (``python -I -S pagefindrun.py``), never imported from the installed
package: it uses the standard library only, so it starts in milliseconds and cannot pick up
another checkout's samenspel. It dies with the build, and every Pagefind it starts dies with
it (``die_with_parent``), so a killed build leaves no Pagefind behind.

    python -I -S pagefindrun.py TIMEOUT PAGEFIND SITE OUTPUT [SITE OUTPUT ...]
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from functools import partial

PR_SET_PDEATHSIG = 1  # linux/prctl.h
TIMED_OUT = 124  # the exit code of a run that took too long, as timeout(1) gives


def die_with_parent(parent: int) -> None:
    """In a child process, before it starts: be killed when ``parent`` is (Linux), leaving no orphan."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the line above: nobody waits for this index
            os._exit(1)


def run(pagefind: str, timeout: float, jobs: Sequence[tuple[str, str]]) -> int:
    """Run Pagefind over each (documents, index) pair of folders in turn; give 0, or the code of the first failure."""
    for site, output in jobs:
        # Its output goes where ours does (the build's log file), which then holds only the last run's words:
        # those of a run that failed. Its environment and working folder are ours.
        with contextlib.suppress(OSError):  # a terminal or a pipe cannot be emptied, and need not be
            os.ftruncate(sys.stdout.fileno(), 0)
            os.lseek(sys.stdout.fileno(), 0, os.SEEK_SET)
        process = subprocess.Popen([pagefind, "--site", site, "--output-path", output], stdin=subprocess.DEVNULL,
                                   preexec_fn=partial(die_with_parent, os.getpid()))
        try:
            code = process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            print(f"pagefind did not finish in {timeout:g} s", flush=True)
            return TIMED_OUT
        if code != 0:
            return code if code > 0 else 128 - code  # killed by a signal: as a shell says it
    return 0


def main(argv: Sequence[str]) -> int:
    timeout, pagefind, *folders = argv
    return run(pagefind, float(timeout), list(zip(folders[::2], folders[1::2], strict=True)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

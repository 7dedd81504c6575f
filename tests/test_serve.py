"""The preview server, run for real in a subprocess and spoken to over HTTP."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from samenspel.serve import free_port

from .conftest import REPO


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def wait_for(predicate, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


@pytest.fixture
def server(project: Path) -> Iterator[tuple[str, Path]]:
    port = free_port("127.0.0.1", 18000 + os.getpid() % 1000)
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--root", str(project), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: fetch(base + "/")[0] == 200), "the preview did not start"
        yield base, project
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serves_the_site_with_drafts_and_rebuilds_on_change(server: tuple[str, Path]) -> None:
    base, project = server
    status, html = fetch(base + "/verhalen/buurtmoestuin/")
    assert status == 200 and "De buurtmoestuin" in html
    status, html = fetch(base + "/verhalen/concept-verhaal/")
    assert status == 200 and "draft-banner" in html
    assert 'href="/assets/style.css' in html  # built for the preview's own address

    story = project / "content" / "stories" / "buurtmoestuin.md"
    story.write_text(story.read_text(encoding="utf-8").replace("Een paar buren", "Zeven buren"), encoding="utf-8")
    assert wait_for(lambda: "Zeven buren" in fetch(base + "/verhalen/buurtmoestuin/")[1])
    assert not (project / "site").exists()  # the preview never touches the published output


def test_a_taken_port_moves_to_the_next_free_one() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        assert free_port("127.0.0.1", port) != port

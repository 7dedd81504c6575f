"""The shape the code keeps: no import cycle, and only the reader, the writer and the
preview server touch the file system (STYLE.md: pure stages, I/O at the edges)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "samenspel"
MODULES = {p.stem: p for p in sorted(PACKAGE.glob("*.py")) if p.stem != "__init__"}
# The modules allowed to read or write files: the edges of the recipe.
IO_MODULES = {
    "project", "write", "serve",
    "files",  # the contributor commands' few reads and writes (#10)
    "searchindex",  # Pagefind reads its documents from a folder and writes into the new site (#11)
    "uptodate",  # file times of the project and the record of the last build, to skip a build that changes nothing (#9)
    "imagecache",  # processed pictures kept on disk by the hash of their source (#12)
    "pagecache",  # the record of the last build's pages, and linking unchanged ones into the new site (#9)
    "stagecache",  # the check and Markdown results kept on disk by the digest of what they are made from (#9)
}
# Calls that read, write, list or inspect the file system.
FS_METHODS = {
    "read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "rglob", "glob", "stat", "lstat",
    "exists", "is_dir", "is_file", "is_symlink", "mkdir", "unlink", "rmdir", "touch", "resolve", "chmod",
    "rename", "scandir", "listdir", "walk", "rmtree", "copytree", "mkdtemp", "makedirs", "remove",
}
FS_FUNCTIONS = {"open"}


def imports_of(source: str) -> set[str]:
    """Give the package modules a module imports, anywhere in it (type-checking blocks and functions too)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("samenspel."):
            found.add(node.module.split(".")[1])  # type: ignore[union-attr]
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("samenspel."))
    return found


def file_system_calls(source: str) -> list[tuple[int, str]]:
    """Give (line, name) of each call in ``source`` that touches the file system."""
    calls = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Attribute) and node.func.attr in FS_METHODS:
            calls.append((node.lineno, node.func.attr))
        elif isinstance(node.func, ast.Attribute) and node.func.attr == "replace" and \
                isinstance(node.func.value, ast.Name) and node.func.value.id == "os":
            calls.append((node.lineno, "os.replace"))
        elif isinstance(node.func, ast.Name) and node.func.id in FS_FUNCTIONS:
            calls.append((node.lineno, node.func.id))
    return calls


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """Give one import cycle as a path of modules, or [] when there is none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = 1
        stack.append(module)
        for other in sorted(graph.get(module, ())):
            if state.get(other) == 1:
                return stack[stack.index(other):] + [other]
            if other not in state:
                cycle = visit(other)
                if cycle:
                    return cycle
        stack.pop()
        state[module] = 2
        return []

    for module in sorted(graph):
        if module not in state:
            cycle = visit(module)
            if cycle:
                return cycle
    return []


def test_the_package_has_no_import_cycle() -> None:
    graph = {name: imports_of(path.read_text(encoding="utf-8")) & set(MODULES) for name, path in MODULES.items()}
    assert find_cycle(graph) == []


def test_the_cycle_finder_finds_a_cycle_through_a_type_checking_import() -> None:
    a = "from .b import x\n"
    b = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import y\n"
    assert find_cycle({"a": imports_of(a), "b": imports_of(b)}) == ["a", "b", "a"]


@pytest.mark.parametrize("name", sorted(set(MODULES) - IO_MODULES))
def test_only_the_reader_writer_and_preview_touch_the_file_system(name: str) -> None:
    assert file_system_calls(MODULES[name].read_text(encoding="utf-8")) == []


def test_the_file_system_check_sees_reads_and_writes() -> None:
    source = "def f(p, q):\n    p.read_text()\n    open(q)\n    os.replace(p, q)\n    'a'.replace('a', 'b')\n"
    assert file_system_calls(source) == [(2, "read_text"), (3, "open"), (4, "os.replace")]

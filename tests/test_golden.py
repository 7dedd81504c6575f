"""The example site and the payload site build byte for byte as the stored golden manifests say.

A change that is meant to alter pages updates the manifests on purpose (``python -m tests.golden``,
see tests/golden/__init__.py); any other difference is a regression this test names file by file.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .golden import TREES, build_trees, manifest, read_manifest


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_trees(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("name", TREES)
def test_the_build_matches_the_golden_manifest(trees: dict[str, Path], name: str) -> None:
    expected, actual = read_manifest(name), manifest(trees[name])
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    changed = sorted(path for path in set(expected) & set(actual) if expected[path] != actual[path])
    assert (missing, extra, changed) == ([], [], []), "rebuild the manifests only for an intended change"

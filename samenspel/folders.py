"""The names of the project's files and folders: the one list every module asks."""
from __future__ import annotations

CONFIG_FILE = "site.toml"
CONTENT = "content"
VOCABULARY_FILE = "content/vocabulary.yml"
LAYOUTS = "layouts"
ASSETS = "assets"
# The kinds of content, each in its own folder under content/.
KINDS = ("stories", "lessons", "pages")
# What the preview watches: everything a build reads.
WATCHED = (CONFIG_FILE, CONTENT, LAYOUTS, ASSETS)
# What a build keeps for the next one (the search index today); never committed, safe to remove.
CACHE = ".cache"
SEARCH_CACHE = f"{CACHE}/search"
# Folders of the project that a build must never replace, nor write into.
NEVER_OUTPUT = (CONTENT, LAYOUTS, ASSETS, CACHE, "samenspel", "tests", ".git")

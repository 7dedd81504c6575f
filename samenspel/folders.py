"""The names of the project's files and folders: the one list every module asks."""
from __future__ import annotations

CONFIG_FILE = "site.toml"
CONTENT = "content"
VOCABULARY_FILE = "content/vocabulary.yml"
LAYOUTS = "layouts"
ASSETS = "assets"
# Pictures processed once, kept by the hash of their bytes (imagecache.py); never committed.
IMAGE_CACHE = ".cache/images"
# The kinds of content, each in its own folder under content/.
KINDS = ("stories", "lessons", "pages")
# What the preview watches: everything a build reads.
WATCHED = (CONFIG_FILE, CONTENT, LAYOUTS, ASSETS)
# Folders of the project that a build must never replace, nor write into.
NEVER_OUTPUT = (CONTENT, LAYOUTS, ASSETS, "samenspel", "tests", ".git")

"""The names of the project's files and folders: the one list every module asks."""
from __future__ import annotations

CONFIG_FILE = "site.toml"
CONTENT = "content"
VOCABULARY_FILE = "content/vocabulary.yml"
LAYOUTS = "layouts"
ASSETS = "assets"
# Pictures processed once, kept by the hash of their bytes (imagecache.py); never committed.
IMAGE_CACHE = "images"  # in the cache folder outside the project (see below)
# The kinds of content, each in its own folder under content/.
KINDS = ("stories", "lessons", "pages")
# What the preview watches: everything a build reads.
WATCHED = (CONFIG_FILE, CONTENT, LAYOUTS, ASSETS)
# What a build keeps for the next one lives outside the project, in the user's cache folder
# ($XDG_CACHE_HOME or ~/.cache, then samenspel/<a digest of the project's path>; uptodate.cache_folder):
# a file in the project (or a pull request) can then never plant a cached index or record, nor
# point the cache at a folder that a build would clean up. Safe to remove at any time.
CACHE_APP = "samenspel"
SEARCH_CACHE = "search"
RECORD_FILE = "build.json"
# Folders of the project that a build must never replace, nor write into.
NEVER_OUTPUT = (CONTENT, LAYOUTS, ASSETS, "samenspel", "tests", ".git")

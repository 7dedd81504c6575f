"""What the search index is made from: one document per story, lesson and content page, with extra words.

The index is Pagefind's; this module only decides what it reads. The documents are
written for the indexer alone (``searchindex.Indexing`` hands them to Pagefind), so
the pages readers get carry nothing for search but the header's search box. Each document
is the page's own text plus words it does not spell out:

- the labels and synonyms of every vocabulary term the story uses ("bewoners" for
  bewonersinitiatief), so a search for a theme label finds its stories;
- the parts of Dutch compounds: Pagefind does not split them, so "maaltijd" would not
  find "buurtmaaltijd". A word is split where both sides are words the site uses
  elsewhere (or the left side is, and the right side is long enough to be a word of its
  own), allowing the Dutch linking s, e and en ("dorp-s-huis"). Splitting only into known
  words keeps noise out: "signaleren" does not give "leren".
"""
from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence

from markupsafe import Markup

from .model import Lesson, Page, Site, Story
from .output import Output
from .urls import search_word_list_path

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
TAG = re.compile(r"<[^>]+>")
LANG = re.compile(rb"<html lang=\"([^\"]*)\"")
BODY = re.compile(rb"<main data-pagefind-body>(.*)</main>", re.S)  # what Pagefind reads of a search document
TAG_BYTES = re.compile(rb"<[^>]+>")
# Punctuation Pagefind drops from a word's ends, as its search box does (open, close, dash, quote, other).
EDGE_PUNCTUATION = frozenset(("Pd", "Pe", "Pf", "Pi", "Po", "Ps"))
WORD_LIST_FILTER = "woordenlijst"  # marks the word lists (shard_documents); the search page leaves them out
MIN_PART = 4  # shorter parts ('dag', 'wijk' aside) are mostly noise: 'aan', 'tie', 'ing'
MIN_COMPOUND = 8
MAX_COMPOUND = 40  # longer 'words' are no Dutch compound, and each cut copies the word: keep it cheap
MIN_UNKNOWN_TAIL = 7  # a right-hand part the site never uses alone must be this long ('zich-tbaar' is not split)
LINKERS = ("", "s", "e", "en")
# Vocabulary lists whose labels and synonyms a story's document carries, with how the story names their keys.
STORY_TERMS = ("themes", "actor_types", "roles", "outcome_types", "provinces")


def words(text: str) -> list[str]:
    """Give the words of a text, lower case, hyphenated words whole."""
    return [w.lower() for w in WORD.findall(text)]  # not findall(text.lower()): 'İ'.lower() is two letters


def distinct_words(text: str) -> dict[str, None]:
    """Give the words of a text as ``words`` does, each once, in the order met.

    Each form is lowered once: a site's texts repeat a few thousand words hundreds of thousands of times (#9).
    """
    return dict.fromkeys(map(str.lower, dict.fromkeys(WORD.findall(text))))


def plain(markup: str) -> str:
    """Give the text of an HTML fragment."""
    return html.unescape(TAG.sub(" ", markup))


def lexicon(texts: Iterable[str]) -> frozenset[str]:
    """Give the words of at least MIN_PART letters that the texts use, hyphenated words also in parts."""
    seen: set[str] = set()
    for text in texts:
        seen.update(words(text))
    return frozenset(part for word in seen for part in word.split("-") if len(part) >= MIN_PART)


def compound_parts(word: str, known: frozenset[str]) -> list[str]:
    """Give the parts of a Dutch compound that ``known`` words make it of, or [] ("buurtmaaltijd" → buurt, maaltijd)."""
    if "-" in word:
        return [part for part in word.split("-") if MIN_PART <= len(part) <= MAX_COMPOUND]
    if not MIN_COMPOUND <= len(word) <= MAX_COMPOUND:
        return []
    splits = [(word[:cut], word[cut + len(linker):]) for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1)
              for linker in LINKERS if word.startswith(linker, cut) and len(word) - cut - len(linker) >= MIN_PART]
    for head, tail in splits:  # first where both sides are known, longest head first: 'welzijn-s-organisatie'
        if head in known and tail in known:
            return [head, tail] + compound_parts(tail, known)
    for head, tail in splits:
        if head in known and len(tail) >= MIN_UNKNOWN_TAIL:
            return [head, tail]
    return []


def extra_words(text: str | Iterable[str], known: frozenset[str],
                parts: dict[str, list[str]] | None = None) -> list[str]:
    """Give the compound parts of the words in ``text`` (or of the given words), each once, in the order met.

    ``parts`` remembers each word's parts across calls with the same ``known`` words: a site
    uses a few thousand distinct words in hundreds of thousands of places (#9).
    """
    parts = {} if parts is None else parts
    found: dict[str, None] = {}
    for word in dict.fromkeys(words(text) if isinstance(text, str) else text):
        split = parts.get(word)
        if split is None:
            split = parts[word] = [part for part in compound_parts(word, known) if part != word]
        for part in split:
            found.setdefault(part, None)
    return list(found)


def story_terms(story: Story, site: Site) -> list[str]:
    """Give the labels and synonyms of the vocabulary terms a story uses, in every language."""
    found: dict[str, None] = {}
    kinds = [(kind, story.terms(kind)) for kind in STORY_TERMS]
    kinds += [("relation_kinds", tuple(r.kind for r in story.meta.relations)),
              ("place_scales", (story.meta.place.scale,))]
    for kind, keys in kinds:
        for key in keys:
            term = site.vocabulary.term(kind, key)
            if term is None:
                continue
            for text in (*(label for _, label in term.label), *term.synonyms):
                found.setdefault(text, None)
    return list(found)


def document(title: str, lang: str, parts: Iterable[str], extra: Iterable[str]) -> str:
    """Give the HTML the indexer reads for one page: its title, its text, and its extra words at half weight."""
    body = "\n".join(f"<p>{Markup.escape(part)}</p>" for part in parts if part)
    more = " ".join(extra)
    hidden = f'\n<p data-pagefind-weight="0.5">{Markup.escape(more)}</p>' if more else ""
    return (f'<!doctype html>\n<html lang="{Markup.escape(lang)}"><head><meta charset="utf-8">'
            f"<title>{Markup.escape(title)}</title></head>\n"
            f"<body><main data-pagefind-body>\n<h1>{Markup.escape(title)}</h1>\n{body}{hidden}\n"
            "</main></body></html>\n")


def indexed(site: Site) -> tuple[list[Story], list[Lesson], list[Page]]:
    """Give what the search index holds: the published stories and lessons, and the content pages."""
    return [s for s in site.stories if not s.draft], [lesson for lesson in site.lessons if not lesson.draft], \
        list(site.pages)


def search_paths(site: Site) -> list[str]:
    """Give the output path of each search document, as ``search_documents`` names them, without making them."""
    stories, lessons, pages = indexed(site)
    urls = [s.url for s in stories] + [lesson.url for lesson in lessons] + [page.url for page in pages]
    return [site.urls.output_path(url) for url in urls]


def shard_count(documents: int, size: int) -> int:
    """Give how many shards ``documents`` documents go into, at most about ``size`` each: 1 up to ``size``."""
    return max(1, -(-documents // size))


def shard_of(path: str, count: int) -> int:
    """Give the shard of the document at ``path`` among ``count``: a hash of the path alone, so it never
    moves while the number of shards stays (Python's ``hash`` differs per process; this does not)."""
    return int.from_bytes(hashlib.sha256(path.encode()).digest()[:8], "big") % count


def shards(paths: Sequence[str], size: int) -> dict[int, list[int]]:
    """Give the positions in ``paths`` of each shard's documents, by shard number; a shard without any is left out."""
    count = shard_count(len(paths), size)
    found: dict[int, list[int]] = {}
    for position, path in enumerate(paths):
        found.setdefault(shard_of(path, count) if count > 1 else 0, []).append(position)
    return dict(sorted(found.items()))


def shard_documents(documents: Sequence[Output], size: int) -> dict[int, list[Output]]:
    """Give each shard's documents, by shard number: with more than one shard, each also holds every word list.

    Pagefind searches, per index, the longest word that starts a search term when no word of
    the index starts with the term (Pagefind#315, for half-typed words): a shard without the
    term would add what it finds for that shorter word, where one index, having the term,
    adds nothing ('erbij' would find 7,876 pages in shards, 1 in one index). With every word
    of the site in every shard, each shard takes the same decision as one index; the search
    page leaves the word lists out with a filter (``WORD_LIST_FILTER``, assets/search.js).
    """
    split = {number: [documents[i] for i in positions]
             for number, positions in shards([doc.path for doc in documents], size).items()}
    if len(split) > 1:
        lists = word_lists(documents)
        split = {number: [*part, *lists] for number, part in split.items()}
    return split


def word_lists(documents: Iterable[Output]) -> list[Output]:
    """Give, per language, a document that holds every word the search documents of that language hold, once.

    The words are the documents' text split at white space, as Pagefind splits it, in lower case,
    without the punctuation Pagefind drops from their ends ('zegt:' is 'zegt'), so a new
    sentence changes the word list (and so every shard) only with a word the site did not have.
    """
    found: dict[str, set[bytes]] = {}
    for doc in documents:
        declared, body = LANG.search(doc.data), BODY.search(doc.data)
        # Split as bytes, at ASCII white space only: the words found are whole pieces of the text, each
        # of which Pagefind reads as it reads it there, and a site's millions of words are few distinct ones.
        pieces = TAG_BYTES.sub(b" ", body[1] if body else doc.data).split()
        found.setdefault(html.unescape(declared[1].decode()) if declared else "", set()).update(pieces)
    lists = []
    for number, (lang, tokens) in enumerate(sorted(found.items())):
        kept = sorted({word for word in (_trimmed(html.unescape(token.decode()).lower()) for token in tokens) if word})
        text = f'<p>{Markup.escape(" ".join(kept))}</p>' if kept else ""
        lists.append(Output(search_word_list_path(number), (
            f'<!doctype html>\n<html lang="{Markup.escape(lang)}"><head><meta charset="utf-8"></head>\n'
            f'<body><main data-pagefind-body data-pagefind-filter="{WORD_LIST_FILTER}:ja">\n{text}\n'
            "</main></body></html>\n").encode()))
    return lists


def _trimmed(token: str) -> str:
    """Give a token without the punctuation at its ends that Pagefind drops."""
    start, end = 0, len(token)
    while start < end and unicodedata.category(token[start]) in EDGE_PUNCTUATION:
        start += 1
    while end > start and unicodedata.category(token[end - 1]) in EDGE_PUNCTUATION:
        end -= 1
    return token[start:end]


def search_documents(site: Site) -> list[Output]:
    """Give the document the indexer reads for every published story, lesson and content page, by output path."""
    urls, lang = site.urls, site.config.language
    stories, lessons, pages = indexed(site)
    texts: list[tuple[str, str, str, list[str], list[str]]] = []  # (url, lang, title, parts, vocabulary words)
    for story in stories:
        m = story.meta
        parts = [m.summary, plain(story.body.html), m.place.name, m.period]
        parts += [a.name for a in m.actors] + [r.note for r in m.relations]
        parts += [o.text for o in m.outcomes] + [lesson.text for lesson in m.lessons]
        texts.append((story.url, m.lang, m.title, parts, story_terms(story, site)))
    for lesson in lessons:
        labels = [site.label("themes", key) for key in lesson.meta.themes]
        texts.append((lesson.url, lang, lesson.meta.title, [lesson.meta.summary, plain(lesson.body.html)], labels))
    for page in pages:
        texts.append((page.url, lang, page.meta.title, [page.meta.summary, plain(page.body.html)], []))
    vocabulary_text = [label for _, terms in site.vocabulary.lists for term in terms
                       for label in (*(text for _, text in term.label), *term.synonyms)]
    # Each document's distinct words, found once: the lexicon is made of them and their parts split.
    own = [distinct_words("\n".join([title, *parts])) for _, _, title, parts, _ in texts]
    distinct = [{**seen, **distinct_words("\n".join(terms))} for seen, (*_, terms) in zip(own, texts, strict=True)]
    # The lexicon of all documents' words: each word once, not once for every document that has it.
    known = lexicon([" ".join({word: None for seen in own for word in seen})] + vocabulary_text)
    documents = []
    split: dict[str, list[str]] = {}
    for (url, doc_lang, title, parts, terms), seen in zip(texts, distinct, strict=True):
        extra = extra_words(seen, known, split)
        documents.append(Output(urls.output_path(url), document(title, doc_lang, parts, [*terms, *extra]).encode()))
    return documents

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

Finding a page's words is most of the cost (12.8 s for 10,000 stories, #9), and all but the
compound parts depend on the page's own text alone. So the documents are made in ``GROUPS``
groups, by a hash of their path, and each group's ``Group`` (its documents up to their
extra words, and their words for the lexicon, the compounds and the word lists) is kept in
the build's memo by the texts it is made of: an edit makes its group again. The extra words
are kept per group by its texts and the site's lexicon (``Extras``), so a new word anywhere
gives every document the parts a cold build would. ``site_documents`` makes no document's
bytes until the indexer asks for them, a group at a time: the build never holds them all.
"""
from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, filterfalse

from markupsafe import Markup

from .memo import FORGET, Memo
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
STAGE = "search"  # the memo's names for each group's ``Group`` and ``Extras`` (stagecache.KEPT)
EXTRAS_STAGE = "search-extras"
# The documents are kept in this many groups, by a hash of their path: an edit makes its group again
# (80 documents of 10,000 stories, 0.2 s), and a build reads each group whole, its words once (#9).
GROUPS = 128
TAIL = b"\n</main></body></html>\n"  # what every document ends with, after its extra words


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
    uses a few thousand distinct words in hundreds of thousands of places (#9). Once a word's
    parts are known, the loops over the words are Python's own (``map``, ``chain``), not ours.
    """
    parts = {} if parts is None else parts
    given = dict.fromkeys(words(text) if isinstance(text, str) else text)
    for word in filterfalse(parts.__contains__, given):
        parts[word] = [part for part in compound_parts(word, known) if part != word]
    return list(dict.fromkeys(chain.from_iterable(map(parts.__getitem__, given))))


def story_terms(story: Story, site: Site, known: dict[tuple[str, str], tuple[str, ...]] | None = None) -> list[str]:
    """Give the labels and synonyms of the vocabulary terms a story uses, in every language.

    ``known`` remembers each term's words across the stories of one site: 10,000 stories name a few dozen terms.
    """
    known = {} if known is None else known
    found: list[str] = []
    kinds = [(kind, story.terms(kind)) for kind in STORY_TERMS]
    kinds += [("relation_kinds", tuple(r.kind for r in story.meta.relations)),
              ("place_scales", (story.meta.place.scale,))]
    for kind, keys in kinds:
        for key in keys:
            texts = known.get((kind, key))
            if texts is None:
                term = site.vocabulary.term(kind, key)
                texts = known[(kind, key)] = () if term is None else (
                    *(label for _, label in term.label), *term.synonyms)
            found += texts
    return list(dict.fromkeys(found))


def document(title: str, lang: str, parts: Iterable[str], extra: Iterable[str]) -> str:
    """Give the HTML the indexer reads for one page: its title, its text, and its extra words at half weight."""
    return document_head(title, lang, parts) + extra_paragraph(extra) + TAIL.decode()


def document_head(title: str, lang: str, parts: Iterable[str]) -> str:
    """Give a document up to its extra words: what its page's own text makes of it, whatever the site holds."""
    body = "\n".join(f"<p>{Markup.escape(part)}</p>" for part in parts if part)
    return (f'<!doctype html>\n<html lang="{Markup.escape(lang)}"><head><meta charset="utf-8">'
            f"<title>{Markup.escape(title)}</title></head>\n"
            f"<body><main data-pagefind-body>\n<h1>{Markup.escape(title)}</h1>\n{body}")


def extra_paragraph(extra: Iterable[str]) -> str:
    """Give the paragraph of a document's extra words at half weight, or nothing without any."""
    more = " ".join(extra)
    return f'\n<p data-pagefind-weight="0.5">{Markup.escape(more)}</p>' if more else ""


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


def shard_documents(documents: Documents, size: int) -> dict[int, tuple[list[int], tuple[Output, ...]]]:
    """Give each shard's documents, by shard number: the positions of its own in ``documents``, and the
    word lists it holds too (every one of them with more than one shard, else none).

    Pagefind searches, per index, the longest word that starts a search term when no word of
    the index starts with the term (Pagefind#315, for half-typed words): a shard without the
    term would add what it finds for that shorter word, where one index, having the term,
    adds nothing ('erbij' would find 7,876 pages in shards, 1 in one index). With every word
    of the site in every shard, each shard takes the same decision as one index; the search
    page leaves the word lists out with a filter (``WORD_LIST_FILTER``, assets/search.js).
    """
    split = shards(documents.paths, size)
    lists = documents.lists if len(split) > 1 else ()
    return {number: (positions, lists) for number, positions in split.items()}


def word_lists(documents: Iterable[Output]) -> list[Output]:
    """Give, per language, a document that holds every word the search documents of that language hold, once.

    The words are the documents' text split at white space, as Pagefind splits it, in lower case,
    without the punctuation Pagefind drops from their ends ('zegt:' is 'zegt'), so a new
    sentence changes the word list (and so every shard) only with a word the site did not have.
    """
    found: dict[str, set[bytes]] = {}
    for doc in documents:
        lang, pieces = _pieces(doc.data)
        found.setdefault(lang, set()).update(pieces)
    return word_list_documents({lang: _listed(tokens) for lang, tokens in found.items()})


def word_list_documents(found: dict[str, set[str]]) -> list[Output]:
    """Give the word list of each language from the words its documents hold (as ``_listed`` takes them)."""
    lists = []
    for number, (lang, listed) in enumerate(sorted(found.items())):
        kept = sorted(word for word in listed if word)
        text = f'<p>{Markup.escape(" ".join(kept))}</p>' if kept else ""
        lists.append(Output(search_word_list_path(number), (
            f'<!doctype html>\n<html lang="{Markup.escape(lang)}"><head><meta charset="utf-8"></head>\n'
            f'<body><main data-pagefind-body data-pagefind-filter="{WORD_LIST_FILTER}:ja">\n{text}\n'
            "</main></body></html>\n").encode()))
    return lists


def _pieces(data: bytes) -> tuple[str, list[bytes]]:
    """Give a document's declared language and the pieces of text Pagefind reads in it, split at white space."""
    declared, body = LANG.search(data), BODY.search(data)
    # Split as bytes, at ASCII white space only: the words found are whole pieces of the text, each
    # of which Pagefind reads as it reads it there, and a site's millions of words are few distinct ones.
    pieces = TAG_BYTES.sub(b" ", body[1] if body else data).split()
    return (html.unescape(declared[1].decode()) if declared else ""), pieces


def _listed(tokens: Iterable[bytes]) -> set[str]:
    """Give the words of the pieces of a text as a word list holds them (an empty one for a piece of punctuation)."""
    return {_trimmed(html.unescape(token.decode()).lower()) for token in set(tokens)}


def _trimmed(token: str) -> str:
    """Give a token without the punctuation at its ends that Pagefind drops."""
    start, end = 0, len(token)
    while start < end and unicodedata.category(token[start]) in EDGE_PUNCTUATION:
        start += 1
    while end > start and unicodedata.category(token[end - 1]) in EDGE_PUNCTUATION:
        end -= 1
    return token[start:end]


@dataclass(frozen=True)
class Text:
    """What one search document is made from: its page's path, language, title, texts and vocabulary words."""

    path: str  # the page's output path, which names the document
    lang: str
    title: str
    summary: str
    body: str  # the page's body as HTML: its text is taken (``plain``) only when the document is made
    more: tuple[str, ...]  # the page's other texts, after its body
    terms: tuple[str, ...]  # the labels and synonyms of its vocabulary terms, first of its extra words

    def parts(self) -> list[str]:
        return [self.summary, plain(self.body), *self.more]


@dataclass(frozen=True)
class Group:
    """What the texts of a group of documents give, whatever the rest of the site holds: kept between builds (#9)."""

    heads: tuple[bytes, ...]  # each document up to its extra words (``document_head``)
    digests: tuple[bytes, ...]  # of each head
    compounds: tuple[tuple[str, ...], ...]  # each document's words that may have compound parts (``may_split``)
    lexicon: frozenset[str]  # its documents' own words that the site's lexicon is made of (``lexicon``)
    listed: dict[str, frozenset[str]]  # by language: the words of its heads as the word lists hold them


@dataclass(frozen=True)
class Extras:
    """The extra words of a group's documents, for one lexicon of the site: what finishes them."""

    paragraphs: tuple[bytes, ...]  # each document's paragraph of extra words (``extra_paragraph``)
    digests: tuple[bytes, ...]  # of each document as a whole
    listed: dict[str, frozenset[str]]  # by language: the words of the paragraphs as the word lists hold them


@dataclass(frozen=True)
class Documents:
    """A site's search documents, known by path and digest; their bytes are made when asked for.

    ``make`` gives the documents at the positions it is given (in no set order), a group at a
    time, so the indexer can write each shard's documents without the site's all in memory.
    """

    paths: tuple[str, ...]
    digests: tuple[bytes, ...]  # of each document's bytes: equal digests, equal documents
    lists: tuple[Output, ...]  # the word lists, one per language (``word_lists``)
    make: Callable[[Sequence[int]], Iterator[Output]]


def search_texts(site: Site) -> list[Text]:
    """Give what the document of every published story, lesson and content page is made from, in that order."""
    urls, lang = site.urls, site.config.language
    stories, lessons, pages = indexed(site)
    terms: dict[tuple[str, str], tuple[str, ...]] = {}
    texts = []
    for story in stories:
        m = story.meta
        more = (m.place.name, m.period, *(a.name for a in m.actors), *(r.note for r in m.relations),
                *(o.text for o in m.outcomes), *(lesson.text for lesson in m.lessons))
        texts.append(Text(urls.output_path(story.url), m.lang, m.title, m.summary, story.body.html, more,
                          tuple(story_terms(story, site, terms))))
    for lesson in lessons:
        labels = tuple(site.label("themes", key) for key in lesson.meta.themes)
        texts.append(Text(urls.output_path(lesson.url), lang, lesson.meta.title, lesson.meta.summary,
                          lesson.body.html, (), labels))
    for page in pages:
        texts.append(Text(urls.output_path(page.url), lang, page.meta.title, page.meta.summary, page.body.html, (),
                          ()))
    return texts


def text_key(text: Text) -> bytes:
    """Give a digest of everything a document's part of a ``Group`` is made from (not its path: a moved page
    keeps it). The fields' lengths come first, so no two texts give the same digest by their fields' borders."""
    fields = (text.lang, text.title, text.summary, text.body, *text.more, *text.terms)
    lengths = " ".join(map(str, map(len, fields)))
    whole = f"{len(text.more)} {len(text.terms)} {lengths}\0" + "".join(fields)
    return hashlib.blake2b(whole.encode("utf-8", "surrogatepass"), digest_size=20).digest()


def may_split(word: str) -> bool:
    """Give whether ``compound_parts`` could find parts of ``word`` at all: no other word can give extra words."""
    return "-" in word or MIN_COMPOUND <= len(word) <= MAX_COMPOUND


def group(texts: Sequence[Text]) -> Group:
    """Give what the texts of a group of documents make of them: their heads, and their words for the lexicon,
    the compounds and the word lists."""
    heads, seen, own_words = [], [], dict[str, None]()
    tokens: dict[str, set[bytes]] = {}
    for text in texts:
        parts = text.parts()
        own = distinct_words("\n".join([text.title, *parts]))
        own_words.update(own)
        seen.append({**own, **distinct_words("\n".join(text.terms))})
        heads.append(document_head(text.title, text.lang, parts).encode())
        tokens.setdefault(_declared(text.lang), set()).update(_pieces(heads[-1] + TAIL)[1])
    # Each word that may split as one string (the first met), however many documents have it: kept once
    # in the group's file. The documents' words are filtered by Python's loops, not ours (#9).
    words_met = dict[str, None]()
    for found in seen:
        words_met.update(found)
    compound = {word: word for word in words_met if may_split(word)}
    compounds = tuple(tuple(map(compound.__getitem__, filter(compound.__contains__, found))) for found in seen)
    return Group(tuple(heads), tuple(hashlib.blake2b(head, digest_size=20).digest() for head in heads),
                 compounds, lexicon([" ".join(own_words)]),
                 {lang: frozenset(_listed(found_tokens)) for lang, found_tokens in tokens.items()})


def extras(found: Group, texts: Sequence[Text], known: frozenset[str], split: dict[str, list[str]]) -> Extras:
    """Give the extra words of a group's documents: their vocabulary words, then their compounds' parts."""
    paragraphs = tuple(extra_paragraph([*text.terms, *extra_words(words, known, split)]).encode()
                       for text, words in zip(texts, found.compounds, strict=True))
    tokens: dict[str, set[bytes]] = {}
    for text, paragraph in zip(texts, paragraphs, strict=True):
        tokens.setdefault(_declared(text.lang), set()).update(TAG_BYTES.sub(b" ", paragraph).split())
    # A document is its head, its extra words and TAIL: its digest is made of the head's and the words.
    return Extras(paragraphs, tuple(hashlib.blake2b(head + paragraph, digest_size=20).digest()
                                    for head, paragraph in zip(found.digests, paragraphs, strict=True)),
                  {lang: frozenset(_listed(found_tokens)) for lang, found_tokens in tokens.items()})


def vocabulary_texts(site: Site) -> list[str]:
    """Give every label and synonym of the site's vocabulary: the lexicon knows their words whether used or not."""
    return [label for _, terms in site.vocabulary.lists for term in terms
            for label in (*(text for _, text in term.label), *term.synonyms)]


def groups_of(paths: Sequence[str]) -> dict[int, list[int]]:
    """Give the positions in ``paths`` of each group's documents, by a hash of the path: an edit changes one group."""
    found: dict[int, list[int]] = {}
    for position, path in enumerate(paths):
        found.setdefault(shard_of(path, GROUPS), []).append(position)
    return dict(sorted(found.items()))


def site_documents(site: Site, memo: Memo = FORGET) -> Documents:
    """Give the search documents of ``site`` (as ``search_documents`` makes them), each group of them from
    ``memo`` while its texts are unchanged: a build after a one-story edit makes one group again (#9).

    The extra words need the lexicon of all groups: a group's ``Extras`` are kept by its texts
    and the lexicon, so a new word anywhere gives every document the parts a cold build
    would. The groups are read a few at a time, twice (the lexicon first, then the bytes
    ``make`` gives): the build never holds all documents' bytes at once.
    """
    texts = search_texts(site)
    keys = [text_key(text) for text in texts]
    members = groups_of([text.path for text in texts])
    group_keys = {number: hashlib.blake2b(b"".join(keys[i] for i in positions), digest_size=20).digest()
                  for number, positions in members.items()}

    def group_of(number: int) -> Group:
        return memo.get_many(STAGE, [group_keys[number]],
                             lambda todo: [group([texts[i] for i in members[number]]) for _ in todo])[0]

    known, listed = set(lexicon(vocabulary_texts(site))), dict[str, set[str]]()
    for number in members:
        found = group_of(number)
        known |= found.lexicon
        for lang, words in found.listed.items():
            listed.setdefault(lang, set()).update(words)
    lexicon_words = frozenset(known)
    lexicon_key = hashlib.blake2b("\n".join(sorted(lexicon_words)).encode("utf-8", "surrogatepass")).digest()
    split: dict[str, list[str]] = {}
    paragraphs: list[bytes] = [b""] * len(texts)
    digests: list[bytes] = [b""] * len(texts)

    def extras_of(number: int) -> Extras:
        return memo.get_many(EXTRAS_STAGE, [(group_keys[number], lexicon_key)], lambda todo: [
            extras(group_of(number), [texts[i] for i in members[number]], lexicon_words, split) for _ in todo])[0]

    for number, positions in members.items():
        finished = extras_of(number)
        for i, paragraph, digest in zip(positions, finished.paragraphs, finished.digests, strict=True):
            paragraphs[i], digests[i] = paragraph, digest
        for lang, words in finished.listed.items():
            listed[lang] |= words

    def make(positions: Sequence[int]) -> Iterator[Output]:
        wanted = set(positions)
        for number, members_at in members.items():
            chosen = [(j, i) for j, i in enumerate(members_at) if i in wanted]
            if chosen:
                found = group_of(number)
                for j, i in chosen:
                    yield Output(texts[i].path, found.heads[j] + paragraphs[i] + TAIL)

    return Documents(tuple(text.path for text in texts), tuple(digests), tuple(word_list_documents(listed)), make)


def _declared(lang: str) -> str:
    """Give the language a document declares as the word lists read it back (``_pieces``)."""
    return html.unescape(str(Markup.escape(lang)))


def given_documents(documents: Sequence[Output]) -> Documents:
    """Give documents already made as ``Documents`` (for tests and tools that make their own)."""
    return Documents(tuple(doc.path for doc in documents),
                     tuple(hashlib.blake2b(doc.data, digest_size=20).digest() for doc in documents),
                     tuple(word_lists(documents)), lambda positions: (documents[i] for i in positions))


def search_documents(site: Site, memo: Memo = FORGET) -> list[Output]:
    """Give the document the indexer reads for every published story, lesson and content page, by output path."""
    documents = site_documents(site, memo)
    made = {doc.path: doc for doc in documents.make(range(len(documents.paths)))}
    return [made[path] for path in documents.paths]

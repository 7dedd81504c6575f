"""Write a deterministic corpus of N generated stories, as a Samenspel project and as a Hugo site.

The stories take the example stories' front matter and vary title, date, place, themes,
actors (types and roles), relation kinds and outcomes within content/vocabulary.yml; their
bodies are about 620 seeded-random Dutch-ish words with headings, lists, emphasis, links
and now and then a table or a quote. The Hugo site gets the same bodies and the same
taxonomies, so both engines do comparable work on the same text.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import random
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
HUGO_SITE = Path(__file__).resolve().parent / "hugo-site"
# libyaml's emitter when PyYAML has it: the pure-Python one takes minutes for 10,000 stories.
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SEED = 2021
FIRST_DAY = dt.date(2012, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)


def _words(text: str) -> list[str]:
    return text.split()


# Common Dutch words: nouns and verbs of the stories' world, with the small words that glue a sentence.
NOUNS = _words(
    "bewoner bewoners buurt wijk dorp dorpshuis buurthuis gemeente provincie fonds plan aanvraag subsidie "
    "geld budget tijd ruimte regie initiatief stichting vereniging vrijwilliger vrijwilligers opbouwwerker "
    "welzijnswerker ambtenaar wethouder raad vergadering avond ochtend week maand jaar school tuin plein "
    "straat keuken maaltijd koffie tafel stoel sleutel gebouw zaal kantoor project idee doel afspraak "
    "gesprek vraag antwoord rol taak verslag rekening bonnetje lijst kaart flyer logo naam website brief "
    "mail telefoon groep kring netwerk partner partij organisatie corporatie woning huur zorg hulp steun "
    "buurvrouw buurman kinderen ouderen jongeren gezin familie vriend kennis ervaring les verhaal begin "
    "einde stap weg brug muur deur raam markt feest festival wandeling moestuin bankje speeltuin bibliotheek "
    "kerk moskee sportclub voetbalveld winkel bakker kapper werkplaats atelier repaircafé voedselbank "
    "wijkagent huisarts wijkverpleging thuiszorg mantelzorger penningmeester voorzitter secretaris bestuur "
    "statuten notaris contract offerte begroting verantwoording evaluatie opdracht opdrachtgever vertrouwen"
)
VERBS = _words(
    "vraagt wil kan moet mag gaat komt ziet zegt denkt weet vindt maakt doet geeft neemt houdt brengt "
    "helpt steunt betaalt bepaalt begint stopt schrijft leest praat luistert kiest zoekt vindt organiseert "
    "regelt verdeelt deelt kookt bouwt opent sluit huurt koopt leert werkt wacht belt mailt schuift "
    "draagt trekt duwt verbindt bespreekt beslist probeert ontdekt merkt voelt twijfelt durft"
)
ADJECTIVES = _words(
    "klein groot nieuw oud eigen lokaal vast los kort lang goed slecht lastig makkelijk open dicht warm "
    "koud stil druk vrolijk moe sterk zwak zichtbaar onmisbaar gewoon bijzonder helder vaag eerlijk "
    "gezamenlijk zelfstandig formeel informeel tijdelijk structureel snel langzaam vroeg laat echt"
)
SMALL = _words(
    "de de de het het een een en en en of maar want dus toch ook nog al wel niet geen veel weinig meer "
    "in in op op aan bij met met voor voor van van naar over om uit tot door zonder tussen "
    "die dat dat dit deze wie wat waar hoe als dan omdat terwijl zodat hun haar zijn ons onze jullie zij "
    "ze we wij je ik er hier daar nu straks samen elke iedere alle"
)
WORDS = NOUNS * 3 + VERBS * 2 + ADJECTIVES * 2 + SMALL * 4

SCALE_NAMES = {
    "buurt": "een buurt", "wijk": "een wijk in een middelgrote stad", "dorp": "een dorp",
    "gemeente": "een kleine gemeente", "regio": "een regio met vijf gemeenten", "provincie": "een provincie",
    "landelijk": "heel Nederland",
}


@dataclass
class Story:
    """One generated story: its file name, front matter and Markdown body."""

    slug: str
    meta: dict[str, Any]
    body: str

    def text(self) -> str:
        """Give the story file's text, front matter written as the examples write it (flow-style lists)."""
        head = yaml.dump(self.meta, Dumper=DUMPER, sort_keys=False, allow_unicode=True, default_flow_style=None,
                         width=1000)
        return f"---\n{head}---\n\n{self.body}"


@dataclass
class Corpus:
    """The generated stories, with counts that say what they contain."""

    stories: list[Story]
    words: int = 0
    tables: int = 0
    web_links: int = 0
    story_links: int = 0
    terms: dict[str, set[str]] = field(default_factory=dict)


def slugify(text: str) -> str:
    """Give a file name: lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def word_count(markdown: str) -> int:
    """Give the number of words a reader sees: link targets and Markdown marks do not count."""
    return sum(1 for token in re.sub(r"\]\([^)]*\)", "]", markdown).split() if re.search(r"[^\W\d_]", token))


def vocabulary_keys(root: Path = ROOT) -> dict[str, list[str]]:
    """Give each vocabulary list's keys, in file order."""
    data = yaml.safe_load((root / "content" / "vocabulary.yml").read_text(encoding="utf-8"))
    return {name: [item["key"] for item in items] for name, items in data.items()}


def example_metas(root: Path = ROOT) -> list[dict[str, Any]]:
    """Give the example stories' front matter, by file name."""
    metas = []
    for path in sorted((root / "content" / "stories").glob("*.md")):
        head = path.read_text(encoding="utf-8").split("---\n", 2)[1]
        metas.append(yaml.safe_load(head))
    return metas


def weighted_sample(rng: random.Random, keys: list[str], weights: list[float], k: int) -> list[str]:
    """Give k distinct keys, each drawn with its weight (Efraimidis–Spirakis)."""
    scored = sorted(zip(keys, weights, strict=True), key=lambda kw: rng.random() ** (1 / kw[1]), reverse=True)
    return [key for key, _ in scored[:k]]


def zipf(rng: random.Random, keys: list[str]) -> tuple[list[str], list[float]]:
    """Give the keys in a seeded order with falling weights: a few popular terms, a long tail."""
    order = keys[:]
    rng.shuffle(order)
    return order, [1 / (rank + 1) ** 0.9 for rank in range(len(order))]


class Writer:
    """Makes seeded sentences, paragraphs and whole bodies."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def words(self, low: int, high: int) -> list[str]:
        return self.rng.choices(WORDS, k=self.rng.randint(low, high))

    def sentence(self, low: int = 6, high: int = 16, emphasis: bool = True) -> str:
        words = self.words(low, high)
        words[0] = words[0].capitalize()
        if emphasis and self.rng.random() < 0.15:
            i = self.rng.randrange(len(words))
            words[i] = f"*{words[i]}*"
        elif emphasis and self.rng.random() < 0.08:
            i = self.rng.randrange(len(words))
            words[i] = f"**{words[i]}**"
        if len(words) > 9 and self.rng.random() < 0.3:
            words[len(words) // 2] += ","
        return " ".join(words) + self.rng.choice(".....?")

    def title(self) -> str:
        words = self.words(3, 8)
        if self.rng.random() < 0.15:
            words[0] += ":"
        text = " ".join(words)
        return text[0].upper() + text[1:]

    def paragraph(self, low: int, high: int) -> str:
        target = self.rng.randint(low, high)
        sentences: list[str] = []
        while sum(len(s.split()) for s in sentences) < target:
            sentences.append(self.sentence())
        return " ".join(sentences)

    def link(self, href: str) -> str:
        return f"[{' '.join(self.words(2, 4))}]({href})"

    def with_link(self, paragraph: str, href: str) -> str:
        """Put a link after one of the paragraph's sentences."""
        sentences = paragraph.split(". ")
        i = self.rng.randrange(len(sentences))
        sentences[i] += f" Lees ook {self.link(href)}"
        return ". ".join(sentences)

    def bullets(self, ordered: bool) -> str:
        items = [self.sentence(4, 12) for _ in range(self.rng.randint(3, 5))]
        return "\n".join(f"{n}. {item}" if ordered else f"- {item}" for n, item in enumerate(items, 1))

    def table(self) -> str:
        rows = ["| Wie | Wat | Wanneer |", "|---|---|---:|"]
        for _ in range(self.rng.randint(3, 5)):
            who, what = " ".join(self.words(1, 3)), " ".join(self.words(3, 7))
            rows.append(f"| {who} | {what} | {self.rng.randint(2012, 2025)} |")
        return "\n".join(rows)

    def body(self, links: list[str]) -> tuple[str, dict[str, int]]:
        """Give a ~620-word body linking to ``links`` (story files), and what went into it."""
        rng = self.rng
        kinds = {"table": rng.random() < 0.12, "quote": rng.random() < 0.2, "web": rng.random() < 0.2,
                 "ordered": rng.random() < 0.25}
        blocks: list[str] = []
        # Links, a quote or a table come on top of this: the whole body comes to about 620 words.
        target = rng.randint(537, 597)
        count = 0
        while count < target:
            blocks.append(f"## {self.title()}")
            count += len(blocks[-1].split()) - 1
            for _ in range(rng.randint(1, 3)):
                paragraph = self.paragraph(45, 85)
                count += len(paragraph.split())
                blocks.append(paragraph)
                if count >= target:
                    break
            if rng.random() < 0.35:
                blocks.append(self.bullets(kinds["ordered"] and rng.random() < 0.5))
                count += len(blocks[-1].split())
        paragraphs = [i for i, b in enumerate(blocks) if not b.startswith(("#", "-", "1."))]
        for href in links:
            i = rng.choice(paragraphs)
            blocks[i] = self.with_link(blocks[i], href)
        if kinds["web"]:
            i = rng.choice(paragraphs)
            blocks[i] = self.with_link(blocks[i], f"https://www.example.org/{slugify(' '.join(self.words(2, 3)))}")
        if kinds["quote"]:
            blocks.insert(rng.choice(paragraphs) + 1, f"> {self.sentence(8, 20)}")
        if kinds["table"]:
            blocks.insert(rng.choice(paragraphs) + 1, self.table())
        text = "\n\n".join(blocks) + "\n"
        return text, {"words": word_count(text), "tables": int(kinds["table"]), "web_links": int(kinds["web"]),
                      "story_links": len(links)}


def story_meta(rng: random.Random, writer: Writer, example: dict[str, Any], vocab: dict[str, list[str]],
               weighted: dict[str, tuple[list[str], list[float]]]) -> dict[str, Any]:
    """Give front matter made from an example story's, varied within the vocabulary."""
    meta = copy.deepcopy(example)
    meta.pop("image", None)  # the example's picture is not in the corpus; add_pictures gives some stories their own
    meta["title"] = writer.title()
    summary = " ".join(writer.sentence(10, 18, emphasis=False) for _ in range(2))
    meta["summary"] = summary if len(summary) <= 280 else summary[:276].rsplit(" ", 1)[0] + " ..."
    meta["date"] = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    scale = rng.choice(vocab["place_scales"])
    place: dict[str, Any] = {"name": SCALE_NAMES[scale], "scale": scale, "anonymised": True}
    if rng.random() < 0.3:
        place.update(anonymised=False, municipality=f"Gemeente {writer.words(1, 1)[0].capitalize()}",
                     province=rng.choice(vocab["provinces"]))
    meta["place"] = place
    actors = meta["actors"]
    if rng.random() < 0.3:
        actors.append({"id": "extra", "name": "", "type": "", "roles": []})
        meta["relations"].append({"from": actors[0]["id"], "to": "extra", "kind": "", "note": writer.sentence(6, 14)})
    for actor in actors:
        kind = weighted_sample(rng, *weighted["actor_types"], 1)[0]
        actor["type"] = kind
        actor["name"] = f"een {kind.replace('-', ' ')}"
        actor["roles"] = weighted_sample(rng, *weighted["roles"], rng.randint(1, 3))
    for relation in meta["relations"]:
        relation["kind"] = rng.choice(vocab["relation_kinds"])
    themes = weighted_sample(rng, *weighted["themes"], rng.randint(2, 7))
    meta["themes"] = themes
    for outcome, kind in zip(meta["outcomes"], rng.sample(vocab["outcome_types"], len(meta["outcomes"])), strict=True):
        outcome["type"] = kind
    for lesson in meta["lessons"]:
        lesson["themes"] = rng.sample(themes, rng.randint(1, min(3, len(themes))))
    return meta


def generate(count: int, root: Path = ROOT, seed: int = SEED) -> Corpus:
    """Give ``count`` stories, the same ones for the same count and seed."""
    rng = random.Random(seed)
    writer = Writer(rng)
    vocab = vocabulary_keys(root)
    weighted = {name: zipf(rng, vocab[name]) for name in ("themes", "actor_types", "roles")}
    examples = example_metas(root)
    metas = [story_meta(rng, writer, examples[n % len(examples)], vocab, weighted) for n in range(count)]
    slugs = [f"{slugify(meta['title'])[:50].strip('-')}-{n:05d}" for n, meta in enumerate(metas)]
    corpus = Corpus([])
    for slug, meta in zip(slugs, metas, strict=True):
        links = [f"{slugs[rng.randrange(count)]}.md" for _ in range(rng.choice((0, 0, 1, 1, 2)))]
        body, facts = writer.body(links)
        corpus.stories.append(Story(slug, meta, body))
        corpus.words += facts["words"]
        corpus.tables += facts["tables"]
        corpus.web_links += facts["web_links"]
        corpus.story_links += facts["story_links"]
        for kind, keys in (("themes", meta["themes"]), ("actor types", [a["type"] for a in meta["actors"]]),
                           ("roles", [r for a in meta["actors"] for r in a["roles"]]),
                           ("outcomes", [o["type"] for o in meta["outcomes"]]),
                           ("provinces", [meta["place"]["province"]] if "province" in meta["place"] else [])):
            corpus.terms.setdefault(kind, set()).update(keys)
    return corpus


def photo(seed: int, size: tuple[int, int] = (1600, 1000)) -> bytes:
    """Give a photo-like JPEG made by code (a sky-to-field gradient, shapes and grain), the same for the same seed."""
    from PIL import Image, ImageDraw  # only when a corpus has pictures

    rng = random.Random(seed)
    width, height = size
    picture = Image.linear_gradient("L").resize(size).convert("RGB")
    picture = Image.merge("RGB", [band.point(lambda v, k=k: int(v * k)) for band, k in
                                  zip(picture.split(), (rng.uniform(0.3, 1), rng.uniform(0.3, 1), 1), strict=True)])
    draw = ImageDraw.Draw(picture)
    for _ in range(40):  # houses, trees, people: edges the encoders have to keep
        x, y = rng.randrange(width), rng.randrange(height // 3, height)
        w, h = rng.randint(30, 260), rng.randint(30, 220)
        draw.rectangle((x, y, x + w, y + h), fill=tuple(rng.randrange(256) for _ in range(3)))
    grain = Image.effect_noise(size, 18).convert("RGB")
    picture = Image.blend(picture, grain, 0.12)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()


def add_pictures(corpus: Corpus, folder: Path, share: float) -> int:
    """Give ``share`` of the stories (every 1/share-th, the same ones each time) a photo of their own beside them."""
    if share <= 0:
        return 0
    step = max(1, round(1 / share))
    chosen = corpus.stories[::step]
    for n, story in enumerate(chosen):
        (folder / f"{story.slug}.jpg").write_bytes(photo(SEED + n))
        story.meta["image"] = {"src": f"{story.slug}.jpg", "alt": "Een straat met huizen en bomen in de avondzon",
                               "credit": "Foto: gemaakt door bench/corpus.py", "licence": "CC0"}
    return len(chosen)


def write_samenspel(corpus: Corpus, target: Path, root: Path = ROOT, pictures: float = 0.0) -> None:
    """Write the stories as a Samenspel project, with the repository's layouts, assets, vocabulary and pages.

    With ``pictures`` (a share, 0.1 for one in ten) that share of the stories gets a photo of its own (#12).
    """
    shutil.rmtree(target, ignore_errors=True)
    for name in ("layouts", "assets"):
        shutil.copytree(root / name, target / name)
    shutil.copytree(root / "content" / "pages", target / "content" / "pages")
    shutil.copy(root / "content" / "vocabulary.yml", target / "content" / "vocabulary.yml")
    shutil.copy(root / "site.toml", target / "site.toml")
    stories = target / "content" / "stories"
    stories.mkdir(parents=True)
    add_pictures(corpus, stories, pictures)
    for story in corpus.stories:
        write_story(stories, story)


def write_story(folder: Path, story: Story) -> Path:
    """Write one story file into ``folder``."""
    path = folder / f"{story.slug}.md"
    path.write_text(story.text(), encoding="utf-8")
    return path


def hugo_front_matter(meta: dict[str, Any]) -> dict[str, Any]:
    """Give a story's front matter as Hugo reads it: title, date, summary, place and the taxonomies."""
    actors = meta["actors"]
    out: dict[str, Any] = {
        "title": meta["title"], "date": meta["date"], "summary": meta["summary"], "place": meta["place"]["name"],
        "themes": meta["themes"],
        "actors": list(dict.fromkeys(a["type"] for a in actors)),
        "roles": list(dict.fromkeys(r for a in actors for r in a["roles"])),
        "outcomes": [o["type"] for o in meta["outcomes"]],
    }
    if "province" in meta["place"]:
        out["provinces"] = [meta["place"]["province"]]
    return out


def write_hugo(corpus: Corpus, target: Path, root: Path = ROOT) -> None:
    """Write the same stories as a Hugo site (bench/hugo-site/: config and small layouts), same bodies."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(HUGO_SITE, target)
    shutil.copytree(root / "assets", target / "static" / "assets")
    content = target / "content"
    shutil.copytree(root / "content" / "pages", content)
    stories = content / "verhalen"
    stories.mkdir()
    (stories / "_index.md").write_text("---\ntitle: Verhalen\n---\n", encoding="utf-8")
    for story in corpus.stories:
        head = yaml.dump(hugo_front_matter(story.meta), Dumper=DUMPER, sort_keys=False, allow_unicode=True,
                         default_flow_style=None, width=1000)
        (stories / f"{story.slug}.md").write_text(f"---\n{head}---\n\n{story.body}", encoding="utf-8")

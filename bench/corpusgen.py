"""A generator of many distinct news stories from the real article texts of the repository.

Base texts are examples/ankara/*.txt and tests/data/mixed/*.txt, cleaned with
``recoupe.clean.clean_plain`` (title, text), language from ``recoupe.language.detect``. A seeded
generator makes many distinct stories of 1 to 6 articles each. A story starts from a base text (its
title and a subset of its sentences, sometimes with a few sentences of another base of the same
language mixed in) in which every name (a capitalised word inside a sentence) and number is replaced
consistently by a random one — pseudo-names built from syllables, so that every story has its own
rare names — except for a few names kept as they are (shared, common names); one story in ten has no
names at all (they become ordinary words, numbers a single digit), so that clustering compares it by
embedding with every article, as it does for name-poor articles; and a quarter of the
other words are replaced by words of the same language (so stories from one base do not share
shingles). Each article of a story is a variant: sentences dropped and swapped, a few words changed,
or an exact copy; most articles carry boilerplate lines (outlet, date, "read also") from a shared set
of outlets. Articles are dated within a few days of their story's date, stories spread over a year,
and the articles are shuffled. Corpora are prefixes of one stream of stories: the 1,000-article
corpus is the first stories of the 20,000-article one. No token is unique to an article: ids live in
file names only, never in the text a linker reads.

Used by bench/stories_scale.py, bench/pipeline_scale.py and the Dask equivalence test
(tests/test_dist.py), which writes a generated corpus as files with ``write_txt``.
"""
from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASES = [*sorted((ROOT / "examples" / "ankara").glob("*.txt")),
         *sorted((ROOT / "tests" / "data" / "mixed").glob("*.txt"))]
SEED = 20240601

STORY_SIZES = (1, 2, 3, 4, 5, 6)
STORY_WEIGHTS = (0.30, 0.25, 0.18, 0.12, 0.09, 0.06)  # mean about 2.5 articles a story
KEEP_NAME = 0.12  # share of a story's names kept as in the base (common names shared across stories)
WORD_SWAP = 0.25  # share of a story's ordinary word types replaced by other words of the language
VARIANT_WORDS = 0.04  # share of word occurrences an article variant changes
POOR_STORY = 0.10  # share of stories with no names (names become ordinary words, numbers one digit)
EXACT_COPY = 0.25  # share of a story's later articles that copy its first one word for word
BOILERPLATE = 0.7  # share of articles with boilerplate lines
OUTLETS = 300
DAYS = 365

_TOKEN = re.compile(r"\w+|\W+")
_NAMEISH = re.compile(r"^[A-ZÀ-ÝĀ-ſА-Я][\w'’-]+$")
_NUMBER = re.compile(r"^\d+$")
_ORDINARY = re.compile(r"^[a-zà-ÿœæ]{4,}$")
_SYLLABLES = ("ka", "lo", "mi", "tur", "ven", "sa", "dri", "bo", "nel", "fa", "go", "ri", "zu", "pe", "tan",
              "mor", "vi", "les", "da", "kin", "bra", "sto", "gel", "hu", "ix", "jo", "qua", "ren", "sol",
              "tev", "ur", "wal", "yan", "zor", "be", "cla", "dun", "fel", "gri", "har", "ist", "kor", "lum",
              "mas", "nor", "ost", "pra", "rud", "sev", "tro", "vel", "xan", "zim", "ald", "bek", "cor",
              "dal", "esk", "fin", "gam")


# --------------------------------------------------------------------------------------- corpus

@dataclass
class Base:
    name: str
    language: str
    title: str
    sentences: list[str]
    names: set[str]


def load_bases() -> list[Base]:
    """The base texts, cleaned, cut into sentences, with their capitalised words inside sentences."""
    from recoupe.clean import clean_plain
    from recoupe.language import detect
    from recoupe.text import sentences

    out = []
    for path in BASES:
        cleaned = clean_plain(path.read_text(encoding="utf8"))
        text = cleaned.text
        sents = [text[s:e] for s, e in sentences(text)]
        language = detect(text) or path.name[:2]
        names: set[str] = set()
        for sentence in [cleaned.title or "", *sents]:
            tokens = [t for t in _TOKEN.findall(sentence) if t.strip() and re.match(r"\w", t)]
            names.update(t for t in tokens[1:] if _NAMEISH.match(t))
        out.append(Base(path.name, language, cleaned.title or sents[0], sents, names))
    return out


def pseudo_name(rng: random.Random, acronym: bool = False) -> str:
    if acronym:
        return "".join(rng.choice("BCDFGHJKLMNPRSTVWXZ") for _ in range(rng.randint(3, 4)))
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4)))).capitalize()


class Generator:
    """A seeded stream of stories; ``corpus(n)`` takes the first n articles of it."""

    def __init__(self, seed: int, bases: list[Base]) -> None:
        self.seed = seed
        self.bases = bases
        self.weights = [len(b.sentences) for b in bases]
        self.pool: dict[str, list[str]] = defaultdict(list)
        for b in bases:
            for s in [b.title, *b.sentences]:
                self.pool[b.language].extend(w for w in _TOKEN.findall(s) if _ORDINARY.match(w))
        for lang in self.pool:
            self.pool[lang] = sorted(set(self.pool[lang]))
        orng = random.Random(f"{seed}-outlets")
        self.outlets = [f"{orng.choice(('Le', 'La', 'The', 'Radio', 'Daily', 'Info'))} {pseudo_name(orng)}"
                        for _ in range(OUTLETS)]
        self.start = date(2023, 1, 1)

    def stories(self) -> Any:
        """Yield (story index, [(title, text, language, published)]) for ever."""
        rng = random.Random(self.seed)
        index = 0
        while True:
            yield index, self._story(rng)
            index += 1

    def _story(self, rng: random.Random) -> list[tuple[str, str, str, str]]:
        base = rng.choices(self.bases, weights=self.weights)[0]
        lang = base.language
        sents = [s for s in base.sentences if rng.random() < 0.8] or base.sentences[:3]
        if rng.random() < 0.5:
            others = [b for b in self.bases if b.language == lang and b is not base]
            if others:
                other = rng.choice(others)
                for s in rng.sample(other.sentences, min(len(other.sentences), rng.randint(2, 5))):
                    sents.insert(rng.randint(1, len(sents)), s)
        for _ in range(rng.randint(0, 2)):  # a few swaps of neighbouring sentences
            k = rng.randrange(len(sents))
            if k + 1 < len(sents):
                sents[k], sents[k + 1] = sents[k + 1], sents[k]
        mapping: dict[str, str] = {}
        swap_rate = WORD_SWAP
        pool = self.pool[lang]
        poor = rng.random() < POOR_STORY  # blocks on no name: compared with every article by embedding

        def transform(sentence: str) -> str:
            out = []
            for tok in _TOKEN.findall(sentence):
                if tok not in mapping:
                    if _NUMBER.match(tok) and poor:
                        mapping[tok] = str(rng.randint(1, 9))
                    elif _NAMEISH.match(tok) and tok in base_names and poor:
                        mapping[tok] = rng.choice(pool)
                    elif _NUMBER.match(tok):
                        mapping[tok] = str(rng.randint(10 ** (len(tok) - 1) if len(tok) > 1 else 0, 10 ** len(tok) - 1))
                    elif _NAMEISH.match(tok) and tok in base_names:
                        mapping[tok] = tok if rng.random() < KEEP_NAME else pseudo_name(rng, tok.isupper())
                    elif _ORDINARY.match(tok) and rng.random() < swap_rate:
                        mapping[tok] = rng.choice(pool)
                    else:
                        mapping[tok] = tok
                out.append(mapping[tok])
            return "".join(out)

        base_names = set().union(*(b.names for b in self.bases if b.language == lang))
        title = transform(base.title)
        body = [transform(s) for s in sents]
        day = self.start + timedelta(days=rng.randrange(DAYS))
        size = rng.choices(STORY_SIZES, weights=STORY_WEIGHTS)[0]
        articles = []
        for k in range(size):
            if k == 0 or rng.random() < EXACT_COPY:
                a_title, a_body = title, list(body)
            else:
                a_title = self._vary(rng, title, pool) if rng.random() < 0.5 else title
                a_body = [self._vary(rng, s, pool) for s in body if rng.random() < 0.85] or list(body)
                if len(a_body) > 2 and rng.random() < 0.5:
                    k2 = rng.randrange(1, len(a_body) - 1)
                    a_body[k2], a_body[k2 + 1] = a_body[k2 + 1], a_body[k2]
            published = day + timedelta(days=rng.randint(0, 2))
            lines = []
            if rng.random() < BOILERPLATE:
                outlet = rng.choice(self.outlets)
                when = (f"{published.day:02d}/{published.month:02d}/{published.year} "
                        f"{rng.randint(6, 23):02d}:{rng.randint(0, 59):02d}")
                lines.append(f"Publié le {when} par {outlet}" if lang == "fr" else f"Published {when} by {outlet}")
                lines.extend(a_body)
                lines.append(f"Lire aussi sur {rng.choice(self.outlets)} : toute l'actualité" if lang == "fr"
                             else f"Read more from {rng.choice(self.outlets)}: all the news")
            else:
                lines.extend(a_body)
            articles.append((a_title, "\n".join(lines), lang, published.isoformat()))
        return articles

    @staticmethod
    def _vary(rng: random.Random, sentence: str, pool: list[str]) -> str:
        return "".join(rng.choice(pool) if _ORDINARY.match(t) and rng.random() < VARIANT_WORDS else t
                       for t in _TOKEN.findall(sentence))

    def corpus(self, n: int) -> tuple[list[Any], list[int]]:
        """The first n articles of the stream (the last story cut to fit), shuffled; and their story index."""
        from recoupe.records import Article

        rows: list[tuple[int, int, tuple[str, str, str, str]]] = []
        for index, story in self.stories():
            for k, art in enumerate(story):
                rows.append((index, k, art))
                if len(rows) == n:
                    break
            if len(rows) == n:
                break
        random.Random(f"{self.seed}-order-{n}").shuffle(rows)
        articles = [Article(id=f"s{index:05d}-{k}", path="", content_hash=f"s{index:05d}-{k}", text=text,
                            title=title, language=lang, published=published)
                    for index, k, (title, text, lang, published) in rows]
        return articles, [index for index, _, _ in rows]


def write_txt(articles: list[Any], folder: Path) -> list[Path]:
    """Write generated articles as already-scraped text files (title line, then the body), one per article."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in articles:
        path = folder / f"{article.id}.txt"
        path.write_text(f"{article.title}\n{article.text}\n", encoding="utf8")
        paths.append(path)
    return paths

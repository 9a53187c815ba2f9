"""The search index of one language, made at build time and searched in the reader's browser (docs/search.md).

The browser runs MiniSearch (vendored, templates/static/vendor/) but stems nothing: words are stemmed here, with
the Snowball stemmer of the site's language, and the index carries the corpus's own `word -> stem` table for the
reader's words. It ships as a classic script (`search/index.js`), which a page can load from `file://` where
`fetch` cannot, compactly: each term's postings are written as gaps in base 36 (templates/static/searchlogic.js
reads them back into MiniSearch's own index).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

import snowballstemmer
from babel import Locale, UnknownLocaleError

from attunement.content.loading import Site
from attunement.content.quizzes import LoadedQuiz
from attunement.memo import Recent, digest
from attunement.pool import map_in_order

FIELDS = ("title", "headings", "summary", "topics", "body")
BOOST = {"title": 3, "headings": 2, "summary": 1.5, "topics": 1.5, "body": 1}
KINDS = {"article": 1.5, "quiz": 1.2, "page": 1, "result": 0.8}
"""How much each kind of page counts among near equals: articles first; a result page reads best with scores."""
PASSAGES = 4
"""Short passages kept per page, to show the one that matches."""
PASSAGE_WORDS = 30
WORD = re.compile(r"[^\W_]+")
HEADING = re.compile(r"^\s{0,3}#{2,6}\s+(.*?)\s*#*$", re.M)
SENTENCE = re.compile(r"(?<=[.!?…])\s+")
MARKDOWN = [  # Markdown to plain text, enough for searching: code, images, link targets, HTML, markers
    (re.compile(r"^(```|~~~).*?^\1", re.M | re.S), " "),
    (re.compile(r"`[^`\n]*`"), " "),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<[^>\n]+>"), " "),
    (re.compile(r"\{#[^}]*\}"), " "),
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.M), ""),
    (re.compile(r"[*_~]{1,3}"), ""),
]


@cache
def _marks() -> dict[int, None]:
    """Every combining mark of the Basic Multilingual Plane (accents, Arabic vowel signs), to be removed."""
    return {c: None for c in range(0x10000) if unicodedata.category(chr(c)).startswith("M")}


def fold(text: str) -> str:
    """How text is compared, as searchlogic.js `fold` does it: decomposed, without its combining marks, lowercase, so
    'relacion' finds 'relación' and a word keeps its letters whatever marks it carries."""
    if text.isascii():  # most of an English corpus: nothing to decompose
        return text.lower()
    return unicodedata.normalize("NFKD", text).translate(_marks()).lower()


@cache
def _analyser(language: str) -> Callable[[str], tuple[str, str]]:
    """A folded word -> (itself, its stem), with the Snowball stemmer of `language` (English,
    Spanish, Arabic and 30 more; none for another language); remembered, as a corpus repeats its words."""
    try:
        name = Locale.parse(language, sep="-").english_name or ""
    except (ValueError, UnknownLocaleError):
        name = ""
    algorithm = name.split(" ")[0].lower()
    stem = snowballstemmer.stemmer(algorithm).stemWord if algorithm in snowballstemmer.algorithms() else str

    @cache
    def analyse(word: str) -> tuple[str, str]:
        return word, fold(stem(word))

    return analyse


def tokens(text: str, language: str) -> list[tuple[str, str]]:
    """Each word of `text`, folded, with its folded stem."""
    analyse = _analyser(language)
    return [analyse(word) for word in WORD.findall(fold(text))]


def _stems(text: str, language: str, forms: dict[str, str]) -> tuple[Counter[str], int]:
    """How often each stem occurs in `text`, and how many distinct stems it has (MiniSearch's field length); notes
    each word whose stem differs in `forms`. (Counting the words first, then stemming each distinct one, keeps a
    large corpus quick.)"""
    analyse = _analyser(language)
    words = Counter(WORD.findall(fold(text)))
    stems: Counter[str] = Counter()
    for word, count in words.items():
        folded, stem = analyse(word)
        stems[stem] += count
        if folded != stem:
            forms[folded] = stem
    return stems, len(stems)


def plain(markdown: str) -> str:
    """Markdown's words without its markup; close enough for finding and showing a passage, and quick."""
    for pattern, replacement in MARKDOWN:
        markdown = pattern.sub(replacement, markdown)
    return markdown


@dataclass(frozen=True)
class Entry:
    """One page as search sees it, in its source's words (the text is Markdown): equal entries index alike."""

    url: str
    title: str
    kind: str
    summary: str
    topics: tuple[str, ...]
    markdown: str
    origin: str = ""
    """The digest of the file whose body `markdown` is, when it is one (a quicker key than the text itself)."""


def entries(site: Site) -> list[Entry]:
    """The pages of `site` worth finding, in its language's own words: articles, pages (not the not-found page),
    quizzes and result pages. Pages shown in the default language's words are left to that language's index."""
    titles = {t.slug: t.title for t in site.topics}
    found = []
    for doc in site.documents:
        if doc.fallback or doc.name == "404":
            continue
        topics = tuple(titles.get(slug, slug) for slug in getattr(doc.meta, "topics", []))
        found.append(Entry(doc.url, doc.title, doc.kind, doc.summary, topics, doc.body, doc.source.digest))
    for loaded in site.quizzes:
        if not loaded.fallback:
            found += _quiz(loaded, titles)
    return found


def _quiz(loaded: LoadedQuiz, titles: dict[str, str]) -> list[Entry]:
    quiz = loaded.quiz
    topics = tuple(titles.get(slug, slug) for slug in quiz.topics)
    scores = "\n\n".join(f"{s.label}. {s.low} {s.high}" for s in quiz.structure.scores)
    found = [Entry(loaded.url, quiz.title, "quiz", quiz.description, topics, f"{quiz.instructions}\n\n{scores}")]
    for result in quiz.results:
        body = loaded.bodies[f"results/{result.id}"].text
        found.append(Entry(loaded.result_url(result.id), result.title, "result", result.summary, topics, body))
    return found


@dataclass(frozen=True)
class Shard:
    """What one entry adds to the index; made once per entry and language, and kept by `serve` (a `Recent`), so a
    rebuild analyses only the pages that changed."""

    doc: tuple[str, str, str, str]
    """Address, title, kind and summary, as the results show them."""
    passages: tuple[str, ...]
    lengths: tuple[int, ...]
    """Per field, how many distinct stems (MiniSearch's field length)."""
    stems: tuple[tuple[tuple[str, ...], tuple[int, ...]], ...]
    """Per field, its stems and how often each occurs. (Tuples of shared strings: thousands of shards stay small,
    and the garbage collector leaves them alone.)"""
    forms: tuple[tuple[str, str], ...]
    """Each word whose stem differs, with its stem."""

    def interned(self) -> Shard:
        """The same shard with its words shared with every other shard's (thousands of shards stay small)."""
        return Shard(
            self.doc,
            self.passages,
            self.lengths,
            tuple((tuple(map(sys.intern, stems)), counts) for stems, counts in self.stems),
            tuple((sys.intern(word), sys.intern(stem)) for word, stem in self.forms),
        )

    def to_json(self) -> list[object]:
        """Words joined by spaces (a word has none): one string per field keeps a large cache quick to read."""
        stems = [[" ".join(words), counts] for words, counts in self.stems]
        return [
            self.doc,
            self.passages,
            self.lengths,
            stems,
            [" ".join(pair) for pair in zip(*self.forms, strict=True)],
        ]

    @classmethod
    def from_json(cls, data: list[Any]) -> Shard:
        doc, passages, lengths, stems, forms = data
        words = [tuple(map(sys.intern, text.split())) for text in forms] if forms else [(), ()]
        return cls(
            tuple(doc),
            tuple(passages),
            tuple(lengths),
            tuple((tuple(map(sys.intern, text.split())), tuple(counts)) for text, counts in stems),
            tuple(zip(*words, strict=True)),
        )


def texts(entry: Entry) -> tuple[str, ...]:
    """The entry's text in each of FIELDS, as plain text."""
    headings = " ".join(plain(m[1]).strip() for m in HEADING.finditer(entry.markdown))
    return (entry.title, headings, entry.summary, " ".join(entry.topics), plain(entry.markdown))


def shard(entry: Entry, language: str, explicit_index: bool) -> Shard:
    url = entry.url + "index.html" if explicit_index and (entry.url == "" or entry.url.endswith("/")) else entry.url
    fields = texts(entry)
    forms: dict[str, str] = {}
    analysed = [_stems(text, language, forms) for text in fields]
    return Shard(
        (url, entry.title, entry.kind, entry.summary),
        _passages(fields[-1]),
        tuple(length for _, length in analysed),
        tuple((tuple(map(sys.intern, stems)), tuple(stems.values())) for stems, _ in analysed),
        tuple((sys.intern(word), sys.intern(stem)) for word, stem in forms.items()),
    )


def search_index(
    found: Iterable[Entry],
    language: str,
    synonyms: dict[str, list[str]],
    explicit_index: bool = False,
    memo: Recent[str, Shard] | None = None,
    processes: bool = False,
) -> bytes:
    """The index as the classic script `search/index.js` (the wire format searchlogic.js reads). `memo` keeps each
    page's shard by content between builds; the pages it has none for are analysed on every core if `processes`
    allows."""
    found = list(found)
    memo = memo if memo is not None else Recent()
    keys = [
        digest(e.url, e.title, e.kind, e.summary, *e.topics, e.origin or e.markdown, language, str(explicit_index))
        for e in found
    ]
    missing = {key: entry for key, entry in zip(keys, found, strict=True) if key not in memo}
    analyse = partial(shard, language=language, explicit_index=explicit_index)
    made = {
        key: made.interned()  # strings come back from a worker unshared: share them again, as `shard` does
        for key, made in zip(missing, map_in_order(analyse, list(missing.values()), allow=processes), strict=True)
    }
    shards = [memo.get(key, partial(made.__getitem__, key)) for key in keys]
    # Per field, each stem's postings as they will be written: `_posting` strings (shared, mostly one character)
    # gap-coded from the page before, which is why the pages are taken in order.
    fields: list[dict[str, list[str]]] = [{} for _ in FIELDS]
    lasts: list[dict[str, int]] = [{} for _ in FIELDS]
    forms: dict[str, str] = {}
    for number, one in enumerate(shards):
        forms.update(one.forms)
        for postings, last, (stems, counts) in zip(fields, lasts, one.stems, strict=True):
            for stem, count in zip(stems, counts, strict=True):
                piece = _posting(number - last.get(stem, 0), count)
                last[stem] = number
                if stem in postings:
                    postings[stem].append(piece)
                else:
                    postings[stem] = [piece]
    terms = sorted(set().union(*fields))
    index = {
        "version": 1,
        "language": language,
        "fields": list(FIELDS),
        "boost": BOOST,
        "kinds": KINDS,
        "docs": [one.doc for one in shards],
        "passages": [one.passages for one in shards],
        "lengths": [one.lengths for one in shards],
        "terms": terms,
        "postings": [
            "|".join(f"{field}:{','.join(postings[term])}" for field, postings in enumerate(fields) if term in postings)
            for term in terms
        ],
        "forms": dict(sorted(forms.items())),
        "synonyms": _synonyms(synonyms, language),
    }
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return f"globalThis.attuneSearchIndex={text};\n".encode()


@cache
def _posting(gap: int, count: int) -> str:
    """One page in a stem's postings (`0:0.2,5|4:0,1.3`: per field, each page as its gap from the one before and,
    when above 1, how often it has the stem)."""
    return _base36(gap) + ("." + _base36(count) if count > 1 else "")


@cache
def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = digits[digit] + text
        if number == 0:
            return text


def _passages(text: str) -> tuple[str, ...]:
    """A few sentences worth showing: the first of each part of the page, shortened to about PASSAGE_WORDS words."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    found = []
    for paragraph in paragraphs:
        sentence = SENTENCE.split(" ".join(paragraph.split()), maxsplit=1)[0]
        words = sentence.split()
        if len(words) >= 4:
            found.append(" ".join(words[:PASSAGE_WORDS]) + (" …" if len(words) > PASSAGE_WORDS else ""))
        if len(found) == PASSAGES:
            break
    return tuple(found)


def _synonyms(declared: dict[str, list[str]], language: str) -> dict[str, list[str]]:
    """Each word a reader may type (folded, and its stem) with the stems of the site's words it stands for."""
    found: dict[str, list[str]] = {}
    for word, targets in declared.items():
        stems = [stem for target in targets for _, stem in tokens(target, language)]
        for key in {key for pair in tokens(word, language) for key in pair}:
            found[key] = sorted(set(found.get(key, [])) | set(stems))
    return dict(sorted(found.items()))

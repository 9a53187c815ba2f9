"""The search index the build writes (docs/search.md): what it holds, in the wire format searchlogic.js reads, per
language; and its settings in site.yaml. The browser side is tested in tests/js/searchlogic.test.js and
tests/test_search_browser.py."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, attune, write_site

from attunement.memo import Recent
from attunement.plan import search
from attunement.plan.search import Entry, Shard, fold, search_index, texts, tokens


def load(script: bytes) -> dict:
    text = script.decode()
    assert text.startswith("globalThis.attuneSearchIndex=") and text.endswith(";\n")
    return json.loads(text.removeprefix("globalThis.attuneSearchIndex=").removesuffix(";\n"))


def postings(index: dict, term: str) -> dict[str, dict[int, int]]:
    """A term's postings read back from the wire format: field name -> page number -> how often."""
    found: dict[str, dict[int, int]] = {}
    for part in index["postings"][index["terms"].index(term)].split("|"):
        field, entries = part.split(":")
        doc, pages = 0, {}
        for entry in entries.split(","):
            gap, _, count = entry.partition(".")
            doc += int(gap, 36)
            pages[doc] = int(count, 36) if count else 1
        found[index["fields"][int(field)]] = pages
    return found


def entry(title: str, markdown: str, url: str = "articles/x/", **more: object) -> Entry:
    fields = {"kind": "article", "summary": "", "topics": (), **more}
    return Entry(url, title, markdown=markdown, **fields)  # type: ignore[arg-type]


def test_words_are_folded_and_stemmed_in_the_site_s_language() -> None:
    assert fold("Relación ÁNSIOSA İstanbul") == "relacion ansiosa istanbul"
    assert tokens("مَرْحَبًا بِكُم", "xx") == [("مرحبا", "مرحبا"), ("بكم", "بكم")], "a word keeps its letters, not its marks"
    assert tokens("Withdrawing, withdraws.", "en") == [("withdrawing", "withdraw"), ("withdraws", "withdraw")]
    assert tokens("Relaciones ansiosos", "es") == [("relaciones", "relacion"), ("ansiosos", "ansios")]
    assert tokens("Words stay", "xx") == [("words", "words"), ("stay", "stay")], "no stemmer: words as they are"


def test_the_index_holds_each_page_s_terms_by_field_with_counts_and_gaps() -> None:
    pages = [entry(f"Page {n}", "Nothing here. " * 3, url=f"articles/p{n}/") for n in range(40)]
    pages[3] = entry("Silence after a fight", "He goes silent. Silence, then more silence.", url="articles/quiet/")
    pages[39] = entry("Rhythm", "## Silent *evenings*\n\nA silent evening.", url="articles/rhythm/")
    index = load(search_index(pages, "en", {}))
    assert index["docs"][3] == ["articles/quiet/", "Silence after a fight", "article", ""]
    assert postings(index, "silenc") == {"title": {3: 1}, "body": {3: 2}}
    assert postings(index, "silent") == {"headings": {39: 1}, "body": {3: 1, 39: 2}}, (
        "a heading is part of the body too"
    )
    assert index["postings"][index["terms"].index("silent")] == "1:13|4:3,10.2"  # 39 - 3 = 36 = "10" in base 36
    assert index["lengths"][3] == [4, 0, 0, 0, 6], "distinct stems, as MiniSearch counts a field's length"
    assert index["forms"]["silence"] == "silenc" and "silent" not in index["forms"]
    assert index["terms"] == sorted(index["terms"])


def test_passages_are_short_sentences_and_synonyms_are_stemmed_both_ways() -> None:
    long = " ".join(["word"] * 50) + ". Second sentence here."
    page = entry("T", f"First sentence of the page is here. More.\n\n{long}\n\nTiny.\n\nLast part starts here now.")
    index = load(search_index([page], "en", {"ghosting": ["withdraw", "silence"]}))
    assert index["passages"][0] == [
        "First sentence of the page is here.",
        " ".join(["word"] * 30) + " …",
        "Last part starts here now.",
    ]
    assert index["synonyms"] == {"ghost": ["silenc", "withdraw"], "ghosting": ["silenc", "withdraw"]}


def test_the_file_export_s_index_links_index_files() -> None:
    pages = [entry("Home", "Hello there.", url=""), entry("A", "Hello.", url="articles/a/")]
    assert [d[0] for d in load(search_index(pages, "en", {}, explicit_index=True))["docs"]] == [
        "index.html",
        "articles/a/index.html",
    ]


def test_a_rebuild_analyses_only_the_pages_that_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` keeps each page's shard of the index (a Recent): after an edit only the edited page is analysed
    again, and the index is byte for byte the one a clean build writes."""
    pages = [entry(f"Page {n}", f"Words of page {n}. Closeness and distance.", url=f"articles/p{n}/") for n in range(5)]
    memo: Recent[str, Shard] = Recent()
    search_index(pages, "en", {}, memo=memo)
    memo.next_build()
    analysed: list[str] = []
    real = search.shard
    monkeypatch.setattr(search, "shard", lambda e, **named: analysed.append(e.url) or real(e, **named))
    pages[2] = entry("Page 2", "Edited: silence after a fight.", url="articles/p2/")
    again = search_index(pages, "en", {}, memo=memo)
    assert analysed == ["articles/p2/"]
    assert again == search_index(pages, "en", {})


def test_a_shard_survives_the_cache_file() -> None:
    for markdown in ("## Heading\n\nSome relación words, withdrawing; *more* words.", "x"):
        one = search.shard(entry("Title", markdown), "en", False)
        assert Shard.from_json(json.loads(json.dumps(one.to_json()))) == one


def test_each_language_indexes_its_own_words(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    built = attune("build", "-o", str(out), cwd=FIXTURES / "languages/site")
    assert built.returncode == 0, built.stderr
    english, spanish, arabic = (load((out / p / "search/index.js").read_bytes()) for p in ("", "es", "ar"))
    assert [d[0] for d in english["docs"]] == [
        "articles/giving-room/",
        "articles/staying-close/",
        "",
        "quizzes/bond/",
        "quizzes/bond/results/easy/",
        "quizzes/bond/results/reaching/",
        "quizzes/bond/results/roomy/",
    ]
    urls = [d[0] for d in spanish["docs"]]
    assert "es/articles/staying-close/" in urls
    assert "es/articles/giving-room/" not in urls, "a page shown in English is left to the English index"
    assert spanish["language"] == "es" and "bienven" in spanish["terms"]
    assert arabic["language"] == "ar" and "ar/quizzes/bond/results/roomy/" in [d[0] for d in arabic["docs"]]
    assert (out / "es/search/index.html").is_file() and not (out / "404/search").exists()


def test_a_synonym_is_one_word(tmp_path: Path) -> None:
    config = "title: T\ncrisis: {text: Help.}\nsearch:\n  synonyms:\n    hot and cold: fearful-avoidant\n"
    root = write_site(tmp_path, {"site_src/pages/index.md": "---\ntitle: Home\n---\n\nHi.\n"}, config=config)
    built = attune("check", cwd=root)
    assert built.returncode == 1
    assert built.stderr.startswith(
        "site_src/site.yaml:5:5: search.synonyms: 'hot and cold' is not one word: a synonym stands for one word a reader may type"
    ), built.stderr


NODE_CHECK = """
import MiniSearch from "%(minisearch)s";
import { loadable, searchOptions } from "%(logic)s";
import { readFileSync } from "node:fs";
const { index, texts, queries } = JSON.parse(readFileSync(0, "utf8"));
const options = searchOptions(index);
const loaded = MiniSearch.loadJS(loadable(index), options);
const built = new MiniSearch(options);
built.addAll(texts.map((fields, id) => ({ id, ...Object.fromEntries(index.fields.map((f, i) => [f, fields[i]])) })));
const answers = (engine) => queries.map((q) => engine.search(q).map((h) => [h.id, Math.round(h.score * 1e9)]));
console.log(JSON.stringify([answers(loaded), answers(built)]));
"""


def test_the_written_index_is_the_one_minisearch_builds_from_the_same_pages() -> None:
    """The index the build writes, read back by searchlogic.js, answers exactly as MiniSearch's own index of the
    same stemmed pages: same pages, same scores."""
    pages = [
        entry("Staying close", "### Small signals\n\nSmall signals keep closeness warm. Closeness grows."),
        entry("Giving room", "Time apart settles each person; room helps.", summary="Why room helps."),
        entry("Silence", "Silent evenings, silence after a fight, and a slow return.", topics=("Cycle",)),
    ]
    index = load(search_index(pages, "en", {}))
    stemmed = [[" ".join(stem for _, stem in tokens(text, "en")) for text in texts(p)] for p in pages]
    script = NODE_CHECK % {
        "minisearch": (ROOT / "node_modules/minisearch/dist/es/index.js").as_uri(),
        "logic": (ROOT / "templates/static/searchlogic.js").as_uri(),
    }
    queries = ["close", "room", "silenc", "signal", "small", "settl", "even"]  # stems, as query() makes them
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=json.dumps({"index": index, "texts": stemmed, "queries": queries}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    loaded, built = json.loads(done.stdout)
    assert loaded == built
    assert all(loaded), "every query finds something"


def test_the_vendored_library_is_minisearch_as_published_with_its_licence() -> None:
    vendored = ROOT / "templates/static/vendor"
    published = ROOT / "node_modules/minisearch"
    assert json.loads((published / "package.json").read_text())["version"] == "7.2.0"
    assert (vendored / "minisearch.js").read_bytes() == (published / "dist/umd/index.js").read_bytes()
    assert "MIT" in json.loads((published / "package.json").read_text())["license"]
    assert "Permission is hereby granted" in (vendored / "minisearch.LICENSE.txt").read_text()

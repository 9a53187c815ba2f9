"""Differential tests of the two Markdown engines: wherever the fast one (markdown-it-pyrs) renders a text, its HTML,
heading ids and link records (targets with line and column, which diagnostics quote) are markdown-it-py's exactly;
everywhere else it declines and markdown-it-py renders the text.

Each text is parsed as an article body and as a quiz text shown beneath a heading with an id prefix. Inputs: the
CommonMark spec examples (npm's commonmark-spec), the bench corpus, every Markdown file of the bundled site, the
starter and the fixtures, the quizzes' texts, and two fuzzers (character soup, and documents shaped like articles).
"""

from __future__ import annotations

import json
import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

import corpus
import pytest
import yaml
from conftest import FIXTURES, ROOT

from attunement.render.markdown import FastEngine, Markdown, Parsed

FAST = FastEngine()
REFERENCE = Markdown(engine="reference")
PLACEMENTS = [(1, "", None), (7, "q-", 3)]


def rendered_alike(text: str) -> bool:
    """Asserts the engines agree on `text` wherever the fast one takes it; whether it took it."""
    taken = [(FAST.parse(text, *placement), placement) for placement in PLACEMENTS]
    for fast, placement in taken:
        if fast is not None:
            assert fast == REFERENCE.parse_reference(text, *placement), f"engines differ on {text!r} at {placement}"
    return all(fast is not None for fast, _ in taken)


def spec_examples() -> list[str]:
    script = "console.log(JSON.stringify(require('commonmark-spec').tests))"
    found = subprocess.run(["node", "-e", script], cwd=ROOT, capture_output=True, text=True, check=True)
    return [example["markdown"].replace("\u2192", "\t") for example in json.loads(found.stdout)]


def test_commonmark_spec_examples() -> None:
    examples = spec_examples()
    assert len(examples) == 652
    taken = sum(rendered_alike(text) for text in examples)
    assert taken >= 0.75 * len(examples), f"the fast engine took only {taken} of {len(examples)} examples"


def test_bench_corpus_is_rendered_by_the_fast_engine() -> None:
    rng = random.Random(7)
    for index in range(200):
        body = corpus.article(rng, index, 200).split("\n---\n", 1)[1]
        assert rendered_alike(body), f"the fast engine declined bench article {index}"


def markdown_files() -> Iterator[tuple[Path, str]]:
    """Every Markdown file the project ships or tests with, as the build sees it (the body after front matter)."""
    folders = [ROOT / "site_src", ROOT / "quizzes", ROOT / "attunement" / "scaffold", FIXTURES]
    for path in sorted(p for folder in folders for p in folder.rglob("*.md") if "expected" not in p.parts):
        lines = path.read_text().split("\n")
        closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), 0)
        yield path, "\n".join(lines[closing + 1 :] if lines[0] == "---" else lines)


def test_every_shipped_markdown_file() -> None:
    files = list(markdown_files())
    assert len(files) > 40
    declined = [path.name for path, text in files if not rendered_alike(text)]
    assert declined == ["reaching.md", "payloads.md"]  # the two with footnotes


def quiz_texts() -> Iterator[str]:
    def strings(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        for child in value.values() if isinstance(value, dict) else value if isinstance(value, list) else []:
            yield from strings(child)

    for path in sorted([*(ROOT / "quizzes").rglob("*.yaml"), *FIXTURES.glob("*/site/quizzes/**/*.yaml")]):
        yield from strings(yaml.safe_load(path.read_text()))


def test_quiz_texts() -> None:
    texts = [text for text in quiz_texts() if len(text) > 20]
    assert len(texts) > 100
    taken = sum(rendered_alike(text) for text in texts)
    assert taken >= 0.95 * len(texts)


WORDS = ["calm", "pursue", "withdraw", "Über", "naïve", "—", "’", "a_b", "&amp;", "&copy;", "&#35;", "(a)", "x."]
SOUP = [
    *WORDS,
    "x*y",
    "2*3",
    "\\*",
    "\\_",
    "\\[",
    "`",
    "``",
    "<",
    ">",
    "&",
    '"',
    "|",
    "~~",
    "!",
    "http://example.org",
    "中文",
]
SOUP += ["<http://a.b/c?d=e&f>", "<me@x.org>", "1.", "-", "+", "  ", "\t", "é", "İ", "£", "€", "🙂", "\\`"]
URLS = ["/articles/x/", "../a.md", "a.md#sec", "#top", "http://example.org/a b", "<a b>", "https://x.org/ü?q=1&r=2"]
URLS += ["%20", "a(b)c", "a\\)b", "mailto:x@y.z", "", 'x"y', "./img.png", "ä.png", "/x/ 'title'", '/y "t"', "/z (t)"]


def inline(rng: random.Random, soup: bool, depth: int = 0) -> str:
    """A run of inline Markdown: words, links, images, emphasis, code; with `soup`, also stray marks."""
    parts = []
    for _ in range(rng.randint(1, 6)):
        pick, inner = rng.random(), (lambda: inline(rng, soup, depth + 1) if depth < 2 else "alt")
        if pick < 0.35:
            parts.append(rng.choice(SOUP if soup else WORDS))
        elif pick < 0.45:
            parts.append(f"[{inner()}]({rng.choice(URLS)})")
        elif pick < 0.5:
            parts.append(f"![{inner() if soup else 'a picture'}]({rng.choice(URLS)})")
        elif pick < 0.58:
            mark = rng.choice(["*", "_", "**", "__", "~~", "***"])
            parts.append(mark + inner() + mark)
        elif pick < 0.63:
            parts.append(f"`{rng.choice(WORDS)} {rng.choice(WORDS)}`")
        elif pick < 0.7:
            parts.append(rng.choice(["[ref]", "[Ref]", "[missing]", "[t][ref]", "[t][]", "[t][other]"]))
        elif pick < 0.74:
            parts.append(rng.choice(["  \n", "\\\n", "\n"]))
        elif soup:
            parts.append("".join(rng.choice("abc *_[]()!<>`\\&#|~-.:") for _ in range(rng.randint(1, 8))))
    return rng.choice([" ", "", " "]).join(parts)


def block(rng: random.Random, soup: bool, depth: int = 0) -> str:
    pick = rng.random()
    if pick < 0.2:
        return "#" * rng.randint(1, 7) + " " + inline(rng, soup) + rng.choice(["", " ##", " #"])
    if pick < 0.27:
        return inline(rng, soup) + "\n" + rng.choice(["===", "---", "-"])
    if pick < 0.45:
        return inline(rng, soup) + rng.choice(["", "\n" + inline(rng, soup)])
    if pick < 0.57 and depth < 3:
        marker, between = rng.choice(["-", "*", "+", "1.", "2)"]), rng.choice(["\n", "\n\n"])
        items = (marker + " " + block(rng, soup, depth + 1).replace("\n", "\n   ") for _ in range(rng.randint(1, 3)))
        return between.join(items)
    if pick < 0.65 and depth < 3:
        return "\n".join("> " + line for line in block(rng, soup, depth + 1).split("\n"))
    if pick < 0.7:
        closing = rng.choice(["```", "~~~", ""]) if soup else "```"
        return rng.choice(["```", "```text"]) + "\n" + inline(rng, soup) + "\n" + closing
    if pick < 0.73:
        return "    " + inline(rng, soup)
    if pick < 0.82:
        columns = rng.randint(1, 3)
        rows = ["| " + " | ".join(inline(rng, soup).replace("\n", " ") for _ in range(columns)) + " |"]
        rows += [rows[0].replace("|", "| x")] * rng.randint(0, 2)
        rule = "|" + "|".join(rng.choice(["---", ":--", "--:", ":-:"]) for _ in range(columns)) + "|"
        return "\n".join([rows[0], rule, *rows[1:]])
    if pick < 0.86:
        return f"[{rng.choice(['ref', 'Ref', 'other'])}]: {rng.choice(URLS)}" + rng.choice(["", ' "T"', " 'T'"])
    if pick < 0.88:
        return rng.choice(["***", "---", "___", "<div>x</div>", "<!-- c -->", ">", "-", "1.", "[^1]: a note"])
    return "## " + rng.choice(["Same", "Same", "Same-1", "", "`code`", "![i](a.png)", "a [l](b) c", "&amp; x"])


def document(seed: int, soup: bool) -> str:
    rng = random.Random(seed)
    text = "\n\n".join(block(rng, soup) for _ in range(rng.randint(1, 8)))
    return text + (rng.choice(["", "\n"]) if soup else "\n")


@pytest.mark.parametrize("soup", [True, False], ids=["soup", "articles"])
def test_fuzzed_markdown(soup: bool) -> None:
    texts = [document(seed, soup) for seed in range(3000)]
    taken = sum(rendered_alike(text) for text in texts)
    assert taken >= (0.02 if soup else 0.2) * len(texts), f"the fast engine took only {taken} of {len(texts)}"


KNOWN_DIFFERENCES = [
    "Text.[^1]\n\n[^1]: A note.\n",  # footnotes
    "*£*fifty\n",  # a symbol beside emphasis
    ">\n",  # an empty block quote
    "> a\n-\n",  # a bare list marker after a quote
    "![a &amp; b](x.png)\n",  # an entity in an image description
    "![a \\* b](x.png)\n",  # an escape in an image description
    "`   `\n",  # a code span of spaces
    "```\ncode",  # an unclosed fence at the end of a text
    "[`x\n",  # an unclosed code span in a link's text: markdown-it-pyrs 0.4 panics
    "| [`a | b` |\n|---|---|\n",  # the same, across table cells
]


@pytest.mark.parametrize("text", KNOWN_DIFFERENCES)
def test_where_the_engines_differ_markdown_it_py_renders(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each text here is where markdown-it-pyrs's own output differs (or it panics): the fast engine declines it and
    the renderer's output is markdown-it-py's."""
    assert FAST.parse(text, 1, "", None) is None
    markdown = Markdown(engine="fast")
    calls: list[str] = []
    reference = markdown.parse_reference
    monkeypatch.setattr(markdown, "parse_reference", lambda *args: calls.append(args[0]) or reference(*args))
    html = markdown.render(text, lambda href, line, col: href).html
    assert calls == [text]
    assert html == REFERENCE.render(text, lambda href, line, col: href).html


def test_the_fast_engine_renders_what_it_takes(monkeypatch: pytest.MonkeyPatch) -> None:
    """An article's body never reaches markdown-it-py when the fast engine takes it: the speed is real."""
    body = corpus.article(random.Random(3), 0, 10).split("\n---\n", 1)[1]
    markdown = Markdown(engine="fast")
    monkeypatch.setattr(markdown, "parse_reference", lambda *args: pytest.fail("markdown-it-py parsed the body"))
    html = markdown.render(body, lambda href, line, col: f"/resolved/{href}").html
    assert html == REFERENCE.render(body, lambda href, line, col: f"/resolved/{href}").html
    assert 'href="/resolved/' in html and '<h2 id="' in html


def test_parsed_records_match_for_diagnostics() -> None:
    """Link records carry the line and column diagnostics quote, from the fast engine's source positions."""
    text = "Intro.\n\n- one [a](x.md)\n- two\n\n  [b](y.md)\n\n| h |\n|---|\n| [c](z.md) |\n"
    fast = FAST.parse(text, 10, "", None)
    assert isinstance(fast, Parsed)
    assert fast.links == (("x.md", 12, 11), ("y.md", 15, 7), ("z.md", 19, 7))
    assert fast == REFERENCE.parse_reference(text, 10, "", None)

"""A deterministic benchmark corpus: N generated articles of about 1,000 words, plus the bundled quizzes
and the nine bundled articles they link to.

Every article has front matter (title, summary, topics, date), h2/h3 headings, a bulleted and a
numbered list, links to other articles (some to their headings), a blockquote and a code block, so
the Markdown renderer, the link checker and the listing pages all do their real work. The same N
and seed always give the same bytes.

    python bench/corpus.py 1000 /tmp/corpus
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "partner",
    "closeness",
    "distance",
    "reassurance",
    "signal",
    "calm",
    "body",
    "breath",
    "pause",
    "repair",
    "trust",
    "rhythm",
    "evening",
    "message",
    "reply",
    "silence",
    "worry",
    "space",
    "quiet",
    "habit",
    "pattern",
    "moment",
    "return",
    "steady",
    "gentle",
    "notice",
    "name",
    "feeling",
    "need",
    "ask",
    "listen",
    "boundary",
    "warmth",
    "routine",
    "plan",
    "weekend",
    "kitchen",
    "walk",
    "letter",
    "promise",
    "question",
    "answer",
    "bridge",
    "anchor",
    "harbour",
    "lantern",
    "compass",
    "season",
    "river",
    "garden",
    "window",
    "morning",
    "slow",
    "clear",
    "honest",
    "small",
    "brave",
    "kind",
    "tired",
    "hopeful",
    "careful",
    "open",
    "patient",
    "curious",
    "protect",
    "lean",
    "reach",
    "settle",
    "wait",
    "soften",
    "choose",
    "learn",
    "practise",
]
TOPICS = ["attachment-styles", "anxious", "avoidant", "secure", "fearful-avoidant", "cycle", "partners", "hope"]
"""Topic slugs from the bundled site.yaml, which the corpus uses as it is."""


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int = 6) -> str:
    return " ".join(sentence(rng, rng.randint(9, 16)) for _ in range(sentences))


def heading_text(rng: random.Random, index: int) -> str:
    return f"{rng.choice(WORDS).capitalize()} and {rng.choice(WORDS)} {index}"


def article(rng: random.Random, index: int, n: int) -> str:
    """About 1,000 words of Markdown with every block kind the site's articles use."""
    other = [f"article-{rng.randrange(n):05d}" for _ in range(3)]
    topics = sorted(rng.sample(TOPICS, 2))
    lines = [
        "---",
        f"title: {heading_text(rng, index).capitalize()}",
        f"summary: {sentence(rng, 12)}",
        f"topics: [{', '.join(topics)}]",
        f"date: 20{10 + index % 15:02d}-{1 + index % 12:02d}-{1 + index % 28:02d}",
        "---",
        "",
        paragraph(rng),
        "",
    ]
    for section in range(1, 6):
        lines += [f"## {heading_text(rng, section)}", "", paragraph(rng), ""]
        if section == 1:
            lines += [f"- {sentence(rng, 8)}" for _ in range(4)] + [""]
        if section == 2:
            lines += [
                f"{i}. {sentence(rng, 8)} See [the {rng.choice(WORDS)} article]({other[i % 3]}.md)."
                for i in range(1, 4)
            ] + [""]
        if section == 3:
            lines += [f"> {sentence(rng, 14)}", f"> {sentence(rng, 10)}", ""]
        if section == 4:
            lines += ["```text", *(" ".join(rng.choice(WORDS) for _ in range(6)) for _ in range(4)), "```", ""]
        lines += [
            f"### {heading_text(rng, section * 10)}",
            "",
            paragraph(rng, 4),
            f"Read more in [{rng.choice(WORDS)}]({other[section % 3]}.md) or on the [quizzes page](/quizzes/).",
            "",
        ]
    return "\n".join(lines)


def generate(n: int, dest: Path, seed: int = 1) -> Path:
    """Write a site with `n` generated articles (and the bundled ones the quizzes link to) to `dest` (replacing it) and return it."""
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "site_src" / "articles").mkdir(parents=True)
    shutil.copyfile(ROOT / "site_src" / "site.yaml", dest / "site_src" / "site.yaml")
    shutil.copytree(ROOT / "quizzes", dest / "quizzes")
    for bundled in (ROOT / "site_src" / "articles").glob("*.md"):  # the quizzes link to these
        shutil.copyfile(bundled, dest / "site_src" / "articles" / bundled.name)
    rng = random.Random(seed)
    for index in range(n):
        (dest / "site_src" / "articles" / f"article-{index:05d}.md").write_text(
            article(rng, index, n), encoding="utf-8"
        )
    return dest


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))

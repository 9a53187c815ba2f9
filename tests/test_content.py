"""The bundled site's content: articles, quizzes and pages meet the editorial bar of issue 4."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, attune

ARTICLES = sorted((ROOT / "site_src/articles").glob("*.md"))
REQUIRED_SLUGS = {
    "anxious-attachment",
    "avoidant-attachment",
    "secure-attachment",
    "fearful-avoidant-attachment",
    "anxious-avoidant-cycle",
    "if-you-are-the-anxious-partner",
    "if-you-are-the-avoidant-partner",
    "for-both-partners",
    "are-we-doomed",
}


def split(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def quiz(slug: str) -> dict:
    return yaml.safe_load((ROOT / "quizzes" / f"{slug}.yaml").read_text(encoding="utf-8"))


def test_all_nine_articles_exist() -> None:
    assert {p.stem for p in ARTICLES} >= REQUIRED_SLUGS


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_article_meets_the_editorial_bar(path: Path, bundled_dist: Path) -> None:
    meta, body = split(path)
    words = len(re.findall(r"[A-Za-z0-9'’-]+", body))
    assert 700 <= words <= 1500, f"{words} words"
    assert meta["summary"] and len(meta["summary"].split()) <= 80
    assert meta["topics"]
    assert len(meta["further_reading"]) >= 3
    for ref in meta["further_reading"]:
        assert ref["title"] and ref["author"] and 1900 <= ref["year"] <= 2026
    name, _, language = path.stem.partition(".")  # a translation (`x.es.md`) is published under /es/
    folder = f"{language}/" if language else ""
    links = set(re.findall(r"\]\(([a-z0-9-]+)\.md(?:#[a-z0-9-]+)?\)", body)) - {name}
    assert links, "links at least one other article"
    assert links <= {p.stem for p in ARTICLES}
    assert body.count("\n## ") >= 3, "headings a reader can scan"
    href = f'href="{"../" * (2 + bool(folder))}{folder}articles/{name}/"'
    assert any(href in (bundled_dist / folder / "topics" / t / "index.html").read_text() for t in meta["topics"])
    page = (bundled_dist / folder / "articles" / name / "index.html").read_text()
    care = CARE[language or "en"]
    assert all(words in page for words in care), care


CARE = {"en": ("not a diagnosis", "988", "local emergency number"), "es": ("no un diagnóstico", "988", "024")}
"""Words of the not-a-diagnosis note and the crisis lines every article page carries, by language."""


def test_attachment_style_quiz_is_balanced_and_well_formed() -> None:
    q = quiz("attachment-style")
    items = q["items"]
    assert 24 <= len(items) <= 36
    assert (q["scale"]["min"], q["scale"]["max"]) == (1, 7)
    by_dim: dict[str, list[dict]] = {}
    for item in items:
        by_dim.setdefault(item["dimension"], []).append(item)
    assert set(by_dim) == {"anxiety", "avoidance"}
    assert len(by_dim["anxiety"]) == len(by_dim["avoidance"])
    for dim, dim_items in by_dim.items():
        reversed_count = sum(bool(i.get("reverse")) for i in dim_items)
        assert reversed_count * 3 >= len(dim_items), f"{dim}: at least a third reverse-keyed"
    texts = [i["text"] for i in items]
    assert len(set(texts)) == len(texts)
    assert not [t for t in texts if re.search(r"\b(and|or)\b.*\b(and|or)\b", t) and t.count(",") > 2], (
        "one idea per item"
    )
    assert {r["id"] for r in q["results"]} == {"secure", "anxious", "avoidant", "fearful-avoidant"}
    for result in q["results"]:
        for rng in result["when"].values():
            assert set(rng.values()) == {4}, "regions split at the scale's midpoint"


def test_conflict_cycle_quiz() -> None:
    q = quiz("conflict-cycle")
    assert 10 <= len(q["items"]) <= 16
    assert {d["id"] for d in q["dimensions"]} == {"pursuing", "withdrawing"}
    assert {r["id"] for r in q["results"]} == {"pursuer", "withdrawer", "both", "steady"}
    for result in q["results"]:
        assert "anxious-avoidant-cycle" in result["related"]
        assert {"if-you-are-the-anxious-partner", "if-you-are-the-avoidant-partner", "for-both-partners"} & set(
            result["related"]
        )


@pytest.mark.parametrize("slug", ["attachment-style", "conflict-cycle"])
def test_every_result_page_links_its_articles_and_carries_care(slug: str, bundled_dist: Path) -> None:
    for result in quiz(slug)["results"]:
        page = (bundled_dist / "quizzes" / slug / "results" / result["id"] / "index.html").read_text()
        assert result["related"]
        for article in result["related"]:
            assert f'href="../../../../articles/{article}/"' in page, (result["id"], article)
        assert "not a diagnosis" in page and "988" in page and "findahelpline.com" in page


def test_check_proves_full_coverage_of_both_quizzes() -> None:
    result = attune("check", cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_site_yaml_crisis_resources() -> None:
    config = yaml.safe_load((ROOT / "site_src/site.yaml").read_text())
    assert config["title"] and config["description"] and config["nav"]
    text = config["crisis"]["text"]
    assert "988" in text and "local emergency number" in text
    urls = [link["url"] for link in config["crisis"]["links"]]
    assert "tel:988" in urls and any("findahelpline" in u for u in urls)


def test_home_leads_with_the_attachment_quiz_then_the_cycle_quiz_then_topics(bundled_dist: Path) -> None:
    home = (bundled_dist / "index.html").read_text()
    first_quiz = home.index("quizzes/attachment-style/")
    assert first_quiz < home.index("quizzes/conflict-cycle/") < home.index("Articles by topic")
    card = home[first_quiz : home.index("quizzes/conflict-cycle/")]
    assert "About 5 minutes" in card and "Your answers never leave this device" in card


def test_about_and_privacy_pages(bundled_dist: Path) -> None:
    about = (bundled_dist / "about/index.html").read_text().lower()
    assert "not" in about and "diagnos" in about
    privacy = (bundled_dist / "privacy/index.html").read_text().lower()
    assert "cookie" in privacy and "clear my answers" in privacy

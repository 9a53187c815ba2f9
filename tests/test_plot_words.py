"""The plots' words in the page's language: every sentence and phrase of a result plot and a norms picture goes
through `say` whole, as a message `make i18n-extract` finds, with its placeholders filled after; and the names of
results on a plot are their `label`, which a translation of the quiz may give."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import ROOT
from markupsafe import escape
from pydantic import ValidationError
from test_norms import normed_quiz
from test_plot_kinds import CATCH_ALL, PROFILE, SCALE, described, quiz, texts
from test_plot_mirrored import narrow_scale

from attunement.quiz.model import Quiz
from attunement.quiz.translation import Translation, translate
from attunement.render.i18n import translations
from attunement.render.normplot import render_norm_plot
from attunement.render.plot import render_plot

PLACEHOLDER = re.compile(r"\{\w+\}")
NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?")
WORD = re.compile(r"[A-Za-z]+")

Draw = Callable[..., str]
CASES: dict[str, tuple[Callable[[], Quiz], Draw]] = {
    "scale": (lambda: quiz(SCALE), lambda q, **kw: str(render_plot(q, "p", **kw))),
    "narrow scale": (narrow_scale, lambda q, **kw: str(render_plot(q, "p", **kw))),
    "map": (lambda: quiz(CATCH_ALL), lambda q, **kw: str(render_plot(q, "p", **kw))),
    "profile": (lambda: quiz(PROFILE), lambda q, **kw: str(render_plot(q, "p", **kw))),
    "norms, normal": (normed_quiz, lambda q, **kw: str(render_norm_plot(q, "closeness", "p", **kw))),
    "norms, table": (normed_quiz, lambda q, **kw: str(render_norm_plot(q, "distance", "p", **kw))),
}


def words_of(svg: str) -> list[str]:
    """What the SVG says: its title, its description and every text it draws (unescaped)."""
    return [html.unescape(text) for text in re.findall(r"<(?:title|desc|text|tspan)\b[^>]*>([^<]+)<", svg)]


def described_title(svg: str) -> str:
    found = re.search(r"<title[^>]*>([^<]*)</title>", svg)
    assert found
    return found.group(1)


def sentences(svg: str) -> list[str]:
    """What the SVG says in sentences and phrases (as drawn, escaped): its title and description, and the names
    on a scale's bands with their ranges, when too narrow for them. The rest is the quiz's labels and numbers."""
    return [*described(svg), *texts(svg, "region-label")] if "<desc" in svg else [described_title(svg)]


def content(made: Quiz) -> list[str]:
    """The quiz's own words a plot shows (escaped, as drawn), longest first: scores' labels, results' names and
    the norms' samples. They are the author's, translated with the quiz, not through `say`."""
    scores = [*made.dimensions, *made.derived]
    found = [s.label for s in scores] + [s.norms.sample for s in scores if s.norms is not None]
    found += [r.label or r.id[:1].upper() + r.id[1:] for r in made.results]
    return sorted({str(escape(text)) for text in found}, key=len, reverse=True)


def extracted() -> set[str]:
    with (ROOT / "templates/locale/messages.pot").open("rb") as pot:
        return {m.id for m in read_po(pot) if isinstance(m.id, str) and m.id}


@pytest.mark.parametrize("mirrored", [False, True], ids=["plain", "mirrored"])
@pytest.mark.parametrize("case", CASES)
def test_every_word_of_a_plot_is_said_through_say_as_an_extracted_message(case: str, mirrored: bool) -> None:
    """With a `say` that turns each message into a marker keeping only its placeholders, nothing is left of the
    English but the quiz's own words and numbers: a message written around `say` would show."""
    make, draw = CASES[case]
    made = make()
    heard: list[str] = []

    def marked(message: str) -> str:
        heard.append(message)
        return "«" + " ".join(PLACEHOLDER.findall(message)) + "»"

    english, said = draw(made, mirrored=mirrored), draw(made, mirrored=mirrored, say=marked)
    own = content(made)
    own_words = {w.lower() for text in own for w in WORD.findall(html.unescape(text))}
    assert not any(PLACEHOLDER.search(text) for text in own), "the quiz's words say no {placeholder}"
    messages = {w.lower() for text in words_of(english) for w in WORD.findall(text)} - own_words
    assert len(messages) >= 5, f"the English is written in messages: {messages}"
    left = [w for text in words_of(said) for w in WORD.findall(text) if w.lower() in messages]
    assert left == [], f"English left outside say(): {left}"
    for text in sentences(said):  # nor any comma, colon, semicolon or full stop between the quiz's words
        for own_text in own:
            text = text.replace(own_text, "")
        assert re.fullmatch(r"[«»\s]*", NUMBER.sub("", text)), text
    assert "«" in said
    assert heard and set(heard) <= extracted(), "every message is in messages.pot: run make i18n-extract"
    assert draw(made, mirrored=mirrored, say=lambda message: message) == english, "English is the messages"


def test_the_words_read_in_spanish_from_the_theme_s_catalog_labels_escaped_as_before() -> None:
    spanish = translations([ROOT / "templates"], "es").gettext
    title, desc = described(str(render_plot(quiz(SCALE), "p", say=spanish)))
    assert title == "Dónde queda la puntuación en Calm &lt;under&gt; change"
    assert desc == (
        "Calm &lt;under&gt; change va de izquierda a derecha, de 1 a 5. "
        "Tramos: Uneasy: de 1 a 2.5; Between: de 2.5 a 3.5; Steady: de 3.5 a 5."
    )
    title, desc = described(str(render_plot(quiz(CATCH_ALL), "p", mirrored=True, say=spanish)))
    assert title == "Dónde quedan las puntuaciones en Anxiety y Avoidance"
    assert desc.startswith("Anxiety va de derecha a izquierda, de 1 a 7; Avoidance va de abajo arriba, de 1 a 7.")
    assert "Self-reliant: en todo lo demás" in desc
    title, _ = described(str(render_plot(quiz(PROFILE), "p", say=spanish)))
    assert title.startswith("Dónde quedan las puntuaciones en Nearness, Distance, How much")
    assert title.endswith(" y Care")
    picture = str(render_norm_plot(normed_quiz(), "distance", "n", say=spanish))
    assert described_title(picture) == "Cómo se reparten las puntuaciones entre students, con la tuya marcada"


SCALE_WORDS = {
    "title": "Calma",
    "description": "Una puntuación en una escala marcada.",
    "scale": {"labels": {1: "En desacuerdo", 5: "De acuerdo"}},
    "dimensions": {"calm": {"label": "Calma", "low": "Te preocupas.", "high": "Te calmas."}},
    "items": {"c1": "Mantengo la calma.", "c2": "Llevo bien las sorpresas."},
    "results": {
        "uneasy": {"title": "Inquietud", "summary": "S.", "body": "B.", "label": "Inquieta"},
        "between": {"title": "Según el caso", "summary": "S.", "body": "B.", "label": "Según"},
        "steady": {"title": "Serenidad", "summary": "S.", "body": "B.", "label": "Serena"},
    },
}


def names(svg: str) -> list[str]:
    """The results' names on a scale, as its description lists them (unescaped)."""
    ranges = html.unescape(described(svg)[1]).split(" Ranges: ", 1)[1].removesuffix(".")
    return [part.rsplit(": ", 1)[0] for part in ranges.split("; ")]


def test_a_result_s_label_names_it_on_the_plot_and_a_translation_gives_its_own() -> None:
    data = yaml.safe_load(SCALE)
    data["results"][0]["label"] = "Tense"
    original = Quiz.model_validate(data)
    svg = str(render_plot(original, "p"))
    assert names(svg) == ["Tense", "Between", "Steady"], "a label, else the id capitalised"
    assert texts(svg, "region-label") == ["Tense", "Between", "Steady"]

    translated, problems = translate(original, Translation.model_validate(SCALE_WORDS))
    assert problems == [] and translated is not None
    assert [r.label for r in translated.results] == ["Inquieta", "Según", "Serena"]
    assert names(str(render_plot(translated, "p"))) == ["Inquieta", "Según", "Serena"]
    unlabelled = {
        **SCALE_WORDS,
        "results": {**SCALE_WORDS["results"], "steady": {"title": "S", "summary": "S.", "body": "B."}},
    }
    with pytest.raises(ValidationError, match="label"):
        Translation.model_validate(unlabelled)  # else the original's id would name it on a plot

    own = {**SCALE_WORDS, "results": {**SCALE_WORDS["results"]}}
    own["results"]["uneasy"] = {"title": "Inquietud", "summary": "S.", "body": "B.", "label": "Inquieta <sí>"}
    translated, problems = translate(original, Translation.model_validate(own))
    assert problems == [] and translated is not None
    svg = str(render_plot(translated, "p"))
    assert names(svg) == ["Inquieta <sí>", "Según", "Serena"], "a translation's label"
    assert "Inquieta &lt;sí&gt;: 1 to 2.5" in texts(svg, "region-label") and "<sí>" not in svg, "escaped"


def test_a_map_names_its_regions_by_their_labels() -> None:
    data = yaml.safe_load(CATCH_ALL)
    data["results"][2]["label"] = "On my own"
    svg = str(render_plot(Quiz.model_validate(data), "p", mirrored=True))
    assert "On my own" in texts(svg, "region-label") and "Self-reliant" not in svg
    assert "On my own: everywhere else" in described(svg)[1]

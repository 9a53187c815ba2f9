"""A site in several languages (docs/languages.md): the languages fixture in English (root), Spanish (`/es/`,
untranslated pages shown from English) and Arabic (`/ar/`, right to left, untranslated pages left out), built,
checked, exported, embedded and taken in a real browser."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, attune, serving, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st

from attunement.build import compile_site
from attunement.config.paths import Layout
from attunement.config.settings import load_config
from attunement.content.loading import load_sites
from attunement.content.quizzes import LoadedQuiz
from attunement.diagnostics import Diagnostics
from attunement.quiz.client_key import client_key
from attunement.quiz.scoring import AnswerError, score

FIXTURE = FIXTURES / "languages/site"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("languages") / "dist"
    built = attune("build", "--strict", "-o", str(out), cwd=FIXTURE)
    assert built.returncode == 0, built.stderr
    return out


def html(dist: Path, path: str) -> str:
    return (dist / path).read_text(encoding="utf-8")


def links(page: str, rel: str = "alternate") -> dict[str, str]:
    return dict(re.findall(rf'<link rel="{rel}" hreflang="([^"]+)" href="([^"]+)">', page))


def test_each_language_has_its_folder_its_direction_and_its_words(dist: Path) -> None:
    assert '<html lang="en">' in html(dist, "index.html")
    assert '<html lang="es">' in html(dist, "es/index.html")
    assert '<html lang="ar" dir="rtl">' in html(dist, "ar/index.html")
    assert "<h1>Bienvenida</h1>" in html(dist, "es/index.html")
    spanish = html(dist, "es/quizzes/bond/index.html")
    assert "Escribo a menudo a las personas que quiero." in spanish and "I message" not in spanish
    result = html(dist, "es/quizzes/bond/results/easy/index.html")
    assert "tel:024" in result and "tel:988" not in result, "the crisis lines of the reader's language"
    assert "Esto es educación, no un diagnóstico." in result
    arabic = html(dist, "ar/quizzes/bond/results/roomy/index.html")
    assert "بحاجة إلى مساحة" in arabic and "findahelpline.com" in arabic
    assert 'data-mirrored="1"' in arabic, "the plot runs the way the page reads"


def test_translations_name_each_other_and_the_switcher_leads_to_the_same_page(dist: Path) -> None:
    page = html(dist, "es/articles/staying-close/index.html")
    assert links(page) == {
        "en": "https://example.org/articles/staying-close/",
        "es": "https://example.org/es/articles/staying-close/",
        "ar": "https://example.org/ar/articles/staying-close/",
        "x-default": "https://example.org/articles/staying-close/",
    }
    switcher = re.findall(r'<li><a href="([^"]+)" lang="(\w+)" hreflang="\w+"( aria-current="true")?>', page)
    assert switcher == [
        ("../../../articles/staying-close/", "en", ""),
        ("../../../es/articles/staying-close/", "es", ' aria-current="true"'),
        ("../../../ar/articles/staying-close/", "ar", ""),
    ]
    # giving-room has no translation: no alternates, and the switcher leads to each language's home
    untranslated = html(dist, "articles/giving-room/index.html")
    assert links(untranslated) == {}
    assert '<a href="../../ar/" lang="ar"' in untranslated
    sitemap = html(dist, "sitemap.xml")
    entry = sitemap.split("<loc>https://example.org/ar/articles/staying-close/</loc>")[1].split("</url>")[0]
    assert '<xhtml:link rel="alternate" hreflang="es" href="https://example.org/es/articles/staying-close/"/>' in entry
    assert 'hreflang="x-default" href="https://example.org/articles/staying-close/"' in entry
    assert "<url><loc>https://example.org/articles/giving-room/</loc></url>" in sitemap


def test_untranslated_pages_fall_back_or_are_left_out_as_each_language_says(dist: Path) -> None:
    shown = html(dist, "es/articles/giving-room/index.html")  # es: untranslated: fallback
    assert 'class="notice untranslated-note"' in shown and "(English)" in shown
    assert "This page has not been translated" not in shown, "the note is in the reader's language"
    assert '<h1 lang="en">Giving room</h1>' in shown and '<div class="prose" lang="en">' in shown
    assert '<link rel="canonical" href="https://example.org/articles/giving-room/">' in shown
    assert not (dist / "ar/articles/giving-room").exists()  # ar: untranslated: skip
    arabic = html(dist, "ar/articles/staying-close/index.html")
    assert 'href="../../../articles/giving-room/#why-room-helps"' in arabic, "a skipped page's link leads to it"
    assert 'href="../../../es/articles/giving-room/#why-room-helps"' in html(
        dist, "es/articles/staying-close/index.html"
    )
    feed = html(dist, "es/feed.xml")
    assert "<id>https://example.org/es/</id>" in feed and "staying-close" in feed and "giving-room" not in feed


def test_the_embed_loader_knows_each_quiz_s_languages(dist: Path) -> None:
    loader = html(dist, "embed.js")
    assert '{"bond":{"en":"","es":"es/","ar":"ar/"}}' in loader
    assert (dist / "ar/embed/bond/index.html").is_file()


def test_check_lists_what_is_untranslated() -> None:
    checked = attune("check", cwd=FIXTURE)
    assert checked.returncode == 0, checked.stderr
    assert "Not yet translated into 'es' (1 source):\n  site_src/articles/giving-room.md" in checked.stderr
    assert "Not yet translated into 'ar' (1 source):\n  site_src/articles/giving-room.md" in checked.stderr


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    return root


def test_a_translation_s_missing_and_extra_ids_are_errors_at_their_place(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    dist = root / "dist"
    assert attune("build", cwd=root).returncode == 0
    before = snapshot(dist)
    quiz = root / "quizzes/bond.es.yaml"
    text = quiz.read_text()
    text = text.replace("  reach-2: Puedo pasar días sin contacto y sentirme bien.\n", "")
    text = text.replace("  room-2:", "  room-3:")
    text = text.replace("  reach: {label:", "  reach: {dimension: room, label:")
    quiz.write_text(text)
    (root / "site_src/articles/missing.es.md").write_text("---\ntitle: Falta\n---\n\nNada.\n")
    (root / "site_src/articles/giving-room.fr.md").write_text("---\ntitle: Espace\n---\n\nRien.\n")
    built = attune("build", cwd=root)
    assert built.returncode == 1
    assert "Traceback" not in built.stderr
    assert built.stderr.splitlines()[:-1] == [
        "quizzes/bond.es.yaml:7:11: unknown key 'dimension' in dimensions.reach",
        "site_src/articles/giving-room.fr.md:1:1: file name 'giving-room.fr.md' cannot be a web address: use "
        "lowercase letters, digits and single hyphens, like 'secure-attachment.md' (a translation into 'fr' needs "
        "'fr' under 'languages' in site.yaml)",
        "site_src/articles/missing.es.md:1:1: a translation of 'missing', but there is no article 'missing' in the "
        "default language",
    ]
    assert snapshot(dist) == before, "a failed build leaves the last output as it was"
    text = text.replace("{dimension: room, label:", "{label:")
    quiz.write_text(text)
    (root / "site_src/articles/missing.es.md").unlink()
    (root / "site_src/articles/giving-room.fr.md").unlink()
    built = attune("build", cwd=root)
    assert built.stderr.splitlines()[:-1] == [
        "quizzes/bond.es.yaml:9:1: untranslated items: 'reach-2', 'room-2'",
        "quizzes/bond.es.yaml:12:3: the original has no item 'room-3' (did you mean 'room-2'?)",
    ]


def test_languages_in_site_yaml_are_checked(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    config = root / "site_src/site.yaml"
    text = config.read_text()
    text = text.replace("languages:\n  es:\n", "languages:\n  en:\n    disclaimer: x\n    crisis: {text: x}\n  es:\n")
    text = text.replace("      bonds: {title: الروابط}", "      bond: {title: الروابط}")
    config.write_text(text.replace("    disclaimer: هذا محتوى تثقيفي وليس تشخيصًا.\n", ""))
    built = attune("check", cwd=root)
    assert built.returncode == 1
    assert built.stderr.splitlines()[:-1] == [
        "site_src/site.yaml:21:3: 'en' is the default language (language: en); list only the other languages "
        "under 'languages'",
        "site_src/site.yaml:43:5: missing required key 'languages.ar.disclaimer'",
    ]
    assert "unknown topic 'bond'" not in built.stderr  # reported once the schema holds
    config.write_text(text)
    built = attune("check", cwd=root)
    assert "site_src/site.yaml:54:7: unknown topic 'bond'; translate the topics listed under 'topics' (did you " in (
        built.stderr
    )


def _translated() -> list[tuple[LoadedQuiz, list[LoadedQuiz]]]:
    """Each quiz of the bundled site and the fixture, with its translations (not its fallbacks)."""
    found = []
    for root in (ROOT, FIXTURE):
        layout = Layout(root)
        diags = Diagnostics(root)
        config = load_config(layout, diags)
        assert config is not None
        sites = load_sites(layout, config, diags, include_drafts=False)
        assert not diags.errors
        for loaded in sites[0].quizzes:
            others = [q for s in sites[1:] for q in s.quizzes if q.slug == loaded.slug and not q.fallback]
            if others:
                found.append((loaded, others))
    return found


QUIZZES = _translated()


def test_every_language_scores_alike() -> None:
    """The scoring part of each translated quiz's key is the original's, byte for byte."""
    assert {q.slug for q, _ in QUIZZES} == {"attachment-style", "bond"}
    for loaded, translations in QUIZZES:
        urls = {r.id: "" for r in loaded.quiz.results}
        original = _scoring(client_key(loaded.slug, loaded.quiz, urls, quiz_url=""))
        for translated in translations:
            assert translated.quiz.title != loaded.quiz.title
            assert _scoring(client_key(loaded.slug, translated.quiz, urls, quiz_url="")) == original


def _scoring(key: dict) -> str:
    parts = {"bounds": key["bounds"], "scores": [{k: v for k, v in s.items() if k != "label"} for s in key["scores"]]}
    parts["questions"] = [
        {k: v for k, v in q.items() if k not in ("label", "labels", "text")} for q in key["questions"]
    ]
    parts["results"] = [r["when"] for r in key["results"]]
    return json.dumps(parts, sort_keys=True)


@pytest.mark.parametrize("loaded, translations", QUIZZES, ids=[q.slug for q, _ in QUIZZES])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_same_answers_earn_the_same_scores_and_result_in_every_language(
    loaded: LoadedQuiz, translations: list[LoadedQuiz], data: st.DataObject
) -> None:
    answers = {}
    for question in loaded.quiz.structure.questions:
        values = [answer for answer, _ in question.choices]
        answers[question.key] = data.draw(st.sampled_from([None, *values]), label=question.key)
    expected = _outcome(loaded.quiz, answers)
    for translated in translations:
        assert _outcome(translated.quiz, answers) == expected


def _outcome(quiz, answers: dict) -> object:
    """The scores and result earned, or why there are none (too few answers)."""
    try:
        return score(quiz, answers)
    except AnswerError as exc:
        return str(exc)


def test_export_in_a_language(tmp_path: Path) -> None:
    quiz = tmp_path / "bond.html"
    exported = attune("export", "quiz", "bond", "--lang", "ar", "-o", str(quiz), cwd=FIXTURE)
    assert exported.returncode == 0, exported.stderr
    page = quiz.read_text()
    assert '<html lang="ar" dir="rtl">' in page and "طريقتك في البقاء قريبًا" in page
    assert '<link rel="canonical" href="https://example.org/ar/quizzes/bond/">' in page, "its page on the site"
    zipped = tmp_path / "site.zip"
    exported = attune("export", "site", "--lang", "es", "-o", str(zipped), cwd=FIXTURE)
    assert exported.returncode == 0, exported.stderr
    with zipfile.ZipFile(zipped) as archive:
        names = archive.namelist()
        home = archive.read("site/index.html").decode()
    assert '<html lang="es">' in home and "Bienvenida" in home
    assert "site/articles/giving-room/index.html" in names, "one language alone shows every page"
    assert not [n for n in names if n.startswith(("site/es/", "site/ar/"))]
    wrong = attune("export", "site", "--lang", "fr", "-o", str(zipped), cwd=FIXTURE)
    assert wrong.returncode == 1
    assert wrong.stderr.startswith("site_src/site.yaml:1:1: no language 'fr' in site.yaml; it has en, es, ar")


def test_an_incremental_build_with_translations_matches_a_clean_one(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    layout = Layout(root)
    assert attune("build", cwd=root).returncode == 0
    (root / "site_src/articles/giving-room.ar.md").write_text(
        "---\ntitle: إعطاء المساحة\nsummary: لماذا تساعد المسافة.\ntopics: [bonds]\ndate: 2026-01-12\n---\n\n"
        "## لماذا تساعد المساحة {#why-room-helps}\n\nالوقت بعيدًا يهدئ كل شخص.\n"
    )
    quiz = root / "quizzes/bond.es.yaml"
    quiz.write_text(quiz.read_text().replace("title: Tu manera de seguir cerca", "title: Cómo sigues cerca"))
    incremental = attune("build", cwd=root)
    assert incremental.returncode == 0, incremental.stderr
    assert "unchanged" in incremental.stdout
    clean = attune("build", "--clean", "-o", str(tmp_path / "clean"), cwd=root)
    assert clean.returncode == 0, clean.stderr
    assert snapshot(root / "dist") == snapshot(tmp_path / "clean")
    compiled = compile_site(layout)
    assert "ar/articles/giving-room/index.html" in {o.path for o in compiled.outputs}


@pytest.mark.browser
def test_translated_and_right_to_left_pages_pass_axe(browser, dist: Path) -> None:
    from test_quality_browser import pages, run_axe

    problems = {}
    with serving(dist) as url:
        for scheme, width in (("light", 1024), ("dark", 320)):
            context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800})
            page = context.new_page()
            for path in pages(dist):
                if not path.startswith(("es/", "ar/")):
                    continue
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                violations = run_axe(page)
                if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
                    violations.append(f"wider than {width}px")
                if violations:
                    problems[f"{scheme} {path}"] = violations
            context.close()
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)


@pytest.mark.browser
def test_an_arabic_reader_takes_the_quiz_right_to_left(page, dist: Path) -> None:
    with serving(dist) as url:
        page.goto(url + "ar/quizzes/bond/")
        first, last = page.locator("fieldset").first.locator("input[type=radio]").all()[::4]
        assert first.bounding_box()["x"] > last.bounding_box()["x"], "the first answer sits on the right"
        for item in page.locator("fieldset").all():
            item.locator("input[type=radio]").nth(4).check()
        page.locator("form[data-quiz] button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/ar/quizzes/bond/results/roomy/"))
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert "بحاجة إلى مساحة" in page.locator("h1").inner_text()


@pytest.mark.browser
def test_the_embed_takes_a_language(page, dist: Path, tmp_path: Path) -> None:
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text))
    with serving(dist) as site_url, serving(tmp_path) as host_url:
        (tmp_path / "index.html").write_text(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>'
            '<link rel="icon" href="data:,"></head><body>'
            f'<script src="{site_url}embed.js" data-quiz="bond" data-lang="es"></script>'
            f'<script src="{site_url}embed.js" data-quiz="bond" data-lang="fr"></script></body></html>'
        )
        page.goto(host_url)
        frames = page.locator("iframe")
        frames.nth(1).wait_for(state="attached")
        sources = [frames.nth(i).get_attribute("src") for i in range(2)]
        assert sources[0].startswith(site_url + "es/embed/bond/?")
        assert sources[1].startswith(site_url + "embed/bond/?")
        assert any("no 'fr' version of 'bond'" in w for w in warnings)
        spanish = page.frame_locator("iframe").first
        spanish.locator("form[data-quiz]").wait_for()
        assert "Escribo a menudo a las personas que quiero." in spanish.locator("form").inner_text()


@pytest.mark.browser
def test_serve_rebuilds_translations_and_catalogs_live(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "templates").mkdir()  # serve watches the folders there are when it starts
    proc = subprocess.Popen(
        [sys.executable, "-m", "attunement", "serve", "--port", "0"], cwd=root, text=True, stdout=subprocess.PIPE
    )
    try:
        assert proc.stdout is not None
        match = re.search(r"(http://127\.0\.0\.1:\d+/)", proc.stdout.readline())
        assert match
        url = match.group(1)
        assert "Tu manera de seguir cerca" in _get(url + "es/quizzes/bond/")
        quiz = root / "quizzes/bond.es.yaml"
        quiz.write_text(quiz.read_text().replace("title: Tu manera de seguir cerca", "title: Cómo sigues cerca"))
        assert _eventually(lambda: "Cómo sigues cerca" in _get(url + "es/quizzes/bond/"))
        catalog = root / "templates/locale/es/LC_MESSAGES/messages.po"
        catalog.parent.mkdir(parents=True)
        catalog.write_text(
            'msgid ""\nmsgstr ""\n"Language: es\\n"\n\nmsgid "Skip to main content"\nmsgstr "Ir al texto"\n'
        )
        assert _eventually(lambda: "Ir al texto" in _get(url + "es/quizzes/bond/"))
        assert "Ir al texto" not in _get(url + "quizzes/bond/")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=10)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def _eventually(check: Callable[[], bool], seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True

"""Interface strings (docs/design-languages.md): the theme's catalogs are complete and current, a site in another
language shows no interface string left in English, and the browser's sentences come from the page, in its language."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po
from conftest import FIXTURES, ROOT, attune

from attunement.quiz.norms import WORDS
from attunement.render.i18n import catalog_files, fill, plural_samples, translations

LOCALE = ROOT / "templates" / "locale"
SHIPPED = sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/messages.po"))
STRINGS = re.compile(r'<script type="application/json" id="attune-strings">(.*?)</script>')
DIRECTION = {"ar": ' dir="rtl"'}
PLACEHOLDERS = re.compile(r"%\(\w+\)s|\{\w+\}")


def read(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po)


def messages(catalog: Catalog) -> dict[tuple[str, str | None], Message]:
    return {(m.id[0] if isinstance(m.id, tuple) else m.id, m.context): m for m in catalog if m.id}


def forms(message: Message) -> list[str]:
    """A message's texts: its id, and its plural id if it has one (msgstr likewise)."""
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def test_the_theme_ships_english_spanish_arabic_and_the_template_is_current(tmp_path: Path) -> None:
    assert {"es", "ar"} <= set(SHIPPED)
    fresh = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    done = subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", "-k", "plurals:1,2", "-o", str(fresh), "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert messages(read(fresh)).keys() == messages(read(LOCALE / "messages.pot")).keys(), "run make i18n"


@pytest.mark.parametrize("code", SHIPPED)
def test_every_shipped_catalog_translates_every_message_keeping_its_placeholders(code: str) -> None:
    wanted = messages(read(LOCALE / "messages.pot"))
    catalog = read(LOCALE / code / "LC_MESSAGES" / "messages.po")
    have = messages(catalog)
    assert have.keys() == wanted.keys(), "run make i18n-update, then translate"
    nplurals = catalog.num_plurals
    for key, message in have.items():
        assert not message.fuzzy, key
        strings = list(message.string) if isinstance(message.string, tuple) else [message.string]
        assert len(strings) == (nplurals if isinstance(message.id, tuple) else 1), key
        assert all(strings), f"{key} is untranslated"
        allowed = {p for text in forms(message) for p in PLACEHOLDERS.findall(text)}
        for text in strings:
            assert set(PLACEHOLDERS.findall(text)) <= allowed, (key, text)
        if not isinstance(message.id, tuple):  # a plural form may say "one" for the count; the others name it all
            assert set(PLACEHOLDERS.findall(strings[0])) == allowed, (key, strings[0])


def test_english_is_the_messages_themselves_and_the_browser_copy_is_true() -> None:
    assert translations([ROOT / "templates"], "en").gettext("Quizzes") == "Quizzes"
    assert translations([ROOT / "templates"], "de").gettext("Quizzes") == "Quizzes", "no catalog: English"
    page = (FIXTURES / "basics/expected/quizzes/closeness/index.html").read_text()
    shown = json.loads(STRINGS.findall(page)[0])
    assert shown == json.loads((ROOT / "tests/js/strings_en.json").read_text())
    assert {name: shown[name] for name in WORDS} == WORDS, "norms.py says the percentile as the browser does"
    assert fill("{count} of {total}", count=0, total=12) == "0 of 12"
    assert fill("{count} of {missing}", count=1) == "1 of {missing}"


def test_catalogs_apply_general_to_specific_and_a_site_s_own_over_the_theme_s(tmp_path: Path) -> None:
    theme, site = tmp_path / "theme", tmp_path / "site"
    for folder, code, text in [(theme, "es", "Cuestionarios"), (theme, "es_MX", None), (site, "es", "Tests")]:
        catalog = Catalog(locale=code)
        if text:
            catalog.add("Quizzes", text)
        catalog.add("Articles", f"Artículos {folder.name} {code}")
        path = folder / "locale" / code / "LC_MESSAGES" / "messages.po"
        path.parent.mkdir(parents=True)
        with path.open("wb") as po:
            write_po(po, catalog)
    assert [p.relative_to(tmp_path).parts[:3] for p in catalog_files([site, theme], "es-MX")] == [
        ("theme", "locale", "es"),
        ("theme", "locale", "es_MX"),
        ("site", "locale", "es"),
    ]
    strings = translations([site, theme], "es-MX")
    assert strings.gettext("Quizzes") == "Tests"
    assert strings.gettext("Articles") == "Artículos site es"
    assert strings.gettext("Topics") == "Topics"


def test_plural_categories_are_the_browser_s() -> None:
    assert plural_samples("en") == {"one": 1, "other": 0}
    assert set(plural_samples("ar")) == {"zero", "one", "two", "few", "many", "other"}
    assert set(plural_samples("es")) == {"one", "many", "other"}


def fragments(text: str) -> list[str]:
    """The words of a message between its placeholders and tags: what a page shows of it, whatever fills them."""
    return [f.strip() for f in re.split(r"%\(\w+\)s|\{\w+\}|<[^>]+>", text) if len(re.findall(r"[A-Za-z]", f)) >= 3]


def build(site: Path, language: str, tmp_path: Path, name: str, catalog: Catalog | None = None) -> Path:
    copy = tmp_path / name
    shutil.copytree(site, copy)
    config = copy / "site_src/site.yaml"
    config.write_text(re.sub(r"(?m)^language: .*$", f"language: {language}", config.read_text()))
    if catalog is not None:
        path = copy / "templates/locale" / language / "LC_MESSAGES/messages.po"
        path.parent.mkdir(parents=True)
        with path.open("wb") as po:
            write_po(po, catalog)
    result = attune("build", "-o", str(tmp_path / f"{name}-dist"), cwd=copy)
    assert result.returncode == 0, result.stderr
    return tmp_path / f"{name}-dist"


def count(html: str, fragment: str) -> int:
    return len(re.findall(r"(?<!\w)" + re.escape(fragment) + r"(?!\w)", html))


@pytest.mark.parametrize("code", SHIPPED)
def test_a_site_in_a_shipped_language_shows_no_interface_string_in_english(code: str, tmp_path: Path) -> None:
    """Every page of the basics fixture built in `code` is compared with the same site built with every interface
    string blanked out (a site catalog of "⁂" and the message's placeholders): a message's words that the translated page shows more often than
    the blank one are interface strings still in English (the author's own words show alike in both)."""
    pot = read(LOCALE / "messages.pot")
    blank = Catalog(locale=code)
    for message in pot:
        if message.id:
            kept = " ".join(["⁂", *PLACEHOLDERS.findall(forms(message)[-1])])  # the author's words stay
            text = (kept,) * blank.num_plurals if isinstance(message.id, tuple) else kept
            blank.add(message.id, text, context=message.context)
    site = FIXTURES / "basics/site"
    translated = build(site, code, tmp_path, "translated")
    blanked = build(site, code, tmp_path, "blank", blank)
    english = FIXTURES / "basics/expected"
    words = sorted({f for m in pot if m.id for text in forms(m) for f in fragments(text)})
    pages = sorted(p.relative_to(translated) for p in translated.rglob("*.html"))
    assert pages == sorted(p.relative_to(english) for p in english.rglob("*.html"))
    seen = 0
    for page in pages:
        html, none = (translated / page).read_text(), (blanked / page).read_text()
        assert f'<html lang="{code}"{DIRECTION.get(code, "")}>' in html
        left = [w for w in words if count(html, w) > count(none, w)]
        assert not left, f"{page} shows interface strings in English: {left}"
        seen += sum(count((english / page).read_text(), w) - count(none, w) for w in words)
    assert seen > 100, "the English pages show the interface strings this test looks for"

    strings = json.loads(STRINGS.findall((translated / "quizzes/closeness/index.html").read_text())[0])
    english_strings = json.loads((ROOT / "tests/js/strings_en.json").read_text())
    assert strings.keys() == english_strings.keys()
    assert strings.pop("lang") == code
    for name, text in strings.items():
        ours = text.values() if isinstance(text, dict) else [text]
        theirs = english_strings[name].values() if isinstance(english_strings[name], dict) else [english_strings[name]]
        assert not set(ours) & set(theirs), f"{name} is in English: {text}"
        if isinstance(text, dict):
            assert set(text) == set(plural_samples(code)), name

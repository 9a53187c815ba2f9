"""The theme's interface strings in the site's language: gettext catalogs read from the theme at build time.

Catalogs sit with the templates, `locale/<code>/LC_MESSAGES/messages.po`, and are read as they are (no compiled
`.mo` to keep in step): the theme's first, then a site's own `templates/locale/` over it, message by message. A
language without a catalog reads the theme's English, which is the messages' ids themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

CATALOG = "locale/{code}/LC_MESSAGES/messages.po"


def locale_codes(language: str) -> list[str]:
    """The catalog codes a language tag reads, most general first: `es-MX` reads `es`, then `es_MX` over it."""
    parts = language.replace("-", "_").split("_")
    return ["_".join(parts[: i + 1]) for i in range(len(parts))]


def catalog_files(template_dirs: list[Path], language: str) -> list[Path]:
    """The catalogs a site in `language` reads, in the order they apply (later ones win): the theme's, then the
    site's own, each from the most general code to the most specific."""
    return [
        path
        for folder in reversed(template_dirs)
        for code in locale_codes(language)
        if (path := folder / CATALOG.format(code=code)).is_file()
    ]


def _read(path: Path) -> Translations:
    with path.open("rb") as po:
        catalog = read_po(po)
    compiled = BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt leaves them
    compiled.seek(0)
    return Translations(compiled)


def translations(template_dirs: list[Path], language: str) -> NullTranslations:
    """The interface strings of `language`: its catalogs merged, or English (the ids themselves) without any."""
    found: Translations | None = None
    for path in catalog_files(template_dirs, language):
        found = _read(path) if found is None else found.merge(_read(path))
    return found if found is not None else NullTranslations()


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language, sep="-")
    except (ValueError, UnknownLocaleError):
        return Locale("en")


def plural_samples(language: str) -> dict[str, int]:
    """A number of each CLDR plural category of `language` (the categories `Intl.PluralRules` names in the browser):
    {"one": 1, "other": 0} in English; Arabic has six."""
    rule = _locale(language).plural_form
    samples: dict[str, int] = {}
    for n in [*range(0, 201), 1000, 1_000_000]:
        samples.setdefault(rule(n), n)
    samples.setdefault("other", 100)
    return samples


def plural_forms(strings: NullTranslations, language: str) -> Callable[[str, str], dict[str, str]]:
    """`forms(singular, plural)`: the message in each plural category of `language`, for the browser to choose from
    with `Intl.PluralRules` ({"one": ..., "other": ...}; Arabic's zero, two, few and many too)."""
    samples = plural_samples(language)

    def forms(singular: str, plural: str) -> dict[str, str]:
        return {category: strings.ngettext(singular, plural, n) for category, n in sorted(samples.items())}

    return forms


def date_format(language: str) -> Callable[[date], str]:
    """How a page writes a date: "5 March 2024" in English, as the theme always has; the language's long date else."""
    if re.match(r"en\b", language):
        return lambda d: f"{d.day} {d:%B %Y}"
    locale = _locale(language)
    return lambda d: format_date(d, format="long", locale=locale)


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(text: str, **values: object) -> str:
    """`{name}` placeholders filled in, as the browser's `format` does (strings.js): the one way an interface string
    takes numbers and names, so a translation can put them wherever its language wants them."""
    return PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], text)

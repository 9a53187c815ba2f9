"""The languages a site is published in, and site.yaml as each of them reads it.

The default language sits at the site's root and every other under `/<code>/`. A language's own settings
(`languages.<code>` in site.yaml) replace the default's words; names and reading directions default to CLDR's.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Literal

from babel import Locale, UnknownLocaleError

from attunement.config.settings import Direction, SiteConfig


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    """The language's name in itself, as the switcher shows it: "Español"."""
    dir: Direction
    prefix: str
    """Where this build writes its pages: "" at the root, "es/" for `/es/`."""
    untranslated: Literal["skip", "fallback"] = "skip"
    default: bool = False
    """The site's default language, whose words are the originals."""
    folder: str = ""
    """Where the site publishes it (an export of one language writes it at the root, and links back here)."""


def _cldr(code: str) -> tuple[str, Direction]:
    """The language's name in itself and its reading direction, from CLDR (Babel's data)."""
    try:
        locale = Locale.parse(code, sep="-")
    except (ValueError, UnknownLocaleError):
        return code, "ltr"
    name = locale.get_display_name() or code
    return name[:1].upper() + name[1:], "rtl" if locale.character_order == "right-to-left" else "ltr"


def site_languages(config: SiteConfig, only: str | None = None) -> list[Language]:
    """Every language of the site, the default first; `only` publishes one of them alone, at the root (an export
    in one language, where the default language's words stand in for any page without a translation)."""
    name, direction = _cldr(config.language)
    found = [Language(config.language, config.language_name or name, config.dir or direction, "", default=True)]
    for code, settings in config.languages.items():
        name, direction = _cldr(code)
        folder = code.lower() + "/"
        found.append(
            Language(
                code, settings.name or name, settings.dir or direction, folder, settings.untranslated, folder=folder
            )
        )
    if only is None:
        return found
    chosen = next(lang for lang in found if lang.code == only)
    return [replace(chosen, prefix="", untranslated="fallback")]


def localized(config: SiteConfig, language: Language) -> SiteConfig:
    """site.yaml as the pages of `language` read it: its own words where it has them, the default's elsewhere."""
    settings = config.languages.get(language.code)
    if settings is None:
        return config
    words = settings.model_dump(include={"title", "description", "nav", "footer", "search"}, exclude_none=True)
    topics = {slug: settings.topics.get(slug, topic) for slug, topic in config.topics.items()}
    return config.model_copy(
        update={
            **{key: getattr(settings, key) for key in words},
            "language": language.code,
            "crisis": settings.crisis,
            "disclaimer": settings.disclaimer,
            "topics": topics,
        }
    )


def translation_of(name: str, languages: Collection[str]) -> tuple[str, str | None]:
    """A source's name split by the translation rule: `about.es` -> ("about", "es") when `es` is one of the site's
    other languages (a translation sits beside its original); else (name, None)."""
    stem, dot, code = name.rpartition(".")
    return (stem, code) if dot and code in languages else (name, None)


def unknown_language_hint(name: str) -> str:
    """For a name that reads like a translation into a language the site does not list, how to make it one."""
    stem, dot, code = name.rpartition(".")
    if dot and stem and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", code):
        return f" (a translation into '{code}' needs '{code}' under 'languages' in site.yaml)"
    return ""

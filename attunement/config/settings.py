"""The schema of `site_src/site.yaml`, and command-line overrides of it."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, field_validator

from attunement.config.paths import Layout
from attunement.config.positions import load_yaml
from attunement.config.schema import SafeUrl, Slug, Strict
from attunement.config.validation import validate
from attunement.diagnostics import Diagnostics, did_you_mean
from attunement.files.sources import read_source

DEFAULT_DISCLAIMER = (
    "This site offers education about attachment, not a diagnosis or a substitute for care from a qualified "
    "professional. Quiz results describe tendencies that can change over time, and each score is a point on a "
    "continuous scale, not a box."
)


def _base_url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        raise ValueError(f"'{value}' is not a web address like https://example.org/ or https://example.org/guide/")
    return value if value.endswith("/") else value + "/"


def _language(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
        raise ValueError(f"'{value}' is not a language tag like 'en' or 'en-GB'")
    return value


class Link(Strict):
    title: str
    url: SafeUrl


class Crisis(Strict):
    """Shown on every article and result page: the reader may be in distress."""

    text: str = Field(description="Markdown, one short paragraph")
    links: list[Link] = []


class TopicSettings(Strict):
    """A topic of the site: the articles and quizzes that name its slug are listed on its page."""

    title: str
    description: str = ""


class MarkdownOptions(Strict):
    raw_html: bool = Field(False, description="Trusted authors only: pass raw HTML in Markdown through unescaped")
    toc: bool = Field(True, description="A table of contents on articles with three or more sections")
    engine: Literal["fast", "reference"] = Field(
        "fast",
        description="'fast': markdown-it-pyrs renders each text it renders exactly as markdown-it-py does, and "
        "markdown-it-py the rest; 'reference': markdown-it-py renders everything",
    )


class SearchOptions(Strict):
    """Site search (docs/search.md)."""

    synonyms: dict[str, str | list[str]] = Field(
        {},
        description="Words readers may type, each with the site's word(s) it stands for: {stonewalling: withdraw}",
    )

    @field_validator("synonyms")
    @classmethod
    def _one_word_each(cls, synonyms: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
        for word in synonyms:
            if not re.fullmatch(r"[^\W_]+", word):
                raise ValueError(f"'{word}' is not one word: a synonym stands for one word a reader may type")
        return synonyms

    @property
    def expanded(self) -> dict[str, list[str]]:
        return {word: [targets] if isinstance(targets, str) else targets for word, targets in self.synonyms.items()}


class ServeOptions(Strict):
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)


Direction = Literal["ltr", "rtl"]
LanguageTag = Annotated[str, AfterValidator(_language)]


class LanguageSettings(Strict):
    """Another language the site is published in, under `/<code>/`: its words for what site.yaml says in the
    default language. A reader in distress needs help lines that answer in their language, so `crisis` and
    `disclaimer` are required; anything else left out is taken from the default language."""

    name: str | None = Field(None, description="The language's name in itself, for the switcher (default: from CLDR)")
    dir: Direction | None = Field(None, description="Reading direction (default: from CLDR, rtl for Arabic, Hebrew…)")
    title: str | None = None
    description: str | None = None
    nav: list[Link] | None = None
    footer: str | None = None
    crisis: Crisis
    disclaimer: str
    topics: dict[Slug, TopicSettings] = Field({}, description="Topic titles and descriptions in this language")
    search: SearchOptions | None = Field(None, description="Search synonyms in this language")
    untranslated: Literal["skip", "fallback"] = Field(
        "skip",
        description="Pages and quizzes without a translation: left out of this language (skip), or shown in the "
        "default language with a note (fallback)",
    )


class SiteConfig(Strict):
    title: str
    description: str = ""
    base_url: Annotated[str, AfterValidator(_base_url)] | None = None
    language: LanguageTag = Field("en", description="The default language, published at the site's root")
    language_name: str | None = Field(None, description="The default language's name in itself (default: CLDR's)")
    dir: Direction | None = Field(None, description="The default language's reading direction (default: CLDR's)")
    languages: dict[LanguageTag, LanguageSettings] = Field(
        {}, description="Other languages, each published under /<code>/"
    )
    author: str = ""
    nav: list[Link] = []
    footer: str = ""
    crisis: Crisis
    disclaimer: str = DEFAULT_DISCLAIMER
    topics: dict[Slug, TopicSettings] = {}
    markdown: MarkdownOptions = MarkdownOptions()
    search: SearchOptions = SearchOptions()
    output_dir: str = "dist"
    strict: bool = False
    serve: ServeOptions = ServeOptions()


def load_config(layout: Layout, diags: Diagnostics) -> SiteConfig | None:
    path = layout.config_file
    if not path.is_file():
        diags.error(
            diags.location(path), "site.yaml not found: is this an Attunement site? ('attune new site DIR' starts one)"
        )
        return None
    source = read_source(path, diags)
    loaded = load_yaml(source, diags) if source else None
    if loaded is None:
        return None
    data, positions = loaded
    default = data.get("language", "en") if isinstance(data, dict) else None
    others = data.get("languages") if isinstance(data, dict) else None
    if isinstance(others, dict) and default in others:  # checked with the schema's problems: every error at once
        diags.error(
            positions.location(("languages", default), key=True),
            f"'{default}' is the default language (language: {default}); list only the other languages under "
            "'languages'",
        )
    config = validate(SiteConfig, data, positions, diags, what="site.yaml")
    if config is None:
        return None
    for code, settings in config.languages.items():
        for slug in settings.topics if config.topics else ():
            if slug not in config.topics:
                diags.error(
                    positions.location(("languages", code, "topics", slug), key=True),
                    f"unknown topic '{slug}'; translate the topics listed under 'topics'"
                    f"{did_you_mean(slug, config.topics)}",
                )
    return config


def override(model: Any, **values: Any) -> Any:
    """A copy of `model` with the values that were actually given (None means 'not given')."""
    given = {k: v for k, v in values.items() if v is not None}
    return model.model_copy(update=given) if given else model

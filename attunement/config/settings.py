"""The schema of `site_src/site.yaml`, and command-line overrides of it."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from attunement.config.paths import Layout
from attunement.config.positions import load_yaml
from attunement.config.schema import SafeUrl, Slug, Strict
from attunement.config.validation import validate
from attunement.diagnostics import Diagnostics
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


class ServeOptions(Strict):
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)


class SiteConfig(Strict):
    title: str
    description: str = ""
    base_url: Annotated[str, AfterValidator(_base_url)] | None = None
    language: Annotated[str, AfterValidator(_language)] = "en"
    author: str = ""
    nav: list[Link] = []
    footer: str = ""
    crisis: Crisis
    disclaimer: str = DEFAULT_DISCLAIMER
    topics: dict[Slug, TopicSettings] = {}
    markdown: MarkdownOptions = MarkdownOptions()
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
    return validate(SiteConfig, data, positions, diags, what="site.yaml")


def override(model: Any, **values: Any) -> Any:
    """A copy of `model` with the values that were actually given (None means 'not given')."""
    given = {k: v for k, v in values.items() if v is not None}
    return model.model_copy(update=given) if given else model

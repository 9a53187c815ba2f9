"""The schema base for the author's YAML: strict models and the value types they share (ids, safe links).

Models are declarative (like MkDocs' config schema) and strict about unknown keys, so a typo is an
error with a suggestion instead of a setting silently ignored (validation.py reports it with its place).
"""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import quote

from pydantic import AfterValidator, BaseModel, ConfigDict


class Strict(BaseModel):
    """Base for every schema: unknown keys are errors and loaded values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def exactly_one(model: BaseModel, *names: str) -> None:
    """Refuse a model that gives more or fewer than one of these alternative keys."""
    if sum(getattr(model, name) is not None for name in names) != 1:
        listed = ", ".join(f"'{n}'" for n in names[:-1])
        raise ValueError(f"give exactly one of {listed} and '{names[-1]}'")


def _slug(value: str) -> str:
    if not is_slug(value):
        raise ValueError(f"'{value}' is not a valid id: {SLUG_RULE}, like 'secure-base'")
    return value


def is_slug(text: str) -> bool:
    """Ids and file names that become part of a web address: lowercase words of letters and digits, single hyphens."""
    return SLUG_RE.fullmatch(text) is not None


def address_problem(name: str, example: str, shown: str | None = None) -> str | None:
    """Why `name` cannot be (part of) a web address, each `/`-separated part checked, or None; `shown` is how
    the message names it (a file name with its suffix, say)."""
    if all(is_slug(part) for part in name.split("/")):
        return None
    return f"'{shown or name}' cannot be a web address: {SLUG_RULE}, like '{example}'"


def title_from_slug(slug: str) -> str:
    """A first title for something named only by its slug: `earned-security` -> `Earned security`."""
    return slug.replace("-", " ").capitalize()


def _safe_url(value: str) -> str:
    """Links an author may write: web, phone, text and mail links, or a path within the site."""
    scheme = value.split(":", 1)[0].lower() if ":" in value.split("/", 1)[0] else ""
    if scheme and scheme not in SAFE_SCHEMES:
        raise ValueError(
            f"links with the '{scheme}:' scheme are not allowed; use http(s), mailto, tel, sms or a site path"
        )
    if not value.strip():
        raise ValueError("a link needs a URL")
    return quote(value.strip(), safe=URL_SAFE)  # '<', '"', spaces and the like become %XX


SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_RULE = "use lowercase letters, digits and single hyphens"
URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})
Slug = Annotated[str, AfterValidator(_slug)]
SafeUrl = Annotated[str, AfterValidator(_safe_url)]

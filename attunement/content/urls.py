"""Output paths and the relative links between them.

Every link in generated HTML is relative, so dist/ works under any sub-path and, with
`explicit_index`, straight from disk (`file://`), where a folder URL would not open its index.html.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def article_output(slug: str) -> str:
    return f"articles/{slug}/index.html"


def topic_output(slug: str) -> str:
    return f"topics/{slug}/index.html"


def page_output(name: str) -> str:
    """`index` is the home page and `404` the not-found page; other pages get a folder of their own."""
    if name == "index":
        return "index.html"
    if name == "404":
        return "404.html"
    return f"{name}/index.html"


def passes_through(href: str) -> bool:
    """Links that are not site paths and are left as written: web and other schemes (`https:`, `tel:`),
    protocol-relative `//host` and `#fragments`."""
    return href.startswith(("#", "//")) or SCHEME_RE.match(href) is not None


def url_of(output: str) -> str:
    """The clean site URL of an output path: `articles/x/index.html` -> `articles/x/`."""
    if output == "index.html":
        return ""
    return output[: -len("index.html")] if output.endswith("/index.html") else output


@dataclass(frozen=True)
class Localized:
    """A language's folder and the site paths published in it: a path written once, in the default language's
    terms (`about/`, `feed.xml`), leads that language's pages to its own version when it has one."""

    prefix: str
    published: frozenset[str]

    def __call__(self, path: str) -> str:
        if self.prefix and not path.startswith(self.prefix) and self.prefix + path in self.published:
            return self.prefix + path
        return path


@dataclass(frozen=True)
class Linker:
    """Makes site paths (`articles/x/`, `assets/site.css`) relative to the page at `output`."""

    output: str
    explicit_index: bool = False
    absolute: str | None = None
    """A base URL to make links absolute against (a single exported file links back to the site)."""
    localized: Localized | None = None
    """The language of the page: site paths lead to its own version of a page where it has one."""

    @classmethod
    def at_depth(
        cls, depth: int, explicit_index: bool = False, absolute: str | None = None, localized: Localized | None = None
    ) -> Linker:
        """A linker for any page `depth` folders below the root (links depend on nothing else)."""
        return cls("x/" * depth + "index.html", explicit_index, absolute, localized)

    @property
    def depth(self) -> int:
        return self.output.count("/")

    @property
    def root(self) -> str:
        return "../" * self.depth

    def exact(self, target: str) -> str:
        """A link to `target` in whichever language it is (a language switcher's), never to a translation."""
        return replace(self, localized=None)(target)

    def __call__(self, target: str = "") -> str:
        """`target` is a site path; absolute URLs (`https:`, `tel:`) and `#fragments` pass through."""
        if passes_through(target):
            return target
        path, hash_, fragment = target.partition("#")
        path = path.lstrip("/")
        if self.localized is not None:
            path = self.localized(path)
        if self.explicit_index and (path == "" or path.endswith("/")):
            path += "index.html"
        if self.absolute:
            return self.absolute + path + hash_ + fragment
        if path == "" and not self.root:
            path = "./"
        return self.root + path + hash_ + fragment

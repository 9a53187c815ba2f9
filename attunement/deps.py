"""What each output depends on, as one key: equal keys mean byte-identical output.

An output's key digests the generator, the build settings, site.yaml, the theme assets, every
template its template extends, includes or imports, and what the route shows:
- a document page: its own source (its links are checked again by `LinkLog`s, see links.py);
- everything else, and any page whose templates read site-wide listings (`articles`, `quizzes`,
  `topics`, `pages`, `sitemap`, or the `articles` filter): the front matter of every document, every
  quiz definition with its body files, and the list of outputs.

A body edit therefore re-renders one page; a title edit also re-renders the pages that list titles.
Templates that read another document's rendered HTML or headings defeat this analysis, so with
them nothing is reused (correct, only slower).
"""

from __future__ import annotations

from functools import lru_cache

import jinja2
from jinja2 import meta, nodes

from .cache import digest, generator
from .content import Document
from .routes import Route
from .site import Site

LISTINGS = frozenset({"articles", "quizzes", "topics", "pages", "sitemap", "links"})
"""Context variables that hold the whole site rather than the page being rendered."""
_PARSER = jinja2.Environment()
"""Only parses: what a template reads does not depend on the site's environment options."""


class Dependencies:
    def __init__(self, site: Site, env: jinja2.Environment, routes: list[Route], settings: str):
        self.env = env
        self._templates: dict[str, tuple[str, bool, bool]] = {}
        assets = sorted(p for d in site.layout.asset_dirs() for p in d.rglob("*") if p.is_file())
        self.base = digest(generator(), settings, site.config.model_dump_json(),
                           *(part for p in assets for part in (str(p), p.read_bytes())))
        self.sitewide = digest(
            *(f"{d.source.path}\0{d.kind}\0{d.name}\0{d.front_matter}" for d in site.documents),
            *(b.source.text for q in site.quizzes for b in [q, *q.bodies.values()]),
            *(r.output for r in routes),
        )
        self.reusable = not any(self._template(name)[2] for name in env.list_templates()
                                if name.endswith((".html", ".xml", ".txt")) or "." not in name)

    def key(self, route: Route) -> str:
        """The route's key; a copied file is keyed by its bytes, generated data by itself."""
        if route.template is None:
            data = route.file.read_bytes() if route.file is not None else route.data or b""
            return digest(self.base, route.output, data)
        closure, listings, _ = self._template(route.template)
        page = route.page
        if isinstance(page, Document):
            return digest(self.base, route.output, closure, page.source.digest, self.sitewide if listings else "")
        return digest(self.base, route.output, closure, type(page).__name__, getattr(page, "slug", ""),
                      getattr(getattr(page, "result", None), "id", ""), self.sitewide)

    def _template(self, name: str) -> tuple[str, bool, bool]:
        """(digest of the template and all it pulls in, whether any reads listings, whether any defeats analysis)."""
        if name not in self._templates:
            seen: dict[str, str] = {}
            listings = opaque = False
            pending = [name]
            while pending:
                current = pending.pop()
                if current in seen:
                    continue
                seen[current] = self.env.loader.get_source(self.env, current)[0]  # type: ignore[union-attr]
                referenced, reads_listings, reads_others = _analyse(seen[current])
                pending += self.env.list_templates() if None in referenced else referenced
                listings |= reads_listings
                opaque |= reads_others
            closure = digest(*(part for n in sorted(seen) for part in (n, seen[n])))
            self._templates[name] = (closure, listings, opaque)
        return self._templates[name]


@lru_cache(maxsize=512)
def _analyse(source: str) -> tuple[tuple[str | None, ...], bool, bool]:
    """What one template pulls in (None: a computed name), whether it reads listings or other documents.

    Kept between builds (parsing every template again would cost more than `serve`'s whole rebuild).
    """
    try:
        tree = _PARSER.parse(source)
    except jinja2.TemplateSyntaxError:  # rendering reports it where it stands; assume the worst meanwhile
        return (None,), True, True
    names = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}
    return (tuple(meta.find_referenced_templates(tree)), bool(LISTINGS & names) or _uses_filter(tree, "articles"),
            _reads_other_documents(tree))


def _uses_filter(tree: nodes.Template, name: str) -> bool:
    return any(f.name == name for f in tree.find_all(nodes.Filter))


def _reads_other_documents(tree: nodes.Template) -> bool:
    """`x.html` or `x.headings` on anything but `page`, or `toc(x)` of another document."""
    for node in tree.find_all(nodes.Getattr):
        if node.attr in ("html", "headings") and not (isinstance(node.node, nodes.Name) and node.node.name == "page"):
            return True
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "toc":
            if not all(isinstance(a, nodes.Name) and a.name == "page" for a in call.args):
                return True
    return False

"""The content pipeline: what a build writes, and that every link in it works from any sub-path."""

from __future__ import annotations

import html.parser
import posixpath
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import MINIMAL_CONFIG, ROOT, article, attune, snapshot, write_site

from attunement.files.writer import replace_atomically


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None and tag != "base":
                self.refs.append(value)
            if name == "id" and value:
                self.ids.add(value)


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def internal_refs(dist: Path) -> list[tuple[Path, str]]:
    refs = []
    for page in sorted(dist.rglob("*.html")):
        for ref in parse(page).refs:
            if not ref.startswith(("http:", "https:", "mailto:", "tel:", "sms:", "#")):
                refs.append((page, ref))
    return refs


def resolve(dist: Path, page: Path, ref: str) -> Path:
    rel = posixpath.normpath(posixpath.join(page.parent.relative_to(dist).as_posix(), ref.split("#")[0]))
    target = dist / rel
    return target / "index.html" if target.is_dir() else target


def test_every_internal_link_is_relative_and_resolves(bundled_dist: Path) -> None:
    refs = internal_refs(bundled_dist)
    assert len(refs) > 100
    for page, ref in refs:
        assert not ref.startswith("/"), f"{page}: '{ref}' is not relative"
        if page.name == "404.html":
            continue  # resolved against <base href>, checked in test_404_resolves_links_from_the_site_root
        assert resolve(bundled_dist, page, ref).is_file(), f"{page.relative_to(bundled_dist)}: broken '{ref}'"


def test_fragment_links_point_at_existing_ids(bundled_dist: Path) -> None:
    for page in bundled_dist.rglob("*.html"):
        parsed = parse(page)
        for ref in parsed.refs:
            if "#" in ref and not ref.startswith(("http", "mailto")):
                path, fragment = ref.split("#", 1)
                target = resolve(bundled_dist, page, path) if path else page
                assert fragment in parse(target).ids, f"{page}: '{ref}' has no target"


def test_site_basics(bundled_dist: Path) -> None:
    home = (bundled_dist / "index.html").read_text()
    assert '<html lang="en">' in home
    assert '<a class="skip-link" href="#main">' in home and '<main id="main"' in home
    assert '<nav aria-label="Main">' in home and "<footer" in home and "<header" in home
    assert 'rel="icon" href="assets/favicon.svg"' in home and (bundled_dist / "assets/favicon.svg").is_file()
    assert '<link rel="canonical" href="https://attunement.example.org/">' in home
    assert '<meta property="og:title" content="Attunement">' in home
    assert "Content-Security-Policy" in home and "unsafe-inline" not in home

    robots = (bundled_dist / "robots.txt").read_text()
    assert "Sitemap: https://attunement.example.org/sitemap.xml" in robots

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "a": "http://www.w3.org/2005/Atom"}
    locs = [e.text for e in ET.parse(bundled_dist / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    pages = [p for p in bundled_dist.rglob("*.html") if p.name != "404.html"]
    assert len(locs) == len(pages)
    assert "https://attunement.example.org/articles/anxious-attachment/" in locs

    feed = ET.parse(bundled_dist / "feed.xml").getroot()
    entries = feed.findall("a:entry", ns)
    articles = list((bundled_dist / "articles").glob("*/index.html"))
    assert len(entries) == len(articles)
    dates = [e.find("a:published", ns).text for e in entries]
    assert dates == sorted(dates, reverse=True)


def test_404_resolves_links_from_the_site_root(bundled_dist: Path) -> None:
    text = (bundled_dist / "404.html").read_text()
    assert '<base href="/">' in text, "the site's path, so the page works on any host and never loads from another"
    for ref in parse(bundled_dist / "404.html").refs:
        if not ref.startswith(("http", "tel", "#")):
            assert resolve(bundled_dist, bundled_dist / "404.html", ref).is_file(), ref


def test_markdown_features_and_md_links(site: Path) -> None:
    body = """\
Intro with a footnote.[^1] See [the first](first.md#top-part) and the [home](/).

## Top part

| Feeling | Move |
|---|---|
| fear | pursue |

### Sub part

## Second part

## Third part

~~old~~ text and `code`.

[^1]: The note.
"""
    write_site(
        site,
        {
            "site_src/articles/second.md": article("Second", body),
            "site_src/articles/first.md": article("First", "## Top part\n\nx\n"),
        },
        config=None,
    )
    assert attune("build", "--strict", cwd=site).returncode == 0
    html = (site / "dist/articles/second/index.html").read_text()
    assert '<a href="../../articles/first/#top-part">the first</a>' in html
    assert '<a href="../../">home</a>' in html
    assert "<table>" in html and "<th>Feeling</th>" in html
    assert '<h2 id="top-part">Top part</h2>' in html and '<h3 id="sub-part">Sub part</h3>' in html
    assert 'class="footnotes"' in html and "<s>old</s>" in html
    toc = html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="#top-part">' in toc and '<a href="#sub-part">' in toc and '<a href="#third-part">' in toc
    first = (site / "dist/articles/first/index.html").read_text()
    assert '<nav class="toc"' not in first, "short articles get no table of contents"


def test_raw_html_is_escaped_unless_the_site_opts_in(site: Path) -> None:
    body = '<script>alert(1)</script>\n\n<div class="box">hi</div>\n'
    write_site(site, {"site_src/articles/first.md": article("First", body)}, config=None)
    assert attune("build", cwd=site).returncode == 0
    html = (site / "dist/articles/first/index.html").read_text()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    write_site(site, {"site_src/site.yaml": MINIMAL_CONFIG + "markdown:\n  raw_html: true\n"}, config=None)
    assert attune("build", cwd=site).returncode == 0
    assert '<div class="box">hi</div>' in (site / "dist/articles/first/index.html").read_text()


def test_front_matter_is_escaped_in_templates(site: Path) -> None:
    write_site(site, {"site_src/articles/first.md": article('"<img src=x onerror=alert(1)>"')}, config=None)
    assert attune("build", cwd=site).returncode == 0
    html = (site / "dist/articles/first/index.html").read_text()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_topics_list_their_articles(site: Path) -> None:
    assert attune("build", cwd=site).returncode == 0
    topic = (site / "dist/topics/basics/index.html").read_text()
    assert "First article" in topic and "Second article" in topic
    assert "Basics" in (site / "dist/topics/index.html").read_text()


def test_without_base_url_there_is_no_sitemap_feed_or_canonical(site: Path) -> None:
    assert attune("build", cwd=site).returncode == 0
    dist = site / "dist"
    assert not (dist / "sitemap.xml").exists() and not (dist / "feed.xml").exists()
    assert "canonical" not in (dist / "index.html").read_text()
    assert "Sitemap:" not in (dist / "robots.txt").read_text()


def test_site_templates_and_assets_override_the_theme(site: Path) -> None:
    write_site(
        site,
        {
            "templates/page.html": "{% extends 'base.html' %}{% block main %}<p>custom {{ page.title }}</p>{% endblock %}\n",
            "templates/static/site.css": "body { color: red; }\n",
            "site_src/pages/about.md": "---\ntitle: About\n---\n",
            "site_src/static/images/logo.txt": "copied as is",
        },
        config=None,
    )
    assert attune("build", cwd=site).returncode == 0
    assert "<p>custom About</p>" in (site / "dist/about/index.html").read_text()
    assert (site / "dist/assets/site.css").read_text() == "body{color:red}", "the site's own style, minified"
    assert (site / "dist/assets/favicon.svg").is_file(), "files the site does not override come from the theme"
    assert (site / "dist/images/logo.txt").read_text() == "copied as is"


class _Boom(Exception):
    pass


class _Out:
    def __init__(self, path: str, content: bytes):
        self.path, self.content, self.file = path, content, None


def test_a_failed_write_leaves_the_previous_output_and_no_temporary_folders(tmp_path: Path) -> None:
    dest = tmp_path / "dist"
    replace_atomically([_Out("index.html", b"old"), _Out("a/index.html", b"old a")], dest)
    before = snapshot(dest)

    def failing():
        yield _Out("index.html", b"new")
        raise _Boom

    with pytest.raises(_Boom):
        replace_atomically(failing(), dest)
    assert snapshot(dest) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]

    replace_atomically([_Out("index.html", b"new")], dest)
    assert snapshot(dest) == {"index.html": b"new"}, "a successful build replaces the whole folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def test_quiz_page_assets_stay_within_the_8_kb_budget() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "bench/quiz_budget.py")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "within budget" in result.stdout


def test_json_schemas_are_published(bundled_dist: Path) -> None:
    import json

    quiz = json.loads((bundled_dist / "schemas/quiz.schema.json").read_text())
    assert set(quiz["required"]) == {"title", "description", "dimensions", "results"}
    assert quiz["additionalProperties"] is False
    site = json.loads((bundled_dist / "schemas/site.schema.json").read_text())
    assert "crisis" in site["required"]


def test_headers_file_carries_the_same_policy_for_hosts_that_take_headers(bundled_dist: Path) -> None:
    headers = (bundled_dist / "_headers").read_text()
    home = (bundled_dist / "index.html").read_text()
    policy = home.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0].replace("&#39;", "'")
    assert f"Content-Security-Policy: {policy}\n" in headers, (
        "no frame-ancestors: /embed/ pages are framed by other sites"
    )
    assert "X-Content-Type-Options: nosniff" in headers and "&#39;" not in headers

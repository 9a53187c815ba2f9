"""Incremental builds: after any sequence of edits, reusing the last build gives the same bytes as a clean one.

The site is the bundled one (articles linking to each other and to headings, topics, pages, two
quizzes with body files). Hypothesis draws sequences of edits of every kind an author makes; after
each edit the test builds incrementally (as `attune build` does, cache on disk, and as `attune serve`
does, cache in memory) and from nothing, and compares every output file and every warning.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest
from conftest import ROOT, attune, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attunement import pool as parallel
from attunement.build import Incremental, build, compile_site
from attunement.config.paths import Layout
from attunement.content.documents import SourceMemo
from attunement.diagnostics import BuildError
from attunement.incremental import cache as build_cache
from attunement.memo import Recent
from attunement.plan import search
from attunement.quiz import bounds
from attunement.render import recorder
from attunement.render.markdown import Markdown

Edit = Callable[[Path, random.Random], None]


def _articles(root: Path) -> list[Path]:
    return sorted((root / "site_src/articles").glob("*.md"))


def _rewrite(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def edit_body(root: Path, rng: random.Random) -> None:
    """A paragraph with links: to another article, sometimes to a heading that may not exist, to a site path."""
    target = rng.choice(_articles(root)).name
    anchor = rng.choice(["", "#what-helps", "#no-such-heading", "#the-cycle"])
    path = rng.choice(["/quizzes/", "/nowhere/", "/topics/"])
    _rewrite(rng.choice(_articles(root)), lambda t: t + f"\nSee [this]({target}{anchor}) and [that]({path}).\n")


def add_heading(root: Path, rng: random.Random) -> None:
    _rewrite(
        rng.choice(_articles(root)),
        lambda t: t + f"\n## {rng.choice(['What helps', 'No such heading', 'Later'])}\n\nText.\n",
    )


def edit_title(root: Path, rng: random.Random) -> None:
    _rewrite(
        rng.choice(_articles(root)),
        lambda t: re.sub(r"^title: .*$", f"title: Retitled {rng.randrange(99)}", t, count=1, flags=re.M),
    )


def edit_summary_and_order(root: Path, rng: random.Random) -> None:
    _rewrite(
        rng.choice(_articles(root)),
        lambda t: (
            t.replace("---\n", f"---\norder: {rng.randrange(9)}\n", 1)
            if "\norder:" not in t
            else re.sub(r"^order: \d+$", f"order: {rng.randrange(9)}", t, count=1, flags=re.M)
        ),
    )


def toggle_draft(root: Path, rng: random.Random) -> None:
    extra = [p for p in _articles(root) if p.name.startswith("extra-")]
    if extra:
        _rewrite(
            rng.choice(extra),
            lambda t: (
                t.replace("draft: false", "draft: X")
                .replace("draft: true", "draft: false")
                .replace("draft: X", "draft: true")
            ),
        )


def add_article(root: Path, rng: random.Random) -> None:
    target = rng.choice(_articles(root)).name
    name = f"extra-{rng.randrange(1000)}.md"
    (root / "site_src/articles" / name).write_text(
        f"---\ntitle: Extra {name}\nsummary: Added.\ntopics: [{rng.choice(['anxious', 'secure', 'hope'])}]\n"
        f"date: 2026-0{rng.randrange(1, 9)}-1{rng.randrange(9)}\ndraft: false\n---\n\n## Part\n\nSee [it]({target}).\n",
        encoding="utf-8",
    )


def remove_or_rename_article(root: Path, rng: random.Random) -> None:
    """Only articles no quiz names as related (removing those is an error, tested elsewhere)."""
    extra = [p for p in _articles(root) if p.name.startswith("extra-")]
    if extra:
        victim = rng.choice(extra)
        if rng.random() < 0.5:
            victim.unlink()
        else:
            victim.rename(victim.with_name(f"extra-{rng.randrange(1000, 2000)}.md"))


def edit_page(root: Path, rng: random.Random) -> None:
    _rewrite(root / "site_src/pages/about.md", lambda t: t + f"\nMore about us, part {rng.randrange(99)}.\n")


def edit_site_yaml(root: Path, rng: random.Random) -> None:
    _rewrite(
        root / "site_src/site.yaml",
        lambda t: re.sub(r"^title: .*$", f"title: Attunement {rng.randrange(99)}", t, count=1, flags=re.M),
    )


def edit_topic(root: Path, rng: random.Random) -> None:
    _rewrite(
        root / "site_src/site.yaml",
        lambda t: t.replace("title: Secure attachment", f"title: Security {rng.randrange(9)}"),
    )


def edit_quiz(root: Path, rng: random.Random) -> None:
    quiz = rng.choice(sorted((root / "quizzes").glob("*.yaml")))
    _rewrite(quiz, lambda t: re.sub(r"^title: .*$", f"title: Quiz {rng.randrange(99)}", t, count=1, flags=re.M))


def edit_quiz_body(root: Path, rng: random.Random) -> None:
    body = rng.choice(sorted((root / "quizzes").rglob("*.md")))
    _rewrite(body, lambda t: t + f"\nOne more thought, number {rng.randrange(99)}.\n")


def edit_template(root: Path, rng: random.Random) -> None:
    """A site override of a partial that every listing includes, or of the article template."""
    theme = ROOT / "templates"
    name = rng.choice(["_article_list.html", "article.html", "_care.html"])
    target = root / "templates" / name
    target.parent.mkdir(exist_ok=True)
    source = target.read_text(encoding="utf-8") if target.exists() else (theme / name).read_text(encoding="utf-8")
    target.write_text(source + f"<!-- edit {rng.randrange(99)} -->\n", encoding="utf-8")


def edit_translation(root: Path, rng: random.Random) -> None:
    """A Spanish translation of an article added, edited (with a link, to the original's name) or removed."""
    originals = [p for p in _articles(root) if p.suffixes == [".md"]]
    original = rng.choice(originals)
    translation = original.with_name(original.stem + ".es.md")
    if translation.exists() and rng.random() < 0.4 and translation.name != "anxious-avoidant-cycle.es.md":
        translation.unlink()
    elif translation.exists():
        target = rng.choice(originals).name
        _rewrite(translation, lambda t: t + f"\nVer [también]({target}), parte {rng.randrange(99)}.\n")
    else:
        text = original.read_text(encoding="utf-8")
        translation.write_text(re.sub(r"^title: .*$", "title: Traducido", text, count=1, flags=re.M), encoding="utf-8")


def edit_quiz_translation(root: Path, rng: random.Random) -> None:
    _rewrite(
        root / "quizzes/attachment-style.es.yaml",
        lambda t: re.sub(r"^title: .*$", f'title: "Cuestionario {rng.randrange(99)}"', t, count=1, flags=re.M),
    )


def _override(root: Path, name: str, snippet: str) -> None:
    """Put `snippet` into the site's copy of a theme template: inside its main block, or at the end of a partial."""
    target = root / "templates" / name
    target.parent.mkdir(exist_ok=True)
    source = (
        target.read_text(encoding="utf-8")
        if target.exists()
        else (ROOT / "templates" / name).read_text(encoding="utf-8")
    )
    block = "{% block main %}"
    source = source.replace(block, block + snippet, 1) if block in source else source + snippet
    target.write_text(source, encoding="utf-8")


READERS = [
    "{{ articles[0].html|safe }}",
    "{{ articles|map(attribute='html')|join|length }}",
    "{% for a in articles %}{{ a['title'] }}|{{ a.meta.order }};{% endfor %}",
    "{{ articles|selectattr('meta.date')|sort(attribute='meta.date')|map(attribute='title')|join(', ') }}",
    "{% for author, items in articles|groupby('meta.author') %}{{ author }}{{ items|length }}{% endfor %}",
    "{% for t in topics %}{{ t.title }}:{{ t.articles|map(attribute='summary')|join('/') }}{% endfor %}",
    "{{ topic_titles|dictsort|join(',') }}",
    "{{ pages['about'].html|safe }}{{ pages|length }}",
    "{% for q in quizzes %}{{ q.quiz.title }}{{ q.quiz.results|map(attribute='title')|join }}{% endfor %}",
    "{% macro heads(doc) %}{% for h in doc.headings %}{{ h.text }}{% endfor %}{% endmacro %}{{ heads(articles|last) }}",
    "{% set outline = toc(articles[1]) %}{{ outline|length }}",
    "{{ (articles|first)|attr('html')|length }}{{ articles|length }}",
    "{% include '_reader.html' %}",
    "{{ sitemap|length }}",
]
"""Template code that reads the site in many ways: attributes and items, filters, loops, macros, includes."""


def override_reader(root: Path, rng: random.Random) -> None:
    """A site template that shows other documents, topics or quizzes, put where pages of every kind include it."""
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates/_reader.html").write_text(
        "{{ articles|map(attribute='headings')|map('length')|sum }}", encoding="utf-8"
    )
    _override(
        root,
        rng.choice(["page.html", "_care.html", "topic.html", "home.html"]),
        f'<div class="reader">{rng.choice(READERS)}</div>',
    )


def edit_static(root: Path, rng: random.Random) -> None:
    static = root / "site_src/static"
    static.mkdir(exist_ok=True)
    name = rng.choice(["note.txt", "extra.html"])
    if (static / name).exists() and rng.random() < 0.5:
        (static / name).unlink()
    else:
        (static / name).write_text(f"<!doctype html><title>x</title>{rng.randrange(99)}\n", encoding="utf-8")


EDITS: list[Edit] = [
    edit_body,
    add_heading,
    edit_title,
    edit_summary_and_order,
    toggle_draft,
    add_article,
    remove_or_rename_article,
    edit_page,
    edit_site_yaml,
    edit_topic,
    edit_quiz,
    edit_quiz_body,
    edit_template,
    edit_translation,
    edit_quiz_translation,
    edit_static,
    override_reader,
    override_reader,
]


def _bundled_site(tmp: Path) -> Path:
    root = tmp / "site"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(ROOT / "site_src", root / "site_src")
    shutil.copytree(ROOT / "quizzes", root / "quizzes")
    return root


def _compile(layout: Layout, incremental: Incremental | None) -> tuple[dict[str, bytes], list[str]] | list[str]:
    """Files and warnings of a preview build (drafts included), or its errors."""
    try:
        compiled = compile_site(layout, include_drafts=True, incremental=incremental, processes=False)
    except BuildError as exc:
        return [str(d) for d in exc.diagnostics]
    if incremental is not None:
        incremental.cache = compiled.cache
    files = {o.path: o.read() for o in compiled.outputs}
    return files, [str(w) for w in compiled.warnings]


def _build(layout: Layout, output: Path, clean: bool) -> tuple[dict[str, bytes], list[str]] | list[str]:
    try:
        built = build(layout, output=output, clean=clean)
    except BuildError as exc:
        return [str(d) for d in exc.diagnostics]
    return snapshot(output), built.warnings


@settings(
    max_examples=int(os.environ.get("ATTUNE_INCREMENTAL_EXAMPLES", "6")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(st.sampled_from(EDITS), min_size=3, max_size=6), seed=st.integers(0, 2**32 - 1))
def test_incremental_output_equals_clean_output(tmp_path: Path, edits: list[Edit], seed: int) -> None:
    root = _bundled_site(tmp_path)
    layout = Layout(root)
    rng = random.Random(seed)
    preview = Incremental(memo=SourceMemo(), shards=Recent())
    _build(layout, tmp_path / "dist", clean=False)
    _compile(layout, preview)
    for edit in edits:
        edit(root, rng)
        incremental, clean = (
            _build(layout, tmp_path / "dist", clean=False),
            _build(layout, tmp_path / "clean", clean=True),
        )
        assert incremental == clean, f"after {edit.__name__}: attune build differs from a clean build"
        assert _compile(layout, preview) == _compile(layout, None), f"after {edit.__name__}: the preview differs"


def test_reuse_is_real(tmp_path: Path) -> None:
    """The property above would hold if nothing were ever reused: show that an edit re-renders only what depends on it."""
    root = _bundled_site(tmp_path)
    layout = Layout(root)
    first = build(layout, output=tmp_path / "dist")
    assert first.rendered == first.outputs
    assert build(layout, output=tmp_path / "dist").rendered == 0

    edit_page(root, random.Random(1))  # a page body: only that page, and the search index holding its words
    assert build(layout, output=tmp_path / "dist").rendered == 2

    article = root / "site_src/articles/secure-attachment.md"
    _rewrite(article, lambda t: t + "\nA new closing line.\n")  # a body: only that article, and the index
    assert build(layout, output=tmp_path / "dist").rendered == 2

    _rewrite(article, lambda t: re.sub(r"^title: .*$", "title: Security, retitled", t, count=1, flags=re.M))
    relisted = build(
        layout, output=tmp_path / "dist"
    )  # a title: that article and every page that lists or links titles
    documents = len(list((root / "site_src").rglob("*.md")))
    assert 1 < relisted.rendered < relisted.outputs - documents + 2
    assert "Security, retitled" in (tmp_path / "dist/articles/index.html").read_text()

    assert build(layout, output=tmp_path / "dist", clean=True).rendered == relisted.outputs


def test_a_template_edit_parses_no_markdown_and_analyses_no_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsed Markdown, each page's search shard and each quiz's reachable scores are kept by content in
    `.attune-cache/`: after a template edit every article is rendered again, yet nothing is parsed, analysed or
    listed again, and the output is a clean build's."""
    root = _bundled_site(tmp_path)
    layout = Layout(root)
    build(layout, output=tmp_path / "dist")

    def never(*args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(Markdown, "_parse", never)
    monkeypatch.setattr(search, "shard", never)
    monkeypatch.setattr(bounds, "_reachable", never)
    _override(root, "article.html", "<p>Edited.</p>")
    again = build(layout, output=tmp_path / "dist")
    assert again.rendered >= len(_articles(root))
    monkeypatch.undo()
    build(layout, output=tmp_path / "clean", clean=True)
    assert snapshot(tmp_path / "dist") == snapshot(tmp_path / "clean")


def test_cli_reports_unchanged_builds_and_clean_ignores_the_cache(tmp_path: Path) -> None:
    root = _bundled_site(tmp_path)
    first = attune("build", cwd=root)
    assert first.returncode == 0, first.stderr
    assert (root / ".attune-cache/.gitignore").is_file()

    again = attune("build", cwd=root)
    assert again.returncode == 0 and "(nothing changed)" in again.stdout

    (root / "dist/index.html").write_text("tampered", encoding="utf-8")  # the output is checked, not trusted
    repaired = attune("build", cwd=root)
    assert "(nothing changed)" not in repaired.stdout
    assert "tampered" not in (root / "dist/index.html").read_text()

    cache_file = next((root / ".attune-cache").glob("build-*.json"))
    cache_file.write_text("{not json")  # a damaged cache is ignored: everything is rendered again
    damaged = attune("build", cwd=root)
    assert damaged.returncode == 0 and "unchanged" not in damaged.stdout and "(nothing changed)" not in damaged.stdout
    assert json.loads(cache_file.read_text())["format"] == build_cache.FORMAT  # and written afresh
    elsewhere = tmp_path / "elsewhere"  # the same files, times kept, outside the site: a cache naming it is ignored
    shutil.copytree(root / "dist", elsewhere, copy_function=shutil.copy2)
    cache_file.write_text(
        cache_file.read_text().replace(json.dumps(str(root.resolve() / "dist")), json.dumps(str(elsewhere)))
    )
    foreign = attune("build", cwd=root).stdout
    assert "unchanged" not in foreign and "nothing changed" not in foreign, (
        "files are reused only from this site's output folder"
    )
    clean = attune("build", "--clean", cwd=root)
    assert clean.returncode == 0 and "unchanged" not in clean.stdout
    assert attune("build", cwd=root).stdout.endswith("(nothing changed)\n")
    os.utime(root / "dist/index.html")  # a touched output is rebuilt rather than trusted
    assert "(nothing changed)" not in attune("build", cwd=root).stdout


FIRST = "site_src/articles/anxious-attachment.md"
"""The first article in the bundled site's order (`order: 1`)."""


def test_a_damaged_link_record_renders_its_page_again(tmp_path: Path) -> None:
    """Link records are decoded from the cache only when a build needs them; one that does not decode then is
    not an error: its page is rendered again."""
    root = _bundled_site(tmp_path)
    assert attune("build", cwd=root).returncode == 0
    cache_file = next((root / ".attune-cache").glob("build-*.json"))
    data = json.loads(cache_file.read_text())
    page = "articles/anxious-attachment/index.html"
    data["entries"][page]["record"] = {"ids": []}  # its log is missing
    cache_file.write_text(json.dumps(data))
    before = (root / "dist" / page).stat().st_ino
    other = root / "site_src/articles/secure-attachment.md"
    other.write_text(other.read_text() + "\nA new closing line.\n")
    result = attune("build", cwd=root)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert (root / "dist" / page).stat().st_ino != before, "the page was kept rather than rendered again"


def test_a_source_is_read_again_unless_its_size_and_settled_time_vouch_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each source's hash is kept with its size and modification time, as git's index keeps them, so a build with
    nothing to do reads no source. A same-size edit whose time was set back is still noticed while that time is
    within SETTLED_NS of the last hashing: a coarse file-system clock may not have ticked between the two saves."""
    root = _bundled_site(tmp_path)
    article = root / FIRST
    os.utime(article)  # saved just now
    assert attune("build", cwd=root).returncode == 0
    saved = article.stat()
    text = article.read_text()
    edited = text[::-1].replace("suoixna", "SUOIXNA", 1)[::-1]  # the body's last "anxious"
    assert len(edited) == len(text) and edited != text
    article.write_text(edited)
    os.utime(article, ns=(saved.st_atime_ns, saved.st_mtime_ns))  # same size, same time
    again = attune("build", cwd=root)
    assert "(nothing changed)" not in again.stdout, "a recent time does not vouch for the content"
    assert "ANXIOUS" in (root / "dist/articles/anxious-attachment/index.html").read_text()

    article.write_text(text)
    settled = article.stat().st_mtime_ns - 10 * build_cache.SETTLED_NS  # long settled, like the other sources
    os.utime(article, ns=(settled, settled))
    assert attune("build", cwd=root).returncode == 0
    opened: list[str] = []

    def counted(path: str, *args: str) -> IO[bytes]:
        opened.append(path)
        return open(path, *args)

    monkeypatch.setattr(build_cache, "open", counted, raising=False)
    last = build_cache.last_build(Layout(root), None, None, clean=False)
    assert last.current and opened == [], "a build with nothing to do read sources again"


@pytest.mark.parametrize(
    "snippet",
    [
        '<div id="probe">{{ articles[0].html|safe }}</div>',
        '<div id="probe">{% set outline = toc(articles[0]) %}{{ outline|length }}</div>',
    ],
)
def test_pages_reading_another_document_follow_its_edits(
    tmp_path: Path, snippet: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page that shows another document's body is rendered again when that body changes, and only then."""
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)  # share the work out, as a large site would
    root = _bundled_site(tmp_path)
    _override(root, "page.html", snippet)
    layout = Layout(root)
    build(layout, output=tmp_path / "dist")
    assert build(layout, output=tmp_path / "dist").rendered == 0  # nothing changed: nothing to do
    _rewrite(root / "site_src/articles/secure-attachment.md", lambda t: t + "\nMore.\n")
    # another article's body: only its own page (and the search index, which holds its words)
    assert build(layout, output=tmp_path / "dist").rendered == 2
    _rewrite(root / FIRST, lambda t: t + "\n## A new last section\n\nMore.\n")
    # 404.html extends page.html; a translation shows the articles of its own language
    pages = [p for p in (root / "site_src/pages").glob("*.md") if p.stem != "index" and "." not in p.stem]
    assert build(layout, output=tmp_path / "dist").rendered == 2 + len(pages), "its page, the index, pages showing it"
    build(layout, output=tmp_path / "clean", clean=True)
    assert snapshot(tmp_path / "dist") == snapshot(tmp_path / "clean")
    if "html" in snippet:  # another document's body really is on the page, whichever process rendered it
        assert re.search(r'<div id="probe"><(p|h2)', (tmp_path / "dist/about/index.html").read_text())


def test_without_recording_reads_an_incremental_build_goes_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The recorder is what keeps incremental builds exact: with it switched off, the same edit leaves a stale page."""
    root = _bundled_site(tmp_path)
    _override(root, "page.html", "<div>{{ articles|map(attribute='title')|join(', ') }}</div>")
    layout = Layout(root)

    def edit_and_compare() -> bool:
        build(layout, output=tmp_path / "dist", clean=True)
        _rewrite(root / FIRST, lambda t: re.sub(r"^title: .*$", f"title: Renamed {len(t)}", t, count=1, flags=re.M))
        build(layout, output=tmp_path / "dist")
        build(layout, output=tmp_path / "clean", clean=True)
        return snapshot(tmp_path / "dist") == snapshot(tmp_path / "clean")

    assert edit_and_compare()
    monkeypatch.setattr(recorder, "note", lambda token: None)
    assert not edit_and_compare(), "nothing noted, nothing re-rendered: the about page keeps the old title"


def test_library_versions_are_read_as_importlib_metadata_reads_them() -> None:
    """The generator's key names each output-shaping library's version without importing importlib.metadata."""
    from importlib import metadata

    from attunement.incremental.cache import OUTPUT_LIBRARIES, installed

    assert installed(OUTPUT_LIBRARIES) == {name: metadata.version(name) for name in OUTPUT_LIBRARIES}
    assert "snowballstemmer" in OUTPUT_LIBRARIES, "stems shape the search index"

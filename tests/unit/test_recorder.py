"""The dependency recorder (render/recorder.py, render/views.py): a render notes exactly the facts of the site it reads."""

from __future__ import annotations

import jinja2
import pytest
from conftest import ROOT

from attunement.config.paths import Layout
from attunement.config.settings import load_config
from attunement.content.loading import load_sites
from attunement.diagnostics import Diagnostics
from attunement.render import recorder
from attunement.render.views import SiteViews

A = "site_src/articles/anxious-attachment.md"


@pytest.fixture(scope="module")
def views() -> SiteViews:
    layout = Layout(ROOT)
    diags = Diagnostics(ROOT)
    config = load_config(layout, diags)
    assert config is not None
    site = load_sites(layout, config, diags, include_drafts=False)[0]
    return SiteViews(site, lambda doc: (f"<p>{doc.name}</p>", []))


def reads(source: str, views: SiteViews, templates: dict[str, str] | None = None) -> set[str]:
    """What rendering `source` notes, with the site's listings in the context as the renderer puts them."""
    env = recorder.RecordingEnvironment(loader=jinja2.DictLoader({"page.html": source, **(templates or {})}))
    context = {"articles": views.articles, "topics": views.topics, "pages": views.pages, "page": views.articles[0]}
    with recorder.recording() as noted:
        env.get_template("page.html").render(context)
    return noted - {"template:page.html"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ page.url }}{{ page.name }}", set()),
        ("{{ page.title }}", {f"meta:{A}"}),
        ("{{ page['summary'] }}", {f"meta:{A}"}),
        ("{{ page.html }}", {f"body:{A}", "docs"}),
        ("{{ page|attr('headings') }}", {f"body:{A}", "docs"}),
        ("{{ articles|length }}", {"list:articles"}),
        ("{{ pages['about'].url }}", {"list:pages"}),
    ],
)
def test_each_way_of_reading_notes_the_fact_it_read(views: SiteViews, source: str, expected: set[str]) -> None:
    assert reads(source, views) == expected


def test_filters_loops_macros_and_includes_note_every_document_they_touch(views: SiteViews) -> None:
    source = (
        "{% macro titles(items) %}{% for a in items %}{{ a.title }}{% endfor %}{% endmacro %}"
        "{{ titles(articles) }}{% include 'part.html' %}"
    )
    noted = reads(source, views, {"part.html": "{{ articles|map(attribute='html')|join }}"})
    keys = {f"site_src/articles/{a.name}.md" for a in views.articles}
    assert {f"meta:{k}" for k in keys} | {f"body:{k}" for k in keys} | {
        "list:articles",
        "docs",
        "template:part.html",
    } == noted


def test_a_topic_notes_itself_and_hands_out_its_members_as_views(views: SiteViews) -> None:
    topic = views.topics[0]
    with recorder.recording() as noted:
        members = topic.articles
        assert members and all(m in views.articles for m in members)
    assert noted == {f"topic:{topic.slug}"}


def test_nothing_is_noted_outside_a_render(views: SiteViews) -> None:
    views.articles[0].title  # noqa: B018 - the read itself is the test
    with recorder.recording() as noted:
        pass
    assert noted == set()

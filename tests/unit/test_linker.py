"""Relative links between outputs (content/urls.py): any page to any site path, from a server or from disk."""

from __future__ import annotations

import pytest

from attunement.content.urls import Linker, passes_through, url_of


@pytest.mark.parametrize(
    ("page", "target", "expected"),
    [
        ("index.html", "", "./"),
        ("index.html", "articles/x/", "articles/x/"),
        ("articles/x/index.html", "", "../../"),
        ("articles/x/index.html", "/quizzes/q/#start", "../../quizzes/q/#start"),
        ("quizzes/q/results/r/index.html", "assets/site.css", "../../../../assets/site.css"),
    ],
)
def test_site_paths_become_relative_to_the_page(page: str, target: str, expected: str) -> None:
    assert Linker(page)(target) == expected


def test_pages_opened_from_disk_name_their_index_files() -> None:
    linker = Linker("articles/x/index.html", explicit_index=True)
    assert linker("") == "../../index.html"
    assert linker("topics/a/#top") == "../../topics/a/index.html#top"
    assert linker("assets/site.css") == "../../assets/site.css"


def test_a_single_file_links_back_to_the_site_absolutely() -> None:
    linker = Linker("quiz.html", absolute="https://example.org/guide/")
    assert linker("articles/x/") == "https://example.org/guide/articles/x/"


@pytest.mark.parametrize("href", ["https://example.org/", "tel:988", "mailto:a@b.c", "//cdn.example/x.js", "#top"])
def test_links_that_are_not_site_paths_pass_through(href: str) -> None:
    assert passes_through(href)
    assert Linker("articles/x/index.html")(href) == href


@pytest.mark.parametrize("href", ["articles/x/", "/quizzes/", "other.md", ""])
def test_site_paths_do_not_pass_through(href: str) -> None:
    assert not passes_through(href)


def test_clean_urls_of_outputs() -> None:
    assert url_of("index.html") == ""
    assert url_of("articles/x/index.html") == "articles/x/"
    assert url_of("feed.xml") == "feed.xml"

"""The built site in headless Chromium: a reader follows links from the home page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_home_to_article(page, bundled_url: str) -> None:
    page.goto(bundled_url)
    assert page.title() == "Attunement"
    page.get_by_role("link", name="Anxious attachment: when closeness never feels quite safe").first.click()
    page.wait_for_url("**/articles/anxious-attachment/")
    assert page.locator("h1").inner_text() == "Anxious attachment: when closeness never feels quite safe"
    assert page.locator(".prose h2").count() >= 3
    care = page.locator("aside.care")
    assert "988" in care.inner_text() and "not a diagnosis" in care.inner_text()
    page.get_by_role("link", name="Topics", exact=True).click()
    page.wait_for_url("**/topics/")
    assert page.locator("h1").inner_text() == "Topics"


def test_skip_link_is_first_and_visible_on_focus(page, bundled_url: str) -> None:
    page.goto(bundled_url + "articles/secure-attachment/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0, "the skip link comes into view when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

"""On a device someone else may pick up: what a quiz keeps, where and for how long, proved in Chromium,
and tied to the privacy pages (the bundled site's and the starter's), which must say exactly that."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlparse

import pytest
from conftest import attune, serving

pytestmark = pytest.mark.browser

REMEMBER = "Remember my answers on this device"
EVERYTHING_STORED = """async () => {
  const all = (storage) => Object.fromEntries(Object.keys(storage).map((k) => [k, storage.getItem(k)]));
  return {local: all(localStorage), session: all(sessionStorage),
          indexedDB: (await indexedDB.databases()).map((d) => d.name), caches: await caches.keys()};
}"""
NOTHING = {"local": {}, "session": {}, "indexedDB": [], "caches": [], "cookies": []}


def stored(page) -> dict:
    """Every key of every storage the origin has, with its value, and the context's cookies."""
    return {**page.evaluate(EVERYTHING_STORED), "cookies": page.context.cookies()}


@dataclass(frozen=True)
class Site:
    url: str
    quiz: str
    requests: list[str]
    """Every request line the site's server received."""

    @property
    def quiz_url(self) -> str:
        return f"{self.url}quizzes/{self.quiz}/"

    @property
    def key(self) -> str:
        return f"attune:answers:{self.quiz}"


@pytest.fixture(scope="module")
def starter_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site `attune new site` starts, built as its author would."""
    folder = tmp_path_factory.mktemp("starter") / "site"
    assert attune("new", "site", str(folder)).returncode == 0
    built = attune("build", "--strict", "-o", str(folder / "dist"), cwd=folder)
    assert built.returncode == 0, built.stderr
    return folder / "dist"


@pytest.fixture(scope="module")
def sites(bundled_dist: Path, starter_dist: Path) -> Iterator[dict[str, Site]]:
    bundled_log: list[str] = []
    starter_log: list[str] = []
    with serving(bundled_dist, requests=bundled_log) as bundled, serving(starter_dist, requests=starter_log) as starter:
        yield {
            "bundled": Site(bundled, "attachment-style", bundled_log),
            "starter": Site(starter, "closeness-and-distance", starter_log),
        }


def answer_all(page) -> None:
    for name in page.eval_on_selector_all("fieldset[data-item]", "els => els.map(e => e.dataset.item)"):
        page.locator(f'input[name="{name}"]').nth(1).check()


def first_item(page) -> str:
    return page.eval_on_selector("fieldset[data-item]", "e => e.dataset.item")


def see_result(page) -> str:
    """Submit the answered quiz and wait for its result page; returns the result's address, scores included."""
    page.click("form[data-quiz] button[type=submit]")
    page.wait_for_url("**/results/**#*")
    assert page.locator("[data-scores]").is_visible()
    return page.url


# Each behaviour: checked in Chromium on a site, and the sentence its privacy page must say about it.


def kept_only_in_the_tab(browser, site: Site) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.quiz_url)
    assert not page.get_by_role("checkbox", name=REMEMBER).is_checked(), "remembering is opt-in"
    answer_all(page)
    checked = page.eval_on_selector_all("input:checked", "els => els.map(e => e.name + '=' + e.value)")
    page.reload()
    assert page.eval_on_selector_all("input:checked", "els => els.map(e => e.name + '=' + e.value)") == checked
    result = see_result(page)
    page.go_back()
    page.wait_for_url(site.quiz_url)
    assert page.eval_on_selector_all("input:checked", "els => els.map(e => e.name + '=' + e.value)") == checked, (
        "the trip to the result and back keeps the answers"
    )
    kept = stored(page)
    assert kept["local"] == {} and list(kept["session"]) == [site.key]
    assert set(json.loads(kept["session"][site.key])) <= {"answers", "order"}, "scoring kept no scores in the tab"
    page.close()
    page = context.new_page()  # as after closing the tab: a new one in the same browser
    for url in (site.url, result.split("#")[0], site.quiz_url):
        page.goto(url)
        assert stored(page) == NOTHING, url
    assert page.locator("input:checked").count() == 0
    context.close()


def kept_on_the_device_when_ticked(browser, site: Site) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.quiz_url)
    item = first_item(page)
    page.check(f'input[name="{item}"][value="1"]')
    page.get_by_role("checkbox", name=REMEMBER).check()
    assert "this device" in page.locator("[data-message]").inner_text()
    kept = stored(page)
    assert list(kept["local"]) == [site.key] and kept["session"] == {}
    page.close()
    page = context.new_page()
    page.goto(site.quiz_url)
    assert page.is_checked(f'input[name="{item}"][value="1"]'), "a later visit finds the remembered answers"
    box = page.get_by_role("checkbox", name=REMEMBER)
    assert box.is_checked(), "and shows that they are remembered"
    box.uncheck()
    kept = stored(page)
    assert kept["local"] == {} and list(kept["session"]) == [site.key], "unticking keeps them for the tab only"
    assert page.is_checked(f'input[name="{item}"][value="1"]')
    context.close()


def cleared_from_tab_and_device(browser, site: Site) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.quiz_url)
    for remember in (True, False):
        page.check(f'input[name="{first_item(page)}"][value="1"]')
        page.get_by_role("checkbox", name=REMEMBER).set_checked(remember)
        assert stored(page) != NOTHING
        page.click("[data-clear]")
        assert stored(page) == NOTHING
        message = page.locator("[data-message]").inner_text()
        assert "cleared" in message and "tab" in message and "device" in message
        assert page.locator("input:checked").count() == 0, "the box is unticked and no answer is left"
        page.reload()
        assert page.locator("input:checked").count() == 0 and stored(page) == NOTHING
    context.close()


def change_line(page) -> list[str]:
    return page.eval_on_selector_all("[data-change]:not([hidden])", "els => els.map(e => e.textContent)")


def retake(page, site: Site) -> str:
    """Back to the quiz, another answer to the first statement, and scored again; the new result's address."""
    page.goto(site.quiz_url)
    item = first_item(page)
    value = page.eval_on_selector(f'input[name="{item}"]:checked', "e => e.value")
    page.check(f'input[name="{item}"][value="{1 if value != "1" else 2}"]')
    return see_result(page)


def scores_kept_with_remembered_answers(browser, site: Site) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.quiz_url)
    answer_all(page)
    see_result(page)
    retake(page, site)
    assert change_line(page) == [], "not remembered: no change shown"
    assert all(set(json.loads(v)) <= {"answers", "order"} for v in stored(page)["session"].values()), "none kept"
    page.goto(site.quiz_url)
    page.get_by_role("checkbox", name=REMEMBER).check()
    first = see_result(page)
    kept = stored(page)
    assert kept["session"] == {} and list(kept["local"]) == [site.key], "the same entry as the answers"
    [result] = json.loads(kept["local"][site.key])["results"]
    assert set(result) == {"date", "scores"}
    assert all(result["scores"][d] == float(v) for d, v in parse_qsl(urlparse(first).fragment)), "the shown scores"
    second = retake(page, site)
    assert change_line(page), "a remembered earlier result: the change is shown"
    assert all(" on " + result["date"] in line for line in change_line(page))
    page.goto(site.quiz_url)
    page.get_by_role("checkbox", name=REMEMBER).uncheck()
    page.goto(second)
    assert change_line(page) == [], "unticked: the scores go to the tab with the answers, and no change shows"
    page.close()
    page = context.new_page()  # as after closing the tab
    page.goto(second)
    assert stored(page) == NOTHING and change_line(page) == []
    page.goto(site.quiz_url)
    page.get_by_role("checkbox", name=REMEMBER).check()
    answer_all(page)
    see_result(page)
    retake(page, site)
    assert change_line(page)
    page.goto(site.quiz_url)
    page.click("[data-clear]")
    assert stored(page) == NOTHING, "“Clear my answers” removes the scores too"
    context.close()


def scored_in_the_browser(browser, site: Site) -> None:
    context = browser.new_context()
    page = context.new_page()
    sent: list[tuple[str, str, str | None]] = []
    page.on("request", lambda r: sent.append((r.method, r.url, r.post_data)))
    before = len(site.requests)
    page.goto(site.quiz_url)
    answer_all(page)
    see_result(page)
    page.wait_for_load_state("networkidle")
    origin = urlparse(site.url).netloc
    assert all(method == "GET" and body is None and urlparse(url).netloc == origin for method, url, body in sent), sent
    assert all("?" not in line for line in site.requests[before:]), "no request carries anything but a file's path"
    context.close()


def scores_only_in_the_fragment(browser, site: Site) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.quiz_url)
    answer_all(page)
    result = see_result(page)
    page.wait_for_load_state("networkidle")
    dimensions = [d["id"] for d in json.loads(page.text_content("#attune-quiz-key"))["scores"]]
    assert all(f"{d}=" in urlparse(result).fragment for d in dimensions)
    assert not [line for line in site.requests if any(f"{d}=" in line for d in dimensions)], "no server saw a score"
    for value in stored(page)["session"].values():
        assert set(json.loads(value)) <= {"answers", "order"}, "storage holds answers, never scores"
    context.close()


def history_lists_result_pages(browser, site: Site) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.quiz_url)
    answer_all(page)
    result = see_result(page)
    page.go_back()
    page.go_forward()
    assert page.url == result, "the history entry carries the scores"
    context.close()


def searched_in_the_browser(browser, site: Site) -> None:
    context = browser.new_context()
    page = context.new_page()
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url))
    before = len(site.requests)
    page.goto(site.url)
    box = page.locator("form[data-search] input[type=search]").first
    box.fill("worried partner")
    box.press("Enter")
    page.wait_for_url("**/search/#q=worried%20partner")
    page.locator("[data-search-status]").filter(has_text="worried partner").wait_for()
    origin = urlparse(site.url).netloc
    assert all(urlparse(url).netloc == origin for url in sent), sent
    assert not [line for line in site.requests[before:] if "worried" in line or "?" in line], "no server saw the words"
    assert stored(page) == NOTHING, "searching keeps nothing"
    context.close()


@dataclass(frozen=True)
class Promise:
    says: str
    """The sentence both privacy pages must contain."""
    check: Callable[..., None]
    contradicts: tuple[str, ...]
    """Absolute claims (regular expressions) that would make the page untrue."""
    dice: str = ""
    """The sentence the bundled site's Spanish privacy page must contain (the same scripts keep the promise)."""


PROMISES = {
    "tab": Promise(
        "Unless you tick “Remember my answers on this device”, your answers are kept only in this tab, "
        "and your browser forgets them when you close it.",
        kept_only_in_the_tab,
        (r"\b(stores?|keeps?|saves?) nothing\b", r"\bnothing (is|gets) (stored|kept|saved)\b"),
        "Si no marcas «Recordar mis respuestas en este dispositivo», tus respuestas se guardan solo en esta pestaña, "
        "y tu navegador las olvida cuando la cierras.",
    ),
    "remember": Promise(
        "If you tick that box, your answers stay on this device until you press “Clear my answers”.",
        kept_on_the_device_when_ticked,
        (r"\banswers are never (kept|stored|saved)\b",),
        "Si marcas esa casilla, tus respuestas se quedan en este dispositivo hasta que pulses «Borrar mis respuestas».",
    ),
    "scores": Promise(
        "If you tick that box, scoring a quiz also keeps your scores and the date on this device, next to your "
        "answers, so that your next result can show how your scores moved; “Clear my answers” removes them too.",
        scores_kept_with_remembered_answers,
        (r"\bnever your scores\b", r"\bscores are never (put|kept|stored|saved)\b", r"\bonly your quiz answers,"),
        "Si marcas esa casilla, al puntuar un cuestionario también se guardan en este dispositivo tus puntuaciones y "
        "la fecha, junto a tus respuestas, para que tu próximo resultado pueda mostrar cómo se han movido tus "
        "puntuaciones; «Borrar mis respuestas» también las elimina.",
    ),
    "clear": Promise(
        "“Clear my answers” removes them from this tab and from this device.",
        cleared_from_tab_and_device,
        (r"\bcannot be (cleared|removed|deleted)\b",),
        "«Borrar mis respuestas» las elimina de esta pestaña y de este dispositivo.",
    ),
    "scored": Promise(
        "Your answers are scored by your own browser and are never sent anywhere.",
        scored_in_the_browser,
        (r"\b(sends?|uploads?) your answers\b",),
        "Tus respuestas las puntúa tu propio navegador y nunca se envían a ningún sitio.",
    ),
    "search": Promise(
        "Searching this site happens in your browser too: the words you search for are never sent anywhere and are "
        "not kept.",
        searched_in_the_browser,
        (r"\bsearch(es)? (are|is) (sent|logged|stored|kept)\b",),
        "La búsqueda de este sitio también ocurre en tu navegador: las palabras que buscas nunca se envían a ningún "
        "sitio y no se guardan.",
    ),
    "fragment": Promise(
        "Your scores travel only in the part of the address after “#”, which browsers never send to a server.",
        scores_only_in_the_fragment,
        (r"\bscores are (sent|uploaded|stored)\b",),
        "Tus puntuaciones viajan solo en la parte de la dirección que va después de «#», que los navegadores nunca "
        "envían a un servidor.",
    ),
    "history": Promise(
        "Your browser's history can still list the result pages you visited, scores included. "
        "A private window, or clearing your history afterwards, avoids that.",
        history_lists_result_pages,
        (r"\bno trace\b", r"\bleaves? nothing behind\b", r"\bnever (appears?|shows? up) in\b[^.]*\bhistory\b"),
        "Aun así, el historial de tu navegador puede mostrar las páginas de resultados que visitaste, con las "
        "puntuaciones incluidas. Para evitarlo, usa una ventana privada o borra el historial después.",
    ),
}


@pytest.fixture(scope="module")
def privacy_texts(browser, sites: dict[str, Site]) -> dict[str, str]:
    """Each built privacy page as a reader gets it: its description and main text, whitespace collapsed."""
    context = browser.new_context()
    page = context.new_page()
    texts = {}
    for name, site in sites.items():
        page.goto(site.url + "privacy/")
        text = page.get_attribute('meta[name="description"]', "content") + " " + page.inner_text("main")
        texts[name] = " ".join(text.split())
    context.close()
    return texts


@pytest.mark.parametrize("site", ["bundled", "starter"])
@pytest.mark.parametrize("promise", PROMISES)
def test_each_storage_rule_holds_and_the_privacy_page_says_so(
    browser, sites, privacy_texts, promise: str, site: str
) -> None:
    rule = PROMISES[promise]
    rule.check(browser, sites[site])
    text = privacy_texts[site]
    assert rule.says in text, f"the {site} privacy page must say: {rule.says}"
    for claim in rule.contradicts:
        found = re.search(claim, text, re.IGNORECASE)
        assert not found, f"the {site} privacy page claims {found[0]!r}"


def test_the_quiz_works_when_the_browser_refuses_storage(browser, sites) -> None:
    site = sites["bundled"]
    context = browser.new_context()
    context.add_init_script("""for (const name of ["localStorage", "sessionStorage"]) {
      Object.defineProperty(window, name, { get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });
    }""")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site.quiz_url)
    box = page.get_by_role("checkbox", name=REMEMBER)
    box.click()
    assert not box.is_checked(), "the box never claims what the browser refused"
    assert "cannot" in page.locator("[data-message]").inner_text()
    answer_all(page)
    see_result(page)
    assert errors == []
    context.close()


def test_open_statements_are_counted_in_words(browser, sites) -> None:
    site = sites["starter"]  # its quiz allows no unanswered statement, so one left open counts
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.quiz_url)
    items = page.eval_on_selector_all("fieldset[data-item]", "els => els.map(e => e.dataset.item)")
    for open_count in (1, 2):
        page.click("[data-clear]")
        for name in items[open_count:]:
            page.check(f'input[name="{name}"][value="1"]')
        page.click("form[data-quiz] button[type=submit]")
        message = page.locator("[data-message]").inner_text()
        expected = "1 statement still open" if open_count == 1 else "2 statements still open"
        assert expected in message, message
    context.close()


def test_the_spanish_privacy_page_makes_every_promise_with_the_buttons_the_reader_sees(browser, sites) -> None:
    """The Spanish pages run the scripts the promises above are proved on; their privacy page must say the same
    things, naming the controls by the words the Spanish quiz shows."""
    site = sites["bundled"]
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url + "es/privacy/")
    text = " ".join((page.get_attribute('meta[name="description"]', "content") + " " + page.inner_text("main")).split())
    missing = [name for name, promise in PROMISES.items() if promise.dice not in text]
    assert not missing, f"the Spanish privacy page must make the promises {missing}"
    page.goto(site.url + f"es/quizzes/{site.quiz}/")
    remember = page.locator("label:has(input[data-remember])").inner_text().strip()
    clear = page.locator("[data-clear]").inner_text().strip()
    assert f"«{remember}»" in text and f"«{clear}»" in text, (remember, clear)
    context.close()

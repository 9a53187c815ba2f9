"""Hostile content and hostile files: payloads build into pages that run none of them (only the theme's own scripts,
and the search library and index the search on the not-found page loads); bad paths are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, article, attune, serving, write_site

INSPECT = """() => {
  const handlers = [...document.querySelectorAll('*')].flatMap(el =>
    [...el.attributes].filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name));
  const links = [...document.querySelectorAll('[href],[src],[action],[formaction]')]
    .map(el => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action') || el.getAttribute('formaction'))
    .filter(v => /^\\s*(javascript|data:text|vbscript)/i.test(v));
  const scripts = [...document.scripts].filter(s =>
    !(s.type === 'application/json' && !s.src) && !(s.type === 'module' && /assets\\/[a-z]+\\.js$/.test(s.src))
    && !(s.src.startsWith(location.origin) && /\\/(assets\\/vendor\\/minisearch|search\\/index)\\.js$/.test(s.src)))
    .map(s => s.outerHTML.slice(0, 80));
  const frames = document.querySelectorAll('iframe, object, embed').length;
  return {handlers, links, scripts, frames};
}"""


@pytest.mark.browser
def test_payloads_build_and_run_nowhere(browser, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = attune("build", "-o", str(out), cwd=FIXTURES / "hostile")
    assert result.returncode == 0, result.stderr
    context = browser.new_context()
    context.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective));"
    )
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    paths = [p.relative_to(out).as_posix().removesuffix("index.html") for p in sorted(out.rglob("*.html"))]
    paths += [
        "quizzes/evil/results/low/#a=1.00&b=2.00",
        "quizzes/evil/results/high/#a=<script>alert(1)</script>&b=1",
        "quizzes/evil/results/high/#a=3.00&b=javascript:alert(1)",
    ]
    with serving(out) as url:
        for path in paths:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            found = page.evaluate(INSPECT)
            assert found == {"handlers": [], "links": [], "scripts": [], "frames": 0}, path
            assert page.evaluate("window.__csp") == [], path
        page.goto(url + "quizzes/evil/")
        page.check('input[name="a-1"][value="3"]')
        page.check('input[name="b-1"][value="1"]')
        page.click("form[data-quiz] button[type=submit]")
        page.wait_for_url("**/results/high/#*")
        page.wait_for_load_state("networkidle")
        assert page.evaluate(INSPECT)["handlers"] == []
        for link in page.locator("a").all():
            href = link.get_attribute("href") or ""
            assert not href.lower().lstrip().startswith(("javascript", "data:text")), href
    context.close()
    assert dialogs == []


def test_raw_html_opt_in_is_documented_as_trusted_authors_only() -> None:
    readme = (FIXTURES.parent.parent / "README.md").read_text()
    assert "raw_html: true" in readme and "trusted" in readme


@pytest.mark.parametrize(
    "files, expected",
    [
        (
            {"site_src/articles/big.md": article("Big", "word " * 500_000)},
            "site_src/articles/big.md:1:1: file is 2,500,",
        ),
        ({"site_src/articles/first.md": article("First", slug="../../etc")}, "unknown key 'slug'"),
        (
            {"site_src/articles/first.md": article("First", template="../../../etc/passwd")},
            "unknown template '../../../etc/passwd'",
        ),
        (
            {"quizzes/Evil Name.yaml": "title: x\n"},
            "quizzes/Evil Name.yaml:1:1: file name 'Evil Name.yaml' cannot be a web address",
        ),
        ({"site_src/pages/..md": "---\ntitle: dots\n---\n"}, "file name '..md' cannot be a web address"),
    ],
)
def test_hostile_files_get_errors_not_crashes(site: Path, files: dict, expected: str) -> None:
    write_site(site, files, config=None)
    result = attune("build", cwd=site)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert expected in result.stderr, result.stderr
    assert not (site / "dist").exists()

"""Every kind of bad input: `path:line:col: message` on stderr, exit 1, no traceback, previous dist/ untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL_CONFIG, article, attune, snapshot, write_site

CASES = {
    "yaml syntax in site.yaml": (
        {"site_src/site.yaml": MINIMAL_CONFIG + "nav: [unclosed\n"},
        "site_src/site.yaml:9:1: YAML syntax error",
    ),
    "yaml syntax in front matter": (
        {"site_src/articles/first.md": "---\ntitle: ok\nsummary: [a, b\n---\nBody\n"},
        "site_src/articles/first.md:3:15: YAML syntax error: expected ',' or ']'",
    ),
    "front matter never closed": (
        {"site_src/articles/first.md": "---\ntitle: ok\n\nBody\n"},
        "site_src/articles/first.md:1:1: front matter opened with '---' on line 1 is never closed",
    ),
    "no front matter": (
        {"site_src/articles/first.md": "Just text.\n"},
        "site_src/articles/first.md:1:1: missing front matter",
    ),
    "wrong type in front matter": (
        {"site_src/articles/first.md": article("First", date="yesterday")},
        "site_src/articles/first.md:3:7: date: expected a date like 2026-01-31",
    ),
    "wrong type in site.yaml": (
        {"site_src/site.yaml": MINIMAL_CONFIG + "strict: sometimes\n"},
        "site_src/site.yaml:8:9: strict: expected true or false",
    ),
    "unknown key in site.yaml": (
        {"site_src/site.yaml": MINIMAL_CONFIG + "descriptoin: x\n"},
        "site_src/site.yaml:8:1: unknown key 'descriptoin' in site.yaml (did you mean 'description'?)",
    ),
    "unknown nested key in site.yaml": (
        {"site_src/site.yaml": MINIMAL_CONFIG + "markdown:\n  raw_htm: true\n"},
        "site_src/site.yaml:9:3: unknown key 'raw_htm' in markdown (did you mean 'raw_html'?)",
    ),
    "unknown key in front matter": (
        {"site_src/articles/first.md": article("First", sumary="x")},
        "site_src/articles/first.md:3:1: unknown key 'sumary' in front matter (did you mean 'summary'?)",
    ),
    "missing title": (
        {"site_src/articles/first.md": "---\nsummary: x\n---\nBody\n"},
        "site_src/articles/first.md:2:1: missing required key 'title'",
    ),
    "duplicate key": (
        {"site_src/articles/first.md": "---\ntitle: a\ntitle: b\n---\nBody\n"},
        "site_src/articles/first.md:3:1: duplicate key 'title'",
    ),
    "unknown template": (
        {"site_src/articles/first.md": article("First", template="artcle.html")},
        "site_src/articles/first.md:3:11: unknown template 'artcle.html' (did you mean 'article.html'?)",
    ),
    "template syntax error": (
        {"templates/article.html": "{% extends 'base.html' %}\n{% block main %}{% if %}{% endblock %}\n"},
        "templates/article.html:2:1: template error",
    ),
    "broken link under strict": (
        {
            "site_src/site.yaml": MINIMAL_CONFIG + "strict: true\n",
            "site_src/articles/first.md": article("First", "Intro.\n\nSee [the other](secnd.md) page.\n"),
        },
        "site_src/articles/first.md:7:17: broken link 'secnd.md': no article or page at site_src/articles/secnd.md (did you mean 'second.md'?)",
    ),
    "broken anchor under strict": (
        {
            "site_src/site.yaml": MINIMAL_CONFIG + "strict: true\n",
            "site_src/articles/first.md": article("First", "See [one](second.md#onee).\n"),
        },
        "site_src/articles/first.md:5:11: broken link: 'second' has no heading '#onee' (did you mean 'one'?)",
    ),
    "not utf-8": (
        {"site_src/articles/first.md": b"---\ntitle: First\n---\n\nCaf\xe9\n"},
        "site_src/articles/first.md:5:4: file is not valid UTF-8 text",
    ),
    "binary file": (
        {"site_src/articles/first.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        "site_src/articles/first.md:1:1: file is not valid UTF-8 text",
    ),
    "two sources write one path": (
        {"site_src/pages/about.md": "---\ntitle: About\n---\n", "site_src/static/about/index.html": "<p>old</p>"},
        "site_src/static/about/index.html:1:1: writes 'about/index.html', which site_src/pages/about.md also writes",
    ),
    "bad file name": (
        {"site_src/articles/Bad Name.md": article()},
        "site_src/articles/Bad Name.md:1:1: file name 'Bad Name.md' cannot be a web address",
    ),
    "unknown topic": (
        {
            "site_src/site.yaml": MINIMAL_CONFIG + "topics:\n  basics: {title: Basics}\n",
            "site_src/articles/first.md": article("First", topics="[basics, basic]"),
        },
        "site_src/articles/first.md:3:18: unknown topic 'basic'; add it under 'topics' in site.yaml (did you mean 'basics'?)",
    ),
    "unsafe link scheme in site.yaml": (
        {
            "site_src/site.yaml": MINIMAL_CONFIG
            + "nav:\n  - {title: Home, url: /}\n  - {title: Bad, url: 'javascript:alert(1)'}\n"
        },
        "site_src/site.yaml:10:23: nav[2].url: links with the 'javascript:' scheme are not allowed",
    ),
    "impossible month in front matter": (
        {"site_src/articles/first.md": article("First", date="2026-13-45")},
        "site_src/articles/first.md:3:7: '2026-13-45' is not a real date (month must be 1..12)",
    ),
    "impossible day in site.yaml": (
        {"site_src/site.yaml": MINIMAL_CONFIG + "author: 2026-02-30\n"},
        "site_src/site.yaml:8:9: '2026-02-30' is not a real date (day is out of range for month)",
    ),
    "impossible time in front matter": (
        {"site_src/articles/first.md": article("First", updated="2026-01-31 25:00:00")},
        "site_src/articles/first.md:3:10: '2026-01-31 25:00:00' is not a real date and time (hour must be 0..23)",
    ),
    "value its tag cannot read": (
        {"site_src/articles/first.md": article("First", order="!!int many")},
        "site_src/articles/first.md:3:8: 'many' cannot be read as a whole number",
    ),
    "empty site.yaml": (
        {"site_src/site.yaml": "# only a comment\n"},
        "site_src/site.yaml:1:1: site.yaml is empty; it needs 'title' and 'crisis'",
    ),
    "site.yaml is a list": (
        {"site_src/site.yaml": "- title\n- crisis\n"},
        "site_src/site.yaml:1:1: site.yaml must be keys with values, like 'title: ...'; got a list",
    ),
    "empty front matter": (
        {"site_src/articles/first.md": "---\n---\nBody\n"},
        "site_src/articles/first.md:2:1: front matter is empty; it needs 'title'",
    ),
    "front matter is text": (
        {"site_src/articles/first.md": "---\nJust a title\n---\nBody\n"},
        "site_src/articles/first.md:2:1: front matter must be keys with values, like 'title: ...'; got text",
    ),
    "line break in a quoted key": (
        {"site_src/articles/first.md": '---\ntitle: First\n"sum\\nmary\\u2028": x\n---\nBody\n'},
        "site_src/articles/first.md:3:1: unknown key 'sum\\nmary\\u2028' in front matter (did you mean 'summary'?)\n",
    ),
    "key that is not a word": (
        {"site_src/site.yaml": MINIMAL_CONFIG + "markdown:\n  toc: true\n  ~: false\n"},
        "site_src/site.yaml:10:3: unknown key 'None' in markdown",
    ),
    "topic key that is not a word": (
        {"site_src/site.yaml": MINIMAL_CONFIG + "topics:\n  basics: {title: Basics}\n  1.5: {title: Half}\n"},
        "site_src/site.yaml:10:3: key '1.5' in topics: expected text, got a number",
    ),
    "nesting deeper than libyaml's stack": (
        {"site_src/site.yaml": MINIMAL_CONFIG + "author: " + "[" * 40_000 + "]" * 40_000 + "\n"},
        "site_src/site.yaml:8:58: nested more than 50 levels deep; no setting needs that many",
    ),
    "nesting deeper than Python's stack": (
        {"site_src/articles/first.md": "---\ntitle: First\nsummary: " + "{a: " * 2_000 + "}" * 2_000 + "\n---\n"},
        "site_src/articles/first.md:3:206: nested more than 50 levels deep; no setting needs that many",
    ),
    "surrogate escapes": (
        {"site_src/site.yaml": MINIMAL_CONFIG + 'author: "Ren\\ud83d\\ude00"\n'},
        "site_src/site.yaml:8:9: \\uD83D is not a character (it is half of a UTF-16 pair); write the character itself",
    ),
    "markdown and md of one name": (
        {"site_src/articles/first.markdown": article("First again")},
        "site_src/articles/first.md:1:1: writes 'articles/first/index.html', which site_src/articles/first.markdown also writes",
    ),
    "yaml anchors refused": (
        {"site_src/site.yaml": MINIMAL_CONFIG + "author: &a x\nfooter: *a\n"},
        "site_src/site.yaml:9:9: YAML anchors and aliases are not supported",
    ),
}


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_error_is_reported_with_position_and_dist_is_untouched(site: Path, files: dict, expected: str) -> None:
    first = attune("build", cwd=site)
    assert first.returncode == 0, first.stderr
    before = snapshot(site / "dist")

    write_site(site, files, config=None)
    result = attune("build", cwd=site)

    assert result.returncode == 1
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert snapshot(site / "dist") == before
    assert sorted(p.name for p in site.iterdir()) == sorted(
        [".attune-cache", "dist", "site_src", *(["templates"] if "templates/article.html" in files else [])]
    )


def test_every_error_of_a_run_is_reported_at_once(site: Path) -> None:
    write_site(
        site,
        {
            "site_src/site.yaml": MINIMAL_CONFIG.replace("title: Test site", "titel: Test site"),
        },
        config=None,
    )
    result = attune("build", cwd=site)
    assert result.returncode == 1
    assert "site_src/site.yaml:1:1: unknown key 'titel' in site.yaml (did you mean 'title'?)" in result.stderr
    assert "site_src/site.yaml:1:1: missing required key 'title'" in result.stderr

    write_site(
        site,
        {
            "site_src/articles/first.md": article("First", date="soon"),
            "site_src/articles/second.md": "---\ntitle: [x\n---\n",
            "site_src/pages/index.md": "no front matter\n",
        },
    )
    result = attune("build", cwd=site)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("site_src/")]
    assert [line.split(":")[0] for line in lines] == [
        "site_src/articles/first.md",
        "site_src/articles/second.md",
        "site_src/pages/index.md",
    ]
    assert result.stderr.rstrip().endswith("attune: 3 errors; nothing was written")


def test_broken_link_is_a_warning_without_strict(site: Path) -> None:
    write_site(site, {"site_src/articles/first.md": article("First", "See [gone](gone.md).\n")}, config=None)
    result = attune("build", cwd=site)
    assert result.returncode == 0
    assert "site_src/articles/first.md:5:12: warning: broken link 'gone.md'" in result.stderr
    assert result.stdout.startswith("Built ")


def test_missing_site_yaml(tmp_path: Path) -> None:
    result = attune("build", cwd=tmp_path)
    assert result.returncode == 1
    assert "site_src/site.yaml:1:1: site.yaml not found" in result.stderr
    assert not (tmp_path / "dist").exists()


def test_output_folder_that_would_replace_sources_is_refused(site: Path) -> None:
    for target in (".", "site_src", "site_src/out", ".."):
        result = attune("build", "-o", target, cwd=site)
        assert result.returncode == 1, target
        assert "refusing to write the site into" in result.stderr
    assert (site / "site_src" / "site.yaml").is_file()


def test_symlink_out_of_the_site_is_not_followed(site: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(article("Secret"), encoding="utf-8")
    (site / "site_src" / "articles" / "leak.md").symlink_to(secret)
    result = attune("build", cwd=site)
    assert result.returncode == 1
    assert "site_src/articles/leak.md:1:1: is a link to a file outside the site folder" in result.stderr


def test_every_impossible_date_of_a_file_is_reported(site: Path) -> None:
    write_site(
        site, {"site_src/articles/first.md": article("First", date="2026-02-30", updated="2026-13-01")}, config=None
    )
    result = attune("build", cwd=site)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "site_src/articles/first.md:3:7: '2026-02-30' is not a real date (day is out of range for month)",
        "site_src/articles/first.md:4:10: '2026-13-01' is not a real date (month must be 1..12)",
        "attune: 2 errors; nothing was written",
    ]


def test_markdown_extension_is_published_and_other_files_are_warned_about(site: Path) -> None:
    write_site(
        site,
        {
            "site_src/articles/third.markdown": article("Third", "Back to [first](first.md).\n"),
            "site_src/articles/first.md": article("First", "On to [third](third.markdown).\n"),
            "site_src/articles/notes.txt": "not an article",
            "site_src/articles/.DS_Store": "hidden",
            "site_src/pages/guide/old.html": "<p>old</p>",
        },
        config=None,
    )
    result = attune("build", cwd=site)
    assert result.returncode == 0, result.stderr
    assert (site / "dist/articles/third/index.html").is_file()
    assert '<a href="../../articles/third/">third</a>' in (site / "dist/articles/first/index.html").read_text()
    assert result.stderr.splitlines() == [
        "site_src/articles/notes.txt:1:1: warning: not a Markdown file (.md or .markdown); it is not published",
        "site_src/pages/guide/old.html:1:1: warning: not a Markdown file (.md or .markdown); it is not published",
    ]

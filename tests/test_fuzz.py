"""Fuzzing: generated sources and answers, valid and broken, never crash the generator.

Each example is built in-process (to run hundreds per test). A build either succeeds or raises
BuildError whose every diagnostic reads `path:line:col: message`; any other exception is a crash.
A failed build leaves the previous output exactly as it was, with no temporary folders behind.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXTURES, MINIMAL_CONFIG, snapshot, write_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attunement.build import build
from attunement.commands import main
from attunement.config.paths import Layout
from attunement.diagnostics import BuildError

BASE_QUIZ = yaml.safe_load((FIXTURES / "basics/site/quizzes/closeness.yaml").read_text())
DIAGNOSTIC = re.compile(r"^[^\n]+:\d+:\d+: \S")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.dates(),
    st.sampled_from(["", "../../etc", "secure", "<script>", "1e999"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, prefix + (index,))
    return found


@st.composite
def mutated_quizzes(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text(max_size=200))  # not even YAML, most of the time
    data = copy.deepcopy(BASE_QUIZ)
    for _ in range(draw(st.integers(0, 4))):
        path = draw(st.sampled_from(paths(data)[1:]))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "unknown", "number"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "delete":
            del parent[path[-1]]
        elif action == "unknown" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(values)
        else:
            parent[path[-1]] = draw(
                st.one_of(st.integers(-10, 10), st.floats(-10, 10), st.sampled_from([0, 1, 2.5, 3, 5]))
            )
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(st.text(max_size=200))
    keys = st.sampled_from(
        [
            "title",
            "summary",
            "topics",
            "date",
            "updated",
            "draft",
            "order",
            "author",
            "further_reading",
            "toc",
            "template",
            "titel",
        ]
    )
    meta = draw(st.dictionaries(keys, values, max_size=6))
    if kind > 2:
        meta["title"] = draw(st.text(min_size=1, max_size=30))
    body = draw(st.text(max_size=120)) + draw(st.sampled_from(["", "[x](missing.md)", "[y](#nope)", "## Heading"]))
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body


def check_build(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_site(
            Path(tmp), {"site_src/articles/keep.md": "---\ntitle: Keep\n---\nText.\n", **files}, config=MINIMAL_CONFIG
        )
        out = root / "dist"
        write_site(out, {"previous.txt": "the previous build"}, config=None)
        before = snapshot(out)
        try:
            build(Layout(root), output=out)
        except BuildError as exc:
            assert exc.diagnostics, "a failed build says why"
            for diagnostic in exc.diagnostics:
                assert DIAGNOSTIC.match(str(diagnostic)), str(diagnostic)
            assert snapshot(out) == before
        else:
            assert (out / "index.html").is_file()
        leftovers = [p.name for p in root.iterdir() if p.name.startswith(".dist.")]
        assert leftovers == []


@settings(
    max_examples=int(os.environ.get("ATTUNE_FUZZ_EXAMPLES", 150)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(mutated_quizzes())
def test_generated_quizzes_build_or_report_errors(text: str) -> None:
    check_build({"quizzes/fuzz.yaml": text})


@settings(
    max_examples=int(os.environ.get("ATTUNE_FUZZ_EXAMPLES", 150)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(front_matters())
def test_generated_front_matter_builds_or_reports_errors(text: str) -> None:
    check_build({"site_src/articles/fuzz.md": text, "site_src/pages/about.md": text})


# Every kind of source through the real command line: YAML values of every type the safe loader knows
# (and some it refuses), written as YAML text at random places of a valid site.yaml, front matter and
# quiz, and answers files for `attune score`. The CLI runs in-process (CliRunner) to run hundreds.

BASICS = FIXTURES / "basics/site"
CLI_DIAGNOSTIC = re.compile(r"^[^\n]+:\d+:\d+: ")
SUMMARY = re.compile(r"^attune: \d+ errors?")

yaml_scalars = st.one_of(
    st.sampled_from(
        [
            "null",
            "~",
            "true",
            "False",
            "yes",
            "off",
            "0",
            "-7",
            "0x1F",
            "0o17",
            "1_000",
            "190:20:30",
            "3.5",
            "-1e3",
            "1.0e+999",
            ".nan",
            ".NaN",
            ".inf",
            "-.inf",
            "2026-01-31",
            "2001-12-14t21:59:43.10-05:00",
            "2026-01-31 10:00:00",
            "2026-02-30",
            "2026-13-45",
            "0000-01-01",
            "2026-01-01 25:00:00",
            "2026-01-01T10:00:00+30:00",
            "!!binary aGVsbG8=",
            "!!binary '@@@'",
            "!!str 5",
            "!!str true",
            "!!int 7",
            "!!int many",
            "!!int ''",
            "!!float x",
            "!!float ''",
            "!!float 1",
            "!!bool maybe",
            "!!bool yes",
            "!!null ''",
            "!!timestamp nope",
            "!!timestamp 2026-02-30",
            "!!timestamp 2026-01-31",
            "!!str",
            "''",
            "secure",
            "../../etc",
            "'<script>'",
            "1e999",
            "!unknown x",
            "[" * 2_000 + "]" * 2_000,
        ]
    ),
    st.integers(-(10**6), 10**6).map(str),
    st.integers(4300, 5000).map(lambda digits: "9" * digits),  # more digits than Python reads as an int
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: yaml.safe_dump(f).removesuffix("\n...\n").strip()),
    st.text(max_size=12).map(lambda t: json.dumps(t)),  # a JSON string is a YAML double-quoted scalar
)
yaml_keys = st.one_of(
    st.sampled_from(
        ["title", "id", "min", "1", "2026-01-01", "2026-02-30", "null", "true", "1.5", "[1, 2]", "{a: 1}", "!!set {a}"]
    ),
    st.from_regex(r"[a-z_]{1,8}", fullmatch=True),
)


def _flow_mapping(pairs: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in pairs) + "}"


yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(yaml_keys, inner), max_size=3).map(_flow_mapping),
        st.lists(yaml_keys, max_size=3).map(lambda xs: "!!set {" + ", ".join(xs) + "}"),
        st.lists(st.tuples(yaml_keys, inner), max_size=3).map(
            lambda kv: "!!omap [" + ", ".join(_flow_mapping([p]) for p in kv) + "]"
        ),
        st.lists(st.tuples(yaml_keys, inner), max_size=3).map(
            lambda kv: "!!pairs [" + ", ".join(_flow_mapping([p]) for p in kv) + "]"
        ),
    ),
    max_leaves=6,
)


@st.composite
def yaml_sources(draw: st.DrawFn, data: Any) -> str:
    """`data` as block YAML with values replaced, and keys added, as YAML text of any type at random places."""
    data = copy.deepcopy(data)
    snippets: dict[str, str] = {}
    for index in range(draw(st.integers(1, 4))):
        marker = f"fuzz-marker-{index}"
        path = draw(st.sampled_from(paths(data)))
        if not path:
            return draw(yaml_values) + "\n"  # the whole document
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if isinstance(parent, dict) and draw(st.booleans()):
            parent[marker] = "fuzz-value"
            snippets[f"{marker}: fuzz-value"] = f"{draw(yaml_keys)}: {draw(yaml_values)}"
        else:
            parent[path[-1]] = marker
            snippets[marker] = draw(yaml_values)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    for marker, snippet in snippets.items():
        text = text.replace(marker, snippet)
    return text


SITE_DATA = yaml.safe_load((BASICS / "site_src/site.yaml").read_text())
ARTICLE_HEAD, ARTICLE_BODY = (
    (BASICS / "site_src/articles/reaching.md").read_text().removeprefix("---\n").split("\n---\n", 1)
)
ARTICLE_DATA = yaml.safe_load(ARTICLE_HEAD)


def run_cli(*args: str, input: bytes | None = None) -> None:
    """Exit status 0 or 1; on 1, every line but the summary is `path:line:col: message`; never a traceback."""
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    assert "Traceback" not in result.stderr
    if result.exit_code == 1:
        lines = result.stderr.splitlines()
        assert lines and SUMMARY.match(lines[-1]), result.stderr
        for line in lines[:-1]:
            assert CLI_DIAGNOSTIC.match(line), line


@settings(
    max_examples=int(os.environ.get("ATTUNE_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.sampled_from(["site", "article", "quiz"]).flatmap(
        lambda kind: st.tuples(
            st.just(kind), yaml_sources({"site": SITE_DATA, "article": ARTICLE_DATA, "quiz": BASE_QUIZ}[kind])
        )
    )
)
def test_every_yaml_type_anywhere_in_every_source_is_reported_by_the_cli(kind_and_text: tuple[str, str]) -> None:
    kind, text = kind_and_text
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        shutil.copytree(BASICS, root)
        target = {
            "site": "site_src/site.yaml",
            "article": "site_src/articles/reaching.md",
            "quiz": "quizzes/closeness.yaml",
        }[kind]
        (root / target).write_text(f"---\n{text}---\n{ARTICLE_BODY}" if kind == "article" else text, encoding="utf-8")
        run_cli("--site", str(root), "check")


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-3, 9),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=8),
        st.dates().map(str),
        st.just("2026-02-30"),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=5,
)
ITEM_IDS = [item["id"] for item in BASE_QUIZ["items"]]


@st.composite
def answers_files(draw: st.DrawFn) -> bytes:
    """Mostly objects of item ids (near misses, repeats and unknowns too), spaced out over lines; sometimes anything."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.binary(max_size=40))
    if kind == 1:
        return json.dumps(draw(json_values)).encode()
    members = [(item, str(draw(st.integers(1, 5)))) for item in ITEM_IDS if draw(st.integers(0, 3))]  # most answered
    keys = st.one_of(st.sampled_from(ITEM_IDS + ["clo-", "dis-3", "CLO-1", ""]), st.text(max_size=6))
    values = st.one_of(
        st.integers(0, 6).map(str),
        st.integers(4300, 5000).map(lambda digits: "9" * digits),  # too long for int()
        json_values.map(json.dumps),
    )
    for _ in range(draw(st.integers(0, 3))):  # then a few mistakes, anywhere
        members.insert(draw(st.integers(0, len(members))), (draw(keys), draw(values)))
    space = st.sampled_from(["", " ", "\n", "\n  ", "\t", "\r\n"])
    body = ",".join(f"{draw(space)}{json.dumps(k)}{draw(space)}:{draw(space)}{v}{draw(space)}" for k, v in members)
    return f"{draw(space)}{{{body}}}{draw(space)}".encode()


@pytest.fixture(scope="module")
def scoring_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("score") / "site"
    shutil.copytree(BASICS, root)
    return root


@settings(
    max_examples=int(os.environ.get("ATTUNE_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(answers_files(), st.booleans())
def test_every_answers_file_scores_or_is_reported_by_the_cli(scoring_site: Path, data: bytes, from_stdin: bool) -> None:
    if from_stdin:
        run_cli("--site", str(scoring_site), "score", "closeness", "-", input=data)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            answers = Path(tmp) / "answers.json"
            answers.write_bytes(data)
            run_cli("--site", str(scoring_site), "score", "closeness", str(answers))

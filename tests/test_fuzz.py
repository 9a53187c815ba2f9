"""Fuzzing: generated quiz definitions and front matter, valid and broken, never crash the generator.

Each example is built in-process (to run hundreds per test). A build either succeeds or raises
BuildError whose every diagnostic reads `path:line:col: message`; any other exception is a crash.
A failed build leaves the previous output exactly as it was, with no temporary folders behind.
"""

from __future__ import annotations

import copy
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attunement.build import build
from attunement.diagnostics import BuildError
from attunement.layout import Layout
from conftest import FIXTURES, MINIMAL_CONFIG, snapshot, write_site

BASE_QUIZ = yaml.safe_load((FIXTURES / "basics/site/quizzes/closeness.yaml").read_text())
DIAGNOSTIC = re.compile(r"^[^\n]+:\d+:\d+: \S")

scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 30), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(max_size=12), st.dates(), st.sampled_from(["", "../../etc", "secure", "<script>", "1e999"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                      max_leaves=6)


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
            parent[path[-1]] = draw(st.one_of(st.integers(-10, 10), st.floats(-10, 10), st.sampled_from([0, 1, 2.5, 3, 5])))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(st.text(max_size=200))
    keys = st.sampled_from(["title", "summary", "topics", "date", "updated", "draft", "order", "author",
                            "further_reading", "toc", "template", "titel"])
    meta = draw(st.dictionaries(keys, values, max_size=6))
    if kind > 2:
        meta["title"] = draw(st.text(min_size=1, max_size=30))
    body = draw(st.text(max_size=120)) + draw(st.sampled_from(["", "[x](missing.md)", "[y](#nope)", "## Heading"]))
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body


def check_build(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_site(Path(tmp), {"site_src/articles/keep.md": "---\ntitle: Keep\n---\nText.\n", **files},
                          config=MINIMAL_CONFIG)
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


@settings(max_examples=int(os.environ.get("ATTUNE_FUZZ_EXAMPLES", 150)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_quizzes())
def test_generated_quizzes_build_or_report_errors(text: str) -> None:
    check_build({"quizzes/fuzz.yaml": text})


@settings(max_examples=int(os.environ.get("ATTUNE_FUZZ_EXAMPLES", 150)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matters())
def test_generated_front_matter_builds_or_reports_errors(text: str) -> None:
    check_build({"site_src/articles/fuzz.md": text, "site_src/pages/about.md": text})

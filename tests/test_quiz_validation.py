"""Quiz definitions: every validation error with its position, and the coverage proof."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, attune, snapshot, write_site

QUIZ = (FIXTURES / "basics/site/quizzes/closeness.yaml").read_text()


def with_quiz(site: Path, text: str, extra: dict[str, str] | None = None) -> Path:
    write_site(
        site,
        {
            "quizzes/closeness.yaml": text,
            "quizzes/closeness/reaching.md": "Body.\n",
            "site_src/articles/reaching.md": "---\ntitle: Reaching\n---\n\n## What helps\n",
            "site_src/articles/stepping-back.md": "---\ntitle: Stepping back\n---\n",
            **(extra or {}),
        },
        config=None,
    )
    return site


def edit(old: str, new: str) -> str:
    assert old in QUIZ, old
    return QUIZ.replace(old, new, 1)


DISTANCE = "    high: Closeness can quickly feel like too much.\n"
NORMS = "{citation: C, sample: adults, size: 10, language: en, version: '1', "
DIS_1 = "    dimension: distance\n    weight: 2"

CASES = {
    "norms with an sd of 0": (
        edit(DISTANCE, DISTANCE + f"    norms: {NORMS}mean: 3, sd: 0}}\n"),
        "quizzes/closeness.yaml:21:93: dimensions['distance'].norms.sd: input should be greater than 0",
    ),
    "percentile table that falls": (
        edit(DISTANCE, DISTANCE + f"    norms: {NORMS}percentiles: {{1: 10, 3: 60, 4: 50}}}}\n"),
        "quizzes/closeness.yaml:21:108: percentiles must rise with the score: 50 at 4 is not above 60 at 3",
    ),
    "norms' mean outside the scores": (
        edit(DISTANCE, DISTANCE + f"    norms: {NORMS}mean: 9, sd: 1}}\n"),
        "quizzes/closeness.yaml:21:86: the norms' mean 9 is outside the scores 'distance' can take (1 to 5)",
    ),
    "percentile table outside the scores": (
        edit(DISTANCE, DISTANCE + f"    norms: {NORMS}percentiles: {{1: 10, 6: 90}}}}\n"),
        "quizzes/closeness.yaml:21:101: the percentile table's score 6 is outside the scores 'distance' can take "
        "(1 to 5)",
    ),
    "percentile table out of order": (
        edit(DISTANCE, DISTANCE + f"    norms: {NORMS}percentiles: {{1: 10, 4: 40, 3: 50}}}}\n"),
        "quizzes/closeness.yaml:21:108: write the percentile table in order of score: 3 comes after 4",
    ),
    "retest without an sd": (
        edit(DISTANCE, DISTANCE + "    change: {retest: 0.8}\n"),
        "quizzes/closeness.yaml:21:22: a change from test-retest reliability needs norms with an 'sd'",
    ),
    "unknown scale name": (
        edit(DIS_1, "    dimension: distance\n    scale: fivepoint\n    weight: 2"),
        "quizzes/closeness.yaml:32:12: unknown scale 'fivepoint'; name the quiz's scales under 'scales:'",
    ),
    "no scale for the items": (
        edit("scale:\n  min: 1\n  max: 5\n  labels: {1: Strongly disagree, 3: Neither, 5: Strongly agree}\n", ""),
        "quizzes/closeness.yaml:17:1: 4 items (clo-1, clo-2, dis-1, dis-2) have no scale: give the quiz a 'scale', "
        "or each item or its section one",
    ),
    "loads on a dimension twice": (
        edit(DIS_1, "    loads: [{dimension: distance}, {dimension: distance, reverse: true}]"),
        "quizzes/closeness.yaml:31:12: item 'dis-1' loads on a dimension twice",
    ),
    "option naming an unknown dimension": (
        edit(DIS_1, "    options: [{label: 'Yes', scores: {distanse: 1}}, {label: 'No'}]"),
        "quizzes/closeness.yaml:31:39: unknown dimension 'distanse' (did you mean 'distance'?)",
    ),
    "yes as an option label": (
        edit(DIS_1, "    options: [{label: Yes, scores: {distance: 1}}, {label: 'No'}]"),
        "quizzes/closeness.yaml:31:23: items['dis-1'].options[1].label: expected text, got true/false (YAML reads "
        "yes, no, on and off as true/false: put the words in quotes, like 'Yes')",
    ),
    "derived score of an unknown score": (
        edit(
            "results:\n", "derived:\n  - {id: both, label: B, low: L., high: H., of: [closeness, distanse]}\nresults:\n"
        ),
        "quizzes/closeness.yaml:41:61: derived score 'both' names unknown score 'distanse' (did you mean 'distance'?)",
    ),
    "derived score of a later one": (
        edit(
            "results:\n",
            "derived:\n  - {id: one, label: One, low: L., high: H., of: [two]}\n"
            "  - {id: two, label: Two, low: L., high: H., of: [closeness]}\nresults:\n",
        ),
        "quizzes/closeness.yaml:41:51: derived score 'one' names 'two', which is defined later (line 42); a derived "
        "score uses only scores defined before it, so move 'one' after it",
    ),
    "items and sections": (
        edit(
            "scoring:\n", "sections: [{id: s, title: S, items: [{id: x, text: X, dimension: closeness}]}]\nscoring:\n"
        ),
        "quizzes/closeness.yaml:2:1: give 'items' or 'sections', not both",
    ),
    "unknown key": (
        edit("minutes: 2", "minuts: 2"),
        "quizzes/closeness.yaml:5:1: unknown key 'minuts' in quiz (did you mean 'minutes'?)",
    ),
    "unknown item key": (
        edit("    reverse: true\n  - id: dis-1", "    revers: true\n  - id: dis-1"),
        "quizzes/closeness.yaml:28:5: unknown key 'revers' in items['clo-2'] (did you mean 'reverse'?)",
    ),
    "id differs from file name": (
        edit("id: closeness", "id: closer"),
        "quizzes/closeness.yaml:2:5: id 'closer' must equal the file name 'closeness'",
    ),
    "unknown dimension": (
        edit("    dimension: distance\n    weight: 2", "    dimension: distanse\n    weight: 2"),
        "quizzes/closeness.yaml:31:16: unknown dimension 'distanse' (did you mean 'distance'?)",
    ),
    "duplicate item id": (edit("id: dis-2", "id: dis-1"), "quizzes/closeness.yaml:33:9: duplicate item id 'dis-1'"),
    "duplicate result id": (
        edit("id: stepping-back", "id: reaching"),
        "quizzes/closeness.yaml:53:9: duplicate result id 'reaching'",
    ),
    "label outside the scale": (
        edit("5: Strongly agree}", "5: Strongly agree, 6: Beyond}"),
        "quizzes/closeness.yaml:11:65: label for 6 is outside the scale 1..5",
    ),
    "scale end without label": (
        edit("{1: Strongly disagree, 3: Neither, 5: Strongly agree}", "{1: Strongly disagree, 3: Neither}"),
        "quizzes/closeness.yaml:11:11: the scale's end 5 needs a label",
    ),
    "when names unknown dimension": (
        edit("when: {distance: {at_least: 3}}", "when: {distanc: {at_least: 3}}"),
        "quizzes/closeness.yaml:56:12: result 'stepping-back' names unknown score 'distanc' (did you mean 'distance'?)",
    ),
    "empty range": (
        edit("when: {distance: {at_least: 3}}", "when: {distance: {at_least: 3, below: 2}}"),
        "quizzes/closeness.yaml:56:22: results['stepping-back'].when.distance: at_least (3) must be smaller than below (2)",
    ),
    "unknown related article": (
        edit("related: [reaching]", "related: [reachin]"),
        "quizzes/closeness.yaml:52:15: related article 'reachin' does not exist (did you mean 'reaching'?)",
    ),
    "body and body_file": (
        edit("    body: You step back when closeness rises.", "    body: x\n    body_file: closeness/reaching.md"),
        "quizzes/closeness.yaml:53:5: results['stepping-back']: give exactly one of 'body' and 'body_file'",
    ),
    "body_file outside quizzes": (
        edit("body_file: closeness/reaching.md", "body_file: ../site_src/site.yaml"),
        "quizzes/closeness.yaml:51:16: body_file '../site_src/site.yaml' is outside the quizzes folder",
    ),
    "body_file missing": (
        edit("body_file: closeness/reaching.md", "body_file: closeness/gone.md"),
        "quizzes/closeness.yaml:51:16: body_file 'closeness/gone.md' does not exist",
    ),
    "body_file misspelt": (
        edit("body_file: closeness/reaching.md", "body_file: closeness/reachng.md"),
        "quizzes/closeness.yaml:51:16: body_file 'closeness/reachng.md' does not exist (did you mean 'closeness/reaching.md'?)",
    ),
    "body_file not markdown": (
        edit("body_file: closeness/reaching.md", "body_file: closeness.yaml"),
        "quizzes/closeness.yaml:51:16: body_file 'closeness.yaml' is not a Markdown file (.md or .markdown)",
    ),
    "body_file a folder": (
        edit("body_file: closeness/reaching.md", "body_file: closeness"),
        "quizzes/closeness.yaml:51:16: body_file 'closeness' is not a Markdown file (.md or .markdown)",
    ),
    "date as weight": (
        edit("weight: 2", "weight: 2026-01-01"),
        "quizzes/closeness.yaml:32:13: items['dis-1'].weight: expected a number, got a date",
    ),
    "date as minutes": (
        edit("minutes: 2", "minutes: 2026-01-01"),
        "quizzes/closeness.yaml:5:10: minutes: expected a whole number, got a date",
    ),
    "date as scale min": (
        edit(
            "scale:\n  min: 1\n  max: 5\n  labels: {1: Strongly disagree, 3: Neither, 5: Strongly agree}",
            "scale: {min: 2026-01-01, max: 5, labels: {1: Strongly disagree, 3: Neither, 5: Strongly agree}}",
        ),
        "quizzes/closeness.yaml:8:14: scale.min: expected a whole number, got a date",
    ),
    "impossible date as weight": (
        edit("weight: 2", "weight: 2026-02-30"),
        "quizzes/closeness.yaml:32:13: '2026-02-30' is not a real date (day is out of range for month)",
    ),
    "empty quiz": (
        "# to do\n",
        "quizzes/closeness.yaml:1:1: quiz is empty; it needs 'title', 'description', 'dimensions' and 'results'",
    ),
    "wrong type": (
        edit("weight: 2", "weight: heavy"),
        "quizzes/closeness.yaml:32:13: items['dis-1'].weight: expected a number",
    ),
    "bad id": (
        edit("id: clo-1", "id: Clo 1"),
        "quizzes/closeness.yaml:22:9: items['Clo 1'].id: 'Clo 1' is not a valid id",
    ),
    "broken link in result body": (
        edit("Read [stepping back](/articles/stepping-back.md)", "Read [stepping back](/articles/steping-back.md)"),
        "quizzes/closeness.yaml:45:39: broken link '/articles/steping-back.md': no article or page at site_src/articles/steping-back.md (did you mean '/articles/stepping-back.md'?)",
    ),
    "nan threshold": (
        edit("when: {distance: {at_least: 3}}", "when: {distance: {at_least: .nan}}"),
        "quizzes/closeness.yaml:56:33: results['stepping-back'].when.distance.at_least: expected a finite number",
    ),
    "pairing names unknown result": (
        edit("results: [stepping-back, reaching]", "results: [stepping-back, reachin]"),
        "quizzes/closeness.yaml:60:30: pairing 'reaching-stepping-back' names unknown result 'reachin' (did you mean 'reaching'?)",
    ),
    "pairing with one result": (
        edit("results: [stepping-back, reaching]", "results: [reaching]"),
        "quizzes/closeness.yaml:60:14: pairings['reaching-stepping-back'].results: list should have at least 2 items",
    ),
    "pairs left without a default": (
        edit(
            "  - id: default\n    title: Two ways of being close\n    body: You each bring your own way of being close.\n",
            "",
        ),
        "quizzes/closeness.yaml:58:1: no pairing for settled + settled, settled + reaching, settled + stepping-back, reaching + reaching, stepping-back + stepping-back",
    ),
    "two defaults": (
        QUIZ + "  - id: fallback\n    title: t\n    body: b\n",
        "quizzes/closeness.yaml:67:5: only one pairing may leave out 'results'",
    ),
    "pair repeated": (
        QUIZ + "  - id: again\n    title: t\n    body: b\n    results: [reaching, stepping-back]\n",
        "quizzes/closeness.yaml:70:14: pairing 'again' repeats the pair of 'reaching-stepping-back'",
    ),
    "max_missing neither a count nor a percentage": (
        edit("max_missing: 0.5", "max_missing: a few"),
        "quizzes/closeness.yaml:39:16: scoring.max_missing: 'a few' is not a percentage like '10%'",
    ),
    "max_missing fraction above 1": (
        edit("max_missing: 0.5", "max_missing: 1.5"),
        "scoring.max_missing: a fraction of the items is from 0 to 1, not 1.5; for a count write a whole number",
    ),
    "max_missing a share just short of a whole count": (
        edit("max_missing: 0.5", "max_missing: 0.4999"),
        "quizzes/closeness.yaml:39:16: max_missing 0.4999 of the 2 items of 'closeness' is 0.9998, which allows 0 "
        "unanswered; to allow 1, write the count: max_missing: 1",
    ),
    "a score under result_rule first": (
        edit("when: {distance: {at_least: 3}}", "when: {distance: {at_least: 3}}\n    score: distance"),
        "result 'stepping-back' has 'score', which only result_rule: highest uses; give it 'when' ranges",
    ),
    "no score under result_rule highest": (
        edit("scoring:", "result_rule: highest\nscoring:"),
        "result 'settled' needs 'score': the score it stands for (result_rule is highest)",
    ),
    "coverage gap": (
        edit("when: {distance: {at_least: 3}}", "when: {distance: {at_least: 3.5}}"),
        "quizzes/closeness.yaml:40:1: no result covers scores with closeness from 1 to 5 and distance from 3 to 3.33",
    ),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_quiz_error(site: Path, text: str, expected: str) -> None:
    with_quiz(site, QUIZ)
    assert attune("build", "--strict", cwd=site).returncode == 0
    before = snapshot(site / "dist")
    with_quiz(site, text)
    result = attune("build", "--strict", cwd=site)
    assert result.returncode == 1
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site / "dist") == before


def test_coverage_names_every_uncovered_region(site: Path) -> None:
    data = yaml.safe_load(QUIZ)
    data["results"] = [data["results"][0]]  # only 'settled': three of four quadrants uncovered
    del data["pairings"]
    data["results"][0]["related"] = []
    text = yaml.safe_dump(data, sort_keys=False)
    with_quiz(site, text)
    result = attune("check", cwd=site)
    assert result.returncode == 1
    line = text.splitlines().index("results:") + 1
    gaps = [line for line in result.stderr.splitlines() if "no result covers" in line]
    assert gaps == [  # the L-shaped gap is reported as two boxes that together cover it
        f"quizzes/closeness.yaml:{line}:1: no result covers scores with closeness from 1 to 5 and distance from 3 to 5",
        f"quizzes/closeness.yaml:{line}:1: no result covers scores with closeness from 3 to 5 and distance from 1 to 2.67",
    ]


def test_unreachable_result_is_a_warning_and_an_error_in_check(site: Path) -> None:
    data = yaml.safe_load(QUIZ)
    del data["pairings"]
    data["results"].append(
        {"id": "never", "title": "Never", "summary": "s", "when": {"closeness": {"at_least": 1}}, "body": "b"}
    )
    with_quiz(site, yaml.safe_dump(data, sort_keys=False))
    result = attune("build", cwd=site)
    assert result.returncode == 0
    assert "warning: result 'never' can never be reached" in result.stderr
    assert attune("check", cwd=site).returncode == 1


def test_threshold_between_reachable_scores_is_not_a_gap(site: Path) -> None:
    """Two items on 1..5 with mean scoring reach only halves: a hole between 2.6 and 2.9 is unreachable."""
    text = edit(
        "when: {closeness: {at_least: 3}, distance: {below: 3}}",
        "when: {closeness: {at_least: 2.9}, distance: {below: 3}}",
    )
    text = text.replace(
        "when: {closeness: {below: 3}, distance: {below: 3}}", "when: {closeness: {below: 2.6}, distance: {below: 3}}"
    )
    with_quiz(site, text)
    result = attune("check", cwd=site)
    assert result.returncode == 0, result.stderr


def test_body_file_may_use_the_markdown_extension(site: Path) -> None:
    with_quiz(
        site,
        edit("body_file: closeness/reaching.md", "body_file: closeness/reaching.markdown"),
        {"quizzes/closeness/reaching.markdown": "You reach for closeness.\n"},
    )
    result = attune("check", cwd=site)
    assert result.returncode == 0, result.stderr


def test_a_profile_result_that_never_wins_is_a_warning(site: Path) -> None:
    data = yaml.safe_load(QUIZ)
    data["result_rule"] = "highest"
    del data["pairings"]
    for result, dimension in zip(data["results"], ["closeness", "distance", "closeness"], strict=True):
        del result["when"]
        result["score"] = dimension  # the third names the first's dimension: a tie always goes to the first
    with_quiz(site, yaml.safe_dump(data, sort_keys=False))
    built = attune("build", cwd=site)
    assert built.returncode == 0, built.stderr
    assert "result 'stepping-back' can never be reached: its score never beats an earlier result's" in built.stderr
    assert "'settled' can never" not in built.stderr and "'reaching' can never" not in built.stderr


PROFILE_ON_UNEVEN_RANGES = """\
title: Uneven
description: Two sums of different lengths compete.
scale: {min: 1, max: 5, labels: {1: Never, 5: Always}}
scoring: {method: sum}
dimensions:
  - {id: near, label: Near, low: Low., high: High.}
  - {id: far, label: Far, low: Low., high: High.}
items:
  - {id: n1, text: One., dimension: near}
  - {id: n2, text: Two., dimension: near}
  - {id: f1, text: Three., dimension: far}
result_rule: highest
results:
  - {id: near, title: Near, summary: Near wins., score: near, body: Text.}
  - {id: far, title: Far, summary: Far wins., score: far, body: Text.}
"""


def test_check_shows_what_the_proof_notes_without_failing(site: Path) -> None:
    """A profile of raw sums on different ranges is allowed, but the author hears that the longer one wins more."""
    write_site(site, {"quizzes/uneven.yaml": PROFILE_ON_UNEVEN_RANGES}, config=None)
    for command in ("check", "build"):
        result = attune(command, "--strict", cwd=site) if command == "build" else attune(command, cwd=site)
        assert result.returncode == 0, result.stderr
        assert (
            "quizzes/uneven.yaml:12:14: note: result_rule highest compares raw scores, and these run on different "
            "ranges (near 2 to 10, far 1 to 5)"
        ) in result.stderr, command


def shared_items_quiz(catch_all: bool) -> str:
    """Eight items on both dimensions: the scores share every item, and 8^8 answer sets are too many to try."""
    items = "".join(
        f"  - {{id: i{n}, text: Item {n}., loads: [{{dimension: near}}, {{dimension: far, reverse: true}}]}}\n"
        for n in range(8)
    )
    rest = "  - {id: rest, title: Rest, summary: The rest., body: Text.}\n" if catch_all else ""
    return (
        "title: Shared\ndescription: Items on two dimensions.\n"
        "scale: {min: 1, max: 7, labels: {1: Never, 7: Always}}\n"
        "dimensions:\n  - {id: near, label: Near, low: Low., high: High.}\n"
        "  - {id: far, label: Far, low: Low., high: High.}\n"
        f"items:\n{items}results:\n"
        "  - {id: both, title: Both, summary: Both high., when: {near: {at_least: 5}, far: {at_least: 5}}, body: Text.}\n"
        + rest
    )


@pytest.mark.parametrize(
    "catch_all, doubt",
    [
        (False, "cannot prove that every answer set gets a result, or that every result can be reached"),
        (True, "cannot prove that every result can be reached ('rest' takes every answer set left)"),
    ],
)
def test_the_proof_says_what_it_cannot_decide(site: Path, catch_all: bool, doubt: str) -> None:
    write_site(site, {"quizzes/shared.yaml": shared_items_quiz(catch_all)}, config=None)
    result = attune("check", cwd=site)
    assert result.returncode == 0, result.stderr
    assert f"note: {doubt}: scores near, far share items, and their answers are too many to try" in result.stderr

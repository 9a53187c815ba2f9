"""Instrument-shaped quizzes (issue #14, "Proof"): hand-computed scores, results and percentiles, held alike by the
reference scorer, the real `attune score` and the browser's scoring code.

The quizzes in `fixtures/instruments/` have the shapes of published instruments (36 items on two dimensions; nine
items asked about four people; vignettes; norms) with placeholder texts only. Every expected number below is worked
out by hand in its comment, so a reversed item not reversed, an option counted from 0, a weight ignored or a derived
score averaged over the wrong parts changes it.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURES, MINIMAL_CONFIG, ROOT, attune, write_site
from test_norms import run_normlogic
from test_scoring_property import run_browser_scoring

from attunement.content.quizzes import LoadedQuiz, load_quizzes
from attunement.diagnostics import Diagnostics
from attunement.quiz.client_key import client_key
from attunement.quiz.model import Quiz
from attunement.quiz.norms import in_words, minimal_change, percentile
from attunement.quiz.proof import check_coverage
from attunement.quiz.scoring import AnswerError, score

INSTRUMENTS = FIXTURES / "instruments"
NAMES = ["ecr-r-shape", "ecr-rs-shape", "single-choice", "normed"]


@dataclass(frozen=True)
class Case:
    name: str
    """The case, for test ids."""
    quiz: str
    answers: dict[str, int | None]
    scores: dict[str, float]
    """Every score the quiz gives, worked out by hand."""
    result: str
    percentiles: dict[str, float] | None = None
    """For a quiz with norms: each normed score's percentile, worked out by hand (see PERCENTILES)."""


def exact(value: float) -> object:
    """A hand-computed score: equal up to the float rounding of the scorer's own order of operations."""
    return pytest.approx(value, rel=1e-12, abs=1e-12)


# --- ecr-r-shape: items q01-q18 anxiety (q09, q11 reversed), q19-q36 avoidance (q20, q22, q26-q31, q33-q36
# reversed); 7-point scale, so a reversed answer a counts as 8 - a; mean scores; results cut at 4 on each.


def ecr_r(anxiety: list[int], avoidance: list[int]) -> dict[str, int | None]:
    """Answers to items 1-18 and 19-36, in item order."""
    assert len(anxiety) == len(avoidance) == 18
    return {f"q{n:02d}": a for n, a in enumerate(anxiety + avoidance, 1)}


ECR_R = [
    Case(
        "anxious",
        "ecr-r-shape",
        # anxiety: items 1-18 all 5 except 9=2 (reversed -> 6) and 11=7 (reversed -> 1) -> (16*5 + 6 + 1)/18
        #   = 87/18 = 4.8333...
        # avoidance: the 6 forward items (19, 21, 23, 24, 25, 32) answered 2, the 12 reversed ones answered 6
        #   (-> 8 - 6 = 2) -> 18*2/18 = 2.0 (without the reversals: (6*2 + 12*6)/18 = 4.6667, fearful-avoidant)
        # anxiety >= 4, avoidance < 4 -> anxious
        ecr_r(
            [5, 5, 5, 5, 5, 5, 5, 5, 2, 5, 7, 5, 5, 5, 5, 5, 5, 5],
            # 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36
            [2, 6, 2, 6, 2, 2, 2, 6, 6, 6, 6, 6, 6, 2, 6, 6, 6, 6],
        ),
        {"anxiety": 87 / 18, "avoidance": 2.0},
        "anxious",
    ),
    Case(
        "secure-cycling-answers",
        "ecr-r-shape",
        # item n answered (n - 1) % 7 + 1, so every item's answer differs from its neighbours'.
        # anxiety, items 1-18: 1 2 3 4 5 6 7 1 2 3 4 5 6 7 1 2 3 4, sum 28 + 28 + 10 = 66; item 9 answered 2 counts
        #   6 (+4), item 11 answered 4 counts 4 (+0) -> 70/18 = 3.8889
        # avoidance, items 19-36: 5 6 7 1 2 3 4 5 6 7 1 2 3 4 5 6 7 1
        #   forward 19=5, 21=7, 23=2, 24=3, 25=4, 32=4 -> 25
        #   reversed 20=6->2, 22=1->7, 26=5->3, 27=6->2, 28=7->1, 29=1->7, 30=2->6, 31=3->5, 33=5->3, 34=6->2,
        #   35=7->1, 36=1->7 -> 46
        #   -> 71/18 = 3.9444
        # both < 4 -> secure
        ecr_r([(n - 1) % 7 + 1 for n in range(1, 19)], [(n - 1) % 7 + 1 for n in range(19, 37)]),
        {"anxiety": 70 / 18, "avoidance": 71 / 18},
        "secure",
    ),
    Case(
        "fearful-avoidant-at-the-cut-offs",
        "ecr-r-shape",
        # every item 4, reversed or not (8 - 4 = 4) -> 4.0 and 4.0; at_least 4 is inclusive -> fearful-avoidant
        ecr_r([4] * 18, [4] * 18),
        {"anxiety": 4.0, "avoidance": 4.0},
        "fearful-avoidant",
    ),
    Case(
        "avoidant",
        "ecr-r-shape",
        # anxiety: forward items 1, reversed items 9 and 11 answered 7 (-> 1) -> 18/18 = 1.0
        # avoidance: forward items 7, reversed items answered 1 (-> 7) -> 7.0
        # anxiety < 4, avoidance >= 4 -> avoidant
        ecr_r(
            [1, 1, 1, 1, 1, 1, 1, 1, 7, 1, 7, 1, 1, 1, 1, 1, 1, 1],
            # 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36
            [7, 1, 7, 1, 7, 7, 7, 1, 1, 1, 1, 1, 1, 7, 1, 1, 1, 1],
        ),
        {"anxiety": 1.0, "avoidance": 7.0},
        "avoidant",
    ),
]

# --- ecr-rs-shape: items rs1-rs9 asked about mother, father, partner and friend (answer keys '<target>.<item>');
# rs1-rs6 avoidance (rs1-rs4 reversed: 8 - a), rs7-rs9 anxiety; mean scores per target ('avoidance.mother'), and
# avoidance-overall / anxiety-overall = the mean of the four targets' scores; results cut the overall scores at 4.

TARGETS = ["mother", "father", "partner", "friend"]


def ecr_rs(**per_target: list[int]) -> dict[str, int | None]:
    """Answers to rs1-rs9 for each target."""
    assert list(per_target) == TARGETS and all(len(a) == 9 for a in per_target.values())
    return {f"{t}.rs{i}": a for t, answers in per_target.items() for i, a in enumerate(answers, 1)}


ECR_RS = [
    Case(
        "secure-overall",
        "ecr-rs-shape",
        # mother:  rs1-4 = 7 (-> 1 each), rs5 = rs6 = 1 -> avoidance 6/6 = 1; anxiety (2+3+4)/3 = 3
        # father:  rs1-4 = 1 (-> 7 each = 28), rs5 = 7, rs6 = 4 -> 39/6 = 6.5; anxiety 1
        # partner: rs1-4 = 6 5 4 3 (-> 2 3 4 5), rs5 = 2, rs6 = 1 -> 17/6 = 2.8333; anxiety (7+7+6)/3 = 20/3
        # friend:  all 4 -> 4 and 4
        # avoidance-overall = (6/6 + 39/6 + 17/6 + 24/6)/4 = 86/24 = 3.5833
        # anxiety-overall   = (9/3 + 3/3 + 20/3 + 12/3)/4 = 44/12 = 3.6667
        # both < 4 -> secure (mother alone would be secure too, but partner alone is anxious, father avoidant)
        ecr_rs(
            mother=[7, 7, 7, 7, 1, 1, 2, 3, 4],
            father=[1, 1, 1, 1, 7, 4, 1, 1, 1],
            partner=[6, 5, 4, 3, 2, 1, 7, 7, 6],
            friend=[4, 4, 4, 4, 4, 4, 4, 4, 4],
        ),
        {
            "avoidance.mother": 1.0,
            "anxiety.mother": 3.0,
            "avoidance.father": 6.5,
            "anxiety.father": 1.0,
            "avoidance.partner": 17 / 6,
            "anxiety.partner": 20 / 3,
            "avoidance.friend": 4.0,
            "anxiety.friend": 4.0,
            "avoidance-overall": 86 / 24,
            "anxiety-overall": 44 / 12,
        },
        "secure",
    ),
    Case(
        "fearful-avoidant-overall",
        "ecr-rs-shape",
        # mother:  rs1-4 = 2 (-> 6 each = 24), rs5 = 6, rs6 = 5 -> 35/6 = 5.8333; anxiety 5 5 5 -> 5
        # father:  all 4 on avoidance -> 4; anxiety 2 2 2 -> 2
        # partner: rs1-4 = 6 (-> 2 each = 8), rs5 = rs6 = 3 -> 14/6 = 2.3333; anxiety (7+6+5)/3 = 6
        # friend:  rs1-4 = 1 2 3 4 (-> 7 6 5 4 = 22), rs5 = 5, rs6 = 6 -> 33/6 = 5.5; anxiety (3+4+5)/3 = 4
        # avoidance-overall = (35 + 24 + 14 + 33)/6/4 = 106/24 = 4.4167
        #   (without the reversals: mother (8+11)/6, father 4, partner (24+6)/6, friend (10+11)/6 -> 94/24 = 3.9167)
        # anxiety-overall   = (5 + 2 + 6 + 4)/4 = 17/4 = 4.25
        # both >= 4 -> fearful-avoidant
        ecr_rs(
            mother=[2, 2, 2, 2, 6, 5, 5, 5, 5],
            father=[4, 4, 4, 4, 4, 4, 2, 2, 2],
            partner=[6, 6, 6, 6, 3, 3, 7, 6, 5],
            friend=[1, 2, 3, 4, 5, 6, 3, 4, 5],
        ),
        {
            "avoidance.mother": 35 / 6,
            "anxiety.mother": 5.0,
            "avoidance.father": 4.0,
            "anxiety.father": 2.0,
            "avoidance.partner": 14 / 6,
            "anxiety.partner": 6.0,
            "avoidance.friend": 33 / 6,
            "anxiety.friend": 4.0,
            "avoidance-overall": 106 / 24,
            "anxiety-overall": 17 / 4,
        },
        "fearful-avoidant",
    ),
    Case(
        "anxious-overall",
        "ecr-rs-shape",
        # every target: rs1-4 = 7 (-> 1), rs5 = rs6 = 1 -> avoidance 1
        # anxiety: mother 7 7 7 -> 7, father 7 7 7 -> 7, partner 1 1 1 -> 1, friend 4 4 4 -> 4
        # avoidance-overall = 1; anxiety-overall = (7 + 7 + 1 + 4)/4 = 19/4 = 4.75 -> anxious
        ecr_rs(
            mother=[7, 7, 7, 7, 1, 1, 7, 7, 7],
            father=[7, 7, 7, 7, 1, 1, 7, 7, 7],
            partner=[7, 7, 7, 7, 1, 1, 1, 1, 1],
            friend=[7, 7, 7, 7, 1, 1, 4, 4, 4],
        ),
        {
            "avoidance.mother": 1.0,
            "anxiety.mother": 7.0,
            "avoidance.father": 1.0,
            "anxiety.father": 7.0,
            "avoidance.partner": 1.0,
            "anxiety.partner": 1.0,
            "avoidance.friend": 1.0,
            "anxiety.friend": 4.0,
            "avoidance-overall": 1.0,
            "anxiety-overall": 19 / 4,
        },
        "anxious",
    ),
]

# --- single-choice: vignettes v1-v4 (v4 has weight 2) and a yes/no item 'alone'; an answer is the option's number,
# from 1. Sums. The options per vignette (each adds 1 to the dimension named, v3's B also 0.5 to anxious):
#   v1: 1 secure,  2 anxious,  3 avoidant,            4 fearful
#   v2: 1 anxious, 2 secure,   3 fearful,             4 avoidant
#   v3: 1 avoidant, 2 fearful + 0.5 anxious, 3 secure, 4 anxious
#   v4: 1 fearful, 2 avoidant, 3 anxious,             4 secure     (times 2)
#   alone: 1 Yes -> avoidant, 2 No -> nothing
# result_rule highest over results secure, anxious, avoidant, fearful (in that order: the earlier wins a tie).

SINGLE = [
    Case(
        "all-secure",
        "single-choice",
        # v1=1 secure 1, v2=2 secure 1, v3=3 secure 1, v4=4 secure 2*1, alone=2 nothing -> secure 5, others 0
        {"v1": 1, "v2": 2, "v3": 3, "v4": 4, "alone": 2},
        {"secure": 5.0, "anxious": 0.0, "avoidant": 0.0, "fearful": 0.0},
        "secure",
    ),
    Case(
        "fearful-over-half-points",
        "single-choice",
        # v1=4 fearful 1, v2=3 fearful 1, v3=2 fearful 1 + anxious 0.5, v4=3 anxious 2*1, alone=1 avoidant 1
        # -> secure 0, anxious 2.5, avoidant 1, fearful 3 -> fearful
        {"v1": 4, "v2": 3, "v3": 2, "v4": 3, "alone": 1},
        {"secure": 0.0, "anxious": 2.5, "avoidant": 1.0, "fearful": 3.0},
        "fearful",
    ),
    Case(
        "the-weight-decides",
        "single-choice",
        # v1=1 secure 1, v2=1 anxious 1, v3=1 avoidant 1, v4=1 fearful 2*1, alone=2 nothing
        # -> 1, 1, 1, 2 -> fearful (with v4 weighed 1: a four-way tie, which secure would win)
        {"v1": 1, "v2": 1, "v3": 1, "v4": 1, "alone": 2},
        {"secure": 1.0, "anxious": 1.0, "avoidant": 1.0, "fearful": 2.0},
        "fearful",
    ),
    Case(
        "a-tie-goes-to-the-earlier-result",
        "single-choice",
        # v1=4 fearful 1, v2=3 fearful 1, v3=2 fearful 1 + anxious 0.5, v4=2 avoidant 2*1, alone=1 avoidant 1
        # -> secure 0, anxious 0.5, avoidant 3, fearful 3 -> tie; avoidant comes first in the file -> avoidant
        {"v1": 4, "v2": 3, "v3": 2, "v4": 2, "alone": 1},
        {"secure": 0.0, "anxious": 0.5, "avoidant": 3.0, "fearful": 3.0},
        "avoidant",
    ),
]

# --- normed: 1-5 scale (reversed: 6 - a), mean scores, at most 1 item of each dimension unanswered.
# closeness = c1..c4 (c2 reversed); distance = d1, d2, d3 (weight 2), d4 (reversed): (d1 + d2 + 2*d3 + d4)/5.
# Results: reaching (closeness >= 3 and distance < 3), then stepping-back (distance >= 3), then settled.

NORMED = [
    Case(
        "reaching",
        "normed",
        # closeness (4 + (6-2) + 3 + 5)/4 = 16/4 = 4.0; distance (2 + 3 + 2*2 + (6-4))/5 = 11/5 = 2.2 -> reaching
        {"c1": 4, "c2": 2, "c3": 3, "c4": 5, "d1": 2, "d2": 3, "d3": 2, "d4": 4},
        {"closeness": 4.0, "distance": 2.2},
        "reaching",
        {"closeness": 89.4350, "distance": 22.8},
    ),
    Case(
        "stepping-back-with-one-unanswered",
        "normed",
        # closeness with c3 unanswered (1 allowed): (2 + (6-5) + 3)/3 = 6/3 = 2.0
        # distance (5 + 4 + 2*4 + (6-1))/5 = 22/5 = 4.4 -> stepping-back
        {"c1": 2, "c2": 5, "c3": None, "c4": 3, "d1": 5, "d2": 4, "d3": 4, "d4": 1},
        {"closeness": 2.0, "distance": 4.4},
        "stepping-back",
        {"closeness": 10.5650, "distance": 90.0},
    ),
    Case(
        "settled",
        "normed",
        # closeness (1 + (6-5) + 2 + 2)/4 = 6/4 = 1.5; d4 left out: distance (1 + 2 + 2*1)/4 = 5/4 = 1.25
        # closeness < 3, so not reaching; distance < 3, so not stepping-back -> settled
        {"c1": 1, "c2": 5, "c3": 2, "c4": 2, "d1": 1, "d2": 2, "d3": 1},
        {"closeness": 1.5, "distance": 1.25},
        "settled",
        {"closeness": 3.0396, "distance": 4.75},
    ),
]

CASES = ECR_R + ECR_RS + SINGLE + NORMED
CASE_IDS = [f"{c.quiz}:{c.name}" for c in CASES]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site holding the four instrument quizzes as `quizzes/<name>.yaml`."""
    root = write_site(
        tmp_path_factory.mktemp("instruments") / "site",
        {"site_src/pages/index.md": "---\ntitle: Home\n---\n\nWelcome.\n"},
        config=MINIMAL_CONFIG,
    )
    (root / "quizzes").mkdir()
    for name in NAMES:
        shutil.copy(INSTRUMENTS / f"{name}.yaml", root / "quizzes" / f"{name}.yaml")
    return root


@pytest.fixture(scope="module")
def loaded(site: Path) -> dict[str, LoadedQuiz]:
    diags = Diagnostics(site)
    found = {q.slug: q for q in load_quizzes(site, site / "quizzes", diags)}
    assert not diags.items, [str(d) for d in diags.items]
    return found


def test_every_fixture_is_covered() -> None:
    assert sorted(p.stem for p in INSTRUMENTS.glob("*.yaml")) == sorted(NAMES)
    assert {c.quiz for c in CASES} == set(NAMES)
    for name in NAMES:
        assert len([c for c in CASES if c.quiz == name]) >= 2, name


@pytest.mark.parametrize("name", NAMES)
def test_the_fixture_loads_and_its_coverage_is_proven_exactly(name: str, loaded: dict[str, LoadedQuiz]) -> None:
    """No error, warning or note: every region is covered, every result reachable, and the proof decided it."""
    quiz = loaded[name]
    diags = Diagnostics(quiz.source.path.parent)
    check_coverage(quiz.quiz, quiz.positions.location, diags)
    assert not diags.items, [str(d) for d in diags.items]


def test_placeholder_texts_only() -> None:
    """No instrument's wording: every item text says it is a placeholder."""
    for name in NAMES:
        quiz = Quiz.model_validate(_yaml(INSTRUMENTS / f"{name}.yaml"))
        for section in quiz.groups:
            for item in section.items:
                assert item.text.startswith("Placeholder"), (name, item.id, item.text)


def test_the_answer_keys_are_the_item_or_target_dot_item(loaded: dict[str, LoadedQuiz]) -> None:
    ecr_rs_keys = [q.key for q in loaded["ecr-rs-shape"].quiz.structure.questions]
    assert ecr_rs_keys == [f"{t}.rs{i}" for t in TARGETS for i in range(1, 10)]
    assert [q.key for q in loaded["ecr-r-shape"].quiz.structure.questions] == [f"q{n:02d}" for n in range(1, 37)]
    choice = {q.key: q.choices for q in loaded["single-choice"].quiz.structure.questions}
    assert [n for n, _ in choice["v1"]] == [1, 2, 3, 4] and [label for _, label in choice["alone"]] == ["Yes", "No"]


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_the_reference_scorer_gives_the_hand_computed_scores(case: Case, loaded: dict[str, LoadedQuiz]) -> None:
    scored = score(loaded[case.quiz].quiz, case.answers)
    assert list(scored.scores) == list(case.scores), "every score, in the quiz's order"
    for score_id, expected in case.scores.items():
        assert scored.scores[score_id] == exact(expected), score_id
    assert scored.result == case.result


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_attune_score_gives_the_hand_computed_scores(case: Case, site: Path, tmp_path: Path) -> None:
    """The real CLI, on a real answers file (unanswered items left out of it, as a person would)."""
    file = tmp_path / "answers.json"
    file.write_text(json.dumps({k: v for k, v in case.answers.items() if v is not None}, indent=2))
    run = attune("score", "--site", str(site), case.quiz, str(file), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["quiz"] == case.quiz and out["result"] == case.result
    assert list(out["scores"]) == list(case.scores)
    for score_id, expected in case.scores.items():
        assert out["scores"][score_id] == exact(expected), score_id
    if case.percentiles is None:
        assert "percentiles" not in out, "only a quiz with norms has percentiles"
    else:
        assert out["percentiles"] == pytest.approx(case.percentiles, abs=5e-5)


@pytest.mark.parametrize("name", NAMES)
def test_the_browser_scores_as_the_reference_does(name: str, loaded: dict[str, LoadedQuiz]) -> None:
    """templates/static/scoring.js under node, with the client key the quiz page carries: the very same floats and
    result as the reference, the hand-computed ones, and the same scores read back from the result link."""
    quiz = loaded[name].quiz
    key = client_key(name, quiz, {r.id: f"results/{r.id}/" for r in quiz.results})
    cases = [c for c in CASES if c.quiz == name]
    [views] = run_browser_scoring([(key, [c.answers for c in cases])])
    for case, js in zip(cases, views, strict=True):
        assert "missing" not in js, (case.name, js)
        reference = score(quiz, case.answers)
        assert js["scores"] == reference.scores, case.name
        assert js["result"] == reference.result == case.result, case.name
        assert js["read"] == reference.scores and js["readResult"] == case.result, case.name
        for score_id, expected in case.scores.items():
            assert js["scores"][score_id] == exact(expected), (case.name, score_id)


TOO_FEW = [
    # ecr-r-shape allows no unanswered item: q09 left out
    ("ecr-r-shape", {k: v for k, v in ECR_R[0].answers.items() if k != "q09"}, ["q09"]),
    # ecr-rs-shape: the partner's rs2 left out, so 'avoidance.partner' cannot be scored
    ("ecr-rs-shape", {k: v for k, v in ECR_RS[0].answers.items() if k != "partner.rs2"}, ["partner.rs2"]),
    # normed allows one per dimension: c1 and c3 both left out
    ("normed", {k: v for k, v in NORMED[0].answers.items() if k not in ("c1", "c3")}, ["c1", "c3"]),
    # single-choice: the yes/no item left out
    ("single-choice", {k: v for k, v in SINGLE[0].answers.items() if k != "alone"}, ["alone"]),
]


@pytest.mark.parametrize(("name", "answers", "missing"), TOO_FEW, ids=[t[0] for t in TOO_FEW])
def test_too_many_unanswered_is_refused_everywhere(
    name: str,
    answers: dict[str, int | None],
    missing: list[str],
    loaded: dict[str, LoadedQuiz],
    site: Path,
    tmp_path: Path,
) -> None:
    quiz = loaded[name].quiz
    with pytest.raises(AnswerError) as refused:
        score(quiz, answers)
    assert [p.items for p in refused.value.problems] == [tuple(missing)]
    file = tmp_path / "answers.json"
    file.write_text(json.dumps(answers))
    run = attune("score", "--site", str(site), name, str(file), cwd=tmp_path)
    assert run.returncode == 1 and f"too many unanswered items to score: {', '.join(missing)}" in run.stderr
    key = client_key(name, quiz, {r.id: f"results/{r.id}/" for r in quiz.results})
    [[js]] = run_browser_scoring([(key, [answers])])
    assert js == {"missing": missing}


def test_single_choice_answers_are_option_numbers_from_one(site: Path, tmp_path: Path) -> None:
    """An option number past the last (or 0) is no answer; the message says what is."""
    file = tmp_path / "answers.json"
    file.write_text(json.dumps({"v1": 5, "v2": 0, "v3": 1, "v4": 1, "alone": 3}))
    run = attune("score", "--site", str(site), "single-choice", str(file), cwd=tmp_path)
    assert run.returncode == 1
    for key, last in (("v1", 4), ("v2", 4), ("alone", 2)):
        assert f"answer for {key} must be the number of an option, from 1 to {last}" in run.stderr


# Percentiles from the illustrative norms of normed.yaml:
#   closeness: normal, mean 3.0, sd 0.8 -> 100 * Phi((x - 3.0)/0.8)
#     4.0: z = 1.25  -> Phi(1.25)  = 0.894350 -> 89.4350
#     2.0: z = -1.25 -> Phi(-1.25) = 0.105650 -> 10.5650
#     1.5: z = -1.875 -> Phi(-1.875) = 0.030396 -> 3.0396
#     3.0: z = 0 -> 50
#   distance: table {1: 1, 2: 16, 3: 50, 4: 84, 5: 99}, linear between rows
#     2.2:  16 + 0.2 * (50 - 16) = 16 + 6.8 = 22.8
#     4.4:  84 + 0.4 * (99 - 84) = 84 + 6.0 = 90.0
#     1.25: 1 + 0.25 * (16 - 1) = 1 + 3.75 = 4.75
#     3.0:  a row: 50
PERCENTILES = [
    ("closeness", 4.0, 89.4350),
    ("closeness", 2.0, 10.5650),
    ("closeness", 1.5, 3.0396),
    ("closeness", 3.0, 50.0),
    ("distance", 2.2, 22.8),
    ("distance", 4.4, 90.0),
    ("distance", 1.25, 4.75),
    ("distance", 3.0, 50.0),
]


@pytest.mark.parametrize(("dimension", "value", "expected"), PERCENTILES)
def test_percentiles_from_the_norms(
    dimension: str, value: float, expected: float, loaded: dict[str, LoadedQuiz]
) -> None:
    norms = loaded["normed"].quiz.structure.score(dimension).norms
    assert norms is not None
    assert percentile(norms, value) == pytest.approx(expected, abs=5e-5)


def test_the_percentiles_of_scored_answers_and_their_words(loaded: dict[str, LoadedQuiz]) -> None:
    """From answers to words: the 'reaching' answers score closeness 4.0 and distance 2.2 (see NORMED)."""
    quiz = loaded["normed"].quiz
    scores = score(quiz, NORMED[0].answers).scores
    closeness, distance = quiz.structure.score("closeness"), quiz.structure.score("distance")
    assert closeness.norms is not None and distance.norms is not None
    assert percentile(closeness.norms, scores["closeness"]) == pytest.approx(89.4350, abs=5e-5)
    assert percentile(distance.norms, scores["distance"]) == pytest.approx(22.8, abs=1e-9)
    # 89.435 rounds to 89, 22.8 to 23
    assert in_words(closeness.norms, scores["closeness"]) == (
        "Higher than about 89 of 100 adults in an illustrative sample of 400."
    )
    assert in_words(distance.norms, scores["distance"]) == (
        "Higher than about 23 of 100 adults in an illustrative sample of 250."
    )
    # closeness: retest 0.8 with sd 0.8 -> 1.96 * sqrt(2) * 0.8 * sqrt(1 - 0.8) = 1.96 * 0.8 * sqrt(0.4)
    #   = 1.568 * 0.632456 = 0.991690; distance: minimal 0.5 as written
    assert minimal_change(closeness.change, closeness.norms) == pytest.approx(0.991690, abs=5e-7)
    assert minimal_change(distance.change, distance.norms) == 0.5


def test_the_browser_places_normed_scores_as_by_hand(loaded: dict[str, LoadedQuiz]) -> None:
    """templates/static/normlogic.js with the norms and change the client key carries: the hand-computed percentiles
    (the same floats as norms.py) and measurement errors."""
    quiz = loaded["normed"].quiz
    key = {s["id"]: s for s in client_key("normed", quiz, {r.id: "" for r in quiz.results})["scores"]}
    # closeness: 1.96 * sqrt(2) * 0.8 * sqrt(1 - 0.8) = 1.568 * sqrt(0.4) = 0.991690; distance: minimal 0.5
    assert key["closeness"]["change"] == pytest.approx(0.991690, abs=5e-7) and key["distance"]["change"] == 0.5
    jobs = [(case, d) for case in NORMED for d in ("closeness", "distance")]
    browser = run_normlogic([{"norms": key[d]["norms"], "score": case.scores[d]} for case, d in jobs])
    for (case, d), js in zip(jobs, browser, strict=True):
        pct, words = js["percentile"], js["words"]
        assert case.percentiles is not None
        assert pct == pytest.approx(case.percentiles[d], abs=5e-5), (case.name, d)
        norms = quiz.structure.score(d).norms
        assert norms is not None
        assert pct == percentile(norms, case.scores[d]) and words == in_words(norms, case.scores[d]), (case.name, d)


def test_attune_build_publishes_every_instrument(site: Path, tmp_path: Path) -> None:
    """A site holding the four quizzes builds under --strict: a quiz page and a page per result each, and the JSON
    Schema for editors."""
    out = tmp_path / "dist"
    run = attune("build", "--strict", "--site", str(site), "-o", str(out), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    for name in NAMES:
        quiz = Quiz.model_validate(_yaml(INSTRUMENTS / f"{name}.yaml"))
        assert (out / "quizzes" / name / "index.html").is_file(), name
        for result in quiz.results:
            assert (out / "quizzes" / name / "results" / result.id / "index.html").is_file(), (name, result.id)
    schema = json.loads((out / "schemas" / "quiz.schema.json").read_text())
    assert {"sections", "scales", "derived", "plot", "decimals", "compare", "result_rule", "pairings"} <= set(
        schema["properties"]
    )


# The keys issue #14 adds to the format, as (definition in the published schema, property). An editor shows a key's
# description as the author types it, so each must have one (its own, or its definition's when it names one).
NEW_KEYS = [
    ("Quiz", "scales"),
    ("Quiz", "sections"),
    ("Quiz", "derived"),
    ("Quiz", "result_rule"),
    ("Quiz", "pairings"),
    ("Quiz", "decimals"),
    ("Quiz", "compare"),
    ("Quiz", "plot"),
    ("Dimension", "scoring"),
    ("Dimension", "norms"),
    ("Dimension", "change"),
    ("Scoring", "method"),
    ("Scoring", "max_missing"),
    ("Item", "loads"),
    ("Item", "options"),
    ("Item", "scale"),
    ("Load", "dimension"),
    ("Load", "weight"),
    ("Load", "reverse"),
    ("Option", "label"),
    ("Option", "scores"),
    ("Section", "id"),
    ("Section", "title"),
    ("Section", "instructions"),
    ("Section", "scale"),
    ("Section", "repeat"),
    ("Section", "items"),
    ("Target", "id"),
    ("Target", "label"),
    ("Derived", "id"),
    ("Derived", "label"),
    ("Derived", "low"),
    ("Derived", "high"),
    ("Derived", "method"),
    ("Derived", "of"),
    ("Derived", "norms"),
    ("Derived", "change"),
    ("Norms", "citation"),
    ("Norms", "sample"),
    ("Norms", "size"),
    ("Norms", "language"),
    ("Norms", "version"),
    ("Norms", "mean"),
    ("Norms", "sd"),
    ("Norms", "percentiles"),
    ("Change", "minimal"),
    ("Change", "retest"),
    ("Result", "score"),
    ("Pairing", "results"),
    ("Plot", "x"),
    ("Plot", "y"),
    ("Plot", "scores"),
]


def test_the_published_schema_describes_every_new_key() -> None:
    from attunement.plan.routes import SCHEMAS

    schema = SCHEMAS["quiz"].model_json_schema()
    definitions = {"Quiz": schema, **schema["$defs"]}
    undescribed = []
    for owner, key in NEW_KEYS:
        spec = definitions[owner]["properties"][key]
        refs = [spec.get("$ref", "")] + [s.get("$ref", "") for s in spec.get("anyOf", []) + spec.get("allOf", [])]
        named = [definitions[r.rsplit("/", 1)[1]] for r in refs if r]
        if not spec.get("description") and not any(d.get("description") for d in named):
            undescribed.append(f"{owner}.{key}")
    assert not undescribed, f"keys without a description in the published schema: {', '.join(undescribed)}"


def test_the_format_guide_examples_are_valid(tmp_path: Path) -> None:
    """Every YAML and JSON example in docs/quiz-format.md reads; the complete quizzes load, and their coverage is
    proven, without a single diagnostic."""
    import re

    import yaml

    guide = (ROOT / "docs/quiz-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(yaml|json)\n(.*?)```", guide, re.S)
    assert len(blocks) > 10
    complete = []
    for lang, text in blocks:
        data = json.loads(text) if lang == "json" else yaml.safe_load(text)
        if isinstance(data, dict) and "title" in data and "results" in data:
            complete.append(data)
    assert len(complete) == 2, "the two examples of whole quizzes"
    folder = tmp_path / "quizzes"
    for data in complete:
        (folder / data["id"]).mkdir(parents=True)
        (folder / f"{data['id']}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
        for result in data["results"]:
            if "body_file" in result:
                (folder / result["body_file"]).write_text("Body.\n")
    diags = Diagnostics(tmp_path)
    quizzes = load_quizzes(tmp_path, folder, diags)
    for loaded_quiz in quizzes:
        check_coverage(loaded_quiz.quiz, loaded_quiz.positions.location, diags)
    assert len(quizzes) == 2 and not diags.items, [str(d) for d in diags.items]


def _yaml(path: Path) -> object:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))

"""Loading quiz definitions and checking what a schema alone cannot: ids, references and body files."""

from __future__ import annotations

import math
import posixpath
from dataclasses import dataclass
from pathlib import Path

from attunement.config.positions import Positions, load_yaml
from attunement.config.schema import address_problem
from attunement.config.validation import validate
from attunement.content.urls import url_of
from attunement.diagnostics import Diagnostics, did_you_mean
from attunement.files.sources import (
    MARKDOWN_SUFFIXES,
    SourceFile,
    inside,
    list_files,
    read_source,
)
from attunement.quiz.model import Quiz, Result, WithBody


@dataclass
class ResultBody:
    text: str
    source: SourceFile
    first_line: int


@dataclass
class LoadedQuiz:
    slug: str
    quiz: Quiz
    source: SourceFile
    positions: Positions
    bodies: dict[str, ResultBody]

    @property
    def output(self) -> str:
        return f"quizzes/{self.slug}/index.html"

    @property
    def url(self) -> str:
        return url_of(self.output)

    @property
    def title(self) -> str:
        return self.quiz.title

    @property
    def summary(self) -> str:
        return self.quiz.description

    def result_output(self, result_id: str) -> str:
        return f"quizzes/{self.slug}/results/{result_id}/index.html"

    def result_url(self, result_id: str) -> str:
        return url_of(self.result_output(result_id))


@dataclass(frozen=True)
class ResultPage:
    """What a result page shows: one outcome of one quiz."""

    quiz: LoadedQuiz
    result: Result

    @property
    def title(self) -> str:
        return self.result.title

    @property
    def summary(self) -> str:
        return self.result.summary


def load_quizzes(root: Path, folder: Path, diags: Diagnostics) -> list[LoadedQuiz]:
    """Every `quizzes/*.yaml` (sub-folders hold result bodies, not quizzes)."""
    quizzes = []
    for path in list_files(root, folder, "*.y*ml", diags):
        if path.suffix not in (".yaml", ".yml"):
            continue
        problem = address_problem(path.stem, "attachment-style.yaml", path.name)
        if problem:
            diags.error(diags.location(path), f"file name {problem}")
            continue
        source = read_source(path, diags)
        loaded = load_yaml(source, diags) if source else None
        if source is None or loaded is None:
            continue
        data, positions = loaded
        quiz = validate(Quiz, data, positions, diags, what="quiz")
        if quiz is None:
            continue
        bodies = _bodies(root, folder, source, quiz, positions, diags)
        if _consistent(path.stem, quiz, positions, diags) and bodies is not None:
            quizzes.append(LoadedQuiz(path.stem, quiz, source, positions, bodies))
    return quizzes


def _duplicates(ids: list[str], section: str, positions: Positions, diags: Diagnostics) -> None:
    seen: set[str] = set()
    for index, id_ in enumerate(ids):
        if id_ in seen:
            diags.error(positions.location((section, index, "id")), f"duplicate {section[:-1]} id '{id_}'")
        seen.add(id_)


def _consistent(stem: str, quiz: Quiz, positions: Positions, diags: Diagnostics) -> bool:
    """Cross-field rules; True when the quiz can be rendered and scored."""
    before = len(diags.errors)
    if quiz.id is not None and quiz.id != stem:
        diags.error(positions.location(("id",)), f"id '{quiz.id}' must equal the file name '{stem}'")
    dims = [d.id for d in quiz.dimensions]
    _duplicates(dims, "dimensions", positions, diags)
    _duplicates([i.id for i in quiz.items], "items", positions, diags)
    _duplicates([r.id for r in quiz.results], "results", positions, diags)
    for point in quiz.scale.labels:
        if not quiz.scale.min <= point <= quiz.scale.max:
            diags.error(
                positions.location(("scale", "labels", point), key=True),
                f"label for {point} is outside the scale {quiz.scale.min}..{quiz.scale.max}",
            )
    for end in (quiz.scale.min, quiz.scale.max):
        if end not in quiz.scale.labels:
            diags.error(positions.location(("scale", "labels")), f"the scale's end {end} needs a label")
    for index, item in enumerate(quiz.items):
        if item.dimension not in dims:
            diags.error(
                positions.location(("items", index, "dimension")),
                f"unknown dimension '{item.dimension}'{did_you_mean(item.dimension, dims)}",
            )
    for dim in dims:
        if not any(item.dimension == dim for item in quiz.items):
            diags.error(positions.location(("dimensions", dims.index(dim), "id")), f"dimension '{dim}' has no items")
    for index, result in enumerate(quiz.results):
        for dim in result.when:
            if dim not in dims:
                diags.error(
                    positions.location(("results", index, "when", dim), key=True),
                    f"result '{result.id}' names unknown dimension '{dim}'{did_you_mean(dim, dims)}",
                )
    _check_result_rule(quiz, dims, positions, diags)
    _check_missing_allowances(quiz, positions, diags)
    _check_pairings(quiz, positions, diags)
    if quiz.plot:
        for axis in ("x", "y"):
            if getattr(quiz.plot, axis) not in dims:
                diags.error(
                    positions.location(("plot", axis)),
                    f"plot {axis} names unknown dimension '{getattr(quiz.plot, axis)}'",
                )
        if quiz.plot.x == quiz.plot.y:
            diags.error(positions.location(("plot",)), "the plot needs two different dimensions")
    return len(diags.errors) == before


def _check_result_rule(quiz: Quiz, dims: list[str], positions: Positions, diags: Diagnostics) -> None:
    """Under `highest` every result names the dimension it stands for, and ranges mean nothing; under `first`, the
    reverse."""
    highest = quiz.result_rule == "highest"
    for index, result in enumerate(quiz.results):
        if highest and result.score is None:
            diags.error(
                positions.location(("results", index)),
                f"result '{result.id}' needs 'score': the dimension it stands for (result_rule is highest)",
            )
        elif highest and result.score not in dims:
            diags.error(
                positions.location(("results", index, "score")),
                f"result '{result.id}' names unknown dimension '{result.score}'{did_you_mean(str(result.score), dims)}",
            )
        if highest and result.when:
            diags.error(
                positions.location(("results", index, "when"), key=True),
                f"result '{result.id}' has ranges, but result_rule highest ignores them; leave out 'when'",
            )
        if not highest and result.score is not None:
            diags.error(
                positions.location(("results", index, "score"), key=True),
                f"result '{result.id}' has 'score', which only result_rule: highest uses; give it 'when' ranges",
            )


def _check_missing_allowances(quiz: Quiz, positions: Positions, diags: Diagnostics) -> None:
    """A share of items that falls just short of a whole count is most likely a rounding slip (0.1111 of 9 items
    allows none, not one): say what it allows, and how to write the count meant."""
    for index, dim in enumerate(quiz.dimensions):
        count = sum(item.dimension == dim.id for item in quiz.items)
        scoring = quiz.scoring_of(dim.id)
        share = scoring.share_of(count)
        if (
            count == 0
            or isinstance(scoring.max_missing, int)
            or share == int(share)
            or math.ceil(share) - share >= 0.01
        ):
            continue
        where = ("dimensions", index, "scoring", "max_missing") if dim.scoring else ("scoring", "max_missing")
        allowed = min(math.floor(share), count - 1)
        diags.warning(
            positions.location(where),
            f"max_missing {scoring.max_missing} of the {count} items of '{dim.id}' is {float(share):.4g}, which allows "
            f"{allowed} unanswered; to allow {allowed + 1}, write the count: max_missing: {allowed + 1}",
        )


def _check_pairings(quiz: Quiz, positions: Positions, diags: Diagnostics) -> None:
    """Pairings name known results, each pair once; together (or with a default) they cover every pair."""
    if not quiz.pairings:
        return
    _duplicates([p.id for p in quiz.pairings], "pairings", positions, diags)
    ids = [r.id for r in quiz.results]
    defaults = [i for i, p in enumerate(quiz.pairings) if p.results is None]
    for index in defaults[1:]:
        diags.error(positions.location(("pairings", index)), "only one pairing may leave out 'results' (the default)")
    seen: dict[tuple[str, ...], str] = {}
    for index, pairing in enumerate(quiz.pairings):
        for r_index, result_id in enumerate(pairing.results or []):
            if result_id not in ids:
                diags.error(
                    positions.location(("pairings", index, "results", r_index)),
                    f"pairing '{pairing.id}' names unknown result '{result_id}'{did_you_mean(result_id, ids)}",
                )
        pair = tuple(sorted(pairing.results or []))
        if pair and pair in seen:
            diags.error(
                positions.location(("pairings", index, "results")),
                f"pairing '{pairing.id}' repeats the pair of '{seen[pair]}'",
            )
        seen.setdefault(pair, pairing.id)
    if not defaults:
        missing = [
            f"{a} + {b}" for i, a in enumerate(ids) for b in ids[i:] if (a, b) not in seen and (b, a) not in seen
        ]
        if missing:
            diags.error(
                positions.location(("pairings",), key=True),
                "no pairing for " + ", ".join(missing) + " (add them, or a default pairing without 'results')",
            )


def _bodies(
    root: Path, folder: Path, source: SourceFile, quiz: Quiz, positions: Positions, diags: Diagnostics
) -> dict[str, ResultBody] | None:
    """The Markdown of each result and pairing, keyed `results/<id>` and `pairings/<id>`."""
    bodies: dict[str, ResultBody] = {}
    texts = quiz.texts()
    for section, index, text in texts:
        body = _body(root, folder, source, text, positions, (section, index), diags)
        if body is not None:
            bodies[f"{section}/{text.id}"] = body
    return bodies if len(bodies) == len(texts) else None


def _body(
    root: Path,
    folder: Path,
    source: SourceFile,
    text: WithBody,
    positions: Positions,
    loc: tuple[str, int],
    diags: Diagnostics,
) -> ResultBody | None:
    """Inline Markdown, or a `body_file` that must stay inside quizzes/."""
    if text.body is not None:
        line, _ = positions.at((*loc, "body"))
        return ResultBody(text.body, source, line)
    assert text.body_file is not None
    where = positions.location((*loc, "body_file"))
    path = source.path.parent / text.body_file
    if Path(text.body_file).is_absolute() or not inside(folder, path) or not inside(root, path):
        diags.error(
            where,
            f"body_file '{text.body_file}' is outside the quizzes folder; keep it in quizzes/ and write its "
            "path from the quiz file, like 'my-quiz/result.md'",
        )
        return None
    if not path.exists():
        written = posixpath.dirname(text.body_file)
        near = (
            [posixpath.join(written, p.name) for p in path.parent.iterdir() if p.suffix in MARKDOWN_SUFFIXES]
            if path.parent.is_dir()
            else []
        )
        diags.error(where, f"body_file '{text.body_file}' does not exist{did_you_mean(text.body_file, near)}")
        return None
    if path.suffix not in MARKDOWN_SUFFIXES or not path.is_file():
        diags.error(where, f"body_file '{text.body_file}' is not a Markdown file ({' or '.join(MARKDOWN_SUFFIXES)})")
        return None
    body_source = read_source(path, diags)
    return ResultBody(body_source.text, body_source, 1) if body_source else None


def check_related(quizzes: list[LoadedQuiz], published: set[str], drafts: set[str], diags: Diagnostics) -> None:
    """`related` names articles by slug: unknown ones are errors, drafts left out of this build are warnings."""
    for loaded in quizzes:
        for section, t_index, text in loaded.quiz.texts():
            for index, slug in enumerate(text.related):
                where = loaded.positions.location((section, t_index, "related", index))
                if slug in drafts:
                    diags.warning(where, f"related article '{slug}' is a draft and is left out of this build")
                elif slug not in published:
                    diags.error(where, f"related article '{slug}' does not exist{did_you_mean(slug, published)}")

"""Loading quiz definitions and checking what a schema alone cannot: ids, references and body files."""

from __future__ import annotations

import math
import posixpath
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from attunement.config.languages import translation_of, unknown_language_hint
from attunement.config.positions import Positions, load_yaml
from attunement.config.schema import address_problem
from attunement.config.validation import validate
from attunement.content.urls import url_of
from attunement.diagnostics import Diagnostics, count_of, did_you_mean
from attunement.files.sources import (
    MARKDOWN_SUFFIXES,
    SourceFile,
    inside,
    list_files,
    read_source,
)
from attunement.quiz.bounds import score_bounds
from attunement.quiz.model import Derived, Dimension, Item, Quiz, Result, Scale, Section, WithBody
from attunement.quiz.structure import dimensions_of, scale_of
from attunement.quiz.translation import Translation, translate


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
    """The file its words come from: the quiz's own, or its translation's."""
    positions: Positions
    bodies: dict[str, ResultBody]
    lang: str | None = None
    """The language of a translation (`<id>.<code>.yaml`); None for the quiz's own words."""
    original: SourceFile | None = None
    """A translation's quiz file, where its structure lives."""
    prefix: str = ""
    """The folder of the language it is published in ("" or "es/", as for documents)."""
    fallback: bool = False
    """Published in another language in the default language's words (`untranslated: fallback`)."""

    @property
    def output(self) -> str:
        return f"{self.prefix}quizzes/{self.slug}/index.html"

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
        return f"{self.prefix}quizzes/{self.slug}/results/{result_id}/index.html"

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


def load_quizzes(
    root: Path, folder: Path, diags: Diagnostics, only: str | None = None, languages: Collection[str] = ()
) -> list[LoadedQuiz]:
    """Every `quizzes/*.yaml` (sub-folders hold result bodies, not quizzes), or the one whose id is `only`;
    translations into `languages` (`<id>.<code>.yaml`) are left to load_translations."""
    quizzes = []
    for path in list_files(root, folder, "*.y*ml", diags):
        if path.suffix not in (".yaml", ".yml") or only not in (None, path.stem):
            continue
        if translation_of(path.stem, languages)[1] is not None:
            continue
        problem = address_problem(path.stem, "attachment-style.yaml", path.name)
        if problem:
            diags.error(diags.location(path), f"file name {problem}{unknown_language_hint(path.stem)}")
            continue
        read = _read(path, Quiz, "quiz", diags)
        if read is None:
            continue
        source, quiz, positions = read
        bodies = _bodies(root, folder, source, quiz, positions, diags)
        if _consistent(path.stem, quiz, positions, diags) and bodies is not None:
            quizzes.append(LoadedQuiz(path.stem, quiz, source, positions, bodies))
    return quizzes


def load_translations(
    root: Path, folder: Path, quizzes: list[LoadedQuiz], languages: Collection[str], diags: Diagnostics
) -> dict[str, dict[str, LoadedQuiz]]:
    """Each language's translated quizzes by slug: `quizzes/<id>.<code>.yaml`, words only, checked id by id
    against the quiz's own file."""
    by_slug = {q.slug: q for q in quizzes}
    found: dict[str, dict[str, LoadedQuiz]] = {code: {} for code in languages}
    for path in list_files(root, folder, "*.y*ml", diags):
        slug, code = translation_of(path.stem, languages)
        if code is None or path.suffix not in (".yaml", ".yml"):
            continue
        original = by_slug.get(slug)
        if original is None:
            if (folder / f"{slug}{path.suffix}").is_file() or (folder / f"{slug}.yml").is_file():
                continue  # the quiz itself has errors, reported where they are
            known = [q.slug for q in quizzes]
            diags.error(
                diags.location(path), f"translates quiz '{slug}', which does not exist{did_you_mean(slug, known)}"
            )
            continue
        read = _read(path, Translation, "quiz translation", diags)
        if read is None:
            continue
        source, words, positions = read
        quiz, problems = translate(original.quiz, words)
        for at, message, key in problems:
            diags.error(positions.location(at, key=key), message)
        if quiz is None:
            continue
        bodies = _bodies(root, folder, source, quiz, positions, diags, keyed=True)
        if bodies is not None:
            found[code][slug] = LoadedQuiz(slug, quiz, source, positions, bodies, code, original.source)
    return found


M = TypeVar("M", bound=BaseModel)


def _read(path: Path, model: type[M], what: str, diags: Diagnostics) -> tuple[SourceFile, M, Positions] | None:
    """A YAML file validated against `model`, with the positions of its keys; None after reporting why not."""
    source = read_source(path, diags)
    loaded = load_yaml(source, diags) if source else None
    if source is None or loaded is None:
        return None
    data, positions = loaded
    found = validate(model, data, positions, diags, what=what)
    return (source, found, positions) if found is not None else None


def _duplicates(
    ids: list[str], section: str, positions: Positions, diags: Diagnostics, at: tuple[str | int, ...] | None = None
) -> None:
    seen: set[str] = set()
    for index, id_ in enumerate(ids):
        if id_ in seen:
            where = (*(at or (section,)), index, "id")
            diags.error(positions.location(where), f"duplicate {section[:-1]} id '{id_}'")
        seen.add(id_)


def _consistent(stem: str, quiz: Quiz, positions: Positions, diags: Diagnostics) -> bool:
    """Cross-field rules; True when the quiz can be rendered and scored."""
    before = len(diags.errors)
    if quiz.id is not None and quiz.id != stem:
        diags.error(positions.location(("id",)), f"id '{quiz.id}' must equal the file name '{stem}'")
    dims = [d.id for d in quiz.dimensions]
    _duplicates(dims, "dimensions", positions, diags)
    _duplicates([r.id for r in quiz.results], "results", positions, diags)
    _check_items(quiz, dims, positions, diags)
    if len(diags.errors) > before:
        return False  # the scores below are made of the items' references
    scores = _check_derived(quiz, dims, positions, diags)
    for index, result in enumerate(quiz.results):
        for score_id in result.when:
            if score_id not in scores:
                diags.error(
                    positions.location(("results", index, "when", score_id), key=True),
                    f"result '{result.id}' names unknown score '{score_id}'{did_you_mean(score_id, scores)}",
                )
    _check_result_rule(quiz, scores, positions, diags)
    if quiz.plot:
        plotted = quiz.plot.plotted
        where = ("plot", "scores") if quiz.plot.scores else ("plot",)
        for index, score_id in enumerate(plotted):
            if score_id not in scores:
                at = ("plot", "scores", index) if quiz.plot.scores else ("plot", "xy"[index])
                near = did_you_mean(score_id, scores)
                diags.error(positions.location(at), f"plot names unknown score '{score_id}'{near}")
        if len(set(plotted)) < len(plotted):
            diags.error(positions.location(where), "the plot names a score twice")
    if len(diags.errors) > before:
        return False
    _check_missing_allowances(quiz, positions, diags)
    _check_norms(quiz, positions, diags)
    _check_pairings(quiz, positions, diags)
    return len(diags.errors) == before


def _items(quiz: Quiz) -> list[tuple[tuple[str | int, ...], Section | None, Item]]:
    """Every item with its place in the file and its section (None for a quiz without sections)."""
    if quiz.sections is None:
        return [(("items", i), None, item) for i, item in enumerate(quiz.items or [])]
    return [
        (("sections", s, "items", i), section, item)
        for s, section in enumerate(quiz.sections)
        for i, item in enumerate(section.items)
    ]


def _check_scale(scale: Scale, at: tuple[str | int, ...], positions: Positions, diags: Diagnostics) -> None:
    for point in scale.labels:
        if not scale.min <= point <= scale.max:
            diags.error(
                positions.location((*at, "labels", point), key=True),
                f"label for {point} is outside the scale {scale.min}..{scale.max}",
            )
    for end in (scale.min, scale.max):
        if end not in scale.labels:
            diags.error(positions.location((*at, "labels")), f"the scale's end {end} needs a label")


def _check_scale_use(
    quiz: Quiz, scale: str | Scale | None, at: tuple[str | int, ...], positions: Positions, diags: Diagnostics
) -> None:
    """A scale named where an item or section names one: known by name, or well-formed inline."""
    if isinstance(scale, str) and scale not in quiz.scales:
        hint = did_you_mean(scale, list(quiz.scales)) if quiz.scales else "; name the quiz's scales under 'scales:'"
        diags.error(positions.location(at), f"unknown scale '{scale}'{hint}")
    elif isinstance(scale, Scale):
        _check_scale(scale, at, positions, diags)


def _check_items(quiz: Quiz, dims: list[str], positions: Positions, diags: Diagnostics) -> None:
    """Items name known dimensions and scales, once each; every dimension has items and is measured either in
    repeated sections (per target) or once, never both."""
    scales: list[tuple[tuple[str | int, ...], Scale | None]] = [(("scale",), quiz.scale)]
    for path, scale in scales + [(("scales", n), s) for n, s in quiz.scales.items()]:
        if scale is not None:
            _check_scale(scale, path, positions, diags)
    for index, part in enumerate(quiz.sections or []):
        _check_scale_use(quiz, part.scale, ("sections", index, "scale"), positions, diags)
        _duplicates([t.id for t in part.repeat or []], "targets", positions, diags, ("sections", index, "repeat"))
    _duplicates([s.id for s in quiz.sections or []], "sections", positions, diags)
    places = _items(quiz)
    seen: dict[str, tuple[str | int, ...]] = {}
    repeated: dict[str, bool] = {}
    unscaled: list[str] = []
    for at, section, item in places:
        if item.id in seen:
            diags.error(positions.location((*at, "id")), f"duplicate item id '{item.id}'")
        seen.setdefault(item.id, at)
        _check_scale_use(quiz, item.scale, (*at, "scale"), positions, diags)
        named_scale = isinstance(item.scale, str) or isinstance(section and section.scale, str)
        if item.options is None and not named_scale and scale_of(quiz, section or quiz.groups[0], item) is None:
            unscaled.append(item.id)  # an unknown named scale is reported where it is named
        named = [
            ((*at, "dimension"), str(item.dimension)) if item.dimension is not None else None,
            *(((*at, "loads", i, "dimension"), load.dimension) for i, load in enumerate(item.loads or [])),
            *(
                ((*at, "options", i, "scores", d), d)
                for i, option in enumerate(item.options or [])
                for d in option.scores
            ),
        ]
        for where, dim in (pair for pair in named if pair is not None):
            if dim not in dims:
                diags.error(
                    positions.location(where, key=item.options is not None),
                    f"unknown dimension '{dim}'{did_you_mean(dim, dims)}",
                )
        loads = [load.dimension for load in item.loads or []]
        if len(set(loads)) < len(loads):
            diags.error(positions.location((*at, "loads")), f"item '{item.id}' loads on a dimension twice")
        for dim in dimensions_of(item):
            inside = bool(section and section.repeat)
            if repeated.setdefault(dim, inside) != inside and dim in dims:
                diags.error(
                    positions.location(at),
                    f"dimension '{dim}' is measured both in a repeated section and outside one; "
                    "give each its own dimension",
                )
    if unscaled:
        diags.error(
            positions.location(("items",) if quiz.items is not None else ("sections",), key=True),
            f"{count_of(len(unscaled), 'item')} ({', '.join(unscaled)}) {'has' if len(unscaled) == 1 else 'have'} "
            "no scale: give the quiz a 'scale', or each item or its section one",
        )
    for dim in dims:
        if dim not in repeated:
            diags.error(positions.location(("dimensions", dims.index(dim), "id")), f"dimension '{dim}' has no items")


def _check_derived(quiz: Quiz, dims: list[str], positions: Positions, diags: Diagnostics) -> list[str]:
    """Derived scores name scores defined before them; returns every score id of the quiz."""
    scores = [s.id for s in quiz.structure.measured]
    for index, derived in enumerate(quiz.derived):
        if derived.id in scores or derived.id in dims:
            diags.error(positions.location(("derived", index, "id")), f"score id '{derived.id}' is taken")
        for part in derived.weights:
            if part not in scores:
                later = next((j for j, d in enumerate(quiz.derived) if d.id == part and j > index), None)
                if part == derived.id:
                    problem = f"derived score '{part}' cannot be made of itself"
                elif later is not None:
                    line = positions.at(("derived", later, "id"))[0]
                    problem = (
                        f"derived score '{derived.id}' names '{part}', which is defined later (line {line}); "
                        f"a derived score uses only scores defined before it, so move '{derived.id}' after it"
                    )
                else:
                    problem = f"derived score '{derived.id}' names unknown score '{part}'{did_you_mean(part, scores)}"
                in_map = isinstance(derived.of, dict)
                at = ("derived", index, "of", part if in_map else list(derived.of).index(part))
                diags.error(positions.location(at, key=in_map), problem)
        scores.append(derived.id)
    return scores


def _check_norms(quiz: Quiz, positions: Positions, diags: Diagnostics) -> None:
    """Norms lie within the scores they describe, and a retest reliability has an sd to work with."""
    owners: list[tuple[str, int, Dimension | Derived]] = [("dimensions", i, d) for i, d in enumerate(quiz.dimensions)]
    owners += [("derived", i, d) for i, d in enumerate(quiz.derived)]
    for section, index, owner in owners:
        norms = owner.norms
        if owner.change is not None and owner.change.retest is not None and (norms is None or norms.sd is None):
            diags.error(
                positions.location((section, index, "change", "retest")),
                "a change from test-retest reliability needs norms with an 'sd'; or give 'minimal' instead",
            )
        if norms is None:
            continue
        at = (section, index, "norms")
        ids = [s.id for s in quiz.structure.scores if s.id == owner.id or s.id.startswith(f"{owner.id}.")]
        bounds = [score_bounds(quiz, score_id) for score_id in ids]  # a dimension's norms serve each of its targets
        low, high = min(b[0] for b in bounds), max(b[1] for b in bounds)
        if norms.mean is not None and not low <= norms.mean <= high:
            diags.error(
                positions.location((*at, "mean")),
                f"the norms' mean {norms.mean:g} is outside the scores '{owner.id}' can take ({low:g} to {high:g})",
            )
        table = list((norms.percentiles or {}).items())
        for (s0, p0), (s1, p1) in zip(table, table[1:], strict=False):
            row = positions.location((*at, "percentiles", s1), key=True)
            if s1 <= s0:
                diags.error(row, f"write the percentile table in order of score: {s1:g} comes after {s0:g}")
            elif p1 <= p0:
                diags.error(
                    row, f"percentiles must rise with the score: {p1:g} at {s1:g} is not above {p0:g} at {s0:g}"
                )
        if table and max(pct for _, pct in table) <= 1:
            diags.warning(
                positions.location((*at, "percentiles")),
                "these percentiles look like proportions (0 to 1); write them from 0 to 100, like 40 for 0.4",
            )
        for score, _ in table:
            if not low <= score <= high:
                diags.error(
                    positions.location((*at, "percentiles", score), key=True),
                    f"the percentile table's score {score:g} is outside the scores '{owner.id}' can take "
                    f"({low:g} to {high:g})",
                )


def _check_result_rule(quiz: Quiz, scores: list[str], positions: Positions, diags: Diagnostics) -> None:
    """Under `highest` every result names the score it stands for, and ranges mean nothing; under `first`, the
    reverse."""
    highest = quiz.result_rule == "highest"
    for index, result in enumerate(quiz.results):
        if highest and result.score is None:
            diags.error(
                positions.location(("results", index)),
                f"result '{result.id}' needs 'score': the score it stands for (result_rule is highest)",
            )
        elif highest and result.score not in scores:
            diags.error(
                positions.location(("results", index, "score")),
                f"result '{result.id}' names unknown score '{result.score}'{did_you_mean(str(result.score), scores)}",
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
        count = max(len(quiz.structure.feeding(s.id)) for s in quiz.structure.measured if s.id.split(".")[0] == dim.id)
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
    root: Path,
    folder: Path,
    source: SourceFile,
    quiz: Quiz,
    positions: Positions,
    diags: Diagnostics,
    *,
    keyed: bool = False,
) -> dict[str, ResultBody] | None:
    """The Markdown of each result and pairing, keyed `results/<id>` and `pairings/<id>`; `keyed` when `source`
    holds them by id (a translation), not in a list."""
    bodies: dict[str, ResultBody] = {}
    texts = quiz.texts()
    for section, index, text in texts:
        body = _body(root, folder, source, text, positions, (section, text.id if keyed else index), diags)
        if body is not None:
            bodies[f"{section}/{text.id}"] = body
    return bodies if len(bodies) == len(texts) else None


def _body(
    root: Path,
    folder: Path,
    source: SourceFile,
    text: WithBody,
    positions: Positions,
    loc: tuple[str, int | str],
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

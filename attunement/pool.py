"""Work on every core: a pool of forked processes, used only when there is enough work to pay for it
(rendering pages, analysing them for search).

Forking lets each worker start with the loaded site already in memory (nothing is pickled on the
way in); only the results travel back. Results come back in input order, so the output does not
depend on how the work was shared out.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int, int], None]
"""Told (done, total) as work finishes."""

MIN_ITEMS = 64
"""Below this many items, starting workers costs more than it saves."""

_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
"""The work of the current map, inherited by forked workers (nothing is pickled on the way in)."""


def _run(bounds: tuple[int, int]) -> list[Any]:
    assert _job is not None
    work, items = _job
    return [work(item) for item in items[bounds[0] : bounds[1]]]


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_in_order(
    work: Callable[[T], R], items: Sequence[T], *, allow: bool = True, progress: Progress | None = None
) -> list[R]:
    """`[work(i) for i in items]`, shared between processes when allowed, worth it and possible (fork); `progress`
    hears how many are done as they finish."""
    global _job
    count = workers()
    done: list[R] = []
    if not allow or count < 2 or len(items) < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        for item in items:
            done.append(work(item))
            if progress is not None:
                progress(len(done), len(items))
        return done
    chunks = count * 4  # small enough chunks that one slow page does not leave a core idle
    size = -(-len(items) // chunks)
    bounds = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    _job = (work, items)
    try:
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
            for chunk in pool.map(_run, bounds):
                done += chunk
                if progress is not None:
                    progress(len(done), len(items))
        return done
    finally:
        _job = None

"""`make bench` (search): the search index's size and the time a query takes in Chromium, on generated corpora, against
issue #16's budgets: at most 400 KB gzipped for 1,000 articles, under 50 ms a query at 4,000.

For each N the corpus is built with the real CLI, its `search/index.js` is gzipped (as a server or the zip sends it),
and headless Chromium opens the search page, loads the index as a reader's first keystroke does (reported apart:
it happens once), then answers each query several times; the median of each query's times is reported, and the
slowest of those is held to the budget. A query here is what the page does per keystroke before drawing: build
the query, search, and pick the passages.

    python bench/search.py [N ...]     # default: 1000 4000
"""

from __future__ import annotations

import datetime
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from corpus import generate

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, serving  # noqa: E402  (the tests' browser and server)

BUDGET_KB = {1000: 400}
BUDGET_MS = {4000: 50}
QUERIES = ["partner", "reassurance after silence", "withdrw", "boundar", "clingy", "evening message reply"]
RUNS = 7
TIMING = """async ({queries, runs}) => {
  const logic = await import("../assets/searchlogic.js");
  const started = performance.now();
  await new Promise((resolve, reject) => {
    const load = (src, next) => { const s = document.createElement("script"); s.src = src; s.onload = next;
      s.onerror = reject; document.head.append(s); };
    load("../assets/vendor/minisearch.js", () => load("index.js", resolve));
  });
  const index = globalThis.attuneSearchIndex;
  const engine = MiniSearch.loadJS(logic.loadable(index), logic.searchOptions(index));
  const loaded = performance.now() - started;
  const times = {};
  for (const text of queries) {
    times[text] = [];
    for (let i = 0; i < runs; i += 1) {
      const t = performance.now();
      const hits = engine.search(logic.query(index, text));
      logic.results(index, hits, text);
      times[text].push(performance.now() - t);
    }
  }
  return {loaded, times};
}"""


@dataclass(frozen=True)
class Measured:
    gzip_kb: float
    raw_kb: float
    load_ms: float
    query_ms: dict[str, float]
    """Each query's median time."""

    @property
    def slowest_ms(self) -> float:
        return max(self.query_ms.values())


def measure(n: int, work: Path) -> Measured:
    site = generate(n, work / f"corpus-{n}")
    built = subprocess.run(
        [sys.executable, "-m", "attunement", "build", "--clean"], cwd=site, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stderr
    index = (site / "dist/search/index.js").read_bytes()
    from playwright.sync_api import sync_playwright

    with serving(site / "dist") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + "search/")
        timed = page.evaluate(TIMING, {"queries": QUERIES, "runs": RUNS})
        browser.close()
    medians = {q: statistics.median(t) for q, t in timed["times"].items()}
    return Measured(len(gzip.compress(index, 9)) / 1024, len(index) / 1024, timed["loaded"], medians)


def main(sizes: list[int]) -> int:
    failed = False
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            found = measure(n, Path(folder))
            size_budget, time_budget = BUDGET_KB.get(n), BUDGET_MS.get(n)
            size_ok = size_budget is None or found.gzip_kb <= size_budget
            time_ok = time_budget is None or found.slowest_ms < time_budget
            failed |= not (size_ok and time_ok)
            size = f"{found.gzip_kb:.0f} KB" + (
                f" ({'meets' if size_ok else 'misses'} ≤ {size_budget})" if size_budget else ""
            )
            time = f"{found.slowest_ms:.1f} ms" + (
                f" ({'meets' if time_ok else 'misses'} < {time_budget})" if time_budget else ""
            )
            lines.append(f"| {n:,} | {size} | {found.raw_kb:.0f} KB | {found.load_ms:.0f} ms | {time} |")
            print(lines[-1])
            print("  " + json.dumps({q: round(t, 2) for q, t in found.query_ms.items()}))
    _record(lines)
    return 1 if failed else 0


def _record(lines: list[str]) -> None:
    """Writes the table into bench/RESULTS.md as its search section (after run.py has written the rest)."""
    section = SECTION.format(
        date=datetime.date.today().isoformat(), rows="\n".join(lines), queries=", ".join(QUERIES), runs=RUNS
    )
    results = HERE / "RESULTS.md"
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    start = text.find(MARKER)
    results.write_text((text[:start] if start >= 0 else text.rstrip() + "\n\n") + section, encoding="utf-8")
    print(f"wrote the search section of {results}")


MARKER = "<!-- search: written by bench/search.py -->"
SECTION = (
    MARKER
    + """
## Search (issue #16)

Measured by `bench/search.py` on {date}, same machine. *Index* is `search/index.js` gzipped, as a server or the
zip sends it; it is loaded only when a reader starts searching, and *load* is that first load (the library and
the index, read into MiniSearch) in headless Chromium. *Slowest query* is the slowest of the median times of
these queries (build the query, search, pick the passages), each run {runs} times: {queries}.

| N | index gzipped | index raw | load | slowest query |
|---|---|---|---|---|
{rows}

Budgets: at most 400 KB gzipped at 1,000 articles; under 50 ms a query at 4,000.
"""
)


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [1000, 4000]))

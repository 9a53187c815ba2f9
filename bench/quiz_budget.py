"""Budget: a quiz page's own JavaScript and CSS must stay within 8 KB gzipped.

Builds the bundled site, finds every stylesheet and module a quiz page loads (following imports),
and reports their gzipped size. Exits 1 when over budget.

    python bench/quiz_budget.py
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BUDGET = 8 * 1024
ROOT = Path(__file__).resolve().parent.parent


def assets_of(page: Path) -> list[Path]:
    html = page.read_text(encoding="utf-8")
    found = [
        page.parent / ref
        for ref in re.findall(r'<(?:link rel="stylesheet"|script type="module") (?:href|src)="([^"]+)"', html)
    ]
    queue = [p for p in found if p.suffix == ".js"]
    while queue:
        module = queue.pop()
        for ref in re.findall(r'from\s*"(\./[^"]+)"', module.read_text(encoding="utf-8")):
            dep = (module.parent / ref).resolve()
            if dep not in [f.resolve() for f in found]:
                found.append(dep)
                queue.append(dep)
    return found


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "attunement", "build", "-o", tmp], cwd=ROOT, check=True, capture_output=True
        )
        worst = 0
        for page in sorted(Path(tmp).glob("quizzes/*/index.html")):
            files = assets_of(page)
            sizes = {f.name: len(gzip.compress(f.read_bytes(), compresslevel=9)) for f in files}
            total = sum(sizes.values())
            worst = max(worst, total)
            detail = ", ".join(f"{name} {size:,} B" for name, size in sizes.items())
            print(f"{page.parent.name}: {total:,} B gzipped of {BUDGET:,} B ({detail})")
    print("within budget" if worst <= BUDGET else "OVER BUDGET")
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())

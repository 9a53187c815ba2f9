"""Turning the theme's ES modules into one classic script, for pages opened from `file://`.

Browsers refuse module scripts from `file://` (they need CORS), and a single-file export must inline
everything. Our client code uses only `import { a, b } from "./x.js"` and `export function|const`,
so each module becomes a function in a small registry, in dependency order, with no build tool.
"""

from __future__ import annotations

import re
from pathlib import Path

IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"\./([\w.-]+\.js)";\s*$', re.M)
EXPORT = re.compile(r"^export\s+(?:async\s+)?(function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)", re.M)


def bundle(entry: Path) -> str:
    """One classic script that runs `entry` and the modules it imports, each in its own scope."""
    order: list[Path] = []
    _visit(entry, order, set())
    parts = ["(() => {", '"use strict";', "const modules = {};"]
    for module in order:
        source = module.read_text(encoding="utf-8")
        exported = [name for _, name in EXPORT.findall(source)]
        body = IMPORT.sub(lambda m: f'const {{{m.group(1)}}} = modules["{m.group(2)}"];', source)
        body = EXPORT.sub(lambda m: m.group(0).removeprefix("export").lstrip(), body)
        parts.append(f'modules["{module.name}"] = (() => {{\n{body}\nreturn {{ {", ".join(exported)} }};\n}})();')
    parts.append("})();")
    return "\n".join(parts) + "\n"


def _visit(module: Path, order: list[Path], seen: set[Path]) -> None:
    if module in seen:
        return
    seen.add(module)
    for match in IMPORT.finditer(module.read_text(encoding="utf-8")):
        _visit(module.parent / match.group(2), order, seen)
    order.append(module)

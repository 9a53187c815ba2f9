"""Turning the theme's ES modules into one classic script, for pages opened from `file://`.

Browsers refuse module scripts from `file://` (they need CORS), and a single-file export must inline
everything. Our client code uses only `import { a, b } from "./x.js";` on one line and
`export function|const|class NAME`, so each module becomes a function in a small registry, in
dependency order, with no build tool.

Anything else that makes a module (another `import` or `export` form where a statement starts, an
`import(` or `import.meta`) raises BundleError naming the file and line: left in a classic script it
would be a syntax error that only a reader's browser finds. The check reads no JavaScript, so such
words starting a line of a comment or string are refused too. `export let` is refused: importers here
get a copy of the value, which a later assignment would not reach. So are imports of a missing script
or name, and import cycles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from attunement.diagnostics import Diagnostics, Location, line_col
from attunement.files.sources import decode_text

IMPORT = re.compile(
    r"""^import [ \t]* \{ [ \t]* ([\w$]+ (?: [ \t]*,[ \t]* [\w$]+ )*) [ \t]*,?[ \t]* \}  # import { a, b }
    [ \t]* from [ \t]* "\./([\w.-]+\.js)"; [ \t]*$                                   # from "./x.js";""",
    re.M | re.X,
)
EXPORT = re.compile(
    r"""^export [ \t]+ (?:async [ \t]+)?
    (?: function (?:[ \t]*\*[ \t]* | [ \t]+) | (?:const|class) [ \t]+ ) ([A-Za-z_$][\w$]*)""",
    re.M | re.X,
)
LEFTOVER = re.compile(  # a statement's start (an object's `{ import: 1 }` is not), or import( and import.meta
    r"""(?:^|[;{}]) [ \t]* ((?:import|export)\b) (?=\s*[\w${*"'])
    | (\bimport [ \t]* (?: \( | \.[ \t]*meta\b ))""",
    re.M | re.X,
)
RULE = 'only single-line `import { a, b } from "./name.js";` and `export function|const|class NAME` are bundled'


class BundleError(Exception):
    """A module the bundler cannot turn into a classic script, and where."""

    def __init__(self, path: Path, line: int, col: int, message: str):
        super().__init__(f"{path}:{line}:{col}: {message}")
        self.path, self.line, self.col, self.message = path, line, col, message


@dataclass(frozen=True)
class _Import:
    names: list[str]
    file: str
    line: int


@dataclass(frozen=True)
class _Module:
    path: Path
    body: str
    """The source with its imports and exports rewritten, line for line."""
    imports: list[_Import]
    exports: list[str]


def bundle(entry: str, find: Callable[[str], Path]) -> str:
    """One classic script that runs `entry` and the modules it imports, each in its own scope.

    `find` names the file of a script (FileNotFoundError when none): imports resolve as the browser's do
    next to the entry, so a site's own copy of a module wins over the theme's here too.
    """
    order: list[_Module] = []
    _visit(find(entry), find, order, {}, [])
    parts = ["(() => {", '"use strict";', "const modules = {};"]
    for module in order:
        exports = ", ".join(module.exports)
        parts.append(f'modules["{module.path.name}"] = (() => {{\n{module.body}\nreturn {{ {exports} }};\n}})();')
    parts.append("})();")
    return "\n".join(parts) + "\n"


def _visit(
    path: Path, find: Callable[[str], Path], order: list[_Module], done: dict[Path, _Module], importing: list[Path]
) -> _Module:
    """Parse `path` and, depth first, what it imports; `importing` is the chain that led here (a cycle cannot run)."""
    if path in done:
        return done[path]
    module = _parse(path)
    chain = [*importing, path]
    for imp in module.imports:
        try:
            target = find(imp.file)
        except FileNotFoundError:
            raise BundleError(path, imp.line, 1, f"imports './{imp.file}', which does not exist") from None
        if target in chain:
            cycle = " -> ".join(p.name for p in [*chain[chain.index(target) :], target])
            raise BundleError(path, imp.line, 1, f"import cycle: {cycle}")
        missing = [n for n in imp.names if n not in _visit(target, find, order, done, chain).exports]
        if missing:
            raise BundleError(path, imp.line, 1, f"'./{imp.file}' does not export '{missing[0]}'")
    done[path] = module
    order.append(module)
    return module


def _read(path: Path) -> str:
    """The module's text, decoded as every source of the build is (UTF-8, no byte order mark, plain newlines)."""
    problems = Diagnostics(path.parent)
    text = decode_text(path.read_bytes(), lambda line, col: Location(str(path), line, col), problems)
    if text is None:
        where, message = problems.items[0].where, problems.items[0].message
        raise BundleError(path, where.line, where.col, message)
    return text


def _parse(path: Path) -> _Module:
    source = _read(path)
    imports, exports = list(IMPORT.finditer(source)), list(EXPORT.finditer(source))
    rewritten = {m.start() for m in imports + exports}
    for statement in LEFTOVER.finditer(source):
        at = statement.start(statement.lastindex or 0)
        if at not in rewritten:
            line, col = line_col(source, at)
            text = source.splitlines()[line - 1].strip()
            raise BundleError(path, line, col, f"cannot bundle `{text}` for pages opened from disk: {RULE}")
    body = IMPORT.sub(lambda m: f'const {{ {m.group(1)} }} = modules["{m.group(2)}"];', source)
    body = EXPORT.sub(lambda m: m.group(0).removeprefix("export").lstrip(), body)
    found = [
        _Import(re.split(r"[ \t]*,[ \t]*", m.group(1)), m.group(2), line_col(source, m.start())[0]) for m in imports
    ]
    return _Module(path, body, found, [m.group(1) for m in exports])

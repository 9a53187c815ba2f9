"""The bundler that turns the theme's ES modules into one classic script, for `file://` and single-file pages.

What it rewrites must run; anything it would leave as a module statement must stop the build, named by file and line.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, attune, write_site

from attunement.plan.bundle import BundleError, bundle

THEME_STATIC = ROOT / "templates" / "static"


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode())


def find_in(folder: Path):
    """A script's file as Assets.find gives it: FileNotFoundError when there is none."""

    def find(name: str) -> Path:
        if not (folder / name).is_file():
            raise FileNotFoundError(name)
        return folder / name

    return find


def run(script: str, folder: Path) -> str:
    """Run a bundle as node runs a classic script (CommonJS: a leftover `import` or `export` is a syntax error)."""
    path = folder / "bundle.cjs"
    path.write_text(script, encoding="utf-8")
    done = subprocess.run(["node", str(path)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_supported_form_is_rewritten_and_runs(tmp_path: Path) -> None:
    write(
        tmp_path,
        {  # read as every source is: a byte order mark and Windows line ends are no obstacle
            "main.js": (
                '\ufeffimport { twice } from "./util.js";\n'
                'import{greet,Counter ,count, gen, later,} from "./lib.js";\n'
                'console.log(greet("you"), new Counter().next(), count, twice(count), [...gen()].join(""));\n'
                "later().then((v) => console.log(v));\n"
            ),
            "lib.js": (
                'import { twice } from "./util.js"; \n'  # the shared module runs once
                "export function greet(name) { return `hello ${name}`; }\n"
                'export async function later() { return "later"; }\n'
                'export function* gen() { yield "a"; yield "b"; }\n'
                "export const count = twice(1);\n"
                "export class Counter { next() { return 1; } }\n"
                "export const keys = { import: 1, export: 2 }; console.log(Object.keys(keys).join());\n"
                "// export and import in a comment, not at a statement start, are left alone\n"
            ),
            "util.js": 'console.log("util runs");\r\nexport const twice = (x) => x * 2;\r\n',
        },
    )
    assert run(bundle("main.js", find_in(tmp_path)), tmp_path).splitlines() == [
        "util runs",
        "import,export",
        "hello you 1 2 4 ab",
        "later",
    ]


@pytest.mark.parametrize("entry", sorted(p.name for p in THEME_STATIC.glob("*.js")))
def test_every_theme_script_bundles_into_valid_javascript(tmp_path: Path, entry: str) -> None:
    path = tmp_path / "bundle.cjs"
    path.write_text(bundle(entry, find_in(THEME_STATIC)), encoding="utf-8")
    check = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr


UNSUPPORTED = {
    "default export": "export default function f() {}",
    "export list": "export { a };",
    "renamed export": "export { a as b };",
    "re-export": 'export * from "./lib.js";',
    "export var": "export var a = 1;",
    "export let": "export let a = 1;",  # importers would never see a later assignment
    "destructuring export": "export const { a, b } = lib;",
    "namespace import": 'import * as lib from "./lib.js";',
    "default import": 'import lib from "./lib.js";',
    "side-effect import": 'import "./lib.js";',
    "multi-line import": 'import {\n  a,\n} from "./lib.js";',
    "renamed import": 'import { a as b } from "./lib.js";',
    "single quotes": "import { a } from './lib.js';",
    "path into a folder": 'import { a } from "./sub/lib.js";',
    "no .js": 'import { a } from "./lib";',
    "indented import": '  import { a } from "./lib.js";',
    "two statements on a line": 'import { a } from "./lib.js"; const b = 1;',
    "dynamic import": 'const lib = await import("./lib.js");',
    "import.meta": "console.log(import.meta.url);",
}


@pytest.mark.parametrize("statement", UNSUPPORTED.values(), ids=UNSUPPORTED.keys())
def test_an_unsupported_form_fails_naming_file_and_line(tmp_path: Path, statement: str) -> None:
    """The offending module is a dependency two lines in, so the error must name that file and line 3."""
    write(
        tmp_path,
        {
            "main.js": 'import { run } from "./mod.js";\nrun();\n',
            "mod.js": f"// A module.\nconst lib = {{}};\n{statement}\nexport function run() {{}}\n",
            "lib.js": "export const a = 1;\n",
        },
    )
    with pytest.raises(BundleError) as caught:
        bundle("main.js", find_in(tmp_path))
    col = min(i for i in (statement.find("import"), statement.find("export")) if i >= 0) + 1
    assert str(caught.value).startswith(f"{tmp_path / 'mod.js'}:3:{col}: ")


@pytest.mark.parametrize(
    ("files", "where", "message"),
    [
        ({"main.js": '// x\nimport { a } from "./gone.js";\n'}, "main.js:2:1", "'./gone.js', which does not exist"),
        (
            {"main.js": 'import { a, b } from "./lib.js";\n', "lib.js": "export const a = 1, b = 2;\n"},
            "main.js:1:1",
            "'./lib.js' does not export 'b'",
        ),
        (
            {
                "main.js": 'import { a } from "./lib.js";\n',
                "lib.js": 'import { c } from "./more.js";\nexport const a = c;\n',
                "more.js": 'import { a } from "./lib.js";\nexport const c = 1;\n',
            },
            "more.js:1:1",
            "import cycle: lib.js -> more.js -> lib.js",
        ),
        (
            {"main.js": 'import { a } from "./lib.js";\n', "lib.js": b'export const a = 1;\nconst b = "\xff";\n'},
            "lib.js:2:12",
            "file is not valid UTF-8 text",
        ),
    ],
    ids=["missing module", "missing export", "cycle", "not UTF-8"],
)
def test_a_module_that_cannot_be_read_or_linked_fails_where_it_breaks(
    tmp_path: Path, files: dict[str, str | bytes], where: str, message: str
) -> None:
    write(tmp_path, files)
    with pytest.raises(BundleError) as caught:
        bundle("main.js", find_in(tmp_path))
    assert str(caught.value).startswith(f"{tmp_path}/{where}: ")
    assert message in str(caught.value)


def test_a_site_override_that_breaks_the_rule_is_a_positioned_diagnostic(tmp_path: Path) -> None:
    """Pages opened from disk and single files bundle the site's own scripts, found as the browser finds them (the
    theme's standalone.js imports the site's scoring.js): each export reports the line, never crashes."""
    site = tmp_path / "site"
    for folder in ("site_src", "quizzes"):
        shutil.copytree(ROOT / folder, site / folder)
    write_site(
        site,
        {"templates/static/scoring.js": (THEME_STATIC / "scoring.js").read_text() + "export default matchResult;\n"},
        config=None,
    )
    line = (site / "templates/static/scoring.js").read_text().count("\n")
    expected = f"templates/static/scoring.js:{line}:1: "
    for command in (
        ["export", "site", "-o", str(tmp_path / "site.zip")],
        ["export", "quiz", "attachment-style", "-o", str(tmp_path / "quiz.html")],
    ):
        done = attune(*command, cwd=site)
        assert done.returncode == 1, done.stderr
        assert expected in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    assert attune("build", cwd=site).returncode == 0, "served as modules, the browser reads the file itself"

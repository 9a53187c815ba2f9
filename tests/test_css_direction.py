"""The theme's stylesheet is direction-agnostic (docs/design-languages.md, right-to-left): it says start and end,
never left and right, so one stylesheet lays out a left-to-right page and its right-to-left mirror alike.

A physical property (`margin-left`, `border-top-right-radius`, `left`), a physical value (`text-align: left`,
`float: right`, `clear: left`) or a shorthand whose left and right differ (`margin: 0 1rem 0 0`) fails, naming its
line and the logical form to use instead."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

SITE_CSS = ROOT / "templates" / "static" / "site.css"

DECLARATION = re.compile(r"(?:^|[{;])\s*(?P<property>-?[A-Za-z][\w-]*)\s*:(?P<value>[^;{}]*)(?=[;}])")
SIDE = re.compile(r"(?<![\w-])(left|right)(?![\w-])")
PHYSICAL_PROPERTY = re.compile(r"(?:^|-)(?:left|right)(?:-|$)")
FOUR_SIDES = re.compile(r"(?:margin|padding|inset|scroll-margin|scroll-padding|border-(?:width|style|color))")
CORNERS = {"top-left": "start-start", "top-right": "start-end", "bottom-left": "end-start", "bottom-right": "end-end"}


def blanked(css: str) -> str:
    """`css` with its comments and the insides of its strings turned to spaces, newlines kept (so lines still count)."""

    def blank(match: re.Match[str]) -> str:
        text = match[0]
        if text.startswith("/*"):
            return re.sub(r"[^\n]", " ", text)
        return text[0] + re.sub(r"[^\n]", " ", text[1:-1]) + text[-1]

    return re.sub(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", blank, css, flags=re.S)


def words(value: str) -> list[str]:
    """A value's space-separated parts, a function call (`var(--x)`, `calc(1rem + 2px)`) counted as one."""
    parts, depth, current = [], 0, ""
    for char in value.strip():
        depth += (char == "(") - (char == ")")
        if char.isspace() and depth == 0:
            parts, current = ([*parts, current] if current else parts), ""
        else:
            current += char
    return [*parts, current] if current else parts


def logical(name: str) -> str:
    """What to write instead of the physical property `name`."""
    if name in ("left", "right"):
        return f"inset-inline-{'start' if name == 'left' else 'end'}"
    for corner, instead in CORNERS.items():
        name = name.replace(f"-{corner}-", f"-{instead}-")
    return name.replace("-left", "-inline-start").replace("-right", "-inline-end")


def level(radii: str) -> bool:
    """Whether `border-radius` values (one side of its "/") round the left corners as the right ones."""
    given = words(radii)
    top_left, top_right, bottom_right, bottom_left = (given * 4)[:4] if len(given) == 1 else [*given, *given][:4]
    if len(given) == 3:
        bottom_left = given[1]
    return top_left == top_right and bottom_right == bottom_left


def physical(css: str) -> list[str]:
    """Each physical declaration of `css`, as "line N: declaration (what to use instead)"."""
    found = []
    text = blanked(css)
    for match in DECLARATION.finditer(text):
        name, value = match["property"].lower(), " ".join(match["value"].split()).removesuffix("!important").strip()
        line = text.count("\n", 0, match.start("property")) + 1
        said = f"line {line}: `{name}: {value}`"
        parts = words(value)
        if PHYSICAL_PROPERTY.search(name):
            found.append(f"{said} is a physical property; use {logical(name)}")
        elif side := SIDE.search(value.lower()):
            instead = "start" if side[1] == "left" else "end"
            if name in ("float", "clear"):
                instead = f"inline-{instead}"
            found.append(f"{said} names a physical side; use {instead} (or a logical property)")
        elif FOUR_SIDES.fullmatch(name) and len(parts) == 4 and parts[1] != parts[3]:
            found.append(f"{said} sets left and right apart; use the {name}-block and {name}-inline longhands")
        elif name == "border-radius" and not all(level(corners) for corners in " ".join(parts).split("/")):
            found.append(f"{said} rounds left and right corners apart; use border-start-start-radius and kin")
    return found


def test_the_theme_stylesheet_says_start_and_end_never_left_and_right() -> None:
    css = SITE_CSS.read_text(encoding="utf-8")
    assert len(DECLARATION.findall(blanked(css))) > 200, "the checker reads the stylesheet's declarations"
    found = physical(css)
    assert not found, "templates/static/site.css is not direction-agnostic:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("css", "caught"),
    [
        (
            "blockquote { border-left: 4px solid; }",
            "line 1: `border-left: 4px solid` is a physical property; use border-inline-start",
        ),
        (
            "a {\n  color: red;\n  margin-right: 1rem }",
            "line 3: `margin-right: 1rem` is a physical property; use margin-inline-end",
        ),
        (".x { border-top-left-radius: 2px }", "use border-start-start-radius"),
        (".x { position: absolute; left: 0.5rem; }", "use inset-inline-start"),
        ("th { text-align: left; }", "`text-align: left` names a physical side; use start"),
        ("legend { float: right !important; }", "use inline-end"),
        (".x { background: linear-gradient(to right, red, blue); }", "names a physical side"),
        (".x { padding: 0 1rem 0 0; }", "sets left and right apart"),
        (".x { border-radius: 0 var(--radius) var(--radius) 0; }", "rounds left and right corners apart"),
    ],
)
def test_the_check_names_each_physical_declaration_and_its_line(css: str, caught: str) -> None:
    found = physical(css)
    assert len(found) == 1 and caught in found[0], found


def test_the_check_lets_logical_and_symmetric_declarations_through() -> None:
    css = """/* left and right in a comment */
    .a:hover, .left-rail > p { margin: 0 auto; padding: 0.25rem 1rem 0.5rem; border-radius: var(--radius); }
    .b { margin-inline-start: 0; border-inline-start: 4px solid; inset-inline-start: 0.5rem; text-align: start; }
    .c { float: inline-start; content: " (left) "; padding: 1px 2px 3px 2px; border-start-end-radius: 2px; }
    .e { border-radius: 1rem 1rem 0 0 / 2rem; }
    @media (min-width: 46rem) { .d { text-align: center; overflow-x: auto; } }"""
    assert physical(css) == []

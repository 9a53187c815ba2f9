"""What the layers promise at run time: the command line answers "nothing changed" without the renderer."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("jinja2", "markdown_it", "mdit_py_plugins", "pydantic")


def test_the_command_line_and_the_cache_load_no_renderer() -> None:
    """The stages are imported inside the commands that run them (import-linter cannot see that far)."""
    probe = (
        "import sys, attunement.commands, attunement.incremental.cache; "
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"

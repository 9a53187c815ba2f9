"""The command line: help, version, flag defaults that never override site.yaml, serve and new."""

from __future__ import annotations

import json
import os
import pty
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import click
import pytest
from conftest import FIXTURES, MINIMAL_CONFIG, ROOT, article, attune, snapshot, write_site

from attunement import __version__
from attunement.commands import main

COMMANDS = [
    [],
    ["build"],
    ["check"],
    ["serve"],
    ["score"],
    ["export"],
    ["export", "quiz"],
    ["export", "site"],
    ["new"],
    ["new", "article"],
    ["new", "quiz"],
    ["new", "site"],
]


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    found = [(prefix, group)]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, prefix + (name,))
        else:
            found.append((prefix + (name,), command))
    return found


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "attune")
def test_every_command_has_help(args: list[str]) -> None:
    result = attune(*args, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: ")


def test_help_covers_every_command() -> None:
    assert sorted(" ".join(path) for path, _ in _commands(main)) == sorted(" ".join(a) for a in COMMANDS)


def test_version() -> None:
    result = attune("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"attune, version {__version__}"


def test_every_option_defaults_to_none_so_site_yaml_wins() -> None:
    """click 8.3 changed flag defaults in other generators; pin ours: no option has a default of its own."""
    for path, command in _commands(main):
        for param in command.params:
            if isinstance(param, click.Option) and param.name not in ("help", "version"):
                assert param.default is None, f"{' '.join(path)} {param.opts} defaults to {param.default!r}"


def test_build_without_flags_uses_site_yaml_strict_and_output(site: Path) -> None:
    write_site(
        site,
        {
            "site_src/site.yaml": MINIMAL_CONFIG + "strict: true\noutput_dir: public\n",
            "site_src/articles/first.md": article("First", "A [broken](nowhere.md) link.\n"),
        },
        config=None,
    )
    result = attune("build", cwd=site)
    assert result.returncode == 1, "strict from site.yaml must hold when --strict is not given"
    assert "broken link 'nowhere.md'" in result.stderr

    result = attune("build", "--no-strict", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "warning: broken link" in result.stderr
    assert (site / "public" / "index.html").is_file() and not (site / "dist").exists()

    result = attune("build", "--no-strict", "-o", "elsewhere", cwd=site)
    assert result.returncode == 0
    assert (site / "elsewhere" / "index.html").is_file()


def test_strict_flag_turns_warnings_into_errors(site: Path) -> None:
    write_site(site, {"site_src/articles/first.md": article("First", "A [broken](nowhere.md) link.\n")}, config=None)
    assert attune("build", cwd=site).returncode == 0
    assert attune("build", "--strict", cwd=site).returncode == 1


def test_build_ends_with_one_summary_line(site: Path) -> None:
    result = attune("build", cwd=site)
    assert result.returncode == 0
    assert re.fullmatch(r"Built \d+ pages in \d+\.\d\d s\n", result.stdout)
    pages = len(list((site / "dist").rglob("*.html")))
    assert result.stdout.startswith(f"Built {pages} pages")


def test_site_option_and_build_py_match_attune_build(site: Path, tmp_path: Path) -> None:
    assert attune("--site", str(site), "build", "-o", str(tmp_path / "a")).returncode == 0
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "-o", str(tmp_path / "b")], cwd=site, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built ")
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_check_validates_strictly_and_writes_nothing(site: Path) -> None:
    result = attune("check", cwd=site)
    assert result.returncode == 0, result.stderr
    assert not (site / "dist").exists()
    write_site(site, {"site_src/articles/first.md": article("First", "A [broken](nowhere.md) link.\n")}, config=None)
    result = attune("check", cwd=site)
    assert result.returncode == 1
    assert "site_src/articles/first.md:5:12: broken link 'nowhere.md'" in result.stderr
    assert not (site / "dist").exists()


def _start_serve(site: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "attunement", "serve", *args],
        cwd=site,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    line = proc.stdout.readline() if proc.stdout else ""
    match = re.search(r"http://(\S+?)/", line)
    assert match, (line, proc.stderr.read() if proc.stderr else "")
    return proc, f"http://{match.group(1)}/"


def test_serve_binds_loopback_from_site_yaml_shows_drafts_and_stops_on_ctrl_c(site: Path) -> None:
    write_site(
        site,
        {
            "site_src/site.yaml": MINIMAL_CONFIG + "serve:\n  port: 0\n",
            "site_src/articles/wip.md": article("Work in progress", draft="true"),
        },
        config=None,
    )
    proc, url = _start_serve(site)
    try:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "articles/wip/") as response:
            html = response.read().decode()
        assert "Work in progress" in html and "Draft" in html
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url + "no/such/page/")
        assert missing.value.code == 404 and "Page not found" in missing.value.read().decode()
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert "Stopped." in out and "Traceback" not in err
    assert not (site / "dist").exists(), "serve previews without touching dist/"


def test_serve_flags_override_site_yaml(site: Path) -> None:
    write_site(site, {"site_src/site.yaml": MINIMAL_CONFIG + "serve:\n  port: 1\n  host: 0.0.0.0\n"}, config=None)
    proc, url = _start_serve(site, "--port", "0", "--host", "127.0.0.1")
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=10)
    assert url.startswith("http://127.0.0.1:") and not url.startswith("http://127.0.0.1:1/")


def test_drafts_are_left_out_of_builds(site: Path) -> None:
    write_site(site, {"site_src/articles/wip.md": article("Work in progress", draft="true")}, config=None)
    assert attune("build", cwd=site).returncode == 0
    assert not (site / "dist" / "articles" / "wip").exists()
    assert "Work in progress" not in (site / "dist" / "articles" / "index.html").read_text()


def test_new_site_builds_and_new_article_and_quiz_are_created(tmp_path: Path) -> None:
    target = tmp_path / "fresh"
    result = attune("new", "site", str(target))
    assert result.returncode == 0, result.stderr
    assert attune("build", "--strict", cwd=target).returncode == 0
    assert not (target / "templates").exists(), "the packaged theme serves a new site"
    assert (target / "dist/quizzes/closeness-and-distance/results/high-high/index.html").is_file()

    result = attune("new", "article", "earned-security", cwd=target)
    assert result.returncode == 0
    text = (target / "site_src" / "articles" / "earned-security.md").read_text()
    assert "title: Earned security" in text and "draft: true" in text
    assert attune("new", "article", "earned-security", cwd=target).returncode == 1, "never overwrites"
    bad = attune("new", "article", "../../etc", cwd=target)
    assert bad.returncode == 1 and "cannot be a web address" in bad.stderr

    result = attune("new", "quiz", "closeness", cwd=target)
    assert result.returncode == 0
    assert (target / "quizzes" / "closeness.yaml").read_text().startswith("# A two-dimension quiz")
    assert attune("build", "--strict", cwd=target).returncode == 0

    again = attune("new", "site", str(target))
    assert again.returncode == 1 and "is not empty" in again.stderr


def test_score_prints_the_reference_result_and_reports_bad_answers(tmp_path: Path) -> None:
    answers = {f"pur-0{i}": 5 for i in range(1, 7)} | {f"wdr-0{i}": 1 for i in range(1, 7)}
    result = attune("score", "conflict-cycle", "-", cwd=ROOT, input=json.dumps(answers))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["quiz"] == "conflict-cycle" and set(out["scores"]) == {"pursuing", "withdrawing"}
    assert out["result"] in {"pursuer", "both", "withdrawer", "steady"}

    file = tmp_path / "answers.json"
    for content, message in [
        ('{"pur-01": 5,\n  oops}', "answers.json:2:3: invalid JSON"),
        ('{"pur-01": 9}', "answer for pur-01 must be a whole number from 1 to 5"),
        ('{"nope": 1}', "answers.json:1:2: unknown item id 'nope'"),
        ('{"pur-01": 3}', "too many unanswered items to score: pur-02"),
        ("\n  [1, 2]", "answers.json:2:3: answers must be a JSON object"),
        (b"\xff\xfe{}", "answers.json:1:1: file is not valid UTF-8 text"),
        ("[" * 100_000 + "]" * 100_000, "answers.json:1:1: the answers are nested too deeply to read"),
    ]:
        file.write_bytes(content if isinstance(content, bytes) else content.encode())
        result = attune("score", "conflict-cycle", str(file), cwd=ROOT)
        assert result.returncode == 1 and message in result.stderr, (content, result.stderr)
        assert "Traceback" not in result.stderr
    missing = attune("score", "conflict-cycl", "-", cwd=ROOT, input="{}")
    assert missing.returncode == 1 and "no quiz 'conflict-cycl' (did you mean 'conflict-cycle'?)" in missing.stderr


def test_score_takes_a_quiz_file_outside_any_site(tmp_path: Path) -> None:
    """A psychologist checking an instrument file scores it where it lies; only that file's problems count."""
    quiz = tmp_path / "vignettes.yaml"
    quiz.write_text((FIXTURES / "instruments" / "single-choice.yaml").read_text().replace("id: single-choice", ""))
    (tmp_path / "broken.yaml").write_text("title: [\n")
    answers = {"v1": 2, "v2": 1, "v3": 4, "v4": 3, "alone": 1}  # anxious 1 + 1 + 1 + 2; "Yes" adds 1 to avoidant
    result = attune("score", str(quiz), "-", cwd=tmp_path, input=json.dumps(answers))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["scores"] == {"secure": 0, "anxious": 5, "avoidant": 1, "fearful": 0} and out["result"] == "anxious"


BAD_ANSWERS = """\
{
  "pur-01": 9,
  "pur-02": "often",
  "nope": 1,
  "pur-01x": 2,
  "wdr-01": 1, "wdr-02": 1, "wdr-03": 1, "wdr-04": 1, "wdr-05": 1, "wdr-05": 2
}
"""


@pytest.mark.parametrize("from_stdin", [False, True], ids=["file", "stdin"])
def test_score_reports_every_problem_of_the_answers_at_its_place(tmp_path: Path, from_stdin: bool) -> None:
    file = tmp_path / "answers.json"
    file.write_text(BAD_ANSWERS)
    name = "<stdin>" if from_stdin else str(file)
    result = attune(
        "score", "conflict-cycle", "-" if from_stdin else str(file), cwd=ROOT, input=BAD_ANSWERS if from_stdin else None
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{name}:1:1: too many unanswered items to score: pur-03, pur-04, pur-05, pur-06 (pursuing: 4 of 6 open, 1 allowed)",
        f"{name}:2:13: answer for pur-01 must be a whole number from 1 to 5",
        f"{name}:3:13: answer for pur-02 must be a whole number from 1 to 5",
        f"{name}:4:3: unknown item id 'nope'",
        f"{name}:5:3: unknown item id 'pur-01x' (did you mean 'pur-01'?)",
        f"{name}:6:68: item 'wdr-05' is answered twice; keep one answer",
        "attune: 6 errors",
    ]
    assert result.stdout == ""


def test_site_option_is_accepted_after_every_command_that_reads_a_site(site: Path, tmp_path: Path) -> None:
    for path, command in _commands(main):
        if not isinstance(command, click.Group) and path != ("new", "site"):
            assert any("--site" in param.opts for param in command.params), " ".join(path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = attune("build", "--site", str(site), "-o", str(tmp_path / "out"), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "index.html").is_file()
    assert attune("check", "--site", str(site), cwd=elsewhere).returncode == 0
    created = attune("new", "article", "--site", str(site), "later", cwd=elsewhere)
    assert created.returncode == 0, created.stderr
    assert (site / "site_src/articles/later.md").is_file()
    answers = json.dumps({f"pur-0{i}": 5 for i in range(1, 7)} | {f"wdr-0{i}": 1 for i in range(1, 7)})
    scored = attune("score", "--site", str(ROOT), "conflict-cycle", "-", cwd=elsewhere, input=answers)
    assert scored.returncode == 0, scored.stderr
    after_wins = attune("--site", str(elsewhere), "check", "--site", str(site), cwd=elsewhere)
    assert after_wins.returncode == 0, "the option nearest the command wins"


def _on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Runs the real CLI with a terminal (a pseudo-terminal) as its output; its exit status and what it showed."""
    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "attunement", *args], cwd=cwd, stdout=child_fd, stderr=child_fd)
    os.close(child_fd)
    shown = b""
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # the terminal closed: the CLI has exited
            break
        if not chunk:
            break
        shown += chunk
    os.close(main_fd)
    return proc.wait(timeout=120), shown.decode(errors="replace")


def test_long_builds_show_progress_on_a_terminal_only(tmp_path: Path) -> None:
    from corpus import generate

    site = generate(600, tmp_path / "corpus")  # long enough to pass a second on any machine this runs on
    status, shown = _on_a_terminal(["build", "--clean"], site)
    assert status == 0, shown
    assert re.search(r"Rendering pages .*\d+/6\d\d", shown), shown
    assert "Built " in shown
    piped = attune("build", "--clean", cwd=site)
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == "" and "Rendering" not in piped.stdout, "a log or CI stays quiet"

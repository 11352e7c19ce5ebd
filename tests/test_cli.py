"""The command line, run as a user runs it: real subprocesses, one clear line on errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

ROOT = Path(__file__).resolve().parents[1]


def prize(*args: str, env_extra: dict | None = None, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(
        HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"), XDG_STATE_HOME=str(home / "state"),
        PYTHONPATH=str(ROOT),
    )
    env.pop("PRIZE_DB", None)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, env=env,
        timeout=120, stdin=subprocess.DEVNULL,
    )


def assert_one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_version(tmp_path):
    result = prize("--version", home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("prize 0.")


def test_where_follows_db_then_env_then_user_folder(tmp_path):
    out = prize("where", "--db", str(tmp_path / "a.json"), home=tmp_path).stdout
    assert f"data     {tmp_path / 'a.json'}" in out
    out = prize("where", env_extra={"PRIZE_DB": str(tmp_path / "b.json")}, home=tmp_path).stdout
    assert f"data     {tmp_path / 'b.json'}" in out
    out = prize("where", home=tmp_path).stdout
    assert f"data     {tmp_path / 'data' / 'prize' / 'prize.json'}" in out
    assert f"cache    {tmp_path / 'cache' / 'prize' / 'open'}" in out
    assert f"journal  {tmp_path / 'state' / 'prize' / 'journal'}" in out


@pytest.mark.parametrize(
    "args, words",
    [
        (["frobnicate"], "invalid choice"),
        (["demo", "--contacts", "-5"], "between 0 and 100000"),
        (["demo", "--weeks", "lots"], "not a whole number"),
        (["report", "--format", "pdf"], "invalid choice"),
    ],
)
def test_bad_arguments_get_one_line(tmp_path, args, words):
    line = assert_one_line_error(prize(*args, home=tmp_path))
    assert words in line


def test_every_command_has_help(tmp_path):
    for command in ("timer", "review", "status", "report", "import", "export", "demo", "themes",
                    "where"):
        result = prize(command, "--help", home=tmp_path)
        assert result.returncode == 0 and "usage: prize" in result.stdout, command


def test_unreadable_file_is_refused_and_untouched(tmp_path):
    bad = tmp_path / "prize.json"
    bad.write_bytes(b'{"contacts": {"1": {"name": "Ann"')
    before = bad.read_bytes()
    line = assert_one_line_error(prize("--db", str(bad), home=tmp_path))
    assert str(bad) in line and "not valid JSON" in line
    assert bad.read_bytes() == before


def test_demo_writes_a_new_file_and_never_the_real_one(tmp_path):
    target = tmp_path / "demo.json"
    result = prize("demo", "--db", str(target), "--contacts", "40", "--weeks", "2", "--no-open",
                   home=tmp_path)
    assert result.returncode == 0, result.stderr
    data = orjson.loads(target.read_bytes())
    assert len(data["contacts"]) == 40
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    # Again on the same file: refused, file unchanged.
    before = target.read_bytes()
    line = assert_one_line_error(prize("demo", "--db", str(target), "--no-open", home=tmp_path))
    assert "already exists" in line
    assert target.read_bytes() == before
    # Without --db: a temporary file, and the user's real data file is never created.
    result = prize("demo", "--contacts", "5", "--weeks", "1", "--no-open", home=tmp_path)
    assert result.returncode == 0
    assert "prize-demo-" in result.stdout
    assert not (tmp_path / "data" / "prize").exists()


def test_status_prints_nothing_when_idle(tmp_path):
    result = prize("status", "--db", str(tmp_path / "none.json"), home=tmp_path)
    assert result.returncode == 0 and result.stdout == ""


def test_themes_lists_shipped_and_builtin(tmp_path):
    out = prize("themes", home=tmp_path).stdout
    for name in ("prize-calm", "prize-daylight", "prize-contrast", "textual-dark"):
        assert name in out


def test_a_second_prize_works_while_the_first_has_the_file_open(tmp_path):
    """The lock is for the instant of a write: `prize timer` beside the planner, or an
    import while the planner is open, is not refused."""
    data = tmp_path / "prize.json"
    holder_code = (
        "import sys; from pathlib import Path; from tui.store import Repository;"
        "r = Repository.open(Path(sys.argv[1])); print('ready', flush=True); sys.stdin.read()"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(tmp_path))
    holder = subprocess.Popen(
        [sys.executable, "-c", holder_code, str(data)], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True, env=env,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        people = tmp_path / "people.csv"
        people.write_text("name,company\nCy Dee,Beta\n")
        out = prize("import", "csv", str(people), "--db", str(data), home=tmp_path)
        assert out.returncode == 0, out.stderr
        assert "Cy Dee" in data.read_text()
    finally:
        holder.kill()
        holder.wait()


def test_damage_found_after_the_first_frame_is_one_line_and_exit_2(tmp_path):
    db = tmp_path / "prize.json"
    made = prize("demo", "--db", str(db), "--contacts", "30", "--weeks", "1", "--no-open",
                 home=tmp_path)
    assert made.returncode == 0, made.stderr
    raw = db.read_bytes()
    at = raw.index(b'\n"contacts":') + 30  # past the head the first frame is painted from
    damaged = raw[:at] + b"\x00" + raw[at + 1:]
    db.write_bytes(damaged)
    result = prize("--db", str(db), home=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    # The screen was up (Textual draws on stderr here); the reason follows it, on one line.
    after_screen = result.stderr.rsplit("\x1b[?1049l", 1)[-1]
    after_screen = re.sub(r"\x1b\[[0-9;?<>=$]*[a-zA-Z~]", "", after_screen).strip()
    assert after_screen.splitlines() == [after_screen]
    assert after_screen.startswith(f"prize: cannot read {db}: not valid JSON")
    assert db.read_bytes() == damaged

"""Helpers shared by the store tests and their subprocess scripts."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def subprocess_env(tmp_path: Path) -> dict[str, str]:
    """Environment for helper subprocesses: `tui` importable, home kept out of reach."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env["HOME"] = str(tmp_path)
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg-config")
    env.pop("PRIZE_DB", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


# The tables the crash loop writes: every kind of record the app edits.
WRITTEN_TABLES = ("contacts", "interactions", "blocks", "marks", "sessions", "goals", "reviews")


def repo_state(repo) -> dict[str, dict[int, dict]]:
    """Every record of the written tables, plus the settings, as plain documents."""
    state = {t: {r.id: r.to_doc() for r in getattr(repo, t).all()} for t in WRITTEN_TABLES}
    state["settings"] = {1: repo.settings().to_doc()}
    return state


def state_digest(state: dict) -> str:
    """A short, order-independent fingerprint of a repo_state."""
    canonical = orjson.dumps(state, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    return hashlib.sha256(canonical).hexdigest()[:24]


def file_snapshot(path: Path) -> tuple[bytes, int, int]:
    """Bytes, mtime_ns and inode of a file: what "left exactly as it was" compares."""
    st = os.stat(path)
    return path.read_bytes(), st.st_mtime_ns, st.st_ino

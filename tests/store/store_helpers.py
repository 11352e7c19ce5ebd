"""Helpers shared by the store tests and their subprocess scripts."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import orjson


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


def contacts_state(contacts) -> dict[int, tuple[str, str]]:
    """The part of the contacts the crash test edits: id -> (name, notes)."""
    return {c.id: (c.name, c.notes) for c in contacts}


def state_digest(state: dict[int, tuple[str, str]]) -> str:
    """A short, order-independent fingerprint of a contacts state."""
    canonical = orjson.dumps(sorted((k, v[0], v[1]) for k, v in state.items()))
    return hashlib.sha256(canonical).hexdigest()[:24]


def file_snapshot(path: Path) -> tuple[bytes, int, int]:
    """Bytes, mtime_ns and inode of a file: what "left exactly as it was" compares."""
    st = os.stat(path)
    return path.read_bytes(), st.st_mtime_ns, st.st_ino

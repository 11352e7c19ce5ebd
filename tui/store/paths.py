"""Where Prize keeps its files: --db, then PRIZE_DB, then the platform's user folders."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

APP = "prize"


def data_path(cli_db: str | None = None) -> Path:
    chosen = cli_db or os.environ.get("PRIZE_DB")
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / "prize.json"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def user_themes_dir() -> Path:
    return config_dir() / "themes"


def file_key(data_path: Path) -> str:
    """A name for what Prize keeps apart for one data file: a hash of its full path."""
    return hashlib.sha256(str(Path(data_path).resolve()).encode()).hexdigest()[:24]

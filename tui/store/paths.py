"""Where Prize keeps its files: --db, then PRIZE_DB, then the platform's user folders."""

from __future__ import annotations

import os
import zlib
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
    """A name for what Prize keeps apart for one data file: 64 bits of hash of its
    full path (zlib's, not hashlib's: loading OpenSSL took ~3 ms of every start)."""
    path = os.fsencode(Path(data_path).resolve())
    return f"{zlib.crc32(path):08x}{zlib.adler32(path):08x}"

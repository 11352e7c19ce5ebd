"""Fixtures for the store tests.

The project is not installed into the venv, so `store_helpers` makes `tui`
importable from the repository root (harmless when it is installed).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import store_helpers


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    """A data file path of its own for each test (the file does not exist yet)."""
    return tmp_path / "data" / "prize.json"


@pytest.fixture
def sub_env(tmp_path: Path) -> dict[str, str]:
    return store_helpers.subprocess_env(tmp_path)

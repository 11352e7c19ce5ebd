"""The test suite never touches the real home folder (conftest._isolated_home)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def test_a_tests_monkeypatch_undo_keeps_the_home_isolated(monkeypatch, tmp_path_factory):
    monkeypatch.setenv("PRIZE_SOMETHING", "1")
    monkeypatch.undo()
    base = Path(tmp_path_factory.getbasetemp())
    for where in (platformdirs.user_cache_dir("prize"), platformdirs.user_state_dir("prize"),
                  platformdirs.user_data_dir("prize"), platformdirs.user_config_dir("prize"),
                  os.environ["HOME"]):
        assert Path(where).is_relative_to(base), where

"""The one-way import rule (ui -> store -> model) checked by import-linter, so it cannot erode."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_layers_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), str(ROOT / "pyproject.toml")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken" in result.stdout


def test_status_does_not_import_textual():
    """`prize status` answers without loading Textual (it runs in shell prompts)."""
    code = (
        "import sys; from tui.cli import main; main(['status', '--db', sys.argv[1]]);"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "no-such-file.json")],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert out.stdout.strip() == "False", out.stderr

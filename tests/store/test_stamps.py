"""The stamps every written document carries (tui/store/stamps.py)."""

from __future__ import annotations

import subprocess
import sys

EDITS = """
import sys
from pathlib import Path

from tui.model.contacts import Contact
from tui.store import Repository

repo = Repository.open(Path(sys.argv[1]), backup_days=0)
repo.use_time(lambda: 1_795_651_200_000, seed=1)
ann = repo.contacts.add(Contact(name="Ann"))
repo.contacts.update(ann.replace(company="Acme", role="CTO", email="ann@acme.example",
                                 notes="met at a fair", priority=2))
repo.close()
"""


def test_the_same_edits_give_the_same_bytes_whatever_the_hash_seed(tmp_path, sub_env):
    """Which fields an edit changed was a set: the stamps of a five-field edit came out
    in another order in each Python process (PYTHONHASHSEED), and so did the file."""
    files = []
    for seed in ("1", "2"):
        path = tmp_path / seed / "prize.json"
        subprocess.run([sys.executable, "-c", EDITS, str(path)], check=True,
                       env={**sub_env, "PYTHONHASHSEED": seed}, timeout=60)
        files.append(path.read_bytes())
    assert files[0] == files[1]
    assert b'"f":{"company":' in files[0]  # the fields in the document's order

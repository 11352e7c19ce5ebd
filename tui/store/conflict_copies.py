"""The copies sync tools leave beside a file both machines changed, found, merged
into the data file and then set aside in the backups folder (never deleted).

How each tool names them, for a data file `prize.json`:

- Syncthing: `prize.sync-conflict-20261206-101010-ABCDEFG.json` (older: no device id)
- Dropbox: `prize (MacBook's conflicted copy 2026-12-06).json`,
  `prize (conflicted copy 2026-12-06 (1)).json`
- Nextcloud: `prize (conflicted copy 2026-12-06 101010).json`;
  ownCloud before it: `prize_conflict-20261206-101010.json`
- OneDrive: `prize-LAPTOP-4F2A.json` (the computer's name appended)
- Google Drive: `prize (1).json`

The last two look like names a person might give a file of their own
(`prize-work.json`), so such a copy is merged only when it shares records with
the data file: a copy of it, not another file.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.store.backups import backup_dir
from tui.store.errors import UnreadableFile
from tui.store.merging import MergeNews
from tui.store.opening import understood

if TYPE_CHECKING:
    from tui.store.repository import Repository

SET_ASIDE = "merged-copies"  # in the backups folder


@dataclass(frozen=True)
class ConflictCopy:
    path: Path
    tool: str
    loose: bool  # a name a person could have chosen: merged only if it shares records


def _patterns(stem: str, ext: str) -> list[tuple[str, bool, re.Pattern]]:
    s, e = re.escape(stem), re.escape(ext)
    return [
        ("Syncthing", False, re.compile(rf"{s}\.sync-conflict-\d{{8}}-\d{{6}}(-[A-Z0-9]+)?{e}")),
        ("Dropbox", False, re.compile(
            rf"{s} \((.+'s )?conflicted copy \d{{4}}-\d{{2}}-\d{{2}}( \(\d+\))?\){e}")),
        ("Nextcloud", False, re.compile(
            rf"{s} \(conflicted copy \d{{4}}-\d{{2}}-\d{{2}} \d{{6}}\){e}")),
        ("ownCloud", False, re.compile(rf"{s}_conflict-\d{{8}}-\d{{6}}{e}")),
        ("Google Drive", True, re.compile(rf"{s} \(\d+\){e}")),
        # (a computer's name, as Windows writes it: upper case, `prize-old` is not one)
        ("OneDrive", True, re.compile(rf"{s}-[A-Z][A-Z0-9-]{{0,62}}{e}")),
    ]


def find(data_path: Path) -> list[ConflictCopy]:
    """The conflict copies beside `data_path`, oldest name first."""
    stem, ext = data_path.stem, data_path.suffix
    patterns = _patterns(stem, ext)
    found = []
    with contextlib.suppress(OSError), os.scandir(data_path.parent) as entries:
        for entry in entries:
            if entry.name == data_path.name or not entry.is_file(follow_symlinks=False):
                continue
            for tool, loose, pattern in patterns:
                if pattern.fullmatch(entry.name):
                    found.append(ConflictCopy(Path(entry.path), tool, loose))
                    break
    return sorted(found, key=lambda c: c.path.name)


def shares_records(copy: dict, data: dict) -> bool:
    """Does `copy` hold a record of `data` (same table, same id)? Then it is a copy
    of the data file; otherwise another file that only has a similar name."""
    for name, table in copy.items():
        if name == "meta" or not isinstance(table, Mapping):
            continue
        mine = data.get(name) or {}
        if any(doc_id in mine for doc_id in table):
            return True
    return False


def set_aside(copy: Path, data_path: Path) -> Path:
    """Move a merged copy into the backups folder (never deleted); its new path."""
    folder = backup_dir(data_path) / SET_ASIDE
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target, n = folder / copy.name, 1
    while target.exists():
        n += 1
        target = folder / f"{copy.stem}.{n}{copy.suffix}"
    os.replace(copy, target)
    return target


def merge_copies(repo: Repository) -> list[tuple[ConflictCopy, MergeNews]]:
    """Merge each conflict copy beside the repository's file into it, write the
    result, then set the copies aside. A copy that cannot be read, or a loose
    name that is another file, is left where it is."""
    taken = []
    for copy in find(repo.path):
        try:
            data, _ = understood(copy.path, copy.path.read_bytes())
        except (OSError, UnreadableFile):
            continue
        with repo.lock:
            if copy.loose and not shares_records(data, repo.raw_data()):
                continue
            taken.append((copy, repo.take(data, f"{copy.tool}'s conflict copy {copy.path.name}")))
    if taken:
        repo.flush()
        for copy, _ in taken:
            with contextlib.suppress(OSError):  # (gone meanwhile: nothing to keep)
                set_aside(copy.path, repo.path)
    return taken

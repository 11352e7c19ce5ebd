"""Two machines, one data file, through a sync tool (SPEC §3.8, §6: 0 edits lost,
0 refused saves). Each machine is a real Prize process (machine_proc.py) on its own
copy of the file; the sync tool is simulated as Syncthing behaves: it carries a
file that changed on one side over to the other by renaming a temp file over it,
and when both sides changed since it last carried one, it keeps the local file and
leaves the other side's version beside it as a conflict copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
from pathlib import Path

import orjson
from store_helpers import HERE
from test_crash import kill_and_drain, read_line, start

from tui.store import Repository
from tui.store.backups import backup_dir
from tui.store.conflict_copies import SET_ASIDE, merge_copies
from tui.store.lock import acquire

MACHINE = HERE / "machine_proc.py"


class SyncTool:
    """Syncthing between two folders, each holding `prize.json`."""

    def __init__(self, a: Path, b: Path):
        self.files = {"a": a / "prize.json", "b": b / "prize.json"}
        self.synced = {side: self._hash(path) for side, path in self.files.items()}
        self.copies = 0

    @staticmethod
    def _hash(path: Path) -> str | None:
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest()
        except FileNotFoundError:
            return None

    def carry(self, src: str, dst: str) -> str:
        """Carry `src`'s file to `dst`: "carried", "conflict copy left" or "nothing".

        Between looking at the target and renaming over it, a real tool has a window
        in which a write it did not see is replaced; that window is the tool's, not
        Prize's, so it is closed here with Prize's own lock."""
        held = acquire(self.files[dst], wait=10)
        try:
            return self._carry(src, dst)
        finally:
            held.release()

    def _carry(self, src: str, dst: str) -> str:
        source, target = self.files[src], self.files[dst]
        raw = source.read_bytes()
        if hashlib.sha256(raw).hexdigest() == self.synced[src] and \
                self._hash(target) == self.synced[dst]:
            return "nothing"
        if self._hash(target) != self.synced[dst] and self._hash(source) != self.synced[src]:
            self.copies += 1  # both changed: keep dst's, leave src's beside it
            copy = target.with_name(f"prize.sync-conflict-20261206-{self.copies:06d}"
                                    "-ABCDEFG.json")
            copy.write_bytes(raw)
            self.synced[src] = hashlib.sha256(raw).hexdigest()
            return "conflict copy left"
        tmp = target.with_name(".syncthing.prize.json.tmp")
        tmp.write_bytes(raw)
        os.replace(tmp, target)
        self.synced[src] = self.synced[dst] = hashlib.sha256(raw).hexdigest()
        return "carried"


class Machine:
    def __init__(self, folder: Path, env: dict[str, str]):
        self.proc = start(["hold", str(folder / "prize.json")], env, folder, script=MACHINE)
        assert read_line(self.proc) == b"ready\n"

    def ask(self, command: str) -> str:
        self.proc.stdin.write(command.encode() + b"\n")
        self.proc.stdin.flush()
        return read_line(self.proc).decode().rstrip("\n")

    def listing(self, command: str) -> list[str]:
        return json.loads(self.ask(command).split(" ", 1)[1])

    def close(self) -> None:
        if self.proc.poll() is None:
            kill_and_drain(self.proc)
        self.proc.watchdog.cancel()


def _two_machines(tmp_path: Path, sub_env) -> tuple[Path, Path]:
    base = tmp_path / "base.json"
    repo = Repository.open(base, backup_days=0)
    from tui.model.contacts import Contact

    repo.contacts.add_many([Contact(name="Ann"), Contact(name="Bob")])
    repo.close()
    folders = []
    for side in "ab":
        folder = tmp_path / side
        folder.mkdir()
        shutil.copy(base, folder / "prize.json")
        folders.append(folder)
    return folders[0], folders[1]


def test_a_call_on_one_machine_and_an_import_on_the_other_both_arrive(tmp_path, sub_env):
    a_dir, b_dir = _two_machines(tmp_path, sub_env)
    tool = SyncTool(a_dir, b_dir)
    laptop, desktop = Machine(a_dir, sub_env), Machine(b_dir, sub_env)
    try:
        assert laptop.ask("log Ann") == "saved 2"
        assert desktop.ask("import 3") == "saved 5"
        # Both changed since the last sync: the tool leaves the laptop's version
        # beside the desktop's file as a conflict copy.
        assert tool.carry("a", "b") == "conflict copy left"
        assert desktop.ask("copies") == "copies 1"  # merged, then set aside
        assert desktop.listing("names") == ["Ann", "Bob", "Import 1", "Import 2", "Import 3"]
        assert desktop.listing("calls") == ["Ann"]
        assert tool.carry("b", "a") == "carried"  # the merged file goes back to the laptop
        assert laptop.ask("sync") == "synced 5"  # no refusal: merged
        assert laptop.listing("names") == ["Ann", "Bob", "Import 1", "Import 2", "Import 3"]
        assert laptop.listing("calls") == ["Ann"]
        assert laptop.ask("add Cy") == "saved 6"  # and edits go on, on either side
        assert tool.carry("a", "b") == "carried"
        assert desktop.ask("sync") == "synced 6"
    finally:
        laptop.close()
        desktop.close()
    for folder in (a_dir, b_dir):
        names = sorted(d["name"] for d in
                       orjson.loads((folder / "prize.json").read_bytes())["contacts"].values())
        assert names == ["Ann", "Bob", "Cy", "Import 1", "Import 2", "Import 3"]
    aside = list((backup_dir(b_dir / "prize.json") / SET_ASIDE).iterdir())
    assert [p.name for p in aside] == ["prize.sync-conflict-20261206-000001-ABCDEFG.json"]
    assert not list(b_dir.glob("*sync-conflict*"))  # moved, not deleted: kept in backups


def test_a_kill_during_merges_loses_no_confirmed_edit(tmp_path, sub_env):
    """A writer saves edits as fast as it can while a sync tool keeps replacing its file
    with the other machine's versions (or leaving conflict copies); it is killed at a
    random moment, mid-merge or mid-write. Reopened, with the copies merged, every
    edit it confirmed and every one the other machine made is there."""
    a_dir, b_dir = _two_machines(tmp_path, sub_env)
    tool = SyncTool(a_dir, b_dir)
    rng = random.Random(os.environ.get("PRIZE_SYNC_SEED", "7"))
    other = Repository.open(b_dir / "prize.json", backup_days=0)
    writer = start(["loop", str(a_dir / "prize.json")], sub_env, a_dir, script=MACHINE)
    confirmed, theirs = 0, []
    try:
        for round_ in range(rng.randint(15, 40)):
            from tui.model.contacts import Contact

            other.contacts.add(Contact(name=f"other {round_}"))
            other.flush()
            theirs.append(f"other {round_}")
            tool.carry("b", "a")
            line = read_line(writer)
            assert line.startswith(b"confirmed "), line
            confirmed = int(line.split()[1])
    finally:
        lines = kill_and_drain(writer)
        writer.watchdog.cancel()
        other.close()
    assert writer.returncode == -signal.SIGKILL
    for line in lines:  # confirmed after the last one read, before the kill
        if line.startswith(b"confirmed "):
            confirmed = int(line.split()[1])
    repo = Repository.open(a_dir / "prize.json", backup_days=0)  # readable, whatever the moment
    try:
        merge_copies(repo)
        names = {c.name for c in repo.contacts.all()}
    finally:
        repo.close()
    missing = [f"w{n}" for n in range(1, confirmed + 1) if f"w{n}" not in names]
    missing += [n for n in theirs if n not in names]
    assert missing == [], f"{len(missing)} edits lost: {missing[:10]}"

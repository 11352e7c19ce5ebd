"""Two machines that both synced one file's plan with the calendar: their sync state
merges to one link per event (the later ETag wins), and a link never brings back a
block deleted on the other machine. The merged state then syncs without a conflict
left over."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson

from tests.calendar.fake_server import FakeServer
from tests.conftest import NOW
from tui.model.blocks import Block
from tui.model.edit import Edit, added, removed
from tui.store import Repository
from tui.store.caldav_sync import sync_repo
from tui.store.merge import merge


def _sync(repo, server):
    outcome = sync_repo(repo, server, now=NOW, tz_name="Europe/Paris")
    repo.flush()
    return outcome


def test_two_machines_links_fold_into_one_per_event(tmp_path: Path):
    server = FakeServer()
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    a_path, b_path = tmp_path / "a" / "prize.json", tmp_path / "b" / "prize.json"
    a = Repository.open(a_path)
    block = a.apply(Edit("add", (added(Block(channel="Email", day="2026-11-27")),))) \
        .changes[0].after
    _sync(a, server)
    a.close()
    shutil.copy(a_path, b_path)
    # Machine b changes nothing but syncs after the calendar changed the block: it
    # puts it back and stores a newer ETag; machine a deletes the block meanwhile.
    href = next(iter(server.events))
    server.put_text(href, server.events[href][1].replace("Email", "Other"))
    b = Repository.open(b_path)
    assert _sync(b, server).counts["put back"] == 1
    b_etag = b.calendar_links.all()[0].etag
    b.close()
    a = Repository.open(a_path)
    a.apply(Edit("del", (removed(a.blocks.get(block.id)),)))
    a.close()
    merged = merge(orjson.loads(a_path.read_bytes()), orjson.loads(b_path.read_bytes())).data
    links = list(merged["calendar_links"].values())
    assert len(links) == 1 and links[0]["etag"] == b_etag
    assert str(block.id) not in merged["blocks"]  # the link did not bring it back
    # The merged file syncs: the deleted block goes from the calendar.
    merged_path = tmp_path / "merged.json"
    merged_path.write_bytes(orjson.dumps(merged))
    repo = Repository.open(merged_path)
    outcome = _sync(repo, server)
    assert outcome.counts["push removed"] == 1 and outcome.counts["conflicts"] == 0
    assert server.events == {}
    repo.close()


def test_links_made_on_both_machines_for_one_event_are_folded(tmp_path: Path):
    server = FakeServer()
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    a_path, b_path = tmp_path / "a" / "prize.json", tmp_path / "b" / "prize.json"
    a = Repository.open(a_path)
    a.apply(Edit("add", (added(Block(channel="Email", day="2026-11-27")),)))
    a.close()
    shutil.copy(a_path, b_path)
    for path in (a_path, b_path):  # each machine syncs before seeing the other's links
        repo = Repository.open(path)
        assert _sync(repo, server).counts["push new"] == 1  # (b adopts what a made)
        repo.close()
    merged = merge(orjson.loads(a_path.read_bytes()), orjson.loads(b_path.read_bytes())).data
    assert len(merged["calendar_links"]) == 1
    assert len(server.events) == 1

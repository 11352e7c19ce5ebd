"""span_read: the span's records from the file without parsing the rest, and the
full read whenever the shortcut cannot vouch for the file."""

from __future__ import annotations

import json

import orjson
import pytest

from tests.test_cli import assert_one_line_error, prize
from tui.model.contacts import Contact, Interaction, Meeting
from tui.store import Repository
from tui.store.span_read import SpanData, open_span


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "prize.json"
    repo = Repository.open(path, backup_days=0)
    ann = repo.contacts.add(Contact(name='Ann "at":"2026-11-20', created="2026-11-20"))
    old = repo.contacts.add(Contact(name="Old", created="2025-01-01"))
    repo.interactions.add_many([
        Interaction(contact_id=ann.id, at="2026-11-20T10:00:00+01:00", kind="call",  # W47
                    note='"at":"2026-11-21 and "kind":"video"'),
        Interaction(contact_id=ann.id, at="2026-11-21T10:00:00+01:00", kind="message"),
        Interaction(contact_id=old.id, at="2025-02-01T10:00:00+01:00", kind="call")])
    repo.meetings.add(Meeting(contact_id=ann.id, at="2025-03-01T10:00:00+01:00"))
    repo.close()
    return path


def test_only_the_span_is_read_of_the_big_tables(data):
    span = open_span(data, "2026-11-01", "2026-11-30")
    assert isinstance(span, SpanData)
    assert [c.name for c in span.contacts.all()] == ['Ann "at":"2026-11-20']
    assert [i.at[:10] for i in span.interactions.all()] == ["2026-11-20", "2026-11-21"]
    assert len(span.meetings.all()) == 1  # a small table: whole
    calls = open_span(data, "2026-11-01", "2026-11-30", kinds={"call", "video"},
                      big=("interactions",))
    assert [i.kind for i in calls.interactions.all()] == ["call"]  # not fooled by the note
    assert calls.contacts.all() == []


def test_an_older_file_or_another_layout_is_read_whole(data, tmp_path):
    v2 = orjson.loads(data.read_bytes())
    v2["meta"]["1"]["schema_version"] = 2
    for doc in v2["meetings"].values():
        doc.pop("booked", None)
    old = tmp_path / "old.json"
    old.write_bytes(orjson.dumps(v2))  # one line: not Prize's layout, and schema 2
    whole = open_span(old, "2026-11-01", "2026-11-30")
    assert isinstance(whole, Repository)
    assert whole.meetings.all()[0].booked  # migrated in memory
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(orjson.loads(data.read_bytes()), indent=4))
    assert isinstance(open_span(pretty, "2026-11-01", "2026-11-30"), Repository)


def test_a_damaged_record_in_the_span_is_refused_in_one_line(data, tmp_path):
    # A call of the span (read, so checked) with a time that is not one.
    raw = data.read_bytes().replace(b'"at":"2026-11-20T10:00:00+01:00"', b'"at":"2026-11-20T99"')
    data.write_bytes(raw)
    line = assert_one_line_error(prize("trends", "--db", str(data), "--weeks", "520",
                                       home=tmp_path))
    assert "interactions" in line and str(data) in line

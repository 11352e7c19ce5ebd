"""The incremental encoder writes exactly what a full encode would, whatever the edits."""

from __future__ import annotations

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.screen import without_stamps
from tui.model.contacts import Contact
from tui.store import Repository
from tui.store.atomic import atomic_write
from tui.store.encoder import DatabaseEncoder, encode_whole

OPS = st.lists(st.tuples(st.sampled_from(["add", "update", "remove", "restore", "flush"]),
                         st.integers(0, 50), st.text(max_size=8)), max_size=40)


@settings(max_examples=60, deadline=None, database=None)
@given(ops=OPS)
def test_file_bytes_equal_a_full_encode_after_any_edits(tmp_path_factory, ops):
    path = tmp_path_factory.mktemp("enc") / "prize.json"
    repo = Repository.open(path)
    repo.contacts.add_many(Contact(name=f"c{i}") for i in range(5))
    repo.flush()
    removed = []
    for op, n, text in ops:
        ids = [c.id for c in repo.contacts.all()]
        if op == "add":
            repo.contacts.add(Contact(name=text or "x"))
        elif op == "update" and ids:
            repo.contacts.update(repo.contacts.get(ids[n % len(ids)]).replace(notes=text))
        elif op == "remove" and ids:
            removed.append(repo.contacts.remove(ids[n % len(ids)]))
        elif op == "restore" and removed:
            repo.contacts.restore(removed.pop())
        elif op == "flush":
            repo.flush()
            assert path.read_bytes() == encode_whole(orjson.loads(path.read_bytes()))
    repo.flush()
    on_disk = path.read_bytes()
    repo.close()
    assert on_disk == encode_whole(orjson.loads(on_disk))  # what a full encode writes
    assert {k: without_stamps(d) for k, d in orjson.loads(on_disk)["contacts"].items()} == {
        str(c.id): c.to_doc() for c in Repository.open_read_only(path).contacts.all()
    }


def test_big_tables_go_last_each_table_on_its_own_line_one_document_per_line():
    data = {"contacts": {"1": {"name": "A\nB"}, "2": {"name": "C"}},
            "meta": {"1": {"schema_version": 1}},
            "interactions": {}, "blocks": {}, "settings": {"1": {}}}
    raw = encode_whole(data)
    assert orjson.loads(raw) == data
    assert raw.split(b"\n") == [
        b"{", b'"meta":{"1":{"schema_version":1}},', b'"blocks":{},', b'"settings":{"1":{}},',
        b'"contacts":{', b'"1":{"name":"A\\nB"},', b'"2":{"name":"C"}', b"},",
        b'"interactions":{}}']
    assert b"".join(DatabaseEncoder().encode(data)) == raw


def test_encoder_matches_a_full_encode_for_a_plain_database():
    data = {"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"name": "Ann"}}}
    encoder = DatabaseEncoder()
    assert b"".join(encoder.encode(data)) == encode_whole(data)
    data["contacts"]["2"] = {"name": "Bo"}
    encoder.changed("contacts", [2])
    assert b"".join(encoder.encode(data)) == encode_whole(data)
    del data["contacts"]["1"]
    encoder.changed("contacts", [1])
    assert b"".join(encoder.encode(data)) == encode_whole(data)


def test_atomic_write_of_many_parts(tmp_path):
    parts = [str(i).encode() * (i % 7) for i in range(5000)]  # more parts than IOV_MAX
    path = tmp_path / "f"
    atomic_write(path, parts)
    assert path.read_bytes() == b"".join(parts)
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_document_removed_and_put_back_keeps_the_memory_order_on_disk(tmp_path):
    path = tmp_path / "prize.json"
    repo = Repository.open(path)
    middle = repo.contacts.add_many(Contact(name=f"c{i}") for i in range(3))[1]
    repo.flush()
    repo.contacts.restore(repo.contacts.remove(middle.id))  # TinyDB puts it back at the end
    order = [c.id for c in repo.contacts.all()]
    repo.close()
    assert list(orjson.loads(path.read_bytes())["contacts"]) == [str(i) for i in order]

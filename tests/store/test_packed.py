"""The big tables are kept packed: encoded rows in one buffer, read one document at a time."""

from __future__ import annotations

import gc
import tracemalloc

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import TODAY
from tui.model.contacts import Contact, Interaction
from tui.store import Repository, UnreadableFile, open_cache
from tui.store.demo import write_demo
from tui.store.encoder import encode_whole
from tui.store.head import read_laid_out
from tui.store.packed import PackedTable

OPS = st.lists(st.tuples(st.sampled_from(["set", "set", "del", "get", "rows"]),
                         st.integers(1, 40), st.text(max_size=300)), max_size=120)


@settings(max_examples=80, deadline=None, database=None)
@given(ops=OPS)
def test_a_packed_table_behaves_like_the_dict_tinydb_keeps(ops):
    table, model = PackedTable(), {}
    for op, n, text in ops:
        key = str(n)
        if op == "set":
            table[key] = model[key] = {"name": text, "n": n}
        elif op == "del" and key in model:
            del table[key], model[key]
        elif op == "rows":  # the rows of ids up to n (and one never stored), as stored
            wanted = [i for i in range(n, 0, -1) if str(i) in model]
            assert table.rows_texts([[*wanted, 99], wanted[:1]]) == [b"".join(
                b'"%d":%s,\n' % (i, orjson.dumps(model[str(i)])) for i in group)
                for group in (wanted, wanted[:1])]
        else:
            assert (key in table) == (key in model)
            assert table.get(key) == model.get(key)
    assert list(table) == list(model)  # the same order: a document put back goes last
    assert dict(table.items()) == model and len(table) == len(model)
    assert orjson.loads(table.encoded()) == model


def test_ids_are_only_those_tinydb_writes():
    table = PackedTable({"7": {"a": 1}})
    for bad in ("07", " 7", "²", "7" * 40, "-7"):
        assert bad not in table
        with pytest.raises(KeyError):
            table[bad] = {}


def first_contact(raw: bytes) -> bytes:
    """The id of the first contact in a data file, as the file writes it."""
    return next(iter(orjson.loads(raw)["contacts"])).encode()


@pytest.fixture
def demo_file(db_path):
    repo = Repository.open(db_path, today=TODAY)
    write_demo(repo, contacts=300, weeks=2, seed=5, today=TODAY)
    repo.close()
    return db_path


def test_a_file_prize_wrote_is_read_row_by_row_and_equals_a_whole_parse(demo_file):
    raw = demo_file.read_bytes()
    laid_out = read_laid_out(raw)
    assert isinstance(laid_out["contacts"], PackedTable)
    assert {name: dict(table.items()) for name, table in laid_out.items()} == orjson.loads(raw)
    assert encode_whole(laid_out) == raw  # rows kept as they were: the same bytes back


def test_the_file_has_one_contact_per_line(demo_file):
    lines = demo_file.read_bytes().split(b"\n")
    contacts = [line for line in lines if line.startswith(b'"') and b'"name":' in line]
    assert len(contacts) == 300
    assert all(orjson.loads(b"{" + line.rstrip(b",") + b"}") for line in contacts)


def test_a_hand_edited_row_is_read_whole_and_rewritten_in_prize_layout(demo_file):
    raw = demo_file.read_bytes()
    doc_id = first_contact(raw)
    edited = raw.replace(b'"%s":{"name":' % doc_id, b'"%s": { "name" :' % doc_id, 1)
    assert edited != raw and read_laid_out(edited) is None
    demo_file.write_bytes(edited)
    repo = Repository.open(demo_file, today=TODAY)
    first = repo.contacts.get(int(doc_id))
    repo.contacts.update(first.replace(notes="seen"))
    repo.close()
    assert read_laid_out(demo_file.read_bytes()) is not None
    assert Repository.open_read_only(demo_file).contacts.get(int(doc_id)).notes == "seen"


@pytest.mark.parametrize(("found", "put", "words"), [  # (FIRST: the first contact's id)
    (b'"FIRST":{"name":', b'"FIRST":{"name":"x","name":', "field 'name' twice"),
    (b'"at":"', b'"at":"not a date","x":"', "unusable 'at'"),
])
def test_a_damaged_row_is_refused_with_the_document_named(demo_file, found, put, words):
    raw = demo_file.read_bytes()
    found, put = (b.replace(b"FIRST", first_contact(raw)) for b in (found, put))
    assert found in raw
    demo_file.write_bytes(raw.replace(found, put, 1))
    with pytest.raises(UnreadableFile, match=words):
        Repository.open(demo_file, today=TODAY)


def test_an_older_layout_opens_and_is_rewritten_one_document_per_line(db_path):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    data = {"meta": {"1": {"schema_version": 1}},
            "contacts": {"1": {"name": "Ann"}, "2": {"name": "Bo"}},
            "interactions": {"1": {"contact_id": 1, "at": "2026-11-20T10:00:00+00:00"}}}
    db_path.write_bytes(orjson.dumps(data))  # all on one line, as Prize wrote before
    repo = Repository.open(db_path, today=TODAY)
    assert [c.name for c in repo.contacts.all()] == ["Ann", "Bo"]
    cy = repo.contacts.add(Contact(name="Cy"))
    repo.interactions.add(Interaction(contact_id=cy.id, at=repo.interactions.get(1).at))
    repo.close()
    raw = db_path.read_bytes()
    assert b'"contacts":{\n"1":{"name":"Ann"' in raw and read_laid_out(raw) is not None


def test_the_contacts_in_memory_take_about_what_they_take_on_disk(db_path):
    repo = Repository.open(db_path, today=TODAY)
    write_demo(repo, contacts=2000, weeks=1, seed=2, today=TODAY)
    repo.close()
    open_cache.forget(db_path)  # the rows alone: not the list and indexes kept for the next open
    raw = db_path.read_bytes()
    big = raw[raw.index(b'\n"contacts":'):]
    gc.collect()
    tracemalloc.start()
    try:
        repo = Repository.open(db_path, today=TODAY)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    repo.close()
    # As TinyDB's dicts they took ~3.5 times their size on disk.
    assert held < 1.5 * len(big) + 2 * (len(raw) - len(big)), (held, len(big), len(raw))


def test_a_table_read_from_the_file_takes_its_own_buffer_at_its_first_change(demo_file):
    raw = demo_file.read_bytes()
    data = read_laid_out(raw)
    contacts, interactions = data["contacts"], data["interactions"]
    expected = dict(contacts.items())
    first, second = list(expected)[:2]
    contacts[first] = expected[first] = {"name": "Changed"}
    del contacts[second], expected[second]
    assert orjson.loads(contacts.encoded()) == expected
    assert encode_whole(data) == encode_whole(orjson.loads(encode_whole(data)))
    assert dict(interactions.items()) == orjson.loads(raw)["interactions"]  # untouched


def test_rows_lent_to_a_write_do_not_change_under_it():
    table = PackedTable({str(i): {"name": f"n{i}"} for i in range(1, 50)})
    lent = table.parts()  # what a save running in another thread is writing
    before = b"".join(lent)
    table["3"] = {"name": "a much longer name than before"}
    del table["4"]
    table["60"] = {"name": "new"}
    assert b"".join(lent) == before
    assert orjson.loads(table.encoded())["3"]["name"].startswith("a much")


def test_after_a_save_an_edit_changes_the_rows_in_place(db_path):
    repo = Repository.open(db_path, today=TODAY)
    added = repo.contacts.add_many(Contact(name=f"c{i}") for i in range(200))
    seventh, eighth = added[6].id, added[7].id
    repo.flush()
    table = repo._storage.data["contacts"]
    buffer = table._buf
    repo.contacts.update(repo.contacts.get(seventh).replace(notes="in place"))
    assert table._buf is buffer  # no copy of the whole table for one edit
    table.parts()  # lent to a write that is still running
    repo.contacts.update(repo.contacts.get(eighth).replace(notes="copied first"))
    assert table._buf is not buffer
    repo.close()
    again = Repository.open_read_only(db_path)
    notes = (again.contacts.get(seventh).notes, again.contacts.get(eighth).notes)
    assert notes == ("in place", "copied first")


# -- found by review -------------------------------------------------------------

def _with_tail(tail: bytes) -> bytes:
    from tui.store import schema

    return encode_whole(schema.new_database())[:-1] + tail


def test_an_empty_table_on_two_lines_takes_rows_and_stays_json(db_path):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(_with_tail(b',\n"contacts":{\n}}'))  # every row deleted by hand
    repo = Repository.open(db_path, today=TODAY)
    ann = repo.contacts.add(Contact(name="Ann"))
    assert repo.contacts.get(ann.id).name == "Ann"
    repo.close()
    assert orjson.loads(db_path.read_bytes())["contacts"][str(ann.id)]["name"] == "Ann"


@pytest.mark.parametrize("raw", [
    _with_tail(b'\n"contacts":{}}'),  # no comma before the big table
    _with_tail(b',\n"contacts":{}}\x0b'),  # not JSON whitespace after the end
    _with_tail(b'\x0c,\n"contacts":{}}'),
])
def test_a_file_that_is_not_json_is_not_read_as_laid_out(raw):
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(raw)
    assert read_laid_out(raw) is None  # the whole-file path refuses it, with its message


def test_an_edit_after_a_view_outlived_its_write_changes_a_copy():
    table = PackedTable({str(i): {"name": f"n{i}"} for i in range(1, 20)})
    kept = table.parts()  # as a failed save's traceback could keep them
    table.written()  # ... and a later save succeeded
    before = b"".join(kept)
    table["3"] = {"name": "longer than it was"}
    del table["4"]
    assert b"".join(kept) == before
    assert table["3"]["name"] == "longer than it was" and "4" not in table


def test_changing_a_table_while_reading_it_is_refused_like_a_dict():
    table = PackedTable({str(i): {"n": i} for i in range(1, 5)})
    rows = table.items()
    next(rows)
    table["1"] = {"n": "changed, with another length"}
    with pytest.raises(RuntimeError):
        next(rows)


@pytest.mark.parametrize("change, laid_out_too", [
    # A table twice: refused by the whole-file path, with its message.
    (lambda raw: raw.replace(b'\n"blocks":', b'\n"goals":{},\n"blocks":', 1), False),
    (lambda raw: raw.replace(b'\n"blocks":{', b'\n"blocks":\n{', 1), True),  # on two lines
    (lambda raw: raw.replace(b'\n"goals":', b'"goals":', 1), True),  # two tables on one line
])
def test_a_head_not_one_table_a_line_is_read_as_the_whole_parse_reads_it(
        demo_file, change, laid_out_too):
    """The head is parsed a table (a line) at a time; where it is not laid out so,
    what opening finds is what a parse of the whole file finds."""
    raw = change(demo_file.read_bytes())
    assert raw != demo_file.read_bytes()
    laid_out = read_laid_out(raw)
    assert (laid_out is not None) == laid_out_too
    if laid_out is not None:
        assert {name: dict(table.items()) for name, table in laid_out.items()} == \
            orjson.loads(raw)


DOCS = st.dictionaries(
    st.integers(1, 2**50).map(str),
    st.dictionaries(st.text(max_size=5), st.one_of(st.text(), st.integers(-2**40, 2**40),
                                                    st.none(), st.lists(st.text(), max_size=3)),
                    max_size=4),
    max_size=12)


@given(docs=DOCS)
def test_a_table_packed_at_once_reads_and_writes_as_its_dict(docs):
    """Meetings are packed in memory (PackedTable.of) but written in the head on one
    line: the very bytes `orjson.dumps` gives for the dict, newlines in texts and all."""
    table = PackedTable.of(docs)
    assert dict(table.items()) == docs and list(table) == list(docs)
    assert table.one_line() == orjson.dumps(docs)
    table["7"] = {"note": "line\nbreak"}
    assert table.one_line() == orjson.dumps({**docs, "7": {"note": "line\nbreak"}})


def test_meetings_are_kept_as_rows_and_the_file_keeps_them_in_its_head(demo_file):
    repo = Repository.open(demo_file, today=TODAY)
    try:
        assert isinstance(repo.raw_data()["meetings"], PackedTable)
        before = demo_file.read_bytes()
        first = repo.meetings.all()[0]
        repo.meetings.update(first.replace(note="moved"))
        repo.flush()
        after = demo_file.read_bytes()
        head = after[: after.index(b'\n"contacts":')]
        assert b'\n"meetings":{"' in head and b'"note":"moved"' in head
        assert after.count(b"\n") == before.count(b"\n")  # (still one line)
        assert orjson.loads(after)["meetings"][str(first.id)]["note"] == "moved"
    finally:
        repo.close()
    kept = open_cache.read(demo_file, demo_file.read_bytes())
    assert kept is not None and kept.part("layout contacts ids") is not None
    assert kept.part("layout meetings ids") is None  # (not laid out in rows in the file)


def test_a_record_looked_up_by_no_id_or_an_unknown_one_is_none(repo):
    from tui.model.contacts import Contact

    ann = repo.contacts.add(Contact(name="Ann"))
    assert repo.contacts.get(None) is None and repo.contacts.get(-1) is None  # type: ignore[arg-type]
    assert repo.contacts.get(ann.id + 1000) is None
    assert [c.name for c in repo.contacts.get_many([ann.id, None, ann.id + 1000, ann.id])] == \
        ["Ann", "Ann"]

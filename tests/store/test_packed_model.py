"""PackedTable against a plain dict, as a state machine: sets, deletes, restored ids, tables
read from a file, and rows lent to writes that end later (from a fresh-eyes review)."""

from __future__ import annotations

import orjson
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from tui.store.packed import PackedTable

IDS = st.sampled_from(["0", "1", "2", "3", "5", "9", "10", "11", "12", "100",
                       "999999999999999999"])
DOCS = st.dictionaries(
    st.sampled_from(["name", "a", "tags", "é"]),
    st.one_of(st.integers(-5, 10**6), st.text(max_size=12),
              st.lists(st.integers(-10**6, 10**6), max_size=3), st.none()),
    max_size=3)


def file_of(items) -> bytes:
    """A big table as Prize writes it, from (id, document) pairs in order."""
    if not items:
        return b"{}"
    return b"{\n" + b",\n".join(b'"' + k.encode() + b'":' + orjson.dumps(v)
                                for k, v in items) + b"\n}"


class PackedAgainstDict(RuleBasedStateMachine):
    @initialize(items=st.lists(st.tuples(IDS, DOCS), max_size=6, unique_by=lambda t: t[0]),
                from_file=st.booleans())
    def start(self, items, from_file):
        self.model = dict(items)
        if from_file:  # ids in any order, as a file may hold them
            raw = b'{"x":' + file_of(items) + b"}"
            self.table, end = PackedTable.read(raw, 5, lambda doc_id, doc: None)
            assert raw[end:] == b"}"
        else:
            self.table = PackedTable(self.model)
        self.lent: list[tuple[bytes, list]] = []  # (bytes when lent, the parts lent)

    @rule(key=IDS, doc=DOCS)
    def put(self, key, doc):
        self.table[key] = doc
        self.model[key] = doc

    @rule(key=IDS)
    def delete(self, key):
        if key in self.model:
            del self.table[key], self.model[key]

    @rule()
    def lend(self):
        parts = self.table.parts()  # a save starts writing
        self.lent.append((b"".join(parts), parts))

    @rule()
    def finish_writes(self):
        for before, parts in self.lent:
            assert b"".join(parts) == before, "lent rows changed during the write"
        self.lent.clear()
        self.table.written()  # (a view may outlive it in `parts`: the table must cope)

    @invariant()
    def same_as_the_dict(self):
        assert len(self.table) == len(self.model) and list(self.table) == list(self.model)
        assert dict(self.table.items()) == self.model
        assert all(self.table[k] == v and k in self.table for k, v in self.model.items())
        assert self.table.encoded() == file_of(self.model.items())
        for before, parts in self.lent:
            assert b"".join(parts) == before


TestPackedAgainstDict = PackedAgainstDict.TestCase
TestPackedAgainstDict.settings = settings(max_examples=400, stateful_step_count=30,
                                          deadline=None, database=None,
                                          suppress_health_check=list(HealthCheck))

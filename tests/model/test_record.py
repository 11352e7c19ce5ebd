"""The record types share one __init__, __eq__ and __repr__ (record.stored): they
must behave as the dataclasses Python would generate."""

import dataclasses

import pytest

from tui.model.blocks import Block
from tui.model.contacts import Contact, Meeting
from tui.model.record import Record


def test_a_record_is_built_from_keywords_with_its_defaults():
    contact = Contact(name="Ada", company="Analytical")
    assert (contact.id, contact.name, contact.company, contact.tags) == \
        (None, "Ada", "Analytical", [])
    assert Contact(name="Bo").tags is not contact.tags  # a fresh list for each record


def test_a_record_refuses_an_unknown_field_and_a_missing_one():
    with pytest.raises(TypeError, match="'nmae'"):
        Contact(nmae="Ada")
    with pytest.raises(TypeError, match="name"):
        Contact(company="Analytical")
    with pytest.raises(TypeError):
        Contact("Ada")  # keywords only, as before


def test_records_are_equal_field_by_field_and_only_to_their_own_type():
    a = Contact(name="Ada", tags=["x"], id=3)
    assert a == Contact(name="Ada", tags=["x"], id=3)
    assert a != Contact(name="Ada", tags=["y"], id=3)
    assert a != a.replace(id=4)
    assert Meeting(at="2026-12-07T10:00:00+00:00") != Block(channel="x", start="10:00",
                                                            minutes=30, day="2026-12-07")
    with pytest.raises(TypeError):
        hash(a)  # mutable and compared by value, as a dataclass with eq


def test_replace_fields_and_repr_are_the_dataclass_ones():
    a = Contact(name="Ada", id=1)
    b = a.replace(company="Analytical")
    assert (b.name, b.company, b.id, a.company) == ("Ada", "Analytical", 1, "")
    names = [f.name for f in dataclasses.fields(Contact)]
    assert names[:2] == ["id", "name"]
    assert repr(a).startswith("Contact(id=1, name='Ada', ")
    assert all(f"{n}=" in repr(a) for n in names)


def test_a_stored_document_round_trips_without_aliasing_its_lists():
    doc = {"name": "Ada", "tags": ["x"], "unknown_later_field": 1}
    contact = Contact.from_doc(doc, 5)
    assert contact.id == 5 and contact.tags == ["x"] and contact.tags is not doc["tags"]
    assert "unknown_later_field" not in contact.to_doc()
    assert Contact.from_doc(contact.to_doc(), 5) == contact
    assert isinstance(contact, Record)


def test_no_record_type_has_methods_generated_for_it():
    # Generating them costs ~3M instructions per class at every start (record.stored).
    import tui.model.calendar_links
    import tui.model.employer_record
    import tui.model.plan  # noqa: F401
    import tui.model.sessions  # noqa: F401
    types = Record.__subclasses__()
    assert len(types) >= 12
    for cls in types:
        assert (cls.__init__, cls.__eq__, cls.__repr__) == \
            (Record.__init__, Record.__eq__, Record.__repr__), cls

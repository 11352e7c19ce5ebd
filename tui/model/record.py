"""A base for the stored records: one mapping to and from plain JSON documents."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, NamedTuple, Self, TypeVar, dataclass_transform

R = TypeVar("R", bound=type)


@dataclass_transform(kw_only_default=True, field_specifiers=(dataclasses.field,))
def stored(cls: R) -> R:
    """Make `cls` a stored record type: a keyword-only dataclass whose __init__,
    __eq__ and __repr__ are Record's, written once, not generated for each class.

    Python compiles a dataclass's generated methods as it creates the class:
    ~3M instructions (about 1 ms here) for each of the thirteen record types,
    at every start, before the first frame."""
    return dataclasses.dataclass(kw_only=True, init=False, repr=False, eq=False)(cls)


@stored
class Record:
    """A dataclass that is stored as one document; `id` is the store's document id."""

    TABLE: ClassVar[str] = ""
    id: int | None = None

    def __init__(self, **values: Any) -> None:
        shape = field_shape(type(self))
        unknown = values.keys() - shape.names - {"id"}
        if unknown:
            raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument "
                            f"{sorted(unknown)[0]!r}")
        self.__dict__ = _filled(type(self), shape, values, copy=False)
        self.id = values.get("id")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.__dict__ == other.__dict__  # (holds the fields, and only them)

    def __repr__(self) -> str:
        shape = field_shape(type(self))
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in shape.order)
        return f"{type(self).__qualname__}({fields})"

    def to_doc(self) -> dict[str, Any]:
        """The JSON-ready document, without the id (the store keeps that as the key)."""
        doc = {}
        for field in dataclasses.fields(self):
            if field.name == "id":
                continue
            value = getattr(self, field.name)
            doc[field.name] = list(value) if isinstance(value, tuple) else value
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int | None = None) -> Self:
        """Build from a stored document, ignoring unknown keys (newer minor fields).

        Hot (a week's records for the review, 10k contacts for a report): only
        lists and dicts are copied, and the values become the record's own
        attributes (~16k instructions a meeting, where copying them twice more
        took ~30k)."""
        values = _filled(cls, field_shape(cls), doc, copy=True)
        values["id"] = doc_id
        record = object.__new__(cls)
        record.__dict__ = values
        return record

    def replace(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **changes)


class _Shape(NamedTuple):
    names: frozenset[str]  # stored fields (all but id)
    order: tuple[str, ...]  # every field, id first, as declared
    defaults: dict[str, Any]  # plain defaults, id's None among them
    factories: tuple[tuple[str, Any], ...]  # fields whose default is built per record
    required: frozenset[str]  # fields without any default


_SHAPES: dict[type, _Shape] = {}
_COPIED = (list, dict)  # (a document's values are JSON's: exactly these, never subclasses)


def field_shape(cls: type) -> _Shape:
    """The fields of dataclass `cls` (a record type, a figure type: value.py),
    worked out at its first record."""
    if (shape := _SHAPES.get(cls)) is not None:
        return shape
    fields = dataclasses.fields(cls)
    shape = _Shape(
        names=frozenset(f.name for f in fields if f.name != "id"),
        order=tuple(f.name for f in fields),
        defaults={f.name: f.default for f in fields if f.default is not dataclasses.MISSING},
        factories=tuple((f.name, f.default_factory) for f in fields
                        if f.default_factory is not dataclasses.MISSING),
        required=frozenset(f.name for f in fields if f.default is dataclasses.MISSING
                           and f.default_factory is dataclasses.MISSING),
    )
    _SHAPES[cls] = shape
    return shape


def _filled(cls: type, shape: _Shape, given: dict[str, Any], copy: bool) -> dict[str, Any]:
    """The stored fields of `given` (their lists and dicts copied if `copy`), with
    the defaults of those it lacks (id's None); a missing required field refused."""
    values = dict(shape.defaults)
    names = shape.names
    for key, value in given.items():
        if key in names:
            values[key] = copy_value(value) if copy and value.__class__ in _COPIED else value
    for name, factory in shape.factories:
        if name not in given:
            values[name] = factory()
    if not shape.required <= values.keys():
        missing = ", ".join(sorted(shape.required - values.keys()))
        raise TypeError(f"{cls.__name__} lacks {missing}")
    return values


def copy_value(value: Any) -> Any:
    # Documents come from a shared in-memory store: never alias its lists or dicts.
    if isinstance(value, list):
        return [copy_value(v) for v in value]
    if isinstance(value, dict):
        return {k: copy_value(v) for k, v in value.items()}
    return value

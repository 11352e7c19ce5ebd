"""A base for the stored dataclasses: one mapping to and from plain JSON documents."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, Self


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

        Hot at start-up (10k contacts, 20k interactions): field names are cached
        per class and only lists and dicts are copied.
        """
        names = _FIELD_NAMES.get(cls)
        if names is None:
            names = _FIELD_NAMES[cls] = frozenset(f.name for f in dataclasses.fields(cls)) - {"id"}
        values = {
            k: _copy(v) if isinstance(v, list | dict) else v
            for k, v in doc.items()
            if k in names
        }
        return cls(id=doc_id, **values)

    def replace(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **changes)


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def _copy(value: Any) -> Any:
    # Documents come from a shared in-memory store: never alias its lists or dicts.
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value

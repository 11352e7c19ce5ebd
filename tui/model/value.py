"""A base for frozen figure types (a period's figures, the trends, the verdict):
dataclasses whose methods are written once here, not generated for each class."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar, dataclass_transform

from tui.model.record import field_shape

V = TypeVar("V", bound=type)


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def figures(cls: V) -> V:
    """Make `cls` a frozen dataclass whose __init__, __eq__, __hash__, __repr__ and
    __setattr__ are Value's.

    A frozen dataclass compiles six methods as its class is created: ~2 ms for
    the four types of a period's figures, at every start of the review and of
    `prize report` (PERFORMANCE.md §21). `fields`, `replace` and `asdict` work
    as on any dataclass."""
    cls = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    # Value.__init__ sets every field from its arguments or defaults, and nothing else.
    if hasattr(cls, "__post_init__") or any(not f.init for f in dataclasses.fields(cls)):
        raise TypeError(f"{cls.__name__}: a figure type has no __post_init__ and no "
                        "field(init=False)")
    return cls


class Value:
    """Fields set once, by position or by name, as a frozen dataclass takes them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        shape = field_shape(type(self))
        if len(args) > len(shape.order):
            raise TypeError(f"{type(self).__name__}() takes {len(shape.order)} "
                            f"arguments but {len(args)} were given")
        values = dict(zip(shape.order, args, strict=False))  # (fewer args: the rest by name)
        for name, value in kwargs.items():
            if name not in shape.order:
                raise TypeError(f"{type(self).__name__}() got an unexpected keyword "
                                f"argument {name!r}")
            if name in values:
                raise TypeError(f"{type(self).__name__}() got multiple values for "
                                f"argument {name!r}")
            values[name] = value
        for name, factory in shape.factories:
            if name not in values:
                values[name] = factory()
        if missing := [n for n in shape.order if n not in values and n not in shape.defaults]:
            raise TypeError(f"{type(self).__name__}() missing argument {missing[0]!r}")
        self.__dict__.update({**shape.defaults, **values})  # (past __setattr__, which refuses)

    def _values(self) -> tuple:
        return tuple(self.__dict__[name] for name in field_shape(type(self)).order)

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in
                           zip(field_shape(type(self)).order, self._values(), strict=True))
        return f"{type(self).__qualname__}({fields})"

"""Field validation with messages a person can act on (SPEC §5)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

NAME_MAX = 200
TEXT_MAX = 2000
NOTES_MAX = 10_000

# C0/C1 controls and DEL; tab is allowed in notes only, newlines in notes only.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class ValidationError(ValueError):
    """One or more fields are wrong; `errors` maps field name to message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


def clean_text(
    value: str,
    *,
    required: bool = False,
    max_len: int = TEXT_MAX,
    multiline: bool = False,
    label: str = "this field",
) -> str:
    """Strip and check one text value; raise ValueError with a short reason."""
    text = value.strip()
    if required and not text:
        raise ValueError(f"{label} cannot be empty")
    if len(text) > max_len:
        raise ValueError(f"{label} is {len(text):,} characters; keep it under {max_len:,}")
    pattern = _CONTROL if multiline else _CONTROL_ONE_LINE
    if pattern.search(text):
        raise ValueError(f"{label} holds control characters; remove them")
    return text


def quoted(text: str, limit: int = 20) -> str:
    """What the user typed, quoted inside a message: cut short, so a reason stays one
    line even when a whole document was pasted into the field."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def collect(checks: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Run every check, gather all messages, raise once: nothing is saved half-way."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, check in checks.items():
        try:
            values[name] = check()
        except ValueError as exc:
            errors[name] = str(exc)
    if errors:
        raise ValidationError(errors)
    return values


def printable(text: str) -> str:
    """Text safe to put on a terminal: control and escape characters made visible.

    Used by every widget that shows user or imported text, so an ESC or OSC
    sequence in a name can never reach the terminal raw.
    """
    if not _CONTROL.search(text) and "\t" not in text and "\n" not in text:
        return text
    out = []
    for ch in text:
        if ch in "\t\n":
            out.append(" ")
        elif unicodedata.category(ch) == "Cc":
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "".join(out)

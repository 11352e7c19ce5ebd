"""Read the data file without taking the lock: for `prize status` while the app runs.

Atomic replacement means a reader always sees a whole file, so no lock is needed.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from tui.model.sessions import FocusSession
from tui.store.head import head_tables


def running_session(path: Path) -> FocusSession | None:
    """The session that is running or paused, or None (also when there is no file)."""
    try:
        raw = path.read_bytes()
        # The sessions are in the head of a file Prize wrote: no need to parse the contacts.
        data = head_tables(raw) or orjson.loads(raw)
    except (OSError, orjson.JSONDecodeError):
        return None
    table = data.get("sessions") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        return None
    for doc_id in sorted(table, key=lambda k: int(k) if k.isdigit() else 0, reverse=True):
        doc = table[doc_id]
        if isinstance(doc, dict) and doc.get("ended") is None and "started" in doc:
            try:
                return FocusSession.from_doc(doc, int(doc_id))
            except (TypeError, ValueError):
                return None
    return None

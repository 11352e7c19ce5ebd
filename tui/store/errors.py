"""Errors of the store, each carrying one line a person can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base: `str(error)` is the one line shown to the user."""


class UnreadableFile(StoreError):
    """The data file cannot be read; it is left exactly as it is."""

    def __init__(self, path: Path, reason: str, backup: Path | None):
        self.path, self.reason, self.backup = path, reason, backup
        hint = f"newest backup: {backup}" if backup else "no backup found"
        super().__init__(
            f"cannot read {path}: {reason}. The file was not changed; {hint}."
        )


class AlreadyOpen(StoreError):
    def __init__(self, path: Path):
        self.path = path
        super().__init__(
            f"{path} is being written by another Prize that does not finish; "
            "try again in a moment."
        )


class WriteFailed(StoreError):
    def __init__(self, path: Path, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"could not save {path}: {reason}. Your change is kept in memory.")


class StaleEdit(StoreError):
    """An edit made against a record that has changed since (another screen, a
    merge from disk): nothing of it is applied."""

    def __init__(self, label: str, what: str):
        self.label, self.what = label, what
        super().__init__(f"{label}: {what} changed meanwhile, so nothing was changed. "
                         "Look again and redo it.")

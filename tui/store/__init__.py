"""Persistence: one TinyDB JSON file behind a small repository API.

Nothing above this package sees a TinyDB type; nothing here imports Textual.
"""

from tui.store.errors import AlreadyOpen, ChangedOnDisk, StoreError, UnreadableFile, WriteFailed
from tui.store.repository import Repository

__all__ = [
    "AlreadyOpen",
    "ChangedOnDisk",
    "Repository",
    "StoreError",
    "UnreadableFile",
    "WriteFailed",
]

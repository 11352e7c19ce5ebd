"""Messages the screens and widgets use to tell each other what changed."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """Something in the repository changed; views that show it should refresh."""

    def __init__(self, tables: frozenset[str]):
        super().__init__()
        self.tables = tables


class Saved(Message):
    """Edits up to `generation` are durably on disk."""

    def __init__(self, generation: int):
        super().__init__()
        self.generation = generation

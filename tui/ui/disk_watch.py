"""The other copies of the data: the file on disk, which another Prize or a sync
tool may replace, and the conflict copies sync tools leave beside it.

Every few seconds (off the key path: a stat and a folder listing) the app looks;
a changed file is merged by the next save, conflict copies by a worker. What a
merge brought is shown at once on every screen, with a notice, and each value
it set aside (both copies changed a field) can be taken back from the command
palette ("Conflicts").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.model.edit import Edit, updated
from tui.model.validation import printable

if TYPE_CHECKING:
    from tui.store.merging import MergeNews
    from tui.ui.app import PrizeApp

WATCH_S = 2.0  # how often the file and its folder are looked at
NAMES = {"contacts": "contact", "interactions": "interaction", "meetings": "meeting",
         "blocks": "block", "marks": "mark", "goals": "week's goals", "templates": "template",
         "sessions": "focus session", "reviews": "review", "settings": "settings",
         "employers": "employer"}


class DiskWatch:
    def __init__(self, app: PrizeApp):
        self.app = app
        self._skipped: set[str] = set()  # copies found but not merged (not ours)
        self._started = False

    def start(self) -> None:
        if self._started or self.app.repo.read_only:
            return
        self._started = True
        self.app.set_interval(WATCH_S, self.look)
        self.look(first=True)

    def look(self, first: bool = False) -> None:
        """The file changed: the save merges it. Conflict copies: merged by a worker.
        And, from the second look on (the first frame is out), the open cache is
        kept current, so that the next start is quick even if this one is killed."""
        from tui.store.conflict_copies import find

        repo = self.app.repo
        if repo.changed_on_disk():
            self.app.save()
        elif not first and repo.open_cache_stale:
            self.app.run_worker(repo.keep_open_cache, thread=True, group="open-cache")
        if any(str(c.path) not in self._skipped for c in find(repo.path)):
            self.app.run_worker(self._merge_copies, thread=True, group="save")

    def _merge_copies(self) -> None:
        from tui.store.conflict_copies import find, merge_copies
        from tui.store.errors import StoreError

        try:
            taken = merge_copies(self.app.repo)
        except StoreError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error",
                                      markup=False)
            return
        names = {str(copy.path) for copy, _ in taken}
        self._skipped |= {str(c.path) for c in find(self.app.repo.path)} - names
        if news := self.app.repo.take_news():
            self.app.call_from_thread(self.merged_in, news)

    def merged_in(self, news: list[MergeNews]) -> None:
        """Show what merges brought: every screen told, one notice each."""
        app = self.app
        for n in news:
            app.tell_screens(n.tables, n.edit.contacts or frozenset(), None)
            if not n.edit.empty:  # (a merge that only set values aside says just that)
                app.notify(f"Merged {n.source}: {n.summary}.", markup=False)
            for conflict in n.conflicts[:3]:
                app.notify(f"{describe(app, conflict)}: both copies changed "
                           f"{conflict['field']}; kept {short(conflict['kept'])}, the other "
                           f"({short(conflict['lost'])}) is in ctrl+p → Conflicts.",
                           severity="warning", markup=False, timeout=15)

    # -- the conflicts list --------------------------------------------------------

    async def show_conflicts(self) -> None:
        from tui.ui.screens.choice import ChoiceScreen

        app = self.app
        found = sorted(app.repo.raw_data().get("conflicts", {}).values(),
                       key=lambda c: c.get("at", 0), reverse=True)[:9]
        if not found:
            app.notify("No conflicts: no merge had to choose between two values.")
            return
        choices = {str(n): f"{describe(app, c)} · {c['field']}: kept {short(c['kept'])}, "
                           f"other {short(c['lost'])}" for n, c in enumerate(found, start=1)}
        key = await app.push_screen_wait(ChoiceScreen(
            "Values set aside by a merge (newest first). Take the other value back?", choices))
        if key is not None:
            self.restore(found[int(key) - 1])

    def restore(self, conflict: dict) -> None:
        app = self.app
        collection = app.repo.tables().get(conflict["table"])
        current = collection.get(conflict["id"]) if collection is not None else None
        if current is None:
            app.notify(f"That {NAMES.get(conflict['table'], 'record')} is gone.")
            return
        edit = Edit(f"take back the other {conflict['field']}", (
            updated(current, current.replace(**{conflict["field"]: conflict["lost"]})),),
            f"{describe(app, conflict)}: {conflict['field']} is "
            f"{short(conflict['lost'])} again. u undoes.")
        app.apply(edit)


def describe(app: PrizeApp, conflict: dict) -> str:
    """The record a conflict is about, as a person knows it."""
    table, record_id = conflict["table"], conflict["id"]
    collection = app.repo.tables().get(table)
    record = collection.get(record_id) if collection is not None else None
    what = NAMES.get(table, "record")
    for name_field in ("name", "channel", "week", "day"):
        if record is not None and getattr(record, name_field, ""):
            return f"The {what} {printable(str(getattr(record, name_field)))!r}"
    return f"A {what}"


def short(value) -> str:
    text = printable(str(value)) if value not in (None, "") else "(empty)"
    return repr(text if len(text) <= 40 else text[:39] + "…")

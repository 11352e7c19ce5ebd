"""`i` in the Contacts pane: pick a file, see the dry run, then apply it or cancel.

The file is read and matched in a thread (a LinkedIn export of thousands of
rows never blocks a key); the screen returns the plan, and the pane applies it
with an undo. The dry run lists the rows imported with a value made safe, or
skipped, by line. Every key acts or says why not: one the dry run's view has no
use for says so in the key line, instead of being dropped.
"""

from __future__ import annotations

from pathlib import Path

from textual import events, work
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Static

from tui.model.contact_forms import pick
from tui.model.validation import ValidationError, clean_text, collect, printable, quoted
from tui.store.importers import ImportFormatError, ImportPlan, import_file
from tui.ui.forms import Field, FormScreen

KINDS = ("linkedin", "google", "csv")
KEYS_BEFORE = "enter on the path (or ctrl+s) shows what would change · escape cancels"
KEYS_AFTER = "enter or y imports · shift+tab back to the file · escape cancels"
KEYS_NOTHING = "escape closes · shift+tab back to pick another file"


class PlanView(Static, can_focus=True):
    """The dry run's result; focused once it is ready, so `y` and `enter` apply it.

    Any other key (a letter typed as if into the file field) is not dropped
    silently: the key line says what the keys here do."""

    def on_key(self, event: events.Key) -> None:
        if event.key in self.app.active_bindings:
            return  # y, enter, tab, escape…: the screen's bindings act
        event.stop()
        event.prevent_default()
        key = event.character if event.is_printable and event.character else event.key
        screen = self.screen
        if isinstance(screen, ImportScreen):
            screen.hint(f"{quoted(key, 12)} does nothing here · " + screen.keys_now())


def _kind(text: str) -> str:
    try:
        return pick(text, KINDS, "the kind")
    except ValueError:
        if any(mark in text for mark in "/\\.~"):  # the path, typed in the wrong field
            raise ValueError(f"{quoted(text)} looks like a file: it goes in File, below; "
                             "the kind is linkedin, google or csv") from None
        raise


class ImportScreen(FormScreen[ImportPlan]):
    DEFAULT_CSS = """
    ImportScreen PlanView { height: auto; margin-top: 1; display: none; }
    ImportScreen PlanView.-shown { display: block; }
    ImportScreen PlanView:focus { background: $accent 15%; }
    """
    BINDINGS = [
        Binding("y", "apply", "Import", show=False),
        # enter is FormScreen's: next field, then submit() = dry run, then import
    ]
    form_title = "Import contacts"
    AUTO_FOCUS = "#field-path"

    def __init__(self, today, kind: str = "linkedin", path: str = ""):
        super().__init__()
        self.today, self.kind, self.path = today, kind, path
        self.plan: ImportPlan | None = None
        self.plan_for: tuple[str, Path] | None = None

    def fields(self) -> list[Field]:
        return [
            Field("kind", "Kind", self.kind, "linkedin, google or csv", KINDS),
            Field("path", "File", self.path, "~/Downloads/Connections.csv"),
        ]

    def on_mount(self) -> None:
        self.hint(KEYS_BEFORE)
        self.query_one("#form-keys").parent.mount(PlanView(id="import-plan"), before="#form-keys")

    def build(self, values: dict[str, str]) -> tuple[str, Path]:
        checked = collect({
            "kind": lambda: _kind(values["kind"]),
            "path": lambda: clean_text(values["path"], required=True, max_len=4096,
                                       label="the file"),
        })
        return checked["kind"], Path(checked["path"]).expanduser()

    def hint(self, text: str) -> None:
        self.query_one("#form-keys", Static).update(text)

    def keys_now(self) -> str:
        if self.plan is None:
            return KEYS_BEFORE
        return KEYS_AFTER if self.plan.changes else KEYS_NOTHING

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.plan is not None:
            self.plan = self.plan_for = None
            self.query_one(PlanView).remove_class("-shown")
            self.hint(KEYS_BEFORE)

    def action_save(self) -> None:
        for error in self.query(".error"):
            error.remove_class("-shown")
        try:
            wanted = self.build(self.values())
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        if self.plan is not None and self.plan_for == wanted:
            self.action_apply()
            return
        view = self.query_one(PlanView)
        view.update(Content(f"Reading {printable(str(wanted[1]))} …"))
        view.add_class("-shown")
        self.preview(*wanted)

    @work(thread=True, exclusive=True, group="import-preview")
    def preview(self, kind: str, path: Path) -> None:
        try:
            plan = import_file(self.app.repo, kind, path, dry_run=True, today=self.today)
        except (ImportFormatError, ValueError) as exc:
            self.app.call_from_thread(self._problem, (kind, path), str(exc))
            return
        self.app.call_from_thread(self._show_plan, (kind, path), plan)

    def _current(self) -> tuple[str, Path] | None:
        try:
            return self.build(self.values())
        except ValidationError:
            return None

    def _problem(self, wanted: tuple[str, Path], message: str) -> None:
        if not self.is_attached or self._current() != wanted:
            return  # closed, or the fields changed while the file was read
        self.query_one(PlanView).remove_class("-shown")
        self.show_errors({"path": printable(message)})

    def _show_plan(self, wanted: tuple[str, Path], plan: ImportPlan) -> None:
        if not self.is_attached or self._current() != wanted:
            return
        self.plan, self.plan_for = plan, wanted
        lines = [f"Dry run of {printable(wanted[1].name)}: {plan.summary()}"]
        shown = 4 if plan.row_notes else 6  # room on a 24-line terminal for both
        if plan.changes:
            lines += [f"  {line}" for line in plan.describe(limit=shown)]
        else:
            lines.append("Nothing to import: every contact is already there.")
        if plan.row_notes:
            lines.append("Rows to check:")
            lines += [f"  {line}" for line in plan.row_report(limit=3)]
            if len(plan.row_notes) > 3:
                lines[-1] += " (prize import --dry-run lists them all)"
        view = self.query_one(PlanView)
        view.update(Content("\n".join(lines)))
        view.add_class("-shown")
        view.focus()
        self.hint(self.keys_now())

    def submit(self) -> None:
        self.action_apply()  # enter: the dry run first, then the import

    def action_apply(self) -> None:
        if self.plan is None:
            self.action_save()
        elif self.plan.changes:
            self.dismiss(self.plan)
        else:
            self.hint(f"Nothing to import: every contact is already there · {KEYS_NOTHING}")

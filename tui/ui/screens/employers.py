"""The Employers view: the LAMP list, the top five worked by the 3B7 routine.

One line per employer (scored records, and every company the contacts name),
in LAMP order; below, the highlighted employer's people and its next step.
Built when shown and after each change, never at start-up.
"""

from __future__ import annotations

from dateutil.tz import tzlocal
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.model.employer_edits import (
    add_employer,
    delete_employer,
    edit_employer,
    merge_employers,
    split_alias,
)
from tui.model.employers import Employer, company_key, find_row, search_rows
from tui.model.roles import roles_text
from tui.model.validation import printable
from tui.store.employer_queries import EmployerLine, employer_lines, fill_people
from tui.ui.app import PrizeApp, prize
from tui.ui.messages import DataChanged
from tui.ui.widgets.employer_list import EmployerList, header_text, line_text
from tui.ui.widgets.key_hints import KeyHints

WATCHED = frozenset({"employers", "contacts", "interactions", "meetings"})
class EmployersScreen(Screen):
    DEFAULT_CSS = """
    EmployersScreen #employers { border: round $accent; padding: 0 1; height: 1fr; }
    EmployersScreen #employer-header { color: $text-muted; height: 1; }
    EmployersScreen EmployerList, EmployersScreen EmployerList:focus {
        border: none; height: 1fr; padding: 0;
    }
    EmployersScreen #employer-search { display: none; border: none; height: 1;
        padding: 0 1; background: $boost; }
    EmployersScreen #employer-search.-shown { display: block; }
    EmployersScreen #employer-search:focus { background: $accent 25%; }
    EmployersScreen #employer-detail { height: auto; max-height: 8; border-top: solid $panel;
        color: $text; }
    """
    BINDINGS = [
        Binding("q", "leave", "Leave"),
        Binding("escape", "leave", "Leave", show=False),
        Binding("a", "add", "Add", tooltip="Add an employer to the list"),
        Binding("e", "edit", "Score/edit", tooltip="Score or edit the highlighted employer"),
        Binding("d", "delete", "Delete", tooltip="Delete the highlighted employer's record"),
        Binding("slash", "search", "Search", key_display="/", tooltip="Search employers"),
        Binding("m", "merge", "Merge", tooltip="Count another employer as the highlighted one"),
        Binding("s", "split", "Split", tooltip="List one of its other names on its own again"),
        Binding("u", "app.undo", "Undo", tooltip="Undo the last change"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[EmployerLine] = []
        self.shown: list[EmployerLine] = []
        self.search_text = ""
        self.texts: dict[tuple[str, int], str] = {}  # each line's text, until the next reload

    @property
    def prize(self) -> PrizeApp:
        return prize(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="employers"):
            yield Input(placeholder="type to search employers", id="employer-search",
                        compact=True, select_on_focus=False)
            yield Static(id="employer-header", markup=False)
            yield EmployerList(id="employer-list")
            yield Static(id="employer-detail", markup=False)
        yield KeyHints()

    def on_mount(self) -> None:
        if not self.is_attached:
            return  # pushed as the app closed (`q` then `4` typed at once)
        box = self.query_one("#employers")
        box.border_title = "Employers · LAMP list (★ the five worked now)"
        box.border_subtitle = "motivation, posting, people known"
        self.reload()
        self.query_one(EmployerList).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.show_lines()

    def on_data_changed(self, message: DataChanged) -> None:
        if message.tables & WATCHED:
            self.reload()

    # -- the list ------------------------------------------------------------------

    def reload(self) -> None:
        if not self.is_attached:
            return
        self.lines = employer_lines(self.prize.repo, self.prize.today(), tzlocal())
        self.texts = {}
        self.show_lines()

    def show_lines(self) -> None:
        if not self.is_attached:
            return
        listing = self.query_one(EmployerList)
        keep = self.current.row.key if self.current else None
        rows = {id(line.row): line for line in self.lines}
        self.shown = [rows[id(r)] for r in search_rows([line.row for line in self.lines],
                                                       self.search_text)]
        width = self.size.width - 4 - 2  # the border and padding, the scrollbar
        self.query_one("#employer-header", Static).update(header_text(width))
        texts = self.texts
        for line in self.shown:
            if (line.row.key, width) not in texts:
                texts[line.row.key, width] = line_text(line, width)
        listing.set_options(Option(Content(texts[line.row.key, width]), id=line.row.key)
                            for line in self.shown)
        if not self.shown:
            listing.add_option(Option(
                "No employers yet: a to add one, or import your contacts (i in Contacts)."
                if not self.lines else "No employer matches the search.", disabled=True))
            self.show_detail()
            return
        keys = [line.row.key for line in self.shown]
        listing.highlighted = keys.index(keep) if keep in keys else 0

    @property
    def current(self) -> EmployerLine | None:
        if not self.is_attached:
            return None
        listing = self.query_one(EmployerList)
        index = listing.highlighted
        if index is None or index >= len(self.shown):
            return None
        return self.shown[index]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_edit()

    def show_detail(self) -> None:
        line = self.current
        detail = self.query_one("#employer-detail", Static)
        if line is None:
            detail.update("")
            return
        row = fill_people(self.prize.repo, line.row)
        people = sorted(row.people, key=lambda p: (-p.priority, p.name.casefold()))
        names = ", ".join(printable(p.name) + (f" ({roles_text(p.roles)})" if p.roles else "")
                          for p in people[:8]) + (f", +{len(people) - 8}" if len(people) > 8
                                                  else "")
        parts = [f"{printable(row.name)}: you know {row.advocacy} "
                 f"{'person' if row.advocacy == 1 else 'people'} there"
                 + (f": {names}" if people else "")]
        if row.record and row.record.aliases:
            parts.append("also counted: " + "; ".join(map(printable, row.record.aliases)))
        if line.steps:
            parts.append("3B7: " + " · ".join(printable(s.text) for s in line.steps))
        elif row.record is None:
            parts.append("not scored yet: e to give it a motivation (1–3) and a posting")
        elif not row.working:
            parts.append("not in the top five: scored lower than those worked now")
        if row.record and row.record.notes:
            parts.append(printable(row.record.notes))
        detail.update("\n".join(parts))

    # -- search --------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#employer-search", Input)
        search.add_class("-shown")
        search.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.search_text = event.value
        self.show_lines()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(EmployerList).focus()

    def action_leave(self) -> None:
        search = self.query_one("#employer-search", Input)
        if search.has_focus or self.search_text:
            search.value = ""
            search.remove_class("-shown")
            self.search_text = ""
            self.show_lines()
            self.query_one(EmployerList).focus()
            return
        self.prize.leave_screen()

    # -- edits ---------------------------------------------------------------------

    def action_add(self) -> None:
        from tui.ui.screens.employer_form import EmployerForm

        def saved(employer: Employer | None) -> None:
            if employer is None:
                return
            listed = find_row([line.row for line in self.lines], employer.name)
            if listed is not None and listed.record is not None:
                self.notify(f"{printable(listed.name)} is listed already: e edits it.",
                            markup=False)
                return
            self.prize.apply(add_employer(employer))

        self.app.push_screen(EmployerForm(today=self.prize.today()), saved)

    def action_edit(self) -> None:
        from tui.ui.screens.employer_form import EmployerForm

        line = self.current
        if line is None:
            return
        record = line.row.record

        def saved(employer: Employer | None) -> None:
            if employer is None:
                return
            if record is None:
                self.prize.apply(add_employer(employer))
            else:
                self.prize.apply(edit_employer(record, employer))

        self.app.push_screen(EmployerForm(today=self.prize.today(), employer=record,
                                          name=line.row.name), saved)

    def action_delete(self) -> None:
        line = self.current
        if line is None:
            return
        if line.row.record is None:
            self.notify(f"{printable(line.row.name)} has no record: it is listed because "
                        f"{line.row.advocacy} of your contacts work there.", markup=False)
            return
        self.prize.apply(delete_employer(line.row.record, line.row.advocacy))

    def action_merge(self) -> None:
        from tui.ui.screens.employer_form import NameForm

        line = self.current
        if line is None:
            return
        others = tuple(other.row.name for other in self.lines if other.row is not line.row)

        def chosen(name: str | None) -> None:
            if name is None:
                return
            other = next((o for o in self.lines if o.row is not line.row
                          and company_key(o.row.name) == company_key(name)), None)
            if other is None:
                self.notify(f"No employer called {printable(name)} in the list.", markup=False)
                return
            into = line.row.record or Employer(name=line.row.name,
                                               created=self.prize.today().isoformat())
            self.prize.apply(merge_employers(into, other.row.record, other.row.name))

        self.app.push_screen(NameForm(f"Count as {printable(line.row.name)}", "Employer",
                                      others), chosen)

    def action_split(self) -> None:
        from tui.ui.screens.employer_form import NameForm

        line = self.current
        record = line.row.record if line else None
        if record is None or not record.aliases:
            self.notify("Nothing to split: no other name is counted as this employer.")
            return
        aliases = tuple(record.aliases)

        def chosen(name: str | None) -> None:
            if name is not None:
                self.prize.apply(split_alias(record, name))

        self.app.push_screen(NameForm(f"List apart from {printable(record.name)}", "Name",
                                      aliases, aliases), chosen)

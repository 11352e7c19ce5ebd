"""The daily review: how today went and what's next, in two minutes from the keyboard.

`x` marks the highlighted block, the top three for tomorrow are typed in place,
`w` switches between today and the week, `q` leaves.
"""

from __future__ import annotations

from datetime import timedelta

from dateutil.tz import tzlocal
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.model.daily_edits import set_top_three
from tui.model.dates import format_duration
from tui.model.validation import clean_text, printable
from tui.model.verdict import verdict
from tui.model.week import week_occurrences
from tui.model.week_dates import week_start
from tui.store.queries import followups_due, metrics_for, records_for
from tui.store.spans import blocks_between, marks_between, meetings_from
from tui.ui.app import PrizeApp, prize
from tui.ui.marking import mark_occurrence
from tui.ui.messages import DataChanged
from tui.ui.widgets import review_sections as sections
from tui.ui.widgets.followup_list import FollowUpList
from tui.ui.widgets.key_hints import KeyHints

STATE_WORDS = {"done": "✓ done", "partly": "◐ partly", "missed": "✗ missed", "": "· open"}


class ReviewScreen(Screen):
    DEFAULT_CSS = """
    ReviewScreen #review { padding: 0 1; border: round $accent; }
    ReviewScreen #review > Static { margin-bottom: 1; height: auto; }
    ReviewScreen #today-blocks, ReviewScreen #today-blocks:focus {
        height: auto; max-height: 9; border: none; margin-bottom: 1;
    }
    ReviewScreen #review > #followups { margin-bottom: 0; }
    ReviewScreen #employer-steps { min-height: 1; }  /* (its line comes after the figures) */
    ReviewScreen #followup-list { margin-bottom: 1; }
    ReviewScreen .top3 { height: 1; }
    ReviewScreen .top3 Label { width: 4; }
    ReviewScreen .top3 Input { border: none; height: 1; padding: 0 1; width: 1fr; }
    ReviewScreen .top3 Input:focus { background: $accent 25%; }
    """
    BINDINGS = [
        Binding("q", "leave", "Leave"),
        Binding("escape", "leave", "Leave", show=False),
        Binding("x", "mark('done')", "Done",
                tooltip="Mark the highlighted block done (x again: not done)"),
        Binding("p", "mark('partly')", "Partly", tooltip="Mark the highlighted block partly done"),
        Binding("m", "mark('missed')", "Missed", tooltip="Mark the highlighted block missed"),
        Binding("w", "toggle_week", "Week/today", tooltip="Switch between today and the week"),
        Binding("g", "app.open_trends", "Trends", tooltip="What works: trends across the weeks",
                show=False),
        Binding("u", "app.undo", "Undo", tooltip="Undo the last change"),
        # Over the lists' own page keys: at 80×24 the top three are below the fold.
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
    ]
    weekly = reactive(False)
    # Straight to the blocks, in on_mount: Textual's default focused the scroll
    # container first, and its focus and blur each restyled the whole review
    # (~25 ms); its AUTO_FOCUS would scroll the blocks into view before the
    # review is laid out, past the verdict, when `r` opens it from the planner.
    AUTO_FOCUS = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="review"):
            yield Static(id="employer-steps")
            yield Static(id="verdict")
            yield Static(Content.styled("Today's blocks (x done · p partly · m missed)", "bold"),
                         id="blocks-title")
            yield OptionList(id="today-blocks")
            # Time against plan, then results; meetings, then goals: each pair one text,
            # a blank line between (a widget is ~3.5M instructions of the first frame).
            yield Static(id="figures")
            yield Static(id="followups")
            yield FollowUpList(id="followup-list")
            yield Static(id="ahead")
        yield KeyHints()

    @property
    def prize(self) -> PrizeApp:
        return prize(self)

    def on_mount(self) -> None:
        if not self.is_attached:
            return  # pushed as the app closed (`q` then `r` typed at once)
        self.set_focus(self.query_one("#today-blocks"), scroll_visible=False)
        self.refresh_figures()
        # Below the fold even at 120×40, and three inputs with their title take
        # ~17 ms to build and style: right after the first frame, with the figures.
        self.call_after_refresh(self._show_top3)

    def _show_top3(self) -> None:
        if not self.is_attached or self.query(".top3"):
            return
        review = self._review(self.prize.today() + timedelta(days=1))
        texts = [*(review.top3[:3] if review else []), "", "", ""]
        self.query_one("#review").mount_all([
            Static(Content.styled("Tomorrow's top three", "bold"), id="top3-title"),
            *(Horizontal(Label(f"{n}."), Input(texts[n - 1], id=f"top-{n}",
                                               placeholder="one thing that moves the search",
                                               select_on_focus=False), classes="top3")
              for n in (1, 2, 3))])

    def _review(self, day):
        found = self.prize.repo.reviews.where(lambda r: r.day == day.isoformat())
        return found[0] if found else None

    def action_leave(self) -> None:
        self._save_top3()
        self.prize.leave_screen()

    def action_page(self, direction: int) -> None:
        review = self.query_one("#review", VerticalScroll)
        (review.scroll_page_down if direction > 0 else review.scroll_page_up)(animate=False)

    def action_toggle_week(self) -> None:
        self.weekly = not self.weekly

    def watch_weekly(self) -> None:
        if self.is_mounted:  # (on_mount shows them the first time)
            self.refresh_figures()

    def on_data_changed(self, message: DataChanged) -> None:
        self.refresh_figures()

    # -- figures -------------------------------------------------------------

    def refresh_figures(self) -> None:
        if not self.is_attached:
            return
        app, repo = self.prize, self.prize.repo
        today, now, tz = app.today(), app.now(), tzlocal()
        week = week_start(today, repo.settings().first_weekday)
        start, days = (week, 7) if self.weekly else (today, 1)
        # The week's records hold today's too: read once for both figures.
        records = records_for(repo, week, week + timedelta(days=6))
        m = metrics_for(repo, start, days, tz=tz, now=now, records=records)
        week_m = m if self.weekly else metrics_for(repo, week, (today - week).days + 1,
                                                   tz=tz, now=now, records=records)
        scope = "this week" if self.weekly else "today"
        box = self.query_one("#review")
        box.border_title = f"Review · {'week of ' if self.weekly else ''}{start:%A %d %B}"
        box.border_subtitle = "w: today" if self.weekly else "w: week"
        self.call_after_refresh(self._show_employer_steps, today, tz)  # after the figures
        said = sections.verdict_text(verdict(m, day=not self.weekly))
        self.query_one("#verdict", Static).update(said)
        self._show_blocks(today)
        figures = [sections.channels_text(m, f"Time spent against plan, {scope}")]
        if self.weekly:
            figures.append(sections.days_text(m))
        figures.append(sections.results_text(m, f"Results {scope}"))
        self.query_one("#figures", Static).update(_apart(figures))
        overdue, due = followups_due(repo, today)
        self.query_one("#followups", Static).update(Content.styled(
            f"Follow-ups: {len(due)} due today, {len(overdue)} overdue "
            "· tab, then l log", "bold"))
        self.query_one(FollowUpList).show(overdue, due, today)
        # (the names of the meetings' contacts only: not 10k decoded for a few)
        self.query_one("#ahead", Static).update(_apart([
            sections.meetings_text(meetings_from(repo, today, first=sections.MEETINGS_SHOWN),
                                   lambda key: repo.contacts.field_of(key, "name"), now),
            sections.goals_text(week_m, "Week-to-date goals")]))

    def _show_employer_steps(self, today, tz) -> None:
        # (after the figures' frame: the employers' code is imported only then, ~3 ms)
        from tui.ui.widgets.employer_steps import steps_text

        if self.is_attached:
            self.query_one("#employer-steps", Static).update(
                steps_text(self.prize.repo, today, tz))

    def _show_blocks(self, today) -> None:
        repo = self.prize.repo
        day = today.isoformat()
        marks = {m.block_id: m.state for m in marks_between(repo, day, day) if m.day == day}
        items = week_occurrences(blocks_between(repo, day, day), today, days=1)[today]
        blocks = self.query_one(OptionList)
        highlighted = blocks.highlighted
        blocks.set_options([Option(Content(
            f"{STATE_WORDS[marks.get(b.id, '')]:<9} {b.start} {format_duration(b.minutes):>5} "
            f"{printable(b.channel)} · {printable(b.activity)}"), id=str(b.id))
            for b in (occ.block for occ in items)]
            or [Option("Nothing planned today.", disabled=True)])
        if items:
            blocks.highlighted = min(highlighted or 0, len(items) - 1)

    def action_mark(self, state: str) -> None:
        blocks = self.query_one(OptionList)
        if blocks.highlighted is None:
            return
        option = blocks.get_option_at_index(blocks.highlighted)
        if option.id is not None:
            mark_occurrence(self.prize, int(option.id), self.prize.today(), state)

    # -- tomorrow's top three ----------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._save_top3()
        self.focus_next()

    def _save_top3(self) -> None:
        texts = []
        if not self.query(".top3"):
            return  # (left before they were shown: nothing typed in them)
        for n in (1, 2, 3):
            field = self.query_one(f"#top-{n}", Input)
            try:
                texts.append(clean_text(field.value, max_len=200, label=f"item {n}"))
            except ValueError as exc:
                self.notify(str(exc), severity="error")
                return
        tomorrow = self.prize.today() + timedelta(days=1)
        items = [t for t in texts if t]
        # Kept when typed, but not something `u` takes back: it is typed where `u` types.
        self.prize.apply(set_top_three(self._review(tomorrow), tomorrow, items), undoable=False)


def _apart(texts: list[Content]) -> Content:
    """Texts one after the other, a blank line between (as the sections' margins)."""
    return Content("\n\n").join(texts)

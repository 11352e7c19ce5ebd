"""What works, across the weeks: per channel, time against results; charts of hours
spent and meetings booked week by week; the funnel; a suggestion grounded in them.

The figures are `prize trends`'s (store.trend_queries), worked out in a thread
(at 10k contacts and a year of data, a few tenths of a second) and shown when
ready; an edit anywhere works them out again. `+`/`-` change how many weeks.
"""

from __future__ import annotations

from dateutil.tz import tzlocal
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Sparkline, Static
from textual.worker import get_current_worker

from tui.model.trends import Trends
from tui.store.trend_queries import DEFAULT_WEEKS, trends_for
from tui.ui.app import PrizeApp, prize
from tui.ui.messages import DataChanged
from tui.ui.widgets import trends_sections as sections
from tui.ui.widgets.key_hints import KeyHints

SPANS = (4, DEFAULT_WEEKS, 13, 26, 52)  # what `-` and `+` step through


class TrendsScreen(Screen):
    DEFAULT_CSS = """
    TrendsScreen #trends { padding: 0 1; border: round $accent; }
    TrendsScreen #trends > Static { margin-bottom: 1; height: auto; }
    TrendsScreen .chart { height: 1; }
    TrendsScreen .chart Label { width: 17; }
    TrendsScreen .chart Sparkline { width: 1fr; max-width: 48; }
    TrendsScreen .chart .caption { width: auto; }
    TrendsScreen #charts-end { height: 1; }
    """
    BINDINGS = [
        Binding("q", "leave", "Leave"),
        Binding("escape", "leave", "Leave", show=False),
        Binding("plus,equals_sign", "span(1)", "More weeks", key_display="+",
                tooltip="Trends over more weeks (4, 8, 13, 26, 52)"),
        Binding("minus", "span(-1)", "Fewer weeks", key_display="-",
                tooltip="Trends over fewer weeks"),
        Binding("u", "app.undo", "Undo", tooltip="Undo the last change", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
    ]

    def __init__(self, weeks: int = DEFAULT_WEEKS):
        super().__init__()
        self.weeks = weeks
        self.shown: Trends | None = None  # what the screen shows (tests read it)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="trends"):
            yield Static("Working out the trends…", id="suggestions")
            with Horizontal(classes="chart"):
                yield Label("Hours spent")
                yield Sparkline([], id="hours-chart")
                yield Label("", id="hours-caption", classes="caption")
            with Horizontal(classes="chart"):
                yield Label("Meetings booked")
                yield Sparkline([], id="meetings-chart")
                yield Label("", id="meetings-caption", classes="caption")
            yield Static("", id="charts-end")
            yield Static(id="channels")
            yield Static(id="funnel")
            yield Static(id="weeks")
        yield KeyHints()

    @property
    def prize(self) -> PrizeApp:
        return prize(self)

    def on_mount(self) -> None:
        if not self.is_attached:
            return  # pushed as the app closed (`q` then `g` typed at once)
        self.query_one("#trends").border_title = "What works"
        self.query_one("#trends", VerticalScroll).focus()
        self.refresh_figures()

    def on_data_changed(self, message: DataChanged) -> None:
        self.refresh_figures()

    def action_leave(self) -> None:
        self.prize.leave_screen()

    def action_span(self, step: int) -> None:
        at = min(range(len(SPANS)), key=lambda i: abs(SPANS[i] - self.weeks))
        self.weeks = SPANS[max(0, min(len(SPANS) - 1, at + step))]
        self.refresh_figures()

    def action_page(self, direction: int) -> None:
        box = self.query_one("#trends", VerticalScroll)
        (box.scroll_page_down if direction > 0 else box.scroll_page_up)(animate=False)

    def refresh_figures(self) -> None:
        if not self.is_attached:
            return
        app = self.prize
        self._work_out(app.today(), app.now(), self.weeks)

    @work(thread=True, exclusive=True, group="trends")
    def _work_out(self, today, now, weeks: int) -> None:
        # (trends_for reads the records under the repository's lock, and writes the
        # weeks it keeps after letting go of it: an edit never waits for that file)
        found = trends_for(self.prize.repo, today, weeks, tz=tzlocal(), now=now)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, found)

    def _show(self, t: Trends) -> None:
        if not self.is_attached:
            return
        self.shown = t
        box = self.query_one("#trends")
        box.border_title = f"What works · {sections.span_words(t)}"
        box.border_subtitle = "+/- weeks"
        self.query_one("#suggestions", Static).update(sections.suggestions_text(t))
        hours, meetings = t.hours_by_week, t.meetings_by_week
        self.query_one("#hours-chart", Sparkline).data = hours
        self.query_one("#meetings-chart", Sparkline).data = meetings
        self.query_one("#hours-caption", Label).update(
            sections.chart_caption(hours, f"{sum(hours):.0f}h in all", unit="h"))
        self.query_one("#meetings-caption", Label).update(
            sections.chart_caption(meetings, f"{sum(meetings)} in all"))
        self.query_one("#charts-end", Static).update(sections.weeks_axis(t))
        self.query_one("#channels", Static).update(sections.channels_text(t))
        self.query_one("#funnel", Static).update(sections.funnel_text(t))
        self.query_one("#weeks", Static).update(sections.weeks_text(t))

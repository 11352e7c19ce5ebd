"""Every form, fed arbitrary text in every field: it either builds a valid record or
rejects with messages that name its own fields (shown beside them); nothing else raises."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.model.contacts import Contact
from tui.model.plan import WeekGoals
from tui.model.validation import ValidationError
from tui.ui.screens.block_form import BlockForm
from tui.ui.screens.contact_form import ContactForm
from tui.ui.screens.followup_form import FollowUpForm
from tui.ui.screens.goals_form import GoalsForm
from tui.ui.screens.interaction_form import InteractionForm
from tui.ui.screens.meeting_form import MeetingForm
from tui.ui.screens.outcome_form import OutcomeForm
from tui.ui.screens.past_session_form import PastSessionForm
from tui.ui.screens.quick_start_form import QuickStartForm
from tui.ui.screens.reminders_form import RemindersForm
from tui.ui.screens.template_form import TemplateNameForm

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
ANN = Contact(id=1, name="Ann Lee", company="Acme")

FORMS = {
    "block": lambda: BlockForm(day=TODAY, today=TODAY),
    "goals": lambda: GoalsForm(WeekGoals(week="2026-W48"), ["LinkedIn", "Email"]),
    "contact": lambda: ContactForm(today=TODAY),
    "interaction": lambda: InteractionForm(ANN, NOW),
    "meeting": lambda: MeetingForm(ANN, NOW),
    "follow-up": lambda: FollowUpForm(ANN, TODAY),
    "outcome": lambda: OutcomeForm("What came of it?"),
    "past session": lambda: PastSessionForm(channel="LinkedIn", minutes=30,
                                            channels=("LinkedIn",), now=lambda: NOW),
    "quick start": lambda: QuickStartForm(channel="LinkedIn", minutes=30,
                                          channels=("LinkedIn",), now=lambda: NOW),
    "reminders": lambda: RemindersForm(["Book one meeting"]),
    "template": lambda: TemplateNameForm(["Taken"]),
}

# Arbitrary text, biased toward what breaks parsers: digits, dates, control characters.
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "0", "-5", "31 feb", "25:00", "2pm", "tomorrow", "+3d",
                     "1h30", "\x1b[31m", "[bold]x", "9" * 30, "x" * 20_000]),
)


@pytest.mark.parametrize("name", FORMS)
@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_form_builds_or_rejects_beside_its_fields(name, data):
    form = FORMS[name]()
    fields = [f.name for f in form.fields()]
    values = {f: data.draw(TEXT, label=f) for f in fields}
    try:
        result = form.build(values)
    except ValidationError as exc:
        assert exc.errors, "a rejection names at least one problem"
        assert set(exc.errors) <= set(fields), (name, exc.errors)
        assert all(isinstance(m, str) and m for m in exc.errors.values())
        return
    assert result is not None


@pytest.mark.parametrize(("name", "field", "text"), [
    ("block", "repeat_days", "x" * 20_000),
    ("block", "repeat_days", "mon-" + "x" * 20_000),
    ("block", "day", "x" * 20_000 + " 3"),
    ("meeting", "day", "+3" + "d" * 20_000),
    ("quick start", "mode", "x" * 20_000),
], ids=["weekday", "range of days", "month", "unit", "mode"])
def test_a_reason_quotes_a_long_paste_short(name, field, text):
    """A reason shown beside a field quotes what was typed, cut short: a pasted
    document used to come back whole, hundreds of lines pushing the form away."""
    form = FORMS[name]()
    values = {f.name: f.value for f in form.fields()} | {field: text}
    with pytest.raises(ValidationError) as rejected:
        form.build(values)
    message = rejected.value.errors[field]
    assert len(message) <= 100 and "…" in message, message[:120]


@pytest.mark.parametrize(("name", "field", "text"), [
    ("goals", "goal-meetings", "²"),
    ("block", "day", "dec ²"),
    ("meeting", "day", "² dec"),
    ("contact", "follow_up", "dec 3 ²⁰²⁶"),
])
def test_digits_int_cannot_read_are_refused_in_words(name, field, text):
    """`"²".isdigit()` is true but `int("²")` fails: the goals form raised a bare
    ValueError (the app crashed on save) and dates said "invalid literal for int()"."""
    form = FORMS[name]()
    values = {f.name: f.value for f in form.fields()} | {field: text}
    with pytest.raises(ValidationError) as rejected:
        form.build(values)
    assert "invalid literal" not in rejected.value.errors[field]

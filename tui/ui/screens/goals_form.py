"""Budgets (minutes per channel) and result goals for one week."""

from __future__ import annotations

from tui.model.dates import format_duration, parse_duration
from tui.model.plan import GOAL_KINDS, WeekGoals
from tui.model.validation import ValidationError
from tui.ui.forms import Field, FormScreen

# Goal rows, named apart from the channels (a channel may be called "Applications").
GOAL_LABELS = {"meetings": "⚑ meetings", "contacts": "⚑ new contacts",
               "conversations": "⚑ conversations", "articles": "⚑ articles",
               "applications": "⚑ applications", "decision_makers": "⚑ decision makers"}


def _label(text: str, width: int = 21) -> str:
    """Whole, or visibly cut (the field's hint has the whole name)."""
    return text if len(text) <= width else text[:width - 1] + "…"


class GoalsForm(FormScreen[WeekGoals]):
    # Channel names are longer than other forms' labels ("Articles & comments").
    DEFAULT_CSS = "GoalsForm .row Label { width: 22; }"

    def __init__(self, goals: WeekGoals, channels: list[str], since: str | None = None):
        super().__init__()
        self.goals, self.channels = goals, channels
        # They hold until changed: say so, and where the ones shown came from.
        carried = f"carried from {since}" if since else "until changed"
        self.form_title = f"Budgets and goals from {goals.week} on · {carried}"

    def fields(self) -> list[Field]:
        fields = [
            Field(f"budget-{i}", _label(ch),
                  format_duration(m) if (m := self.goals.budgets.get(ch)) else "",
                  f"{ch}: time a week, e.g. 5h (empty = none)")
            for i, ch in enumerate(self.channels)
        ]
        fields += [
            Field(f"goal-{kind}", GOAL_LABELS.get(kind, _label(label)),
                  str(self.goals.goals.get(kind) or ""), f"goal a week: {label}")
            for kind, label in GOAL_KINDS.items()
        ]
        return fields

    def build(self, values: dict[str, str]) -> WeekGoals:
        budgets, goals, errors = {}, {}, {}
        for i, channel in enumerate(self.channels):
            text = values[f"budget-{i}"].strip()
            if text:
                try:
                    budgets[channel] = parse_duration(text)
                except ValueError as exc:
                    errors[f"budget-{i}"] = str(exc)
        for kind in GOAL_KINDS:
            text = values[f"goal-{kind}"].strip()
            if text:
                if not text.isdecimal() or int(text) > 999:  # "²" is a digit int() refuses
                    errors[f"goal-{kind}"] = "a whole number from 0 to 999"
                else:
                    goals[kind] = int(text)
        if errors:
            raise ValidationError(errors)
        return self.goals.replace(budgets=budgets, goals=goals)

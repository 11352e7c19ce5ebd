"""Edit the reminders shown in the header, one per day in turn."""

from __future__ import annotations

from tui.model.validation import ValidationError, clean_text
from tui.ui.forms import Field, FormScreen

SLOTS = 6


class RemindersForm(FormScreen[list[str]]):
    form_title = "Your reminders (one shows each day)"

    def __init__(self, reminders: list[str]):
        super().__init__()
        self.reminders = list(reminders)

    def fields(self) -> list[Field]:
        padded = (self.reminders + [""] * SLOTS)[: max(SLOTS, len(self.reminders))]
        return [
            Field(f"r{i}", f"Reminder {i + 1}", text, "e.g. Book one meeting today")
            for i, text in enumerate(padded)
        ]

    def build(self, values: dict[str, str]) -> list[str]:
        kept, errors = [], {}
        for name, text in values.items():
            try:
                cleaned = clean_text(text, max_len=120, label="a reminder")
            except ValueError as exc:
                errors[name] = str(exc)
                continue
            if cleaned:
                kept.append(cleaned)
        if errors:
            raise ValidationError(errors)
        return kept

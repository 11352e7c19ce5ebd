"""How many days of daily backups to keep (Settings.backup_days)."""

from __future__ import annotations

from tui.model.plan import MAX_BACKUP_DAYS
from tui.model.validation import ValidationError
from tui.ui.forms import Field, FormScreen


class BackupDaysForm(FormScreen[int]):
    form_title = "Daily backups of the data file"

    def __init__(self, days: int):
        super().__init__()
        self.days = days

    def fields(self) -> list[Field]:
        return [Field("days", "Keep for (days)", str(self.days), "e.g. 14",
                      help="One copy a day, of the file as Prize opened it; older ones go.")]

    def build(self, values: dict[str, str]) -> int:
        text = values["days"].strip()
        if not text.isdecimal() or not 1 <= int(text) <= MAX_BACKUP_DAYS:
            raise ValidationError({"days": f"a whole number of days, 1 to {MAX_BACKUP_DAYS}"})
        return int(text)

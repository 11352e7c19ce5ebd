"""Name the template a week is saved as."""

from __future__ import annotations

from tui.model.validation import ValidationError, clean_text
from tui.ui.forms import Field, FormScreen


class TemplateNameForm(FormScreen[str]):
    form_title = "Save this week's one-off blocks as a template"

    def __init__(self, taken: list[str]):
        super().__init__()
        self.taken = {t.casefold() for t in taken}

    def fields(self) -> list[Field]:
        return [Field("name", "Name", "", "e.g. Networking week")]

    def build(self, values: dict[str, str]) -> str:
        try:
            name = clean_text(values["name"], required=True, max_len=80, label="the name")
        except ValueError as exc:
            raise ValidationError({"name": str(exc)}) from None
        if name.casefold() in self.taken:
            raise ValidationError({"name": "a template has that name already"})
        return name

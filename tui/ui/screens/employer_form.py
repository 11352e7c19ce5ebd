"""Add, score or edit an employer; and the two small questions of a merge and a split."""

from __future__ import annotations

from datetime import date

from tui.model.employer_edits import EmployerInput, employer_from_input, employer_input
from tui.model.employers import POSTINGS, Employer
from tui.model.validation import ValidationError, clean_text
from tui.ui.forms import Field, FormScreen


class EmployerForm(FormScreen[Employer]):
    AUTO_FOCUS = "Input"

    def __init__(self, *, today: date, employer: Employer | None = None, name: str = ""):
        super().__init__()
        self.today, self.employer, self.company = today, employer, name
        self.form_title = "Edit employer" if employer else \
            ("Score employer" if name else "New employer")

    def fields(self) -> list[Field]:
        f = employer_input(self.employer) if self.employer else EmployerInput(name=self.company)
        return [
            Field("name", "Employer", f.name, "required"),
            Field("motivation", "Motivation", f.motivation,
                  "1 (some) to 3 (most wanted); empty = not scored", choices=("1", "2", "3")),
            Field("posting", "Posting", f.posting, "an opening there? yes, no, unknown",
                  choices=POSTINGS),
            Field("aliases", "Other names", f.aliases,
                  "also counted as this employer, ; separated"),
            Field("notes", "Notes", f.notes),
        ]

    def build(self, values: dict[str, str]) -> Employer:
        return employer_from_input(EmployerInput(**values), self.today, base=self.employer)


class NameForm(FormScreen[str]):
    """One name, from suggestions (the employer to merge in, the name to split off)."""

    def __init__(self, title: str, label: str, suggestions: tuple[str, ...],
                 allowed: tuple[str, ...] = ()):
        super().__init__()
        self.form_title, self.label = title, label
        self.suggestions, self.allowed = suggestions, allowed

    def fields(self) -> list[Field]:
        return [Field("name", self.label, "", "type a name; tab takes the suggestion",
                      self.suggestions)]

    def build(self, values: dict[str, str]) -> str:
        try:
            name = clean_text(values["name"], required=True, max_len=200, label="the name")
        except ValueError as exc:
            raise ValidationError({"name": str(exc)}) from None
        if self.allowed and name.casefold() not in {a.casefold() for a in self.allowed}:
            raise ValidationError({"name": f"one of: {'; '.join(self.allowed)[:60]}"})
        return name

"""Connect a CalDAV calendar from the app (the palette's "Calendar: connect…"), as
`prize calendar connect` does: the password typed here (shown as dots) goes to the
system keyring where there is one, never to the data file."""

from __future__ import annotations

import os
from dataclasses import dataclass

from tui.model.validation import ValidationError
from tui.store.calendar_secret import ENV
from tui.ui.forms import Field, FormScreen

TITLES = ("names", "private")


@dataclass(frozen=True)
class ConnectRequest:
    url: str
    user: str
    calendar: str
    password: str  # "" when PRIZE_CALDAV_PASSWORD is set and the field was left empty
    titles: str

    def __repr__(self) -> str:  # (never the password in a log or traceback)
        return f"ConnectRequest({self.url!r}, {self.user!r}, {self.calendar!r})"


class CalendarForm(FormScreen[ConnectRequest]):
    form_title = "Connect a calendar (CalDAV)"

    def __init__(self, url: str = "", user: str = "", calendar: str = "Prize",
                 titles: str = "names"):
        super().__init__()
        self.start = (url, user, calendar or "Prize", titles or "names")

    def fields(self) -> list[Field]:
        url, user, calendar, titles = self.start
        env = bool(os.environ.get(ENV))
        return [
            Field("url", "Server URL", url, "https://caldav.example.com/",
                  help="Fastmail, iCloud, Nextcloud, mailbox.org, Radicale…"),
            Field("user", "User", user, "you@example.com"),
            Field("password", "Password", "", f"(from {ENV})" if env else "",
                  help="Kept in the system keyring, never in the data file.", secret=True),
            Field("calendar", "Calendar", calendar, "Prize",
                  help="Made on the server when it is not there."),
            Field("titles", "Meeting titles", titles, choices=TITLES,
                  help="names: the contact's name in the title; private: just 'Meeting'."),
        ]

    def build(self, values: dict[str, str]) -> ConnectRequest:
        errors = {}
        url = values["url"].strip()
        if not url.startswith(("http://", "https://")):
            errors["url"] = "a URL starting with https:// (or http://)"
        if not values["user"].strip():
            errors["user"] = "the user name or email the server knows"
        if not values["password"] and not os.environ.get(ENV):
            errors["password"] = "the password (or an app password)"
        if not values["calendar"].strip():
            errors["calendar"] = "a calendar name, e.g. Prize"
        if values["titles"].strip() not in TITLES:
            errors["titles"] = "names or private"
        if errors:
            raise ValidationError(errors)
        return ConnectRequest(url, values["user"].strip(), values["calendar"].strip(),
                              values["password"], values["titles"].strip())

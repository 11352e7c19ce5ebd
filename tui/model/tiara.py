"""Meeting prep and debrief with the TIARA questions (Steve Dalton): Trends,
Insights, Advice, Resources, Assignments. The prep note is the questions to
ask, kept on the meeting; the debrief ends in a next step that becomes the
contact's follow-up, and a person they suggested becomes a new contact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tui.model.contacts import Contact, Meeting
from tui.model.dates import parse_date
from tui.model.edit import Edit, added, updated
from tui.model.history_forms import after_meeting
from tui.model.validation import NAME_MAX, NOTES_MAX, clean_text, collect, printable

TIARA: tuple[tuple[str, str, str], ...] = (
    ("trends", "Trends", "What trends are shaping the work at {company} right now?"),
    ("insights", "Insights", "What has surprised you most since you joined {company}?"),
    ("advice", "Advice", "In my place, what would you do to get a role like yours?"),
    ("resources", "Resources", "Who else, or what, should I look at next?"),
    ("assignments", "Assignments", "What are you working on that takes most of your time?"),
)
PREP_HEAD = "TIARA prep:"
DEBRIEF_HEAD = "Debrief:"


def prep_questions(company: str) -> list[tuple[str, str, str]]:
    where = company.strip() or "your company"
    return [(key, label, q.replace("{company}", where)) for key, label, q in TIARA]


def prep_from_meeting(meeting: Meeting) -> dict[str, str]:
    """The questions kept on the meeting last time, by key (empty if none)."""
    found: dict[str, str] = {}
    if PREP_HEAD not in meeting.note:
        return found
    labels = {label: key for key, label, _ in TIARA}
    for line in meeting.note.split(PREP_HEAD, 1)[1].splitlines():
        label, sep, text = line.strip().removeprefix("- ").partition(": ")
        if sep and label in labels:
            found[labels[label]] = text
    return found


def with_prep(meeting: Meeting, answers: dict[str, str]) -> Meeting:
    """The meeting with its prep note (the questions as typed) put in place of any before."""
    lines = [PREP_HEAD] + [f"- {label}: {' '.join(answers[key].split())}"
                           for key, label, _ in TIARA if answers.get(key, "").strip()]
    before = meeting.note.split(PREP_HEAD, 1)[0].rstrip()
    kept = meeting.note.split(PREP_HEAD, 1)[1] if PREP_HEAD in meeting.note else ""
    after = kept[kept.index(DEBRIEF_HEAD):] if DEBRIEF_HEAD in kept else ""
    note = "\n".join(p for p in (before, "\n".join(lines) if len(lines) > 1 else "", after) if p)
    return meeting.replace(note=note[:NOTES_MAX])


def prep_edit(meeting: Meeting, answers: dict[str, str], name: str) -> Edit:
    after = with_prep(meeting, answers)
    if after == meeting:
        return Edit("meeting prep")
    return Edit("meeting prep", (updated(meeting, after),),
                f"Prep note kept on the meeting with {printable(name)}.")


@dataclass(frozen=True)
class DebriefInput:
    learned: str = ""
    suggested: str = ""
    referral: str = ""
    next_step: str = ""
    follow_up: str = "+3d"


@dataclass(frozen=True)
class Debrief:
    learned: str
    suggested: str  # a person they suggested talking to ("" for none)
    referral: bool | None  # a referral asked for
    next_step: str
    follow_up: date


def _yes_no(text: str) -> bool | None:
    s = text.strip().casefold()
    if not s:
        return None
    if s in ("y", "yes", "asked", "true"):
        return True
    if s in ("n", "no", "not yet", "false"):
        return False
    raise ValueError("yes or no (empty: not said)")


def _not_past(day: date, today: date) -> date:
    if day < today:
        raise ValueError("the follow-up is today or later")
    return day


def debrief_from_input(form: DebriefInput, today: date) -> Debrief:
    values = collect({
        "learned": lambda: clean_text(form.learned, max_len=2000, label="what you learned"),
        "suggested": lambda: clean_text(form.suggested, max_len=NAME_MAX, label="the name"),
        "referral": lambda: _yes_no(form.referral),
        "next_step": lambda: clean_text(form.next_step, required=True, max_len=500,
                                        label="the next step"),
        "follow_up": lambda: _not_past(parse_date(form.follow_up or "+3d", today), today),
    })
    return Debrief(**values)


def debrief_edit(contact: Contact, meeting: Meeting, debrief: Debrief, now: datetime) -> Edit:
    """The debrief on the meeting, the next step as the contact's follow-up, and the
    person they suggested added as a contact to reach (with the same follow-up)."""
    today = now.astimezone().date()
    parts = [f"learned: {debrief.learned}" if debrief.learned else "",
             f"suggested: {debrief.suggested}" if debrief.suggested else "",
             "" if debrief.referral is None else
             f"referral asked: {'yes' if debrief.referral else 'no'}",
             f"next: {debrief.next_step} ({debrief.follow_up:%d %b})"]
    line = f"{DEBRIEF_HEAD} " + " · ".join(p for p in parts if p)
    note = "\n".join(p for p in (meeting.note.rstrip(), line) if p)[:NOTES_MAX]
    after = after_meeting(contact, meeting, now).replace(
        next_action=debrief.next_step, follow_up=debrief.follow_up.isoformat())
    changes = [updated(meeting, meeting.replace(note=note)), updated(contact, after)]
    notice = (f"Debrief kept · next with {printable(contact.name)}: "
              f"{printable(debrief.next_step)} on {debrief.follow_up:%a %d %b}")
    if debrief.suggested:
        changes.append(added(Contact(
            name=debrief.suggested, company=contact.company, created=today.isoformat(),
            follow_up=debrief.follow_up.isoformat(),
            next_action=f"reach out: suggested by {contact.name}",
            notes=f"Suggested by {contact.name} on {today:%d %b %Y}.")))
        notice += f" · added {printable(debrief.suggested)} to reach"
    return Edit("meeting debrief", tuple(changes), notice + ".")


def meeting_to_open(meetings: list[Meeting], now: datetime) -> tuple[str, Meeting] | None:
    """("prep", the next meeting not over yet) or else ("debrief", the latest past one)."""
    def start(m: Meeting) -> datetime:
        return datetime.fromisoformat(m.at)

    ahead = [m for m in meetings if start(m).timestamp() + m.minutes * 60 > now.timestamp()]
    if ahead:
        return "prep", min(ahead, key=start)
    if meetings:
        return "debrief", max(meetings, key=start)
    return None

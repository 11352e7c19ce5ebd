"""Every form, typed from the keyboard with arbitrary text (SPEC §5, issue #9).

Hypothesis writes arbitrary text into every field of every form the keyboard
reaches, and the test delivers it to the running app the way a terminal does:
one key event per character (`events.Key`, the event the terminal driver and
`pilot.press` post), `tab` between fields, and a bracketed paste (`events.Paste`)
for what no keyboard types: control characters, escape sequences, line breaks,
20,000 characters. It then saves with `ctrl+s` or `enter` on the last field.

The forms: block (`a`, and `e` on a block), budgets and goals (`b`), template
(`T`), reminders (command palette), contact (`2 a`, `2 e`), interaction (`l`),
meeting (`m`), follow-up (`f`), import (`i`), quick start (`3 space`), outcome
(`s`), past session (`a`) and its correction (`c`).

Whatever was typed, the app never raises, and either

* the form closed and the data file holds exactly what was typed (text fields
  as typed, stripped; the other fields as the model reads them), with every key
  typed before the save in it, or
* the form is still open, the data file is byte for byte what it was (and still
  is after escape), every rejected field and only those shows a short reason
  right below it, and the topmost one has the focus with its reason on screen.

A field with suggestions completes as a shell does: when what was typed has a
longer suggestion, the `tab` after it takes the suggestion and a second `tab`
moves on (the test sends both, and expects the suggestion saved). `escape` on a
form with something typed asks first; a second `escape` discards.

Keys go in one burst (a fast typist, a paste without bracketed paste, or a
busy app that lets keys queue up) or with the app idle at every field (a
person's pace); Hypothesis picks. `pilot.press` waits for the app to go idle
after every key (~60 ms), far too slow for thousands of keys, so the test posts
the same events itself and waits once per field or once per form.

Examples per form: ``PRIZE_FUZZ_EXAMPLES`` (default 6, about 35 s on two cores), e.g.
``PRIZE_FUZZ_EXAMPLES=200 pytest -n auto tests/ui/test_form_keystrokes.py``; a
failure is reported as drawn, ``PRIZE_FUZZ_SHRINK=1`` shrinks it (slow).

The tests at the end replay, key for key, what the fuzzing found.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual import events
from textual.containers import VerticalScroll
from textual.keys import KEY_NAME_REPLACEMENTS
from textual.widgets import Input

from tests.conftest import NOW, TODAY, FakeClock
from tests.screen import fill, from_palette, screen_lines, screen_text, without_stamps
from tui.model import focus
from tui.model.blocks import Block
from tui.model.contacts import Contact
from tui.model.plan import Template
from tui.model.sessions import FocusSession
from tui.model.validation import ValidationError
from tui.ui.form_widgets import DiscardQuestion, FormInput, completion
from tui.ui.forms import FormScreen

EXAMPLES = int(os.environ.get("PRIZE_FUZZ_EXAMPLES", "6"))
# Shrinking replays whole app sessions and can take minutes: on request only.
PHASES = tuple(Phase) if os.environ.get("PRIZE_FUZZ_SHRINK") else (
    Phase.explicit, Phase.reuse, Phase.generate)
SIZE = (80, 24)  # the smallest screen the spec supports: the hardest to fit messages in

# -- what a person can type, and what only a paste can bring ---------------------

# str.isprintable(): no control, format, private-use, unassigned or separator
# characters except the space; the terminal sends each of these as a key event.
TYPABLE = st.one_of(
    st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs")),
    st.just(" "),
)
TYPED_SAMPLES = [
    "[bold]Ann[/bold]", "[@click=app.quit]quit", "[link=https://evil.example]x[/link]",
    "[red", "\\x1b[31m", "王秀英 李", "🙂👍🏽", "שלום עולם", "مرحبا", "e\u0301", "⏎ a ⏎",
    "' OR 1=1 --", "%s%n{0}", "$(rm -rf ~)", "  padded  ", "x" * 201, "n",
]
PASTE_SAMPLES = [
    "\x1b[31mred\x1b[0m", "\x1b]8;;https://evil.example\x07osc", "\u202eevil\u202c",
    "\u200fRLM", "tab\there", "nul\x00", "bell\x07", "two\nlines", "\r\n", "\x7f",
    "zero\u200bwidth", "\u2028sep", "x" * 20_000, "🙂" * 3_000, "[b]" * 1_000,
]
TYPED = st.one_of(st.text(TYPABLE, max_size=24), st.sampled_from(TYPED_SAMPLES))
PASTED = st.one_of(st.text(max_size=24), st.sampled_from(PASTE_SAMPLES))
SEGMENT = st.one_of(TYPED.map(lambda t: ("type", t)), PASTED.map(lambda t: ("paste", t)))

# Values a field of each kind accepts, so that half the examples get through to a save.
VALID: dict[str, list[str]] = {
    "text": [],  # any typed text is fine
    "date": ["today", "tomorrow", "dec 3", "+3d", "2026-12-03", "next mon", "in 2 weeks"],
    "past date": ["today", "yesterday", "-2d", "2026-11-20"],
    "time": ["14:30", "2pm", "9", "09:05", "noon", "10h"],
    "early time": ["7:10", "8am", "06:00"],
    "duration": ["45m", "1h30", "30", "1h", "1.5h"],
    "short": ["20m", "15", "1h"],
    "count": ["", "0", "3", "999"],
    "priority": ["", "0", "3"],
    "stage": ["", "met", "target", "conv", "meeting booked"],
    "weekdays": ["", "tue thu", "mon-fri", "weekdays", "daily"],
    "every": ["1", "2", ""],
    "until": ["", "dec 31"],
    "times": ["", "5"],
    "cadence": ["", "14", "every 2 weeks", "weekly"],
    "email": ["", "ann@example.com"],
    "url": ["", "https://www.linkedin.com/in/ann"],
    "phone": ["", "+33 1 23 45 67 89", "(555) 010-2030 x12"],
    "tags": ["", "fintech, paris", "a,b,a"],
    "roles": ["", "decision maker", "alum, insider", "peer,recruiter"],
    "interaction kind": ["", "call", "email", "video", "in-person"],
    "meeting kind": ["phone", "video", "in person", "call"],
    "mode": ["", "countdown", "pomodoro", "count-up"],
    "budget": ["", "5h", "90m"],
    "goal": ["", "3", "999"],
    "follow-up": ["", "tomorrow", "5", "next mon", "dec 24"],
    "import kind": ["linkedin", "csv", "google"],
}


@dataclass(frozen=True)
class Entry:
    """What the user does in one field: leave it, clear it, or type and paste."""

    segments: tuple[tuple[str, str], ...] | None  # None: leave the field as it is

    def values(self, start: str) -> list[str]:
        """Every value the field holds as this is typed (the Input's own rules)."""
        if self.segments is None:
            return [start]
        if not self.segments:
            return [start, ""]  # backspace over the selection
        seen, value, selected = [start], start, True  # focus selects the whole value
        for how, text in self.segments:
            if how == "type":
                for ch in text:
                    value = ch if selected else value + ch
                    selected = False
                    seen.append(value)
            elif text:  # Input keeps a paste's first line; an empty paste does nothing
                line = text.splitlines()[0]
                value = line if selected else value + line
                selected = False
                seen.append(value)
        return seen


def taken_by_tab(field: Input, seen: list[str]) -> str | None:
    """The suggestion the `tab` after this field takes (FormInput.suggestion): one
    longer than the text, shown once the value changed after the field got the focus."""
    value = seen[-1]
    edited = any(a != b for a, b in zip(seen, seen[1:], strict=False))
    if not (isinstance(field, FormInput) and field.suggestions and edited and value):
        return None
    found = completion(value, field.suggestions)
    return found if found is not None and len(found) > len(value) else None


def entry(kind: str, valid_only: bool) -> st.SearchStrategy[Entry]:
    samples = VALID[kind]
    valid = [st.lists(TYPED, min_size=1, max_size=2).map(
        lambda ts: Entry(tuple(("type", t) for t in ts)))] if kind == "text" else []
    if samples:
        valid.append(st.sampled_from(samples).map(
            lambda t: Entry((("type", t),) if t else ())))
    keep = st.just(Entry(None))
    if valid_only:
        return st.one_of(keep, *valid) if valid else keep
    return st.one_of(keep, st.just(Entry(())), *valid,
                     st.lists(SEGMENT, min_size=1, max_size=3).map(lambda s: Entry(tuple(s))))


def key(name: str, character: str | None = None) -> events.Key:
    return events.Key(name, character)


def key_for(ch: str) -> events.Key:
    """The key event a terminal sends for one typed character (as Textual's parser names it)."""
    if ch == " ":
        return key("space", " ")
    if ch.isalnum():
        return key(ch, ch)
    try:
        name = unicodedata.name(ch).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        name = ch
    return key(KEY_NAME_REPLACEMENTS.get(name, name), ch)


def field_events(entry: Entry) -> list[events.Event]:
    if entry.segments is None:
        return []
    if not entry.segments:
        return [key("backspace")]
    out: list[events.Event] = []
    for how, text in entry.segments:
        if how == "type":
            out += [key_for(ch) for ch in text]
        elif text:
            out.append(events.Paste(text))
    return out


# -- the forms ----------------------------------------------------------------------

Doc = dict
Disk = dict[str, dict[str, Doc]]


@dataclass
class Case:
    """One form: how to reach it, its fields' kinds, and what a save must write."""

    keys: tuple[str, ...]
    form: str  # the FormScreen subclass's name
    kinds: dict[str, str]
    check: Callable[[FormScreen, object, dict, Disk, Disk], None]
    seed: Callable[[object], None] = lambda repo: None
    palette: str | None = None  # a command palette entry instead of keys
    after: tuple[str, ...] = ()  # keys for a dialog the save opens next


def table(disk: Disk, name: str) -> dict[str, Doc]:
    """The documents of a table, as their records' `to_doc` would give them."""
    return {key: without_stamps(doc) for key, doc in disk.get(name, {}).items()}


def seeded(before: Disk, after: Disk, name: str) -> Doc:
    """The record the case's seed put in table `name` (its only one), after the save:
    still under its own id."""
    [key] = table(before, name)
    return table(after, name)[key]


def added(before: Disk, after: Disk, name: str) -> Doc:
    new = [doc for key, doc in table(after, name).items() if key not in table(before, name)]
    assert len(new) == 1, (name, new)
    return new[0]


def same_text(doc: Doc, names: tuple[str, ...], values: dict) -> None:
    for name in names:
        assert doc[name] == values[name].strip(), (name, doc[name], values[name])


def check_block(form, result, values, before, after):
    doc = added(before, after, "blocks") if form.block is None else seeded(before, after, "blocks")
    assert doc == result.to_doc()
    same_text(doc, ("channel", "activity", "target", "notes"), values)


def seed_contact(repo) -> None:
    repo.contacts.add(Contact(name="Ann Lee", company="Acme", channel="LinkedIn",
                              tags=["fintech"], cadence_days=14, follow_up="2026-11-30",
                              notes="met at a fair\nlikes tea", created="2026-10-01"))


def seed_block(repo) -> None:
    repo.blocks.add(Block(channel="Email", activity="Follow-ups", target="fintech",
                          day="2026-11-26", start="10:00", minutes=60, notes="warm leads"))


def seed_template(repo) -> None:
    seed_block(repo)
    repo.templates.add(Template(name="Taken", blocks=[]))


def seed_running(repo) -> None:
    repo.sessions.add(focus.start_session("LinkedIn", NOW - timedelta(minutes=10),
                                          planned_minutes=30))


def seed_finished(repo) -> None:
    repo.sessions.add(FocusSession(channel="Email", planned_minutes=30,
                                   started="2026-11-26T06:00:00+00:00",
                                   ended="2026-11-26T06:45:00+00:00",
                                   outcome={"contacts": 1, "replies": 0, "meetings": 0,
                                            "note": ""}))


def check_contact(form, result, values, before, after):
    if form.contact is None:
        doc = added(before, after, "contacts")
    else:
        doc = seeded(before, after, "contacts")
    assert doc == result.to_doc()
    same_text(doc, ("name", "company", "role", "industry", "location", "channel", "url",
                    "email", "phone", "next_action"), values)
    notes = values["notes"].replace(" ⏎ ", "\n").replace("⏎", "\n").strip()
    assert doc["notes"] == notes
    tags: dict[str, str] = {}
    for part in values["tags"].split(","):
        if part.strip():
            tags.setdefault(part.strip().casefold(), part.strip())
    assert doc["tags"] == list(tags.values())


def check_interaction(form, result, values, before, after):
    doc = added(before, after, "interactions")
    assert doc == result.to_doc()
    assert doc["note"] == values["note"].strip()
    assert doc["channel"] == (values["channel"].strip() or doc["channel"])


def check_meeting(form, result, values, before, after):
    doc = added(before, after, "meetings")
    assert doc == result.to_doc()
    same_text(doc, ("place", "note"), values)
    assert seeded(before, after, "contacts")["stage"] in ("meeting booked", "met")


def check_follow_up(form, result, values, before, after):
    stored = seeded(before, after, "contacts")["follow_up"]
    assert stored == (result.day.isoformat() if result.day else None)


def check_goals(form, result, values, before, after):
    [doc] = table(after, "goals").values()
    assert doc == result.to_doc()


def check_template(form, result, values, before, after):
    doc = added(before, after, "templates")
    assert doc["name"] == result == values["name"].strip()
    assert [b["activity"] for b in doc["blocks"]] == ["Follow-ups"]


def check_reminders(form, result, values, before, after):
    from tui.model.plan import DEFAULT_REMINDERS

    # Reminders saved as they were (the defaults) change nothing in the file.
    doc = next(iter(table(after, "settings").values()), {"reminders": list(DEFAULT_REMINDERS)})
    assert doc["reminders"] == result
    assert result == [v.strip() for v in values.values() if v.strip()]


def check_quick_start(form, result, values, before, after):
    doc = added(before, after, "sessions")
    assert doc == result.to_doc()
    assert doc["channel"] == values["channel"].strip()
    remembered = next(iter(table(after, "settings").values()),
                      {"quick_channel": "LinkedIn", "quick_minutes": 30})  # the defaults
    assert (remembered["quick_channel"], remembered["quick_minutes"]) == (
        doc["channel"], doc["planned_minutes"])


def check_outcome(form, result, values, before, after):
    [doc] = table(after, "sessions").values()
    assert doc["outcome"] == result and doc["ended"] == NOW.isoformat()
    if result:
        assert result["note"] == values["note"].strip()


def check_past_session(form, result, values, before, after):
    doc = added(before, after, "sessions")
    assert doc == result.to_doc()
    assert doc["channel"] == values["channel"].strip()


def check_correction(form, result, values, before, after):
    doc = seeded(before, after, "sessions")
    assert doc == result.to_doc()
    assert doc["outcome"] == {"contacts": 1, "replies": 0, "meetings": 0, "note": ""}


def check_import(form, result, values, before, after):
    raise AssertionError("no file was there to import, yet the import screen closed")


BLOCK_KINDS = {"channel": "text", "activity": "text", "target": "text", "day": "date",
               "start": "time", "duration": "duration", "repeat_days": "weekdays",
               "every": "every", "until": "until", "times": "times", "notes": "text"}
CONTACT_KINDS = {"name": "text", "company": "text", "role": "text", "industry": "text",
                 "location": "text", "channel": "text", "url": "url", "email": "email",
                 "phone": "phone", "tags": "tags", "priority": "priority", "stage": "stage",
                 "next_action": "text", "follow_up": "follow-up", "cadence": "cadence",
                 "notes": "text", "roles": "roles"}
GOAL_KINDS = {f"goal-{k}": "goal" for k in ("meetings", "contacts", "conversations",
                                             "articles", "applications", "decision_makers")}

CASES: dict[str, Case] = {
    "block: a": Case(("a",), "BlockForm", BLOCK_KINDS, check_block),
    "block: e": Case(("e",), "BlockForm", BLOCK_KINDS,
                     check_block, seed=seed_block),
    "budgets and goals: b": Case(("b",), "GoalsForm", GOAL_KINDS, check_goals),
    "template: T": Case(("T",), "TemplateNameForm", {"name": "text"}, check_template,
                        seed=seed_template),
    "reminders: palette": Case((), "RemindersForm", {f"r{i}": "text" for i in range(6)},
                               check_reminders, palette="Edit reminders"),
    "contact: 2 a": Case(("2", "a"), "ContactForm", CONTACT_KINDS, check_contact),
    "contact: 2 e": Case(("2", "e"), "ContactForm", CONTACT_KINDS, check_contact,
                         seed=seed_contact),
    "interaction: 2 l": Case(("2", "l"), "InteractionForm",
                             {"kind": "interaction kind", "channel": "text", "note": "text",
                              "day": "past date", "time": "early time"},
                             check_interaction, seed=seed_contact),
    "meeting: 2 m": Case(("2", "m"), "MeetingForm",
                         {"kind": "meeting kind", "day": "date", "time": "time",
                          "length": "duration", "place": "text", "note": "text"},
                         check_meeting, seed=seed_contact),
    "follow-up: 2 f": Case(("2", "f"), "FollowUpForm", {"follow_up": "follow-up"},
                           check_follow_up, seed=seed_contact),
    "import: 2 i": Case(("2", "i"), "ImportScreen", {"kind": "import kind", "path": "text"},
                        check_import),
    "quick start: 3 space": Case(("3", "space"), "QuickStartForm",
                                 {"channel": "text", "length": "duration", "mode": "mode"},
                                 check_quick_start),
    "outcome: 3 s": Case(("3", "s"), "OutcomeForm",
                         {"contacts": "count", "replies": "count", "meetings": "count",
                          "note": "text"}, check_outcome, seed=seed_running),
    "past session: 3 a": Case(("3", "a"), "PastSessionForm",
                              {"channel": "text", "day": "past date", "start": "early time",
                               "length": "short"}, check_past_session, after=("escape",)),
    "correct a session: 3 c": Case(("3", "c"), "PastSessionForm",
                                   {"channel": "text", "day": "past date",
                                    "start": "early time", "length": "short"},
                                   check_correction, seed=seed_finished),
}


# -- one example ------------------------------------------------------------------


def kind_of(case: Case, name: str) -> str:
    if name.startswith("budget-"):
        return "budget"
    return case.kinds[name]


def disk(path: Path) -> Disk:
    return orjson.loads(path.read_bytes())


async def settle(pilot) -> None:
    """Let queued keys, the save worker and the import dry run finish (no sleeping)."""
    app = pilot.app
    await pilot.pause()
    waiting = [w for w in app.workers if w.group in ("save", "import-preview")]
    for worker in waiting:
        await asyncio.wait_for(worker.wait(), timeout=10)
    if waiting:
        await pilot.pause()  # what the workers posted back


async def until(pilot, done: Callable[[], bool], what: str) -> None:
    """Submit and escape wait for the keys typed ahead of them to reach their fields,
    one message hop per field: under load one pause returned before they acted (CI)."""
    for _ in range(500):
        if done():
            return
        await pilot.pause()
    raise AssertionError(f"{what} never acted")


def post(app, evs: list[events.Event]) -> None:
    for ev in evs:
        ev.set_sender(app)
        app.post_message(ev)


def assert_beside(form: FormScreen, name: str, message: str) -> None:
    """The message is shown right below its field (a help line may sit between)."""
    row = form.query_one(f"#field-{name}", Input).parent
    error = form.query_one(f"#error-{name}")
    assert str(error.render()) == f"↑ {message}"
    assert error.display and error.size.height >= 1, name
    # A reason is a short sentence: it never echoes a 20,000-character paste back.
    # (The import dialog's reasons quote the whole path: tui/store/importers.py.)
    if not (type(form).__name__ == "ImportScreen" and name == "path"):
        assert error.size.height <= 3, (name, message[:80])
    scroller = form.query_one(VerticalScroll)
    siblings = list(scroller.children)
    between = siblings[siblings.index(row) + 1: siblings.index(error)]
    assert all("help" in w.classes for w in between), (name, between)


def assert_first_on_screen(app, form: FormScreen, errors: dict[str, str]) -> None:
    """Right after the refused save, the first bad field has the focus and its
    message is on screen: the user sees why without scrolling."""
    first = next(i.id.removeprefix("field-") for i in form.query(Input)
                 if i.id.removeprefix("field-") in errors)
    assert app.focused is form.query_one(f"#field-{first}")
    y = form.query_one(f"#error-{first}").region.y
    lines = screen_lines(app)
    assert 0 <= y < len(lines) and "↑" in lines[y], (first, y, lines)


def spy_on_build(form: FormScreen) -> list[dict]:
    """Record the values the form validates (a closed form's fields are gone)."""
    calls: list[dict] = []
    build = form.build

    def recorded(values):
        calls.append(dict(values))
        return build(values)

    form.build = recorded
    return calls


async def run_example(case: Case, data) -> None:
    from tui.store import Repository
    from tui.ui.app import PrizeApp

    valid_only = data.draw(st.booleans(), label="mostly valid values")
    paced = data.draw(st.booleans(), label="idle after every field")
    submit = data.draw(st.sampled_from(["ctrl+s", "enter"]), label="submit key")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "prize.json"
        repo = Repository.open(db, today=TODAY)
        try:
            case.seed(repo)
            repo.flush()
            app = PrizeApp(repo, clock=FakeClock(), welcome=False)
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                if case.palette:
                    await from_palette(pilot, app, case.palette)
                for name in case.keys:  # a person's pace: each key acts before the next
                    post(app, [key_for(name) if len(name) == 1 else key(name, " ")])
                    await pilot.pause()
                for _ in range(20):  # the form opens from a worker
                    if isinstance(app.screen, FormScreen) and app.screen.is_mounted:
                        break
                    await pilot.pause()
                form = app.screen
                assert type(form).__name__ == case.form, form
                before = db.read_bytes()
                built = spy_on_build(form)
                inputs = list(form.query(Input))
                # Start at the first field (the import dialog starts on its second).
                if app.focused is not inputs[0]:
                    post(app, [key("shift+tab")] * inputs.index(app.focused))
                    await pilot.pause()
                assert app.focused is inputs[0]
                starts = {i.id.removeprefix("field-"): i.value for i in inputs}
                typed = dict(starts)
                nothing = False  # "n" in a count field of the outcome form: nothing came of it
                tabs: list[events.Key] = []  # what leaves the field before: a tab
                for i, name in enumerate(starts):
                    what = data.draw(entry(kind_of(case, name), valid_only), label=name)
                    seen = what.values(starts[name])
                    typed[name] = seen[-1]
                    post(app, tabs + field_events(what))
                    tabs = [key("tab")]
                    if (taken := taken_by_tab(inputs[i], seen)) is not None:
                        typed[name] = taken  # if a tab follows: it takes the suggestion, moves on
                    if paced and what.segments is not None:
                        await pilot.pause()
                    if case.form == "OutcomeForm" and name != "note" and any(
                            v.strip().lower() == "n" for v in seen):
                        nothing = True
                        break
                if not nothing:
                    # Saved from the last field: no tab after it takes a suggestion.
                    typed[name] = seen[-1]
                    post(app, [key(submit)])
                    await until(pilot, lambda: bool(built) or app.screen is not form, "submit")
                await settle(pilot)
                assert app.is_running
                if app.screen is form:
                    await still_open(pilot, case, form, typed, nothing)
                    assert db.read_bytes() == before, "a rejected form changed the data file"
                    post(app, [key("escape")])
                    await until(pilot, lambda: app.screen is not form
                                or form.query_one(DiscardQuestion).asking, "escape")
                    await settle(pilot)
                    if typed != starts:  # something typed: asked before it is dropped
                        assert app.screen is form and "Discard" in screen_text(app)
                        post(app, [key("escape")])
                        await settle(pilot)
                    assert app.screen is not form and app.is_running
                    assert db.read_bytes() == before, "a cancelled form changed the data file"
                else:
                    if case.after and isinstance(app.screen, FormScreen):
                        post(app, [key(k) for k in case.after])
                        await pilot.pause()
                    await asyncio.wait_for(app.workers.wait_for_complete(), timeout=10)
                    await settle(pilot)
                    if nothing:
                        result: object = {}
                    else:
                        assert built and built[-1] == typed  # saved with every key typed
                        result = form.build(typed)  # it closed, so what was typed is valid
                    case.check(form, result, typed, orjson.loads(before), disk(db))
                assert app.is_running
        finally:
            repo.close()


async def still_open(pilot, case: Case, form: FormScreen, typed: dict, nothing: bool) -> None:
    """The form refused: every reason is beside its field, and only those."""
    assert not nothing, "n in a count field should have closed the outcome form"
    values = form.values()
    assert values == typed
    shown = {w.id.removeprefix("error-") for w in form.query(".error.-shown")}
    assert "-shown" not in form.query_one("#form-problem").classes
    try:
        form.build(values)
    except ValidationError as exc:
        errors = exc.errors
    else:
        # Only the import screen refuses valid-looking text: the file is not there.
        assert case.form == "ImportScreen", "the form refused valid input"
        errors = {"path": str(form.query_one("#error-path").render())[2:]}
    assert shown == set(errors), (shown, errors)
    for name, message in errors.items():
        assert_beside(form, name, message)
    # Focusing the field scrolls it into view with an animation: the person reads
    # the screen once it ends (under load, it may not have ended at the first pause)
    # and its last frame is drawn (under load, once, it was not yet).
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    assert_first_on_screen(pilot.app, form, errors)


@pytest.mark.parametrize("name", CASES)
@settings(max_examples=EXAMPLES, deadline=None, database=None, phases=PHASES,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_typed_form_saves_exactly_or_rejects_beside_the_field(name, data):
    asyncio.run(run_example(CASES[name], data))


# -- keys in one burst: what the fuzzing found -------------------------------------
# A fast typist, a paste of keystrokes, or an app busy for a moment delivers keys
# faster than the app handles them. Each key must still act in the order typed.


def burst(app, *parts: str | events.Event) -> None:
    """Post keys as the terminal does when they arrive together: text one key per
    character, names (`tab`, `enter`, `backspace`) as one key each."""
    evs: list[events.Event] = []
    for part in parts:
        if isinstance(part, events.Event):
            evs.append(part)
        elif part in ("tab", "enter", "backspace", "ctrl+s", "escape"):
            evs.append(key(part))
        else:
            evs += [key_for(ch) for ch in part]
    post(app, evs)


async def test_enter_right_after_typing_saves_every_key(repo, make_app, db_path):
    """`enter` is a priority key: it used to save before the keys typed just ahead of
    it had reached their fields (the name was empty, or a field half typed)."""
    repo.blocks.add(Block(channel="Email", activity="Follow-ups", day="2026-11-24",
                          start="10:00", minutes=60))
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("T")
        burst(app, "Networking week", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "MainScreen"
        await pilot.press("b")
        last = len(app.screen.query(Input)) - 1  # the last field: the decision makers goal
        burst(app, "5h", "tab", "3h", *["tab"] * (last - 1), "3", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "MainScreen"
        await settle(pilot)
    assert [t["name"] for t in on_disk_table(db_path, "templates")] == ["Networking week"]
    [goals] = on_disk_table(db_path, "goals")
    assert goals["budgets"] == {"LinkedIn": 300, "Facebook": 180}  # the first two channels
    assert goals["goals"] == {"decision_makers": 3}


async def test_backspace_acts_where_and_when_it_was_typed(repo, make_app, db_path):
    """A bound key (backspace, arrows, ctrl+k) used to act only once it had gone round
    the app, after the next field had the focus: `ab⌫ tab cd` gave `ab` and `c`."""
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        burst(app, "Emailx", "backspace", "tab", "Follow-ups", "tab", "fintechh",
              "backspace", "ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "MainScreen"
    [doc] = on_disk_table(db_path, "blocks")
    assert (doc["channel"], doc["activity"], doc["target"]) == ("Email", "Follow-ups", "fintech")


async def test_n_in_two_count_fields_at_once_closes_the_outcome_form_once(repo, make_app,
                                                                         db_path):
    """`n` in a count field answers "nothing came of it"; two of them in one burst used
    to dismiss the form twice, and the second pop found no screen left (a crash)."""
    seed_running(repo)
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "s")
        burst(app, "n", "tab", "n", "enter")
        await settle(pilot)
        await asyncio.wait_for(app.workers.wait_for_complete(), timeout=10)
        assert app.is_running and type(app.screen).__name__ == "MainScreen"
    [doc] = on_disk_table(db_path, "sessions")
    assert doc["outcome"] == {} and doc["ended"] == NOW.isoformat()


async def test_a_refused_save_focuses_the_topmost_bad_field(repo, make_app):
    """The past session form checks its times first: the focus went to the start time
    although the channel, above it, was wrong too."""
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a")
        await fill(pilot, app, "channel", "")
        await fill(pilot, app, "start", "25:00")
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = [w.id for w in app.screen.query(".error.-shown")]
        assert shown == ["error-channel", "error-start"]
        assert app.focused.id == "field-channel"


def on_disk_table(db_path: Path, name: str) -> list[Doc]:
    return list(disk(db_path).get(name, {}).values())


async def test_a_channel_with_brackets_does_not_break_the_outcome_form(repo, make_app, db_path):
    """The outcome form's title names the channel; `[link=…` in it was read as markup
    and stopping the session crashed the app (the title is shown literally now)."""
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "space")
        await fill(pilot, app, "channel", "[link=https://evil.example]x")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert app.is_running and type(app.screen).__name__ == "OutcomeForm"
        assert "[link=https://evil.example]x · 00:00 · what came of it?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        await asyncio.wait_for(app.workers.wait_for_complete(), timeout=10)
    [doc] = on_disk_table(db_path, "sessions")
    assert doc["channel"] == "[link=https://evil.example]x" and doc["outcome"] == {}


async def test_a_superscript_digit_in_a_goal_is_refused_not_a_crash(repo, make_app, db_path):
    """`²` passed the goals form's digit check and `int()` raised: saving crashed the app."""
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await fill(pilot, app, "goal-meetings", "²")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running and type(app.screen).__name__ == "GoalsForm"
        assert "a whole number from 0 to 999" in str(app.screen.query_one("#error-goal-meetings")
                                                     .render())
    assert on_disk_table(db_path, "goals") == []

"""The verdict: one plain sentence that names the gap between time spent and results.

Rules, checked in this order. The first rule that holds gives the headline; every
rule that holds adds its reason, in the same order (rule 1 stops at once).

1. empty    — nothing planned, no time logged, no result of any kind
              → "Nothing planned or logged yet: plan today's first block."
2. busy     — networking time ≥ BUSY_MINUTES (2 h a week, 1 h a day) on the
              NETWORKING_CHANNELS, with no meeting booked and no conversation
              → "Busy, not productive: 5h on LinkedIn and no meeting or conversation."
              (the networking channel that took the most time is named)
3. budget   — a channel spent more than its weekly budget
              → "Over budget on LinkedIn by 1h30." / reason per channel
4. yield    — at least YIELD_MIN_MINUTES of networking, and fewer than
              YIELD_FLOOR contacts reached per networking hour
              → "Low yield: 0.5 contacts reached per hour online."
5. success  — week: every goal the week sets is met → "Productive: every goal met."
              week: meetings booked ≥ the meetings goal (1 when none is set)
              → "On track: 2 meetings booked (goal 2)."
              day: a meeting booked or a conversation held → "Productive day: ..."
6. missed   — at least MISSED_SHARE of the marked blocks were missed
              → "Plan slipping: 3 of 5 blocks missed."
7. behind   — otherwise (always holds): week → "Behind on meetings: 0 of 2 booked.";
              day → "No meeting or conversation yet today."
              In week mode every unmet goal also adds a reason ("Conversations: 1 of 4").

Thresholds are the named constants below; there is no score.
"""

from __future__ import annotations

from tui.model.dates import format_duration
from tui.model.metrics import NETWORKING_CHANNELS
from tui.model.period_figures import PeriodMetrics
from tui.model.value import Value, figures

BUSY_MINUTES = {"week": 120, "day": 60}
YIELD_FLOOR = 1.0  # contacts reached per hour of networking
YIELD_MIN_MINUTES = {"week": 60, "day": 30}  # less time than this is too little to judge
MISSED_SHARE = 0.5
DEFAULT_MEETINGS_GOAL = 1


@figures
class Verdict(Value):
    """One line on the period, the reasons for it, and the rule that gave it."""

    headline: str
    reasons: list[str]
    rule: str  # which rule gave the headline: empty, busy, budget, yield, success, missed, behind


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _hours(minutes: int) -> str:
    return format_duration(max(minutes, 0))


def verdict(m: PeriodMetrics, *, day: bool) -> Verdict:
    """The verdict for `m` (a day's figures when `day`, else a week's); see the rules above."""
    span = "day" if day else "week"
    if (m.planned_minutes == 0 and m.spent_minutes == 0 and m.contacts_reached == 0
            and m.replies == 0 and m.meetings_booked == 0 and m.conversations == 0
            and m.applications == 0 and m.articles == 0 and m.new_contacts == 0):
        when = "today's first block" if day else "the week's first block"
        return Verdict(f"Nothing planned or logged yet: plan {when}.", [], "empty")

    found: list[tuple[str, str, list[str]]] = []  # (rule, headline, reasons)

    def add(rule: str, headline: str, *reasons: str) -> None:
        found.append((rule, headline, list(reasons)))

    online = {c: f.spent_minutes for c, f in m.channels.items()
              if c in NETWORKING_CHANNELS and f.spent_minutes}
    if (m.networking_minutes >= BUSY_MINUTES[span] and m.meetings_booked == 0
            and m.conversations == 0):
        ranked = sorted(online.items(), key=lambda kv: (-kv[1], kv[0]))
        top, top_minutes = ranked[0]
        where = ", ".join(f"{c} {_hours(v)}" for c, v in ranked)
        add("busy",
            f"Busy, not productive: {_hours(top_minutes)} on {top} and no meeting or conversation.",
            f"{_hours(m.networking_minutes)} networking online ({where}), "
            "no meeting booked and no conversation held.")

    over = sorted(((f.spent_minutes - f.budget_minutes, c, f) for c, f in m.channels.items()
                   if f.budget_minutes is not None and f.spent_minutes > f.budget_minutes),
                  key=lambda item: (-item[0], item[1]))
    if over:
        if len(over) == 1:
            head = f"Over budget on {over[0][1]} by {_hours(over[0][0])}."
        else:
            head = f"Over budget on {len(over)} channels: {', '.join(c for _, c, _ in over)}."
        add("budget", head, *(f"{c} over budget by {_hours(x)} ({_hours(f.spent_minutes)} "
                              f"of {_hours(f.budget_minutes)})." for x, c, f in over))

    if m.networking_minutes >= YIELD_MIN_MINUTES[span]:
        reached = sum(f.contacts for c, f in m.channels.items() if c in NETWORKING_CHANNELS)
        rate = reached / (m.networking_minutes / 60)
        if rate < YIELD_FLOOR:
            add("yield", f"Low yield: {rate:.1f} contacts reached per hour online.",
                f"{_plural(reached, 'contact')} reached in {_hours(m.networking_minutes)} "
                f"online ({rate:.1f} an hour; aim for at least {YIELD_FLOOR:g}).")

    goals = m.goals
    meetings_goal = goals["meetings"].goal or DEFAULT_MEETINGS_GOAL
    set_goals = [g for g in goals.values() if g.goal]
    if day:
        if m.meetings_booked or m.conversations:
            add("success", f"Productive day: {_results(m)}.")
    elif set_goals and all(g.met for g in set_goals):
        add("success", "Productive: every goal met this week.",
            "Goals met: " + "; ".join(f"{g.label} {g.actual} of {g.goal}"
                                      for g in set_goals) + ".")
    elif m.meetings_booked >= meetings_goal:
        booked = _plural(m.meetings_booked, "meeting")
        # "(goal 1)" only when set: the goals table and the review say none is.
        goal = f" (goal {meetings_goal})" if goals["meetings"].goal else ""
        add("success", f"On track: {booked} booked{goal}.")

    b = m.blocks
    if b.marked and b.missed >= MISSED_SHARE * b.marked:
        add("missed", f"Plan slipping: {b.missed} of {b.marked} blocks missed.",
            f"{b.missed} of {b.marked} blocks missed.")

    if day:
        add("behind", "No meeting or conversation yet today.")
    else:
        add("behind", f"Behind on meetings: {m.meetings_booked} of {meetings_goal} booked.",
            *(f"{g.label.capitalize()}: {g.actual} of {g.goal}."
              for g in set_goals if not g.met))

    rule, headline, _ = found[0]
    reasons = [r for _, _, rs in found for r in rs]
    return Verdict(headline, list(dict.fromkeys(reasons)), rule)


def _results(m: PeriodMetrics) -> str:
    parts = []
    if m.meetings_booked:
        parts.append(_plural(m.meetings_booked, "meeting") + " booked")
    if m.conversations:
        parts.append(_plural(m.conversations, "conversation"))
    if m.contacts_reached:
        parts.append(_plural(m.contacts_reached, "contact") + " reached")
    return ", ".join(parts) or "no result logged"

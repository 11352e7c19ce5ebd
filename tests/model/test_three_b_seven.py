"""The 3B7 routine: business days (weekends skipped, across year ends), the next
person by role then priority, and a reply or meeting making an advocate."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tui.model.business_days import add_business_days, business_days_between
from tui.model.employers import Person
from tui.model.three_b_seven import Touch, next_to_try, routine, touch_of_interaction

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@given(days, st.integers(0, 400))
def test_adding_then_counting_gives_the_same_number(start, n):
    end = add_business_days(start, n)
    assert business_days_between(start, end) == n
    if n:
        assert end.weekday() < 5
        assert business_days_between(start, end - timedelta(days=1)) == n - 1


@given(days, days)
def test_count_is_the_weekdays_after_start_up_to_end(a, b):
    if (b - a).days > 800:
        b = a + timedelta(days=800)
    expected = sum(1 for i in range(1, (b - a).days + 1)
                   if (a + timedelta(days=i)).weekday() < 5)
    assert business_days_between(a, b) == expected


def test_weekends_and_year_ends():
    friday = date(2026, 12, 4)
    assert business_days_between(friday, date(2026, 12, 7)) == 1  # Monday
    assert add_business_days(friday, 3) == date(2026, 12, 9)  # Wednesday
    assert add_business_days(date(2026, 12, 5), 1) == date(2026, 12, 7)  # from a Saturday
    # Wed 30 Dec 2026 + 3 → Mon 4 Jan 2027 (Thu 31, Fri 1, Mon 4)
    assert add_business_days(date(2026, 12, 30), 3) == date(2027, 1, 4)
    assert add_business_days(date(2026, 12, 30), 7) == date(2027, 1, 8)
    assert business_days_between(date(2026, 12, 30), date(2027, 1, 4)) == 3


ANN = Person(1, "Ann", "Acme", ("peer",), 1)
BOB = Person(2, "Bob", "Acme", ("alumni",), 0)
CAT = Person(3, "Cat", "Acme", (), 3)
DAN = Person(4, "Dan", "Acme", ("alumni",), 2)
ED = Person(5, "Ed", "Acme", ("recruiter", "insider"), 0)
PEOPLE = [ANN, BOB, CAT, DAN, ED]
SENT = date(2026, 12, 30)  # a Wednesday before the year's end


def test_next_person_by_role_then_priority_then_name():
    order = []
    tried: set[int] = set()
    while (p := next_to_try(PEOPLE, tried)) is not None:
        order.append(p.name)
        tried.add(p.id)
    # alumni (Dan priority 2, then Bob), insider (Ed), peer (Ann), no role (Cat)
    assert order == ["Dan", "Bob", "Ed", "Ann", "Cat"]


def test_nobody_reached_yet_names_whom_to_reach():
    [step] = routine(PEOPLE, [], SENT)
    assert (step.kind, step.text, step.due) == ("reach", "reach out to Dan", SENT)
    [step] = routine([], [], SENT)
    assert step.kind == "find" and not step.is_due(SENT)


def test_three_business_days_without_reply_names_the_next_person():
    touches = [Touch(DAN.id, SENT, False)]
    [wait] = routine(PEOPLE, touches, date(2027, 1, 1))  # Thu 31, Fri 1: two days
    assert wait.kind == "wait" and not wait.is_due(date(2027, 1, 1))
    assert wait.text == "wait for Dan: 2 of 3 business days"
    [step] = routine(PEOPLE, touches, date(2027, 1, 3))  # Sunday: still two
    assert step.kind == "wait"
    [step] = routine(PEOPLE, touches, date(2027, 1, 4))  # Monday: three
    assert step.text == "try Bob next (3 business days, no reply from Dan)"
    assert step.is_due(date(2027, 1, 4)) and step.contact_id == BOB.id


def test_seven_business_days_asks_one_follow_up_with_the_first():
    touches = [Touch(DAN.id, SENT, False), Touch(BOB.id, date(2027, 1, 4), False)]
    steps = routine(PEOPLE, touches, date(2027, 1, 8))  # Dan 7 days, Bob 4
    # Oldest due first: Bob's 3 days were up on Thursday, Dan's 7 today.
    assert [(s.text, s.due) for s in steps] == [
        ("try Ed next (3 business days, no reply from Bob)", date(2027, 1, 7)),
        ("follow up with Dan (7 business days)", date(2027, 1, 8))]
    assert [s.kind for s in routine(PEOPLE, touches, date(2027, 1, 7))] == ["next"]
    followed = [*touches, Touch(DAN.id, date(2027, 1, 8), False)]
    assert [s.kind for s in routine(PEOPLE, followed, date(2027, 1, 8))] == ["next"]


def test_a_reply_or_a_meeting_makes_an_advocate():
    touches = [Touch(DAN.id, SENT, False), Touch(BOB.id, date(2027, 1, 4), False)]
    replied = [*touches, touch_of_interaction(BOB.id, date(2027, 1, 5), "reply")]
    [step] = routine(PEOPLE, replied, date(2027, 1, 20))
    assert (step.kind, step.text, step.due) == ("advocate", "advocate found: Bob", None)
    met = [*touches, Touch(ED.id, date(2027, 1, 6), True)]  # a meeting is a reply
    assert routine(PEOPLE, met, date(2027, 1, 20))[0].text == "advocate found: Ed"
    assert touch_of_interaction(1, SENT, "comment") is None
    assert touch_of_interaction(1, SENT, "call").reply


def test_everyone_tried_asks_to_find_someone_else():
    touches = [Touch(p.id, SENT, False) for p in PEOPLE] + \
        [Touch(p.id, date(2027, 1, 11), False) for p in PEOPLE]
    [step] = routine(PEOPLE, touches, date(2027, 1, 20))
    assert step.kind == "find" and step.text.startswith("no reply from")

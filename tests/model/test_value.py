"""The figure types share one __init__, __eq__, __hash__, __repr__ and __setattr__
(value.figures): they must behave as the frozen dataclasses Python would generate."""

import dataclasses
from datetime import date

import pytest

from tui.model.period_figures import BlockCounts, GoalFigure, PeriodMetrics
from tui.model.trends import FunnelStep, Trends
from tui.model.value import Value
from tui.model.verdict import Verdict


def test_a_value_is_built_by_position_or_by_name_with_its_defaults():
    assert BlockCounts(1, 2) == BlockCounts(done=1, partly=2) == \
        BlockCounts(1, partly=2, missed=0, open=0)
    assert (BlockCounts().done, BlockCounts(3).total) == (0, 3)
    goal = GoalFigure("meetings", "meetings booked", None, 2)
    assert (goal.kind, goal.goal, goal.actual, goal.met) == ("meetings", None, 2, False)


def test_a_value_refuses_unknown_missing_doubled_and_extra_arguments():
    with pytest.raises(TypeError, match="'lable'"):
        FunnelStep(lable="x", count=1, rate=None)
    with pytest.raises(TypeError, match="'rate'"):
        FunnelStep("x", 1)
    with pytest.raises(TypeError, match="'label'"):
        FunnelStep("x", 1, None, label="y")
    with pytest.raises(TypeError, match="takes 3"):
        FunnelStep("x", 1, None, 4)


def test_a_value_is_frozen_hashable_and_equal_only_to_its_own_type():
    step = FunnelStep("replies", 3, 0.5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        step.count = 4
    with pytest.raises(dataclasses.FrozenInstanceError):
        del step.count
    assert hash(step) == hash(FunnelStep("replies", 3, 0.5))
    assert step != FunnelStep("replies", 4, 0.5)
    assert BlockCounts(1, 2, 3, 4) != (1, 2, 3, 4)
    with pytest.raises(TypeError):
        hash(Verdict("x", ["a list"], "busy"))  # as a frozen dataclass holding a list


def test_replace_asdict_fields_and_repr_are_the_dataclass_ones():
    verdict = Verdict("Busy, not productive.", ["3h, 0 results"], "busy")
    assert dataclasses.replace(verdict, rule="yield") == \
        Verdict("Busy, not productive.", ["3h, 0 results"], "yield")
    assert dataclasses.asdict(verdict) == {"headline": "Busy, not productive.",
                                           "reasons": ["3h, 0 results"], "rule": "busy"}
    assert repr(FunnelStep("held", 2, None)) == "FunnelStep(label='held', count=2, rate=None)"
    assert [f.name for f in dataclasses.fields(Trends)][:2] == ["weeks", "rows"]
    def period():
        return PeriodMetrics(
            start=date(2026, 12, 7), days=7, channels={}, blocks=BlockCounts(),
            planned_minutes=0, spent_minutes=0, networking_minutes=0, contacts_reached=0,
            replies=0, meetings_reported=0, meetings_scheduled=0, meetings_booked=0,
            meetings_held=0, conversations=0, new_contacts=0, applications=0, articles=0,
            goals={}, dates=[], daily_planned=[], daily_spent=[], daily_results=[])

    assert period().conversations_by_role == {} and period().end == date(2026, 12, 13)
    assert period().conversations_by_role is not period().conversations_by_role


def test_no_figure_type_has_methods_generated_for_it():
    # A frozen dataclass compiles six methods as its class is made, at every start.
    types = Value.__subclasses__()
    assert len(types) >= 10
    for cls in types:
        assert (cls.__init__, cls.__eq__, cls.__hash__, cls.__setattr__, cls.__repr__) == \
            (Value.__init__, Value.__eq__, Value.__hash__, Value.__setattr__, Value.__repr__), cls


def test_a_figure_type_that_value_could_not_build_is_refused_at_once():
    from tui.model.value import figures

    with pytest.raises(TypeError, match="__post_init__"):
        @figures
        class Checked(Value):
            """One the generated __init__ would have checked."""

            n: int

            def __post_init__(self):
                pass

    with pytest.raises(TypeError, match="init=False"):
        @figures
        class Derived(Value):
            """One with a field set after __init__."""

            n: int
            twice: int = dataclasses.field(init=False, default=0)

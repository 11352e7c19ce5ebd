"""No attribute of Prize's widgets, screens or app hides one of Textual's methods.

`ContactsPane.query = ""` hid `DOMNode.query()`: a double-click on the pane's
border made Textual call `widget.query("*")` and the app ended with
"'str' object is not callable". Both what a class defines and what an instance
sets while the app runs are checked.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.dom import DOMNode

import tui.ui


def _prize_classes() -> list[type]:
    for info in pkgutil.walk_packages(tui.ui.__path__, "tui.ui."):
        importlib.import_module(info.name)
    found, todo = set(), [DOMNode]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("tui."):
                found.add(sub)
    return sorted(found, key=lambda c: c.__qualname__)


def _textual_member(cls: type, name: str):
    """What Textual's classes behind `cls` define as `name` (None: nothing)."""
    for base in cls.__mro__:
        if base.__module__.startswith("textual") and name in vars(base):
            return vars(base)[name]
    return None


def _callable_like(member) -> bool:
    return inspect.isfunction(member) or isinstance(member, property | staticmethod |
                                                     classmethod) or callable(member)


def _clash(cls: type, name: str, value) -> str | None:
    theirs = _textual_member(cls, name)
    if theirs is None or name.startswith("__"):
        return None
    if inspect.isfunction(theirs) and not _callable_like(value):
        return f"{cls.__qualname__}.{name} = {value!r:.30} hides Textual's method {name}()"
    if isinstance(theirs, property) and inspect.isfunction(value):
        return f"{cls.__qualname__}.{name}() hides Textual's property {name}"
    return None


def test_no_class_attribute_hides_a_textual_method():
    problems = [p for cls in _prize_classes() for name, value in vars(cls).items()
                if (p := _clash(cls, name, value))]
    assert problems == []


def test_the_check_finds_the_old_query_attribute():
    from textual.widget import Widget

    class Shadowing(Widget):
        query = ""

    assert _clash(Shadowing, "query", "") is not None
    assert _clash(Shadowing, "compose", Shadowing.compose) is None


async def test_no_instance_attribute_hides_a_textual_method(demo_repo, make_app):
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screens = ["/", "r"]  # the planner; the review over it
        problems = []
        for key in screens:
            if key != "/":
                await pilot.press(key)
                await pilot.pause()
            for node in [app, *app.screen.walk_children(with_self=True)]:
                for name, value in vars(node).items():
                    if (p := _clash(type(node), name, value)):
                        problems.append(p)
        assert problems == []

"""Text charts for the review and the report: a sparkline of daily figures and a
horizontal bar, drawn with block characters so they need no colour to be read.
"""

from __future__ import annotations

SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    """One character per value, ▁ for zero (or less) up to █ for the largest."""
    top = max((v for v in values if v > 0), default=0)
    if not top:
        return SPARK[0] * len(values)
    # Any value above zero gets at least ▂, so a small result never looks like none.
    return "".join(SPARK[0] if v <= 0 else SPARK[1 + (12 * v + top) // (2 * top)]
                   for v in values)


def bar(value: float, maximum: float, width: int) -> str:
    """`width` cells: █ for the share of `maximum`, ░ for the rest (at least one █ if > 0)."""
    if width <= 0:
        return ""
    filled = 0
    if maximum > 0 and value > 0:
        filled = min(max(round(width * value / maximum), 1), width)
    return "█" * filled + "░" * (width - filled)

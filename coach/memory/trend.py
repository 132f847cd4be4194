"""Trend of a score series: least-squares slope over the last five scores with a dead band.

A slope above +2.5 points per session is "improving", below -2.5 "declining", anything in between
(or fewer than two scores) "stagnant". The dead band keeps ordinary session-to-session noise from
flipping the label.
"""

from __future__ import annotations

from typing import Literal

Trend = Literal["improving", "stagnant", "declining"]
WINDOW = 5
DEAD_BAND = 2.5


def slope(values: list[float]) -> float:
    """Points gained per session, least squares over the values in order."""
    n = len(values)
    if n < 2:
        return 0.0
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    num = sum((i - mean_x) * (v - mean_y) for i, v in enumerate(values))
    den = sum((i - mean_x) ** 2 for i in range(n))
    return num / den


def trend(values: list[float]) -> Trend:
    s = slope(values[-WINDOW:])
    if s > DEAD_BAND:
        return "improving"
    if s < -DEAD_BAND:
        return "declining"
    return "stagnant"

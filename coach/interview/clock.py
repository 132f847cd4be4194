"""A manual clock so a whole interview can be played instantly in simulations and tests."""

from __future__ import annotations


class FakeClock:
    """Callable like time.monotonic; time only moves when advance() is called."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def __call__(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("time cannot go backwards")
        self._now += seconds

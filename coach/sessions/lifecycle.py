"""Session states: created -> live -> transcript -> analysis -> results, plus interrupted and abandoned."""

from __future__ import annotations

TRANSITIONS: dict[str, frozenset[str]] = {
    "created": frozenset({"live", "abandoned"}),
    "live": frozenset({"transcript", "interrupted", "abandoned"}),
    "interrupted": frozenset({"analysis", "abandoned"}),
    "abandoned": frozenset({"analysis"}),
    "transcript": frozenset({"analysis"}),
    "analysis": frozenset({"results", "transcript"}),
    "results": frozenset({"analysis"}),
}
ENDED = frozenset({"transcript", "interrupted", "abandoned", "analysis", "results"})


class InvalidSessionState(ValueError):
    pass


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def check_move(current: str, target: str) -> None:
    if not can_move(current, target):
        raise InvalidSessionState(f"A session in '{current}' cannot move to '{target}'.")

"""Job target lifecycle rules shared by the API and the worker."""

from __future__ import annotations

from typing import Literal

JobStatus = Literal["saved", "applied", "interview", "offer", "rejected"]
JobSource = Literal["linkedin", "naukri", "indeed", "greenhouse", "lever", "company", "manual", "other"]

# Forward through the pipeline; rejected from anywhere; a rejected job can be re-opened as saved.
TRANSITIONS: dict[str, frozenset[str]] = {
    "saved": frozenset({"applied", "interview", "rejected"}),
    "applied": frozenset({"interview", "offer", "rejected"}),
    "interview": frozenset({"offer", "rejected"}),
    "offer": frozenset({"rejected"}),
    "rejected": frozenset({"saved"}),
}


class InvalidTransition(ValueError):
    pass


def check_transition(current: str, target: str) -> None:
    if target == current:
        return
    allowed = TRANSITIONS.get(current, frozenset())
    if target not in allowed:
        options = ", ".join(sorted(allowed)) or "none"
        raise InvalidTransition(f"A job in '{current}' cannot move to '{target}' (allowed: {options}).")

"""Participant identities in an interview room.

The agent filters audio by these, so the token minter and the worker must agree on them.
"""

from __future__ import annotations

CANDIDATE_PREFIX = "candidate-"
INTERVIEWER_PREFIX = "interviewer-"
COACH_PREFIX = "coach-"


def candidate_identity(session_id: str) -> str:
    return f"{CANDIDATE_PREFIX}{session_id}"


def interviewer_identity(session_id: str) -> str:
    return f"{INTERVIEWER_PREFIX}{session_id}"


def coach_identity(coach_id: str) -> str:
    return f"{COACH_PREFIX}{coach_id}"

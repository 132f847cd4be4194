"""Simulated candidates: a series of analysed sessions whose answers get better (or worse) over time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coach.analysis import SessionAnalysis, analyze_session
from tests.coach.analysis.answer_bank import LADDER, case, session

START = datetime(2025, 3, 1, 18, 0, tzinfo=UTC)


def analysed_session(level: int, *, job_target_id: str = "job-1") -> SessionAnalysis:
    """One session answering the ladder questions at the given level (0 vague ... 3 strong)."""
    pairs = [(case(qid).question, answers[level]) for qid, answers in LADDER.items()]
    plan, turns = session(pairs, job_target_id=job_target_id)
    return analyze_session(plan, turns)


def stored(analysis: SessionAnalysis, day: int) -> dict:
    """As the companion stores it: JSON plus when the session happened."""
    return {**analysis.model_dump(mode="json"), "created_at": (START + timedelta(days=day)).isoformat()}


def improving() -> list[SessionAnalysis]:
    return [analysed_session(level) for level in range(4)]


def declining() -> list[SessionAnalysis]:
    return [analysed_session(level) for level in reversed(range(4))]

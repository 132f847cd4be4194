"""Career memory: skill patterns, analyses, attempts, the answer library and drills."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, select

from coach.memory.patterns import WEAKNESS_THRESHOLD

from storage.models import (
    AnswerAttempt,
    Drill,
    InterviewAnalysis,
    InterviewPlanRecord,
    InterviewSession,
    StarStory,
    UserSkillPattern,
)


def skill_patterns(session: Session, *, user_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = session.exec(select(UserSkillPattern).where(UserSkillPattern.user_id == user_id))
    return [
        {"dimension": r.dimension, "occurrences": r.occurrences, "trend": r.trend,
         "last_seen": r.last_seen.isoformat() if r.last_seen else None, "recent_scores": r.recent_scores,
         "active": bool(r.recent_scores) and r.recent_scores[-1] < WEAKNESS_THRESHOLD}
        for r in rows
    ]


def analyses(
    session: Session, *, user_id: uuid.UUID, job_target_id: uuid.UUID | None = None, role_kit: str | None = None
) -> list[InterviewAnalysis]:
    """Oldest first, as readiness reads them."""
    stmt = select(InterviewAnalysis).where(InterviewAnalysis.user_id == user_id)
    if job_target_id is not None:
        stmt = stmt.where(InterviewAnalysis.job_target_id == job_target_id)
    rows = list(session.exec(stmt.order_by(InterviewAnalysis.created_at)))
    if role_kit is not None:
        rows = [r for r in rows if r.result.get("role_kit") == role_kit]
    return rows


def analysis_dicts(rows: list[InterviewAnalysis]) -> list[dict[str, Any]]:
    return [{**r.result, "created_at": r.created_at.isoformat()} for r in rows]


def plan_for(session: Session, row: InterviewSession) -> dict[str, Any]:
    return session.get(InterviewPlanRecord, row.plan_id).plan


def attempts(session: Session, *, session_id: uuid.UUID, question_id: str | None = None) -> list[AnswerAttempt]:
    stmt = select(AnswerAttempt).where(AnswerAttempt.session_id == session_id)
    if question_id is not None:
        stmt = stmt.where(AnswerAttempt.question_id == question_id)
    return list(session.exec(stmt.order_by(AnswerAttempt.attempt_no)))


def stories(session: Session, *, user_id: uuid.UUID, job_target_id: uuid.UUID | None = None) -> list[StarStory]:
    stmt = select(StarStory).where(StarStory.user_id == user_id)
    if job_target_id is not None:
        stmt = stmt.where((StarStory.job_target_id == job_target_id) | (StarStory.job_target_id.is_(None)))
    return list(session.exec(stmt.order_by(StarStory.created_at.desc())))


def drills(session: Session, *, user_id: uuid.UUID, status: str | None = None) -> list[Drill]:
    stmt = select(Drill).where(Drill.user_id == user_id)
    if status is not None:
        stmt = stmt.where(Drill.status == status)
    return list(session.exec(stmt.order_by(Drill.created_at.desc())))


def get_drill(session: Session, *, user_id: uuid.UUID, drill_id: uuid.UUID) -> Drill | None:
    row = session.get(Drill, drill_id)
    return row if row is not None and row.user_id == user_id else None

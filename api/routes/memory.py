"""Career memory: readiness per job and role, what to practise next, skill patterns, the dashboard."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Query
from sqlmodel import Session

from api.deps import CurrentUser, SessionDep
from api.routes.jobs import owned_job
from coach.interview.kits import role_kit_for
from coach.memory.readiness import readiness
from coach.memory.suggestions import practice_suggestions
from storage.models import User
from storage.queries import memory as mq
from storage.queries import sessions as sq
from storage.types import utcnow

router = APIRouter(tags=["career memory"])


def _weights(kit_id: str | None) -> dict[str, float]:
    return {c.name: c.weight for c in role_kit_for(kit_id).competencies}


def job_readiness(session: Session, user: User, job_id: uuid.UUID) -> dict[str, Any]:
    job = owned_job(session, user, job_id)
    rows = mq.analyses(session, user_id=user.id, job_target_id=job.id)
    kit = (job.jd_parsed or {}).get("role_family")
    result = readiness(mq.analysis_dicts(rows), rubric_weights=_weights(kit), jd_parsed=job.jd_parsed)
    history = [
        {"session_id": str(r.session_id), "at": r.created_at.isoformat(), "score": r.overall_score,
         "readiness": (r.readiness_after or {}).get("score")}
        for r in rows
    ]
    return {"job_id": str(job.id), **result.model_dump(mode="json"), "history": history}


@router.get("/api/jobs/{job_id}/readiness")
def get_job_readiness(job_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    return job_readiness(session, user, job_id)


@router.get("/api/memory/readiness")
def role_readiness(
    user: CurrentUser, session: SessionDep, role: str = Query(min_length=2, max_length=64)
) -> dict[str, Any]:
    kit = role_kit_for(role)
    rows = mq.analyses(session, user_id=user.id, role_kit=kit.id)
    result = readiness(mq.analysis_dicts(rows), rubric_weights=_weights(kit.id), jd_parsed=None)
    return {"role_kit": kit.id, **result.model_dump(mode="json")}


@router.get("/api/jobs/{job_id}/practice-suggestions")
def get_practice_suggestions(job_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    job = owned_job(session, user, job_id)
    kit = role_kit_for((job.jd_parsed or {}).get("role_family"))
    suggestions = practice_suggestions(
        jd_parsed=job.jd_parsed, patterns=mq.skill_patterns(session, user_id=user.id),
        sessions=mq.analysis_dicts(mq.analyses(session, user_id=user.id, job_target_id=job.id)),
        role_kit_competencies=[c.name for c in kit.competencies],
    )
    return {"job_id": str(job.id), "role_kit": kit.id, "suggestions": suggestions}


@router.get("/api/memory/skill-patterns")
def get_skill_patterns(user: CurrentUser, session: SessionDep) -> list[dict[str, Any]]:
    return mq.skill_patterns(session, user_id=user.id)


@router.get("/api/dashboard")
def dashboard(user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    sessions = sq.list_sessions(session, user_id=user.id, limit=500)
    rows = mq.analyses(session, user_id=user.id)
    patterns = mq.skill_patterns(session, user_id=user.id)
    return {
        "stats": _stats(sessions, rows),
        "recent_sessions": [_recent(s, rows) for s in sessions[:5]],
        "skills": _skills(patterns),
        "weekly_goals": _weekly(sessions, mq.drills(session, user_id=user.id, status="completed")),
    }


def _stats(sessions: list, rows: list) -> dict[str, Any]:  # type: ignore[type-arg]
    seconds = sum((s.ended_at - s.started_at).total_seconds() for s in sessions if s.started_at and s.ended_at)
    return {"sessions": len(sessions), "practice_minutes": round(seconds / 60, 1), "streak_days": _streak(sessions),
            "score_trend": [{"at": r.created_at.isoformat(), "score": r.overall_score} for r in rows[-10:]]}


def _streak(sessions: list) -> int:  # type: ignore[type-arg]
    """Consecutive days up to today (or yesterday) with at least one started session."""
    days = {s.started_at.date() for s in sessions if s.started_at}
    day = utcnow().date()
    if day not in days:
        day -= timedelta(days=1)
    streak = 0
    while day in days:
        streak, day = streak + 1, day - timedelta(days=1)
    return streak


def _recent(row, analyses: list) -> dict[str, Any]:  # type: ignore[no-untyped-def, type-arg]
    score = next((a.overall_score for a in analyses if a.session_id == row.id), None)
    return {"id": str(row.id), "state": row.state, "mode": row.mode, "job_target_id": str(row.job_target_id)
            if row.job_target_id else None, "created_at": row.created_at.isoformat(), "score": score}


def _skills(patterns: list[dict[str, Any]]) -> dict[str, list[str]]:
    latest = {p["dimension"]: (p["recent_scores"] or [0])[-1] for p in patterns}
    return {
        "improving": sorted(p["dimension"] for p in patterns if p["trend"] == "improving"),
        "strengths": sorted(d for d, s in latest.items() if s >= 70),
        "areas_to_improve": sorted((d for d, s in latest.items() if s < 60), key=lambda d: latest[d]),
    }


def _weekly(sessions: list, drills: list) -> list[dict[str, Any]]:  # type: ignore[type-arg]
    week_start = utcnow() - timedelta(days=utcnow().weekday())
    week_start = week_start.replace(hour=0, minute=0, second=0, microsecond=0)
    done = sum(1 for s in sessions if s.started_at and s.started_at >= week_start)
    drilled = sum(1 for d in drills if d.completed_at and d.completed_at >= week_start)
    return [{"goal": "Practice sessions", "target": 3, "done": done},
            {"goal": "Drills completed", "target": 5, "done": drilled}]

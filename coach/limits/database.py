"""Counting a user's use from the rows the product already writes (no extra bookkeeping without Redis)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, select

from storage.models import AnalysisJob, Drill, InterviewSession

# One generation writes all its drills in one commit; rows further apart than this are separate generations.
_BATCH_GAP = timedelta(seconds=2)


def count_since(session: Session, rule_name: str, *, user_id: uuid.UUID, since: datetime) -> int:
    if rule_name == "drill_generations_per_day":
        return _drill_generations(session, user_id, since)
    model = {"sessions_per_day": InterviewSession, "analyses_per_hour": AnalysisJob}[rule_name]
    stmt = select(sa.func.count()).select_from(model).where(model.user_id == user_id, model.created_at >= since)
    return int(session.exec(stmt).one())


def _drill_generations(session: Session, user_id: uuid.UUID, since: datetime) -> int:
    stmt = select(Drill.created_at).where(Drill.user_id == user_id, Drill.created_at >= since)
    times = sorted(session.exec(stmt))
    return sum(1 for i, t in enumerate(times) if i == 0 or t - times[i - 1] > _BATCH_GAP)

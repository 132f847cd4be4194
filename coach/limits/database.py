"""Counting a user's use from the rows the product already writes (no extra bookkeeping without Redis)."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, select

from storage.models import AnalysisJob, Drill, InterviewSession


def count_since(session: Session, rule_name: str, *, user_id: uuid.UUID, since: datetime) -> int:
    if rule_name == "drill_generations_per_day":
        # One generation stamps all its drills with one created_at, so distinct stamps are generations.
        counted = sa.func.count(sa.distinct(Drill.created_at))
        stmt = select(counted).where(Drill.user_id == user_id, Drill.created_at >= since)
        return int(session.exec(stmt).one())
    model = {"sessions_per_day": InterviewSession, "analyses_per_hour": AnalysisJob}[rule_name]
    stmt = (
        select(sa.func.count()).select_from(model).where(model.user_id == user_id, model.created_at >= since)
    )
    return int(session.exec(stmt).one())

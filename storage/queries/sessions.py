"""Interview plans, sessions, transcript turns and their events."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from storage.models import (
    InterviewPlanRecord,
    InterviewSession,
    SessionEvent,
    TranscriptTurnRecord,
    TurnLatency,
    UsageRecord,
)
from storage.types import utcnow


def get_plan(session: Session, *, user_id: uuid.UUID, plan_id: uuid.UUID) -> InterviewPlanRecord | None:
    plan = session.get(InterviewPlanRecord, plan_id)
    return plan if plan is not None and plan.user_id == user_id else None


def get_session(session: Session, *, user_id: uuid.UUID, session_id: uuid.UUID) -> InterviewSession | None:
    row = session.get(InterviewSession, session_id)
    return row if row is not None and row.user_id == user_id else None


def list_sessions(
    session: Session, *, user_id: uuid.UUID, job_target_id: uuid.UUID | None = None, limit: int = 20, offset: int = 0
) -> list[InterviewSession]:
    stmt = select(InterviewSession).where(InterviewSession.user_id == user_id)
    if job_target_id is not None:
        stmt = stmt.where(InterviewSession.job_target_id == job_target_id)
    stmt = stmt.order_by(InterviewSession.created_at.desc()).limit(limit).offset(offset)
    return list(session.exec(stmt))


def turns(session: Session, *, session_id: uuid.UUID) -> list[TranscriptTurnRecord]:
    stmt = select(TranscriptTurnRecord).where(TranscriptTurnRecord.session_id == session_id)
    return list(session.exec(stmt.order_by(TranscriptTurnRecord.seq)))


def next_seq(session: Session, *, session_id: uuid.UUID) -> int:
    stmt = select(sa.func.max(TranscriptTurnRecord.seq)).where(TranscriptTurnRecord.session_id == session_id)
    current = session.exec(stmt).one()
    return 0 if current is None else int(current) + 1


def append_turn(session: Session, *, session_id: uuid.UUID, fields: dict[str, Any]) -> TranscriptTurnRecord:
    """Write one turn and commit at once: a crash after this keeps it."""
    row = TranscriptTurnRecord(session_id=session_id, seq=next_seq(session, session_id=session_id), **fields)
    session.add(row)
    session.commit()
    session.refresh(row)
    return row


def record_event(session: Session, *, session_id: uuid.UUID | None, kind: str, data: dict | None = None) -> None:
    session.add(SessionEvent(session_id=session_id, kind=kind, data=data or {}))
    session.commit()


def events(session: Session, *, session_id: uuid.UUID) -> list[SessionEvent]:
    stmt = select(SessionEvent).where(SessionEvent.session_id == session_id).order_by(SessionEvent.at)
    return list(session.exec(stmt))


def set_state(session: Session, *, row: InterviewSession, state: str, reason: str | None = None) -> None:
    previous = row.state
    row.state = state
    row.updated_at = utcnow()
    if state == "live" and row.started_at is None:
        row.started_at = row.updated_at
    if state in ("transcript", "interrupted", "abandoned") and row.ended_at is None:
        row.ended_at = row.updated_at
        row.end_reason = reason
    session.add(row)
    session.add(SessionEvent(session_id=row.id, kind="state", data={"from": previous, "to": state, "reason": reason}))
    session.commit()


def add_latency(session: Session, *, session_id: uuid.UUID, total_ms: float, breakdown: dict) -> None:
    session.add(TurnLatency(session_id=session_id, total_ms=total_ms, breakdown=breakdown))
    session.commit()


def latencies(session: Session, *, session_id: uuid.UUID) -> list[TurnLatency]:
    stmt = select(TurnLatency).where(TurnLatency.session_id == session_id).order_by(TurnLatency.at)
    return list(session.exec(stmt))


def add_usage(session: Session, *, user_id: uuid.UUID, session_id: uuid.UUID | None, **fields: Any) -> None:
    session.add(UsageRecord(user_id=user_id, session_id=session_id, **fields))
    session.commit()


def usage(session: Session, *, session_id: uuid.UUID) -> list[UsageRecord]:
    return list(session.exec(select(UsageRecord).where(UsageRecord.session_id == session_id)))


def find_by_pin(session: Session, *, pin: str) -> InterviewSession | None:
    stmt = select(InterviewSession).where(
        InterviewSession.phone_pin == pin, InterviewSession.state.in_(("created", "live"))
    )
    return session.exec(stmt).first()

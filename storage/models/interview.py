from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from storage.types import created_field, id_field, json_field, owner_field, ts_field

SESSION_STATES = ("created", "live", "transcript", "analysis", "results", "interrupted", "abandoned")


class InterviewConfig(SQLModel, table=True):
    __tablename__ = "interview_configs"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = owner_field()
    job_target_id: uuid.UUID | None = Field(
        default=None, foreign_key="job_targets.id", index=True, ondelete="SET NULL"
    )
    role_kit: str = Field(max_length=64)
    interview_type: str = Field(max_length=32)
    coding_mode: str | None = Field(default=None, max_length=16)
    difficulty: str = Field(default="standard", max_length=16)
    duration_min: int = 15
    persona: dict[str, Any] = json_field()
    jd_text: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = created_field()


class InterviewPlanRecord(SQLModel, table=True):
    __tablename__ = "interview_plans"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = owner_field()
    config_id: uuid.UUID | None = Field(default=None, foreign_key="interview_configs.id", ondelete="SET NULL")
    job_target_id: uuid.UUID | None = Field(
        default=None, foreign_key="job_targets.id", index=True, ondelete="SET NULL"
    )
    plan: dict[str, Any] = json_field()
    generated_by: str = Field(default="offline", max_length=16)
    created_at: datetime = created_field()


class InterviewSession(SQLModel, table=True):
    __tablename__ = "interview_sessions"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = owner_field()
    job_target_id: uuid.UUID | None = Field(
        default=None, foreign_key="job_targets.id", index=True, ondelete="SET NULL"
    )
    plan_id: uuid.UUID = Field(foreign_key="interview_plans.id")
    mode: str = Field(default="text", max_length=8)
    transport: str = Field(default="text", max_length=16)
    state: str = Field(default="created", max_length=16, index=True)
    room_name: str | None = Field(default=None, max_length=128)
    phone_pin: str | None = Field(default=None, max_length=8, index=True)
    started_at: datetime | None = ts_field()
    ended_at: datetime | None = ts_field()
    end_reason: str | None = Field(default=None, max_length=32)
    cost_usd: float = 0.0
    created_at: datetime = created_field()
    updated_at: datetime = created_field()


class TranscriptTurnRecord(SQLModel, table=True):
    """One spoken or typed turn, written the moment it completes."""

    __tablename__ = "transcript_turns"
    __table_args__ = (sa.UniqueConstraint("session_id", "seq", name="uq_transcript_turns_session_seq"),)

    id: uuid.UUID = id_field()
    session_id: uuid.UUID = Field(foreign_key="interview_sessions.id", index=True, ondelete="CASCADE")
    seq: int
    role: str = Field(max_length=16)
    kind: str = Field(max_length=16)
    text: str = Field(sa_type=sa.Text)
    question_id: str | None = Field(default=None, max_length=64)
    started_at: datetime | None = ts_field()
    ended_at: datetime | None = ts_field()
    interrupted: bool = False
    metrics: dict[str, Any] | None = json_field(default_factory=lambda: None, nullable=True)
    created_at: datetime = created_field()


class SessionEvent(SQLModel, table=True):
    """Lifecycle transitions and room/participant events, each with its timestamp."""

    __tablename__ = "session_events"

    id: uuid.UUID = id_field()
    session_id: uuid.UUID | None = Field(
        default=None, foreign_key="interview_sessions.id", index=True, ondelete="CASCADE"
    )
    kind: str = Field(max_length=48)
    data: dict[str, Any] = json_field()
    at: datetime = created_field()


class TurnLatency(SQLModel, table=True):
    __tablename__ = "turn_latencies"

    id: uuid.UUID = id_field()
    session_id: uuid.UUID = Field(foreign_key="interview_sessions.id", index=True, ondelete="CASCADE")
    total_ms: float
    breakdown: dict[str, Any] = json_field()
    at: datetime = created_field()


class UsageRecord(SQLModel, table=True):
    """One provider call's usage (tokens, characters, audio seconds): the cost feed."""

    __tablename__ = "usage_records"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = owner_field()
    session_id: uuid.UUID | None = Field(
        default=None, foreign_key="interview_sessions.id", index=True, ondelete="CASCADE"
    )
    provider: str = Field(max_length=64)
    metric: str = Field(max_length=32)
    value: float
    cost_usd: float = 0.0
    at: datetime = created_field()

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from storage.types import created_field, id_field, json_field, owner_field, ts_field


class AnalysisJob(SQLModel, table=True):
    """The durable record of one analysis run; the queue only carries its id."""

    __tablename__ = "analysis_jobs"

    id: uuid.UUID = id_field()
    session_id: uuid.UUID = Field(foreign_key="interview_sessions.id", index=True, ondelete="CASCADE")
    user_id: uuid.UUID = owner_field()
    status: str = Field(default="PENDING", max_length=12, index=True)
    progress: int = 0
    attempts: int = 0
    error: str | None = Field(default=None, sa_type=sa.Text)
    next_attempt_at: datetime | None = ts_field()
    started_at: datetime | None = ts_field()
    finished_at: datetime | None = ts_field()
    created_at: datetime = created_field()
    updated_at: datetime = created_field()


class InterviewAnalysis(SQLModel, table=True):
    __tablename__ = "interview_analyses"

    id: uuid.UUID = id_field()
    session_id: uuid.UUID = Field(foreign_key="interview_sessions.id", unique=True, ondelete="CASCADE")
    user_id: uuid.UUID = owner_field()
    job_target_id: uuid.UUID | None = Field(default=None, index=True)
    overall_score: float
    result: dict[str, Any] = json_field()
    readiness_before: dict[str, Any] | None = json_field(default_factory=lambda: None, nullable=True)
    readiness_after: dict[str, Any] | None = json_field(default_factory=lambda: None, nullable=True)
    generated_by: str = Field(default="offline", max_length=16)
    cost_usd: float = 0.0
    created_at: datetime = created_field()


class UserSkillPattern(SQLModel, table=True):
    __tablename__ = "user_skill_patterns"
    __table_args__ = (sa.UniqueConstraint("user_id", "dimension", name="uq_skill_patterns_user_dimension"),)

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = owner_field()
    dimension: str = Field(max_length=96)
    occurrences: int = 0
    last_seen: datetime | None = ts_field()
    trend: str = Field(default="stagnant", max_length=12)
    recent_scores: list[float] = json_field(default_factory=list)
    updated_at: datetime = created_field()


class AnswerAttempt(SQLModel, table=True):
    """A retry of one exchange (typed or spoken), scored like the original; the best is final."""

    __tablename__ = "answer_attempts"

    id: uuid.UUID = id_field()
    session_id: uuid.UUID = Field(foreign_key="interview_sessions.id", index=True, ondelete="CASCADE")
    user_id: uuid.UUID = owner_field()
    question_id: str = Field(max_length=64)
    attempt_no: int
    text: str = Field(sa_type=sa.Text)
    score: float
    result: dict[str, Any] = json_field()
    is_final: bool = False
    created_at: datetime = created_field()


class StarStory(SQLModel, table=True):
    __tablename__ = "star_stories"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = owner_field()
    job_target_id: uuid.UUID | None = Field(default=None, foreign_key="job_targets.id", ondelete="SET NULL")
    session_id: uuid.UUID | None = Field(default=None, foreign_key="interview_sessions.id", ondelete="SET NULL")
    source_attempt_id: uuid.UUID | None = Field(default=None, foreign_key="answer_attempts.id", ondelete="SET NULL")
    question_id: str | None = Field(default=None, max_length=64)
    competency: str | None = Field(default=None, max_length=96)
    title: str = Field(max_length=200)
    polished_answer: str = Field(sa_type=sa.Text)
    coach_notes: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = created_field()


class Drill(SQLModel, table=True):
    __tablename__ = "drills"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = owner_field()
    job_target_id: uuid.UUID | None = Field(default=None, foreign_key="job_targets.id", ondelete="SET NULL")
    dimension: str = Field(max_length=96)
    question: str = Field(sa_type=sa.Text)
    spec: dict[str, Any] = json_field()  # the generated drill: kind, competency, hints, outline, reason
    status: str = Field(default="pending", max_length=12, index=True)
    answer: str | None = Field(default=None, sa_type=sa.Text)
    score: float | None = None
    result: dict[str, Any] | None = json_field(default_factory=lambda: None, nullable=True)
    created_at: datetime = created_field()
    completed_at: datetime | None = ts_field()

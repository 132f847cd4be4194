from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from storage.types import created_field, id_field, owner_field, ts_field

GRANT_SCOPES = ("all", "job")
GRANT_STATUSES = ("pending", "active", "revoked")


class CoachGrant(SQLModel, table=True):
    """A candidate letting one coach see their sessions: all of them, or those of one job.

    The invite token is shown once to the candidate and stored only as a digest.
    """

    __tablename__ = "coach_grants"

    id: uuid.UUID = id_field()
    candidate_id: uuid.UUID = owner_field()
    coach_email: str = Field(max_length=320, index=True)
    coach_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", index=True, ondelete="CASCADE")
    scope: str = Field(default="all", max_length=8)
    job_target_id: uuid.UUID | None = Field(
        default=None, foreign_key="job_targets.id", index=True, ondelete="CASCADE"
    )
    status: str = Field(default="pending", max_length=12, index=True)
    invite_hash: str = Field(unique=True, index=True, max_length=64)
    invite_expires_at: datetime = ts_field(nullable=False)
    accepted_at: datetime | None = ts_field()
    revoked_at: datetime | None = ts_field()
    created_at: datetime = created_field()
    updated_at: datetime = created_field()


class TranscriptComment(SQLModel, table=True):
    """A coach's note on one turn of a session's transcript, shown on the candidate's results page."""

    __tablename__ = "transcript_comments"
    __table_args__ = (sa.Index("ix_transcript_comments_session_seq", "session_id", "turn_seq"),)

    id: uuid.UUID = id_field()
    session_id: uuid.UUID = Field(foreign_key="interview_sessions.id", ondelete="CASCADE")
    turn_seq: int
    author_id: uuid.UUID = owner_field()
    text: str = Field(sa_type=sa.Text)
    created_at: datetime = created_field()

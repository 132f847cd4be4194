from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, created_field, id_field, json_field, owner_field


class JobTarget(SQLModel, table=True):
    """A real job the candidate is preparing for: the anchor of plans, sessions and readiness."""

    __tablename__ = "job_targets"
    __table_args__ = (sa.UniqueConstraint("user_id", "job_url", name="uq_job_targets_user_url"),)

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = owner_field()
    source: str = Field(default="manual", max_length=32, index=True)
    job_url: str | None = Field(default=None, max_length=2048)
    company_name: str | None = Field(default=None, max_length=200, index=True)
    role_title: str | None = Field(default=None, max_length=200)
    location: str | None = Field(default=None, max_length=200)
    jd_text: str | None = Field(default=None, sa_type=sa.Text)
    jd_parsed: dict[str, Any] = json_field()
    status: str = Field(default="saved", max_length=16, index=True)
    created_at: datetime = created_field()
    updated_at: datetime = created_field()


class InterviewStage(SQLModel, table=True):
    __tablename__ = "interview_stages"

    id: uuid.UUID = id_field()
    job_id: uuid.UUID = Field(foreign_key="job_targets.id", index=True, ondelete="CASCADE")
    user_id: uuid.UUID = owner_field()
    stage_name: str = Field(max_length=120)
    date: datetime = Field(sa_type=UTCDateTime)
    status: str = Field(default="Scheduled", max_length=16)
    notes: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = created_field()
    updated_at: datetime = created_field()


class InterviewContact(SQLModel, table=True):
    __tablename__ = "interview_contacts"

    id: uuid.UUID = id_field()
    job_id: uuid.UUID = Field(foreign_key="job_targets.id", index=True, ondelete="CASCADE")
    user_id: uuid.UUID = owner_field()
    name: str = Field(max_length=200)
    title: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=40)
    linkedin_url: str | None = Field(default=None, max_length=2048)
    notes: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = created_field()
    updated_at: datetime = created_field()


class Resume(SQLModel, table=True):
    """The candidate's current resume; one per user, replaced on upload."""

    __tablename__ = "resumes"

    id: uuid.UUID = id_field()
    user_id: uuid.UUID = Field(foreign_key="users.id", unique=True, ondelete="CASCADE")
    filename: str | None = Field(default=None, max_length=255)
    content_type: str | None = Field(default=None, max_length=100)
    text: str = Field(sa_type=sa.Text)
    profile: dict[str, Any] = json_field()
    created_at: datetime = created_field()

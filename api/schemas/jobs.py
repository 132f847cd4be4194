from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import AnyHttpUrl, BaseModel, Field, model_validator

from coach.jobs import JobSource, JobStatus


class JobIn(BaseModel):
    """What the extension sends to /api/jobs/save, and what a pasted job carries."""

    source: JobSource = "manual"
    job_url: AnyHttpUrl | None = Field(default=None, description="The posting's URL; saving it again updates.")
    company_name: str | None = Field(default=None, max_length=200)
    role_title: str | None = Field(default=None, max_length=200)
    location: str | None = Field(default=None, max_length=200)
    jd_text: str | None = Field(default=None, description="The job description text (size limit: MAX_JD_CHARS).")

    @model_validator(mode="after")
    def _needs_url_or_text(self) -> JobIn:
        if self.job_url is None and not (self.jd_text or "").strip():
            raise ValueError("job_url or jd_text is required")
        return self


class JobStatusIn(BaseModel):
    status: JobStatus


class JobPublic(BaseModel):
    id: uuid.UUID
    source: str
    job_url: str | None
    company_name: str | None
    role_title: str | None
    location: str | None
    jd_text: str | None
    jd_parsed: dict[str, Any]
    status: str
    created_at: datetime
    updated_at: datetime
    outcome: Literal["created", "updated"] | None = None


class JobList(BaseModel):
    items: list[JobPublic]
    total: int
    limit: int
    offset: int


class StageIn(BaseModel):
    stage_name: str = Field(min_length=1, max_length=120)
    date: datetime
    status: Literal["Scheduled", "Completed", "Canceled", "Pending"] = "Scheduled"
    notes: str | None = Field(default=None, max_length=5000)


class StagePublic(StageIn):
    id: uuid.UUID
    job_id: uuid.UUID
    created_at: datetime


class ContactIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    title: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str | None = Field(default=None, max_length=40)
    linkedin_url: AnyHttpUrl | None = None
    notes: str | None = Field(default=None, max_length=5000)


class ContactPublic(BaseModel):
    id: uuid.UUID
    job_id: uuid.UUID
    name: str
    title: str | None
    email: str | None
    phone: str | None
    linkedin_url: str | None
    notes: str | None
    created_at: datetime


class JobInterviews(BaseModel):
    stages: list[StagePublic]
    contacts: list[ContactPublic]


class GeneratedQuestions(BaseModel):
    behavioral_questions: list[str]
    technical_questions: list[str]
    generated_by: Literal["offline", "llm"] = "offline"

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from coach.interview.schema import Difficulty, InterviewPlan, InterviewType, Persona

Transport = Literal["text", "webrtc", "livekit", "phone"]


class PlanRequest(BaseModel):
    """The spec's plan inputs. With job_target_id, the job's parsed JD, history, resume and weaknesses fill in."""

    role_kit: str | None = Field(default=None, max_length=64, description="Kit id; defaults to the job's role family")
    interview_type: InterviewType = "behavioral"
    coding_mode: Literal["explain", "debug", "modify"] | None = None
    difficulty: Difficulty = "standard"
    duration_min: int = Field(default=15, ge=5, le=90)
    persona: Persona | None = None
    job_target_id: uuid.UUID | None = None
    resume_profile: dict[str, Any] | None = None
    jd_parsed: dict[str, Any] | None = None
    job_target_history: list[dict[str, Any]] | None = None
    user_weakness_patterns: list[dict[str, Any]] | None = None


class PlanPublic(BaseModel):
    id: uuid.UUID
    job_target_id: uuid.UUID | None
    plan: InterviewPlan
    created_at: datetime


class SessionCreate(BaseModel):
    plan_id: uuid.UUID | None = None
    config: PlanRequest | None = Field(default=None, description="Generate a plan from these inputs instead")
    mode: Literal["text", "voice"] = "text"
    transport: Transport | None = None

    @model_validator(mode="after")
    def _consistent(self) -> SessionCreate:
        if (self.plan_id is None) == (self.config is None):
            raise ValueError("give exactly one of plan_id or config")
        if self.transport is None:
            self.transport = "text" if self.mode == "text" else "webrtc"
        if (self.mode == "text") != (self.transport == "text"):
            raise ValueError(f"transport '{self.transport}' does not fit mode '{self.mode}'")
        return self


class TurnPublic(BaseModel):
    seq: int
    role: str
    kind: str
    text: str
    question_id: str | None
    started_at: datetime | None
    ended_at: datetime | None
    interrupted: bool
    metrics: dict[str, Any] | None


class SessionPublic(BaseModel):
    id: uuid.UUID
    state: str
    mode: str
    transport: str
    plan_id: uuid.UUID
    job_target_id: uuid.UUID | None
    started_at: datetime | None
    ended_at: datetime | None
    end_reason: str | None
    created_at: datetime
    links: dict[str, str] = Field(default_factory=dict)
    join: dict[str, Any] | None = Field(default=None, description="How to join: LiveKit token, or phone PIN")


class SessionDetail(SessionPublic):
    plan: InterviewPlan
    turns: list[TurnPublic]
    events: list[dict[str, Any]]
    latency: dict[str, Any]
    usage: list[dict[str, Any]]


class AnswerIn(BaseModel):
    text: str = Field(max_length=10_000, description="The candidate's typed answer (may be empty)")


class ReplyPublic(BaseModel):
    reply: str
    kind: str
    question_id: str | None
    done: bool
    state: str
    turns: list[TurnPublic]

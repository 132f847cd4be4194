"""Shapes shared by plans, the interviewer, the voice pipeline and analysis.

These are the contracts between processes: the companion stores them as JSON, the agent worker
reads them back, the analyzer scores against them. Change them additively.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

InterviewType = Literal["behavioral", "hr_screen", "technical_verbal", "case", "coding"]
Difficulty = Literal["warmup", "standard", "intense"]
QuestionKind = Literal["behavioral", "technical", "case", "coding", "situational", "motivation"]
TurnRole = Literal["interviewer", "candidate"]
TurnKind = Literal["greeting", "question", "follow_up", "transition", "closing", "answer", "retry"]


class Persona(BaseModel):
    name: str = "Alex"
    tone: Literal["warm", "neutral", "tough"] = "neutral"
    pace: Literal["relaxed", "normal", "brisk"] = "normal"


class QuestionSource(BaseModel):
    """Why a question is in this plan: the JD requirement, resume risk or past weakness it targets."""

    jd_requirement: str | None = None
    risk: str | None = None
    weakness: str | None = None
    retry_of: str | None = None  # question id from a past session, when this is a deliberate retry
    # Every JD requirement id this question or its planned probes target (coverage is counted from these).
    requirement_ids: list[str] = Field(default_factory=list)


class PlanQuestion(BaseModel):
    id: str
    text: str
    kind: QuestionKind
    competency: str
    rationale: str
    source: QuestionSource = Field(default_factory=QuestionSource)
    rubric: list[str] = Field(default_factory=list, description="What a good answer shows")
    follow_ups: list[str] = Field(default_factory=list)
    time_budget_s: int = 180
    max_follow_ups: int = 2
    difficulty: Difficulty | None = None
    # Shown on screen and never read aloud: the code for a coding exercise or the facts of a case.
    exhibit: str | None = None
    exhibit_language: str | None = None
    coding_mode: Literal["explain", "debug", "modify"] | None = None


class InterviewPlan(BaseModel):
    role_kit: str
    interview_type: InterviewType
    difficulty: Difficulty = "standard"
    duration_min: int = 15
    persona: Persona = Field(default_factory=Persona)
    job_target_id: str | None = None
    job_title: str | None = None
    company_name: str | None = None
    questions: list[PlanQuestion]
    generated_by: Literal["offline", "llm"] = "offline"


class SpeechMetrics(BaseModel):
    words: int = 0
    words_per_minute: float | None = None
    fillers: list[dict] = Field(default_factory=list, description='[{"word": "um", "index": 12}]')
    pauses_over_1s: int = 0
    longest_pause_s: float = 0.0
    talk_ratio: float | None = None


class TranscriptTurn(BaseModel):
    seq: int
    role: TurnRole
    kind: TurnKind
    text: str
    question_id: str | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    interrupted: bool = False
    metrics: SpeechMetrics | None = None

"""The analysis a candidate sees after a session, stored as JSON next to the transcript."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from coach.interview.schema import QuestionKind

CRITERIA: tuple[str, ...] = ("structure", "specificity", "relevance", "depth", "conciseness", "delivery")
AnswerStatus = Literal["answered", "empty", "too_short", "off_topic", "gibberish"]


class Citation(BaseModel):
    """The exact transcript span a claim rests on: ``quote == turns[turn_seq].text[start:end]``."""

    turn_seq: int
    start: int
    end: int
    quote: str


class Claim(BaseModel):
    text: str
    criterion: str | None = None
    evidence: Citation


class Criteria(BaseModel):
    structure: int
    specificity: int
    relevance: int
    depth: int
    conciseness: int
    delivery: int | None = None  # only measured when voice metrics exist

    def measured(self) -> dict[str, int]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class ExchangeAnalysis(BaseModel):
    """One planned question with its follow-ups and everything the candidate said in reply."""

    question_id: str
    question_text: str
    kind: QuestionKind
    competency: str
    jd_requirement: str | None = None
    requirement_ids: list[str] = Field(default_factory=list)
    answer_turn_seqs: list[int] = Field(default_factory=list)
    word_count: int = 0
    status: AnswerStatus = "answered"
    verdict: str | None = None  # plain-words outcome for empty, off-topic or unusable answers
    score: int
    criteria: Criteria
    elements: dict[str, bool] = Field(default_factory=dict, description="e.g. STAR parts detected")
    rubric_covered: list[str] = Field(default_factory=list)
    rubric_missed: list[str] = Field(default_factory=list)
    strengths: list[Claim] = Field(default_factory=list)
    weaknesses: list[Claim] = Field(default_factory=list)
    rewrite: str = ""
    try_next_time: list[str] = Field(default_factory=list)


class DeliverySummary(BaseModel):
    measured: bool = False
    average_wpm: float | None = None
    filler_count: int = 0
    top_fillers: list[tuple[str, int]] = Field(default_factory=list)
    pauses_over_1s: int = 0
    longest_pause_s: float = 0.0


class SessionAnalysis(BaseModel):
    version: int = 1
    role_kit: str | None = None
    interview_type: str | None = None
    job_target_id: str | None = None
    overall_score: int
    exchanges: list[ExchangeAnalysis]
    competency_scores: dict[str, int] = Field(default_factory=dict)
    criteria_averages: dict[str, int] = Field(default_factory=dict)
    delivery: DeliverySummary = Field(default_factory=DeliverySummary)
    top_actions: list[str] = Field(default_factory=list)
    not_reached: list[str] = Field(default_factory=list, description="planned question ids never asked")
    enriched_by: Literal["offline", "llm"] = "offline"
    claims_dropped: int = 0  # LLM claims removed because their quote is not in the transcript
    usage: list[dict] = Field(default_factory=list, description="usage records for coach.analysis.cost")
    llm_skipped: Literal["daily_cost_cap"] | None = Field(
        default=None, description="why the LLM feedback pass was not attempted, when it was not"
    )
    notes: list[str] = Field(default_factory=list, description="plain-language notes for the candidate")

    def dimension_scores(self) -> dict[str, float]:
        """Scores keyed the way career memory names dimensions: criteria and "competency:<name>"."""
        dims: dict[str, float] = {k: float(v) for k, v in self.criteria_averages.items()}
        dims.update({f"competency:{k}": float(v) for k, v in self.competency_scores.items()})
        return dims

"""A short targeted exercise and how an attempt at it went."""

from __future__ import annotations

from pydantic import BaseModel, Field

from coach.analysis.models import AnswerStatus, Claim, Criteria
from coach.interview.schema import QuestionKind

PASS_SCORE = 70


class Drill(BaseModel):
    id: str
    dimension: str  # the weakness it trains: a criterion name or "competency:<name>"
    kind: QuestionKind
    competency: str
    question: str
    hints: list[str] = Field(description="How to approach it, never what to say")
    expected_outline: list[str] = Field(description="What a good answer covers, shown after the attempt")
    time_budget_s: int = 90
    reason: str = ""


class DrillResult(BaseModel):
    drill_id: str
    dimension: str
    status: AnswerStatus
    verdict: str | None = None
    score: int
    target_score: int  # the score of the dimension the drill trains
    passed: bool
    criteria: Criteria
    outline_covered: list[str] = Field(default_factory=list)
    outline_missed: list[str] = Field(default_factory=list)
    strengths: list[Claim] = Field(default_factory=list)
    weaknesses: list[Claim] = Field(default_factory=list)
    rewrite: str = ""
    try_next_time: list[str] = Field(default_factory=list)

    def dimension_scores(self) -> dict[str, float]:
        """Same keys as a session's, so career memory learns from drills too."""
        dims: dict[str, float] = {k: float(v) for k, v in self.criteria.measured().items()}
        if self.dimension.startswith("competency:"):
            dims[self.dimension] = float(self.score)
        return dims

"""The question bank: hand-written questions, cases and coding exercises per role kit and interview type."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import yaml
from pydantic import BaseModel, Field

from coach.interview.kits import DATA_DIR, GENERIC_KIT, load_role_kits
from coach.interview.schema import Difficulty, InterviewType, QuestionKind

INTERVIEW_TYPES: tuple[InterviewType, ...] = ("behavioral", "hr_screen", "technical_verbal", "case", "coding")
# Interview types whose questions are shared by every kit (kit files may add their own).
_SHARED_TYPES = ("behavioral", "hr_screen")
_KIND_FOR_TYPE: dict[str, QuestionKind] = {
    "behavioral": "behavioral",
    "hr_screen": "motivation",
    "technical_verbal": "technical",
    "case": "case",
    "coding": "coding",
}
DEFAULT_BUDGET_S: dict[str, int] = {
    "behavioral": 180,
    "situational": 180,
    "motivation": 120,
    "technical": 210,
    "case": 360,
    "coding": 420,
}


class UnsupportedInterviewType(ValueError):
    """The kit has no questions for this interview type (e.g. a coding interview for nursing)."""


class BankQuestion(BaseModel):
    id: str
    text: str
    competency: str
    kind: QuestionKind
    interview_type: InterviewType
    difficulty: Difficulty = "standard"
    time_budget_s: int
    rubric: list[str]
    follow_ups: list[str] = Field(default_factory=list)
    # Cases only: which kinds of job and seniority the scenario suits.
    job_fit_tags: list[str] = Field(default_factory=list)
    role_level: list[str] = Field(default_factory=list)
    # Coding exercises only: nothing is executed, the candidate talks through the code.
    coding_mode: Literal["explain", "debug", "modify"] | None = None
    exhibit: str | None = None
    exhibit_language: str | None = None

    @property
    def judged(self) -> list[str]:
        """What a coding exercise is judged on besides its rubric points."""
        if self.coding_mode is None:
            return []
        judged = [
            "Reasons out loud instead of guessing",
            "Explains why the code is or is not correct",
            "Names the edge cases worth testing",
        ]
        if self.coding_mode == "debug":
            judged.append("Debugs methodically: reproduce, narrow down, then fix")
        return judged


def _parse_file(name: str) -> list[BankQuestion]:
    path = DATA_DIR / "questions" / f"{name}.yaml"
    if not path.is_file():
        return []
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    questions = []
    for interview_type, items in raw.items():
        for item in items:
            kind = item.pop("kind", _KIND_FOR_TYPE[interview_type])
            budget = item.pop("time_budget_s", DEFAULT_BUDGET_S[kind])
            questions.append(
                BankQuestion(interview_type=interview_type, kind=kind, time_budget_s=budget, **item)
            )
    return questions


@lru_cache(maxsize=1)
def load_question_bank() -> dict[str, list[BankQuestion]]:
    """Questions by kit id, plus "common" for those every kit shares."""
    bank = {kit_id: _parse_file(kit_id) for kit_id in load_role_kits()}
    bank["common"] = _parse_file("common")
    return bank


def questions_for(kit_id: str, interview_type: str) -> list[BankQuestion]:
    """Kit-specific questions first, then shared ones; other kits fall back to generic questions."""
    if interview_type not in INTERVIEW_TYPES:
        raise UnsupportedInterviewType(f"unknown interview type {interview_type!r}")
    bank = load_question_bank()
    own = [q for q in bank.get(kit_id, []) if q.interview_type == interview_type]
    if interview_type in _SHARED_TYPES:
        own += [q for q in bank["common"] if q.interview_type == interview_type]
    elif not own and interview_type != "coding":
        own = [q for q in bank[GENERIC_KIT] if q.interview_type == interview_type]
    if not own:
        # Coding exercises only exist for kits whose jobs involve reading code.
        raise UnsupportedInterviewType(f"no {interview_type} interview is available for the {kit_id} kit")
    return own


def find_question(question_id: str) -> BankQuestion | None:
    for questions in load_question_bank().values():
        for question in questions:
            if question.id == question_id:
                return question
    return None

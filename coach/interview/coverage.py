"""How much of a job posting a plan actually exercises."""

from __future__ import annotations

from coach.interview.job_questions import JobContext
from coach.interview.schema import InterviewPlan, PlanQuestion
from coach.interview.text import mentions


def question_targets(question: PlanQuestion, requirement: dict) -> bool:
    """A question targets a requirement by id, or by naming one of its skills in the question or a probe."""
    if requirement["id"] in question.source.requirement_ids:
        return True
    spoken = " ".join([question.text, *question.follow_ups])
    return any(mentions(spoken, skill) for skill in requirement["skills"])


def uncovered_must_haves(plan: InterviewPlan, jd_parsed: dict | None) -> list[dict]:
    must_haves = JobContext.from_parsed(jd_parsed).must_haves
    return [r for r in must_haves if not any(question_targets(q, r) for q in plan.questions)]


def must_have_coverage(plan: InterviewPlan, jd_parsed: dict | None) -> float:
    """Share of the JD's must-have requirements that at least one question targets (1.0 if none)."""
    must_haves = JobContext.from_parsed(jd_parsed).must_haves
    if not must_haves:
        return 1.0
    return 1 - len(uncovered_must_haves(plan, jd_parsed)) / len(must_haves)

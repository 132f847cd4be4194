"""Retrying answers, the STAR story library, and drills generated from weaknesses."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, Field
from sqlmodel import Session

from api.deps import CurrentUser, SessionDep
from api.limits import limit, require_feature
from api.routes.interview import owned_session
from api.routes.jobs import owned_job
from coach.drills.generator import generate_drills, score_drill
from coach.drills.models import Drill as DrillSpec
from coach.interview.schema import InterviewPlan
from coach.sessions.attempts import score_attempt
from storage.models import AnswerAttempt, Drill, JobTarget, StarStory, User
from storage.queries import jobs as job_q
from storage.queries import memory as mq
from storage.types import utcnow

router = APIRouter(tags=["practice"])


class AttemptIn(BaseModel):
    text: str = Field(min_length=1, max_length=10_000)


class StoryIn(BaseModel):
    session_id: uuid.UUID
    question_id: str = Field(max_length=64)
    attempt_id: uuid.UUID | None = None
    title: str | None = Field(default=None, max_length=200)
    coach_notes: str | None = Field(default=None, max_length=5000)


class DrillRequest(BaseModel):
    job_target_id: uuid.UUID | None = None
    n: int = Field(default=3, ge=1, le=10)


def _plan_question(session: Session, user: User, session_id: uuid.UUID, question_id: str):  # type: ignore[no-untyped-def]
    row = owned_session(session, user, session_id)
    plan = InterviewPlan.model_validate(mq.plan_for(session, row))
    question = next((q for q in plan.questions if q.id == question_id), None)
    if question is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "That question is not in this session's plan.")
    job = session.get(JobTarget, row.job_target_id) if row.job_target_id else None
    return row, question, (job.jd_parsed if job else None)


@router.post("/api/interview/sessions/{session_id}/exchanges/{question_id}/attempts", status_code=201)
def retry_answer(session_id: uuid.UUID, question_id: str, body: AttemptIn, user: CurrentUser,
                 session: SessionDep) -> dict[str, Any]:
    row, question, jd = _plan_question(session, user, session_id, question_id)
    scored = score_attempt(question, body.text, jd_parsed=jd)
    previous = mq.attempts(session, session_id=row.id, question_id=question_id)
    attempt = AnswerAttempt(session_id=row.id, user_id=user.id, question_id=question_id,
                            attempt_no=len(previous) + 1, text=body.text, score=scored.score,
                            result=scored.model_dump(mode="json"))
    best = max([*previous, attempt], key=lambda a: (a.score, a.attempt_no))
    for a in [*previous, attempt]:
        a.is_final = a is best
        session.add(a)
    session.commit()
    return _attempt_public(attempt)


def _attempt_public(a: AnswerAttempt) -> dict[str, Any]:
    return {"id": str(a.id), "question_id": a.question_id, "attempt_no": a.attempt_no, "text": a.text,
            "score": a.score, "is_final": a.is_final, "feedback": a.result, "created_at": a.created_at.isoformat()}


@router.get("/api/interview/sessions/{session_id}/exchanges/{question_id}/attempts")
def list_attempts(session_id: uuid.UUID, question_id: str, user: CurrentUser, session: SessionDep) -> list[dict]:
    row, _, _ = _plan_question(session, user, session_id, question_id)
    return [_attempt_public(a) for a in mq.attempts(session, session_id=row.id, question_id=question_id)]


@router.post("/api/stories", status_code=201)
def save_story(body: StoryIn, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    row, question, _ = _plan_question(session, user, body.session_id, body.question_id)
    attempts = mq.attempts(session, session_id=row.id, question_id=question.id)
    source = next((a for a in attempts if a.id == body.attempt_id), None) if body.attempt_id else None
    if body.attempt_id and source is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Attempt not found.")
    source = source or next((a for a in attempts if a.is_final), None)
    polished = (source.result.get("rewrite") if source else None) or _session_rewrite(session, row, question.id)
    if not polished:
        raise HTTPException(409, "There is no polished answer for this question yet: run the analysis or retry it.")
    story = job_q.add(session, StarStory(
        user_id=user.id, job_target_id=row.job_target_id, session_id=row.id, question_id=question.id,
        source_attempt_id=source.id if source else None, competency=question.competency,
        title=body.title or question.text[:200], polished_answer=polished, coach_notes=body.coach_notes))
    return _story_public(story)


def _session_rewrite(session: Session, row, question_id: str) -> str | None:  # type: ignore[no-untyped-def]
    for analysis in mq.analyses(session, user_id=row.user_id):
        if analysis.session_id == row.id:
            return next((e["rewrite"] for e in analysis.result.get("exchanges", [])
                         if e["question_id"] == question_id), None)
    return None


def _story_public(s: StarStory) -> dict[str, Any]:
    return {"id": str(s.id), "title": s.title, "competency": s.competency, "polished_answer": s.polished_answer,
            "coach_notes": s.coach_notes, "job_target_id": str(s.job_target_id) if s.job_target_id else None,
            "session_id": str(s.session_id) if s.session_id else None, "question_id": s.question_id,
            "source_attempt_id": str(s.source_attempt_id) if s.source_attempt_id else None}


@router.get("/api/stories")
def list_stories(user: CurrentUser, session: SessionDep, job_target_id: uuid.UUID | None = None) -> list[dict]:
    return [_story_public(s) for s in mq.stories(session, user_id=user.id, job_target_id=job_target_id)]


@router.post(
    "/api/drills/generate", status_code=201,
    dependencies=[require_feature("drills"), limit("drill_generations_per_day")],
)
def make_drills(body: DrillRequest, user: CurrentUser, session: SessionDep) -> list[dict[str, Any]]:
    job = owned_job(session, user, body.job_target_id) if body.job_target_id else None
    patterns = mq.skill_patterns(session, user_id=user.id)
    specs = generate_drills(patterns, jd_parsed=job.jd_parsed if job else None, n=body.n)
    made_at = utcnow()  # one stamp per generation: the daily limit counts generations, not drills
    rows = [Drill(user_id=user.id, job_target_id=job.id if job else None, dimension=d.dimension,
                  question=d.question, spec=d.model_dump(mode="json"), created_at=made_at) for d in specs]
    session.add_all(rows)
    session.commit()
    return [_drill_public(r) for r in rows]


def _drill_public(d: Drill) -> dict[str, Any]:
    spec = d.spec
    public = {"id": str(d.id), "dimension": d.dimension, "question": d.question, "status": d.status,
              "hints": spec.get("hints", []), "reason": spec.get("reason"), "time_budget_s": spec.get("time_budget_s"),
              "score": d.score}
    if d.status == "completed":  # the outline would give the answer away before an attempt
        public |= {"expected_outline": spec.get("expected_outline", []), "result": d.result}
    return public


@router.get("/api/drills")
def list_drills(user: CurrentUser, session: SessionDep, status_: str | None = None) -> list[dict[str, Any]]:
    return [_drill_public(d) for d in mq.drills(session, user_id=user.id, status=status_)]


def _owned_drill(session: Session, user: User, drill_id: uuid.UUID) -> Drill:
    drill = mq.get_drill(session, user_id=user.id, drill_id=drill_id)
    if drill is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Drill not found.")
    return drill


def _move_drill(session: Session, drill: Drill, allowed: tuple[str, ...], target: str) -> Drill:
    if drill.status not in allowed:
        raise HTTPException(409, f"The drill is {drill.status}; it cannot be {target}.")
    drill.status = target
    session.add(drill)
    session.commit()
    session.refresh(drill)
    return drill


@router.post("/api/drills/{drill_id}/start")
def start_drill(drill_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    return _drill_public(_move_drill(session, _owned_drill(session, user, drill_id), ("pending",), "started"))


@router.post("/api/drills/{drill_id}/skip")
def skip_drill(drill_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    return _drill_public(_move_drill(session, _owned_drill(session, user, drill_id), ("pending", "started"), "skipped"))


@router.post("/api/drills/{drill_id}/submit")
def submit_drill(drill_id: uuid.UUID, body: AttemptIn, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    drill = _owned_drill(session, user, drill_id)
    if drill.status not in ("pending", "started"):
        raise HTTPException(409, f"The drill is {drill.status}; it cannot be submitted.")
    job = session.get(JobTarget, drill.job_target_id) if drill.job_target_id else None
    result = score_drill(DrillSpec.model_validate(drill.spec), body.text, jd_parsed=job.jd_parsed if job else None)
    drill.answer, drill.score, drill.result = body.text, result.score, result.model_dump(mode="json")
    drill.status, drill.completed_at = "completed", utcnow()
    session.add(drill)
    session.commit()
    session.refresh(drill)
    return _drill_public(drill)

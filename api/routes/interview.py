"""Interview plans and sessions: create, typed turns, transcript."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from sqlmodel import Session, select

from api.deps import CurrentUser, SessionDep, SettingsDep
from api.limits import limit
from api.llm import llm_client
from api.routes.jobs import owned_job
from api.schemas.interview import (
    AnswerIn,
    PlanPublic,
    PlanRequest,
    ReplyPublic,
    SessionCreate,
    SessionDetail,
    SessionPublic,
    TurnPublic,
)
from coach.interview import planner
from coach.interview.bank import UnsupportedInterviewType
from coach.interview.kits import load_role_kits
from coach.interview.schema import InterviewPlan
from coach.limits.flags import feature_enabled, switched_off_message
from coach.sessions.text import SessionOver, TextSessions
from coach.settings import Settings
from storage.models import InterviewPlanRecord, InterviewSession, Resume, User
from storage.queries import jobs as job_q
from storage.queries import sessions as q

router = APIRouter(prefix="/api/interview", tags=["interview"])
SESSION_NOT_FOUND = "Session not found."
PLAN_NOT_FOUND = "Plan not found."


@router.get("/role-kits")
def role_kits() -> list[dict[str, Any]]:
    return [
        {"id": k.id, "name": k.name, "competencies": [c.name for c in k.competencies]}
        for k in load_role_kits().values()
    ]


def _recent_question_ids(session: Session, user: User, limit: int = 3) -> set[str]:
    ids: set[str] = set()
    for row in q.list_sessions(session, user_id=user.id, limit=limit):
        plan = session.get(InterviewPlanRecord, row.plan_id)
        ids |= {qn["id"] for qn in (plan.plan.get("questions", []) if plan else [])}
    return ids


def _job_history(session: Session, user: User, job_id: uuid.UUID) -> list[dict[str, Any]]:
    history = []
    for row in q.list_sessions(session, user_id=user.id, job_target_id=job_id, limit=10):
        plan = session.get(InterviewPlanRecord, row.plan_id)
        asked = [qn["id"] for qn in (plan.plan.get("questions", []) if plan else [])]
        history.append({"session_id": str(row.id), "question_ids": asked, "state": row.state})
    return history


def plan_inputs(session: Session, user: User, body: PlanRequest) -> dict[str, Any]:
    """The spec's inputs, filled from the job, the resume and career memory where the caller left them out."""
    job = owned_job(session, user, body.job_target_id) if body.job_target_id else None
    resume = session.exec(select(Resume).where(Resume.user_id == user.id)).first()
    jd_parsed = body.jd_parsed if body.jd_parsed is not None else (job.jd_parsed if job else None)
    return {
        "role_kit": body.role_kit or (jd_parsed or {}).get("role_family") or "generic",
        "interview_type": body.interview_type,
        "difficulty": body.difficulty,
        "duration_min": body.duration_min,
        "persona": body.persona,
        "resume_profile": body.resume_profile if body.resume_profile is not None else (resume.profile if resume else None),
        "jd_parsed": jd_parsed,
        "job_target_history": body.job_target_history
        if body.job_target_history is not None
        else (_job_history(session, user, job.id) if job else []),
        "user_weakness_patterns": body.user_weakness_patterns
        if body.user_weakness_patterns is not None
        else weakness_patterns(session, user),
        "recent_question_ids": _recent_question_ids(session, user),
        "job_target_id": str(job.id) if job else None,
        "job_title": job.role_title if job else None,
        "company_name": job.company_name if job else None,
    }


def weakness_patterns(session: Session, user: User) -> list[dict[str, Any]]:
    from storage.queries.memory import skill_patterns  # career memory, when present

    return skill_patterns(session, user_id=user.id)


async def build_plan(session: Session, user: User, body: PlanRequest, settings: Settings) -> InterviewPlanRecord:
    inputs = plan_inputs(session, user, body)
    client = llm_client(settings)
    try:
        if client is None:
            plan = planner.generate_plan(**inputs)
        else:
            plan = await planner.generate_plan_llm(**inputs, client=client, model=settings.LLM_MODEL)
    except UnsupportedInterviewType as exc:
        raise HTTPException(422, f"interview_type: {exc}") from exc
    record = InterviewPlanRecord(
        user_id=user.id, job_target_id=body.job_target_id, plan=plan.model_dump(mode="json"),
        generated_by=plan.generated_by,
    )
    return job_q.add(session, record)


@router.post("/plans/generate", status_code=status.HTTP_201_CREATED)
async def generate_plan(body: PlanRequest, user: CurrentUser, session: SessionDep, settings: SettingsDep) -> PlanPublic:
    record = await build_plan(session, user, body, settings)
    return PlanPublic(id=record.id, job_target_id=record.job_target_id, plan=record.plan, created_at=record.created_at)


@router.get("/plans/{plan_id}")
def get_plan(plan_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> PlanPublic:
    record = q.get_plan(session, user_id=user.id, plan_id=plan_id)
    if record is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, PLAN_NOT_FOUND)
    return PlanPublic(id=record.id, job_target_id=record.job_target_id, plan=record.plan, created_at=record.created_at)


def session_links(row: InterviewSession) -> dict[str, str]:
    base = f"/api/interview/sessions/{row.id}"
    links = {"self": base, "transcript": f"{base}/transcript", "results": f"/sessions/{row.id}/results"}
    if row.transport == "text":
        links |= {"start": f"{base}/start", "turns": f"{base}/turns", "end": f"{base}/end", "socket": f"{base}/ws"}
    if row.transport == "webrtc":
        links |= {"practice_page": f"/practice/{row.id}", "offer": f"{base}/webrtc/offer", "end": f"{base}/end"}
    return links


def public(row: InterviewSession, join: dict[str, Any] | None = None) -> SessionPublic:
    data = SessionPublic.model_validate(row, from_attributes=True)
    return data.model_copy(update={"links": session_links(row), "join": join})


@router.post("/sessions", status_code=status.HTTP_201_CREATED, dependencies=[limit("sessions_per_day")])
async def create_session(
    body: SessionCreate, user: CurrentUser, session: SessionDep, settings: SettingsDep, request: Request
) -> SessionPublic:
    if body.mode != "text" and not feature_enabled(settings, "voice"):
        raise HTTPException(status.HTTP_404_NOT_FOUND, switched_off_message("voice") + " Practise in text mode.")
    if body.plan_id is not None:
        record = q.get_plan(session, user_id=user.id, plan_id=body.plan_id)
        if record is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, PLAN_NOT_FOUND)
    else:
        record = await build_plan(session, user, body.config, settings)  # type: ignore[arg-type]
    row = InterviewSession(
        user_id=user.id, job_target_id=record.job_target_id, plan_id=record.id, mode=body.mode,
        transport=body.transport or "text",
    )
    join = join_details(row, user, settings)
    row = job_q.add(session, row)
    q.record_event(session, session_id=row.id, kind="state", data={"from": None, "to": "created"})
    return public(row, join)


def join_details(row: InterviewSession, user: User, settings: Settings) -> dict[str, Any] | None:
    if row.transport == "phone":
        row.phone_pin = f"{secrets.randbelow(10**6):06d}"
        return {"pin": row.phone_pin, "socket": "/api/phone/twilio"}
    if row.transport == "livekit":
        from api.livekit import livekit_join

        row.room_name = f"interview-{row.id}"
        return livekit_join(row, user, settings)
    return None


@router.get("/sessions")
def list_sessions(
    user: CurrentUser, session: SessionDep, job_target_id: uuid.UUID | None = None, limit: int = 20, offset: int = 0
) -> list[SessionPublic]:
    rows = q.list_sessions(session, user_id=user.id, job_target_id=job_target_id, limit=min(limit, 100),
                           offset=offset)
    return [public(r) for r in rows]


def owned_session(session: Session, user: User, session_id: uuid.UUID) -> InterviewSession:
    row = q.get_session(session, user_id=user.id, session_id=session_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, SESSION_NOT_FOUND)
    return row


def turn_public(turns) -> list[TurnPublic]:  # type: ignore[no-untyped-def]
    return [TurnPublic.model_validate(t, from_attributes=True) for t in turns]


@router.get("/sessions/{session_id}")
def get_session(session_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> SessionDetail:
    row = owned_session(session, user, session_id)
    plan = session.get(InterviewPlanRecord, row.plan_id)
    lat = [r.total_ms for r in q.latencies(session, session_id=row.id)]
    return SessionDetail(
        **public(row).model_dump(),
        plan=plan.plan,
        turns=turn_public(q.turns(session, session_id=row.id)),
        events=[{"kind": e.kind, "data": e.data, "at": e.at.isoformat()} for e in q.events(session, session_id=row.id)],
        latency=_latency_summary(lat),
        usage=[{"provider": u.provider, "metric": u.metric, "value": u.value} for u in q.usage(session, session_id=row.id)],
    )


def _latency_summary(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"turns": 0}
    ordered = sorted(values)
    pick = lambda p: ordered[min(len(ordered) - 1, int(p * len(ordered)))]  # noqa: E731
    return {"turns": len(values), "p50_ms": pick(0.5), "p90_ms": pick(0.9), "max_ms": ordered[-1]}


@router.get("/sessions/{session_id}/transcript")
def get_transcript(session_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> list[TurnPublic]:
    row = owned_session(session, user, session_id)
    return turn_public(q.turns(session, session_id=row.id))


async def text_interview(request: Request, session: Session, row: InterviewSession):  # type: ignore[no-untyped-def]
    if row.transport != "text":
        raise HTTPException(409, f"This is a {row.transport} session; typed turns are for text sessions.")
    sessions: TextSessions = request.app.state.text_sessions
    plan = InterviewPlan.model_validate(session.get(InterviewPlanRecord, row.plan_id).plan)
    return await sessions.get(row.id, plan, q.turns(session, session_id=row.id))


def _reply(reply, records, session: Session, row: InterviewSession) -> ReplyPublic:  # type: ignore[no-untyped-def]
    session.refresh(row)
    return ReplyPublic(reply=reply.text if reply else "", kind=reply.kind if reply else "closing",
                       question_id=reply.question_id if reply else None, done=bool(reply.done) if reply else True,
                       state=row.state, turns=turn_public(records))


@router.post("/sessions/{session_id}/start")
async def start_text_session(session_id: uuid.UUID, user: CurrentUser, session: SessionDep, request: Request) -> ReplyPublic:
    row = owned_session(session, user, session_id)
    if row.state != "created":
        raise HTTPException(409, f"The session is already {row.state}.")
    interview = await text_interview(request, session, row)
    reply, records = await interview.start()
    return _reply(reply, records, session, row)


@router.post("/sessions/{session_id}/turns")
async def answer(
    session_id: uuid.UUID, body: AnswerIn, user: CurrentUser, session: SessionDep, request: Request
) -> ReplyPublic:
    row = owned_session(session, user, session_id)
    if row.state != "live":
        raise HTTPException(409, f"The session is {row.state}; start it first." if row.state == "created"
                            else f"The session is {row.state}.")
    interview = await text_interview(request, session, row)
    try:
        reply, records = await interview.answer(body.text)
    except SessionOver as exc:
        raise HTTPException(409, str(exc)) from exc
    result = _reply(reply, records, session, row)
    if reply.done:
        await on_session_ended(request, row)
    return result


@router.post("/sessions/{session_id}/end")
async def end_session(session_id: uuid.UUID, user: CurrentUser, session: SessionDep, request: Request) -> ReplyPublic:
    row = owned_session(session, user, session_id)
    if row.state not in ("created", "live"):
        raise HTTPException(409, f"The session is already {row.state}.")
    if row.state == "created":
        q.set_state(session, row=row, state="abandoned", reason="ended_before_start")
        return _reply(None, [], session, row)
    if row.transport != "text":
        await request.app.state.voice.end(row.id)
        return _reply(None, [], session, row)
    interview = await text_interview(request, session, row)
    reply, records = await interview.end("ended_by_candidate")
    result = _reply(reply, records, session, row)
    await on_session_ended(request, row)
    return result


async def on_session_ended(request: Request, row: InterviewSession) -> None:
    """Forget the live interviewer and queue the analysis."""
    request.app.state.text_sessions.forget(row.id)
    hook = getattr(request.app.state, "on_session_ended", None)
    if hook is not None:
        await hook(row.id)

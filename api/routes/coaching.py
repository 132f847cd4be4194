"""Coaches: candidates grant a coach their sessions; coaches read, comment on and listen in to them live.

Anything a coach's grants do not cover answers exactly like a missing session, so a coach cannot probe
which sessions exist.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, FastAPI, HTTPException, Request, WebSocket, WebSocketDisconnect, status
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, EmailStr, Field, field_validator, model_validator
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from api.deps import CurrentUser, SessionDep, SettingsDep, user_from_access_token
from api.limits import require_feature
from api.pages import templates
from api.routes.interview import SESSION_NOT_FOUND, owned_session, turn_public
from api.routes.jobs import owned_job
from api.schemas.interview import TurnPublic
from coach.livekit.credentials import livekit_credentials
from coach.livekit.identities import coach_identity
from coach.livekit.tokens import coach_listen_token
from coach.settings import ConfigError, Settings
from storage.models import (
    CoachGrant,
    InterviewAnalysis,
    InterviewPlanRecord,
    InterviewSession,
    JobTarget,
    User,
)
from storage.queries import coaching as cq
from storage.queries import sessions as sq

router = APIRouter(tags=["coaching"], dependencies=[require_feature("coaches")])
GRANT_NOT_FOUND = "Coach grant not found."
INVITE_UNUSABLE = "This invite link is invalid, already used, revoked or expired."
INVITE_VALID_DAYS = 14
CLOSE_UNAUTHORIZED, CLOSE_NOT_FOUND = 4401, 4404
GRANT_RECHECK_S = 15.0  # how soon a revoked grant cuts off a coach who is listening live


# Shapes -----------------------------------------------------------------------------------------


class InviteIn(BaseModel):
    email: EmailStr
    scope: Literal["all", "job"] = "all"
    job_target_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _job_matches_scope(self) -> InviteIn:
        if self.scope == "job" and self.job_target_id is None:
            raise ValueError("a job-scoped invite needs job_target_id")
        if self.scope == "all" and self.job_target_id is not None:
            raise ValueError("job_target_id is only for scope 'job'")
        return self


class GrantPublic(BaseModel):
    id: uuid.UUID
    coach_email: str
    coach_name: str | None
    candidate_name: str
    scope: str
    job_target_id: uuid.UUID | None
    job_title: str | None
    status: str
    created_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None


class InvitePublic(GrantPublic):
    accept_token: str = Field(description="Shown once; the candidate shares the link with the coach")
    accept_url: str
    expires_at: datetime


class CommentIn(BaseModel):
    turn_seq: int = Field(ge=0)
    text: str = Field(min_length=1, max_length=4000)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the comment is empty")
        return value.strip()


class CommentPublic(BaseModel):
    id: uuid.UUID
    session_id: uuid.UUID
    turn_seq: int
    text: str
    author_name: str
    by_coach: bool
    created_at: datetime


class CoachedSession(BaseModel):
    id: uuid.UUID
    candidate_name: str
    job_target_id: uuid.UUID | None
    job_title: str | None
    mode: str
    transport: str
    state: str
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    links: dict[str, str]


class CoachedSessionDetail(CoachedSession):
    interview: dict[str, Any]
    turns: list[TurnPublic]
    analysis: dict[str, Any] | None


# Shared lookups ---------------------------------------------------------------------------------


def _name(user: User | None) -> str:
    return (user.full_name or user.email) if user is not None else ""


def _job_title(job: JobTarget | None) -> str | None:
    if job is None:
        return None
    return " at ".join(part for part in (job.role_title, job.company_name) if part) or None


def grant_public(db: Session, grant: CoachGrant) -> GrantPublic:
    coach = db.get(User, grant.coach_id) if grant.coach_id else None
    job = db.get(JobTarget, grant.job_target_id) if grant.job_target_id else None
    return GrantPublic(
        id=grant.id,
        coach_email=grant.coach_email,
        coach_name=_name(coach) or None,
        candidate_name=_name(db.get(User, grant.candidate_id)),
        scope=grant.scope,
        job_target_id=grant.job_target_id,
        job_title=_job_title(job),
        status=grant.status,
        created_at=grant.created_at,
        accepted_at=grant.accepted_at,
        revoked_at=grant.revoked_at,
    )


def coached_session(db: Session, coach: User, session_id: uuid.UUID) -> InterviewSession:
    row = cq.coached_session(db, coach_id=coach.id, session_id=session_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, SESSION_NOT_FOUND)
    return row


def session_links(row: InterviewSession) -> dict[str, str]:
    base = f"/api/coaching/sessions/{row.id}"
    return {
        "self": base,
        "page": f"/coach/sessions/{row.id}",
        "comments": f"{base}/comments",
        "live": f"{base}/live",
    }


def coached_public(db: Session, row: InterviewSession) -> CoachedSession:
    job = db.get(JobTarget, row.job_target_id) if row.job_target_id else None
    return CoachedSession(
        id=row.id,
        candidate_name=_name(db.get(User, row.user_id)),
        job_target_id=row.job_target_id,
        job_title=_job_title(job),
        mode=row.mode,
        transport=row.transport,
        state=row.state,
        created_at=row.created_at,
        started_at=row.started_at,
        ended_at=row.ended_at,
        links=session_links(row),
    )


def comments_public(db: Session, row: InterviewSession) -> list[CommentPublic]:
    return [
        CommentPublic(
            id=c.id,
            session_id=c.session_id,
            turn_seq=c.turn_seq,
            text=c.text,
            author_name=_name(author),
            by_coach=author.id != row.user_id,
            created_at=c.created_at,
        )
        for c, author in cq.comments(db, session_id=row.id)
    ]


# Candidate side ---------------------------------------------------------------------------------


@router.post("/api/coaches/invites", status_code=status.HTTP_201_CREATED)
def invite_coach(body: InviteIn, user: CurrentUser, db: SessionDep, settings: SettingsDep) -> InvitePublic:
    if body.email.lower() == user.email.lower():
        raise HTTPException(422, "email: you cannot invite yourself as a coach")
    if body.job_target_id is not None:
        owned_job(db, user, body.job_target_id)
    raw, grant = cq.create_invite(
        db,
        candidate_id=user.id,
        coach_email=body.email,
        scope=body.scope,
        job_target_id=body.job_target_id,
        valid_days=INVITE_VALID_DAYS,
    )
    url = f"{settings.PUBLIC_BASE_URL.rstrip('/')}/coach/invites/{raw}"
    return InvitePublic(
        **grant_public(db, grant).model_dump(),
        accept_token=raw,
        accept_url=url,
        expires_at=grant.invite_expires_at,
    )


@router.get("/api/coaches")
def list_coaches(user: CurrentUser, db: SessionDep) -> list[GrantPublic]:
    return [grant_public(db, g) for g in cq.candidate_grants(db, candidate_id=user.id)]


@router.delete("/api/coaches/{grant_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_coach(grant_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> Response:
    grant = cq.get_candidate_grant(db, candidate_id=user.id, grant_id=grant_id)
    if grant is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, GRANT_NOT_FOUND)
    cq.revoke(db, grant=grant)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/api/interview/sessions/{session_id}/comments")
def candidate_comments(session_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> list[CommentPublic]:
    return comments_public(db, owned_session(db, user, session_id))


# Coach side -------------------------------------------------------------------------------------


@router.post("/api/coaches/invites/{token}/accept")
def accept_invite(token: str, user: CurrentUser, db: SessionDep) -> GrantPublic:
    grant = cq.pending_invite(db, raw=token)
    if grant is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, INVITE_UNUSABLE)
    if grant.coach_email != user.email.lower():
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "This invite was sent to another email address; sign in with that account to accept it.",
        )
    if grant.candidate_id == user.id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "You cannot coach yourself.")
    return grant_public(db, cq.accept(db, grant=grant, coach_id=user.id))


@router.get("/api/coaching/sessions")
def list_coached_sessions(
    user: CurrentUser, db: SessionDep, limit: int = 50, offset: int = 0
) -> list[CoachedSession]:
    rows = cq.coached_sessions(db, coach_id=user.id, limit=max(1, min(limit, 100)), offset=max(0, offset))
    return [coached_public(db, r) for r in rows]


@router.get("/api/coaching/sessions/{session_id}")
def get_coached_session(session_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> CoachedSessionDetail:
    row = coached_session(db, user, session_id)
    plan = db.get(InterviewPlanRecord, row.plan_id)
    return CoachedSessionDetail(
        **coached_public(db, row).model_dump(),
        interview=_interview_summary(plan.plan if plan else {}),
        turns=turn_public(sq.turns(db, session_id=row.id)),
        analysis=_analysis(db, row.id),
    )


def _interview_summary(plan: dict[str, Any]) -> dict[str, Any]:
    keys = ("interview_type", "difficulty", "duration_min", "role_kit", "company_name", "job_title")
    return {key: plan.get(key) for key in keys} | {"questions": len(plan.get("questions", []))}


def _analysis(db: Session, session_id: uuid.UUID) -> dict[str, Any] | None:
    record = db.exec(select(InterviewAnalysis).where(InterviewAnalysis.session_id == session_id)).first()
    if record is None:
        return None
    return {
        "overall_score": record.overall_score,
        "generated_by": record.generated_by,
        "analysis": record.result,
        "created_at": record.created_at.isoformat(),
    }


@router.post("/api/coaching/sessions/{session_id}/comments", status_code=status.HTTP_201_CREATED)
def add_comment(session_id: uuid.UUID, body: CommentIn, user: CurrentUser, db: SessionDep) -> CommentPublic:
    row = coached_session(db, user, session_id)
    if body.turn_seq not in {t.seq for t in sq.turns(db, session_id=row.id)}:
        raise HTTPException(422, f"turn_seq: this session has no turn {body.turn_seq}")
    comment = cq.add_comment(db, session_id=row.id, turn_seq=body.turn_seq, author_id=user.id, text=body.text)
    return CommentPublic(
        id=comment.id,
        session_id=row.id,
        turn_seq=comment.turn_seq,
        text=comment.text,
        author_name=_name(user),
        by_coach=True,
        created_at=comment.created_at,
    )


@router.get("/api/coaching/sessions/{session_id}/comments")
def coach_comments(session_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> list[CommentPublic]:
    return comments_public(db, coached_session(db, user, session_id))


# Live listen-in ---------------------------------------------------------------------------------


def live_socket_path(session_id: uuid.UUID) -> str:
    return f"/api/coaching/sessions/{session_id}/live/ws"


@router.get("/api/coaching/sessions/{session_id}/live")
def live_info(
    session_id: uuid.UUID, user: CurrentUser, db: SessionDep, settings: SettingsDep
) -> dict[str, Any]:
    """How to listen: join the LiveKit room hidden and mute, or else read the session's live stream."""
    row = coached_session(db, user, session_id)
    socket = live_socket_path(row.id)
    if row.transport != "livekit":
        return {"kind": "stream", "socket": socket, "state": row.state}
    return {"kind": "livekit", **_listen_grant(row, user, settings), "socket": socket, "state": row.state}


def _listen_grant(row: InterviewSession, coach: User, settings: Settings) -> dict[str, Any]:
    try:
        creds = livekit_credentials(settings)
    except ConfigError as exc:
        raise HTTPException(503, str(exc)) from exc
    room = row.room_name or f"interview-{row.id}"
    token = coach_listen_token(
        api_key=creds.api_key,
        api_secret=creds.api_secret,
        room=room,
        identity=coach_identity(str(coach.id)),
        name=_name(coach),
    )
    return {"server_url": creds.url, "room": room, "token": token}


class CoachPresence:
    """How many coaches listen to each session in this process.

    Counted here rather than on the bus because the bus only fans events out; with several
    companion replicas each one counts the coaches it serves.
    """

    def __init__(self) -> None:
        self._count: Counter[str] = Counter()

    def join(self, key: str) -> int:
        self._count[key] += 1
        return self._count[key]

    def leave(self, key: str) -> int:
        self._count[key] = max(0, self._count[key] - 1)
        left = self._count[key]
        if not left:
            del self._count[key]
        return left

    def count(self, key: str) -> int:
        return self._count.get(key, 0)


def presence(app: FastAPI) -> CoachPresence:
    if not hasattr(app.state, "coach_presence"):
        app.state.coach_presence = CoachPresence()
    return app.state.coach_presence


def presence_event(coaches: int) -> dict[str, Any]:
    return {"type": "presence", "coaches": coaches}


@contextlib.asynccontextmanager
async def announced(app: FastAPI, key: str) -> AsyncIterator[None]:
    """Tell the session a coach is listening, and that they left, however the socket ends."""
    bus, count = app.state.bus, presence(app)
    await bus.publish(key, presence_event(count.join(key)))
    try:
        yield
    finally:
        await bus.publish(key, presence_event(count.leave(key)))


async def socket_user(websocket: WebSocket, find: Callable[[Session, User], Any]) -> User | None:
    """Accept the socket and authorise it from `?token=`; a refusal closes it with a 44xx code."""
    await websocket.accept()
    app = websocket.app
    with Session(app.state.engine) as db:
        user = user_from_access_token(db, app.state.settings, websocket.query_params.get("token") or "")
        if user is None:
            await websocket.close(CLOSE_UNAUTHORIZED, "Missing or invalid access token.")
            return None
        try:
            find(db, user)
        except HTTPException as exc:
            await websocket.close(CLOSE_NOT_FOUND, str(exc.detail))
            return None
    return user


async def relay(
    websocket: WebSocket,
    key: str,
    *,
    keep: Callable[[dict[str, Any]], bool] = lambda _e: True,
    ready: Callable[[], contextlib.AbstractAsyncContextManager[None]] = contextlib.nullcontext,
    allowed: Callable[[], Coroutine[Any, Any, None]] | None = None,
) -> None:
    """Forward the session's bus events to the socket until the client leaves.

    `ready` is entered once the subscription is in place and left when the socket ends; `allowed`, when
    given, returns once the listener has lost access, and the socket is then closed as not found.
    """
    forward = asyncio.create_task(_forward(websocket, websocket.app.state.bus.subscribe(key), keep))
    await asyncio.sleep(0)  # the subscription registers before anything is announced on it
    tasks = {forward, asyncio.create_task(_until_closed(websocket))}
    guard = asyncio.create_task(allowed()) if allowed else None
    if guard is not None:
        tasks.add(guard)
    try:
        async with ready():
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        if guard is not None and guard in done:
            await websocket.close(CLOSE_NOT_FOUND, SESSION_NOT_FOUND)
    finally:
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect, RuntimeError):
                await task


async def _forward(
    websocket: WebSocket, events: AsyncIterator[dict[str, Any]], keep: Callable[..., bool]
) -> None:
    async for event in events:
        if keep(event):
            await websocket.send_json(event)


async def _until_closed(websocket: WebSocket) -> None:
    # Listeners send nothing; reading is only how a closed socket is noticed.
    while (await websocket.receive())["type"] != "websocket.disconnect":
        continue


def _covered(engine: Engine, coach_id: uuid.UUID, session_id: uuid.UUID) -> bool:
    with Session(engine) as db:
        return cq.coached_session(db, coach_id=coach_id, session_id=session_id) is not None


async def while_covered(app: FastAPI, coach_id: uuid.UUID, session_id: uuid.UUID) -> None:
    """Returns once the coach's grants stop covering the session, e.g. the candidate revoked it mid-call."""
    while True:
        await asyncio.sleep(GRANT_RECHECK_S)
        if not await asyncio.to_thread(_covered, app.state.engine, coach_id, session_id):
            return


@router.websocket("/api/coaching/sessions/{session_id}/live/ws")
async def coach_live_socket(websocket: WebSocket, session_id: uuid.UUID) -> None:
    """Captions, turns, states and audio of a live session, for a coach whose grant covers it."""
    coach = await socket_user(websocket, lambda db, user: coached_session(db, user, session_id))
    if coach is None:
        return
    key, app = str(session_id), websocket.app
    await relay(
        websocket,
        key,
        ready=lambda: announced(app, key),
        allowed=lambda: while_covered(app, coach.id, session_id),
    )


@router.websocket("/api/interview/sessions/{session_id}/presence/ws")
async def candidate_presence_socket(websocket: WebSocket, session_id: uuid.UUID) -> None:
    """The candidate's view of who listens: the current coach count now, then every change."""
    if await socket_user(websocket, lambda db, user: owned_session(db, user, session_id)) is None:
        return
    key = str(session_id)

    @contextlib.asynccontextmanager
    async def current_count() -> AsyncIterator[None]:
        await websocket.send_json(presence_event(presence(websocket.app).count(key)))
        yield

    await relay(websocket, key, keep=lambda event: event.get("type") == "presence", ready=current_count)


# Pages ------------------------------------------------------------------------------------------


def _page(request: Request, template: str, module: str, title: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(
        request, template, {"module": module, "title": title, "nav": "coach", **context}
    )


@router.get("/coach", response_class=HTMLResponse, include_in_schema=False)
def coach_dashboard_page(request: Request) -> HTMLResponse:
    return _page(request, "coach_dashboard.html", "dashboard", "Coaching")


@router.get("/coach/sessions/{session_id}", response_class=HTMLResponse, include_in_schema=False)
def coach_session_page(request: Request, session_id: uuid.UUID) -> HTMLResponse:
    return _page(request, "coach_session.html", "session", "Coached session", session_id=session_id)


@router.get("/coach/invites/{token}", response_class=HTMLResponse, include_in_schema=False)
def coach_invite_page(request: Request, token: str) -> HTMLResponse:
    return _page(request, "coach_invite.html", "invite", "Coach invite", token=token)

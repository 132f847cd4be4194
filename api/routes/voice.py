"""The embedded voice path: the practice page and its WebRTC signalling, the phone socket, LiveKit webhooks."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request, WebSocket
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from api.deps import CurrentUser, SessionDep
from api.limits import require_feature
from api.routes.interview import owned_session
from storage.models import InterviewSession

router = APIRouter(tags=["voice"], dependencies=[require_feature("voice")])
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")


class OfferIn(BaseModel):
    sdp: str = Field(max_length=100_000)
    type: str = Field(default="offer", pattern="^(offer)$")
    pc_id: str | None = Field(default=None, max_length=128)
    restart_pc: bool | None = None


class IceIn(BaseModel):
    pc_id: str = Field(max_length=128)
    candidates: list[dict[str, Any]] = Field(max_length=50)


def _voice_session(session, user, session_id: uuid.UUID) -> InterviewSession:  # type: ignore[no-untyped-def]
    row = owned_session(session, user, session_id)
    if row.transport != "webrtc":
        raise HTTPException(409, f"This is a {row.transport} session; the browser call is for webrtc sessions.")
    if row.state not in ("created", "live"):
        raise HTTPException(409, f"The session is {row.state}; start a new one to practise again.")
    return row


@router.post("/api/interview/sessions/{session_id}/webrtc/offer")
async def webrtc_offer(session_id: uuid.UUID, body: OfferIn, user: CurrentUser, session: SessionDep,
                       request: Request) -> dict[str, Any]:
    row = _voice_session(session, user, session_id)
    return await request.app.state.voice.offer(row.id, body.model_dump())


@router.patch("/api/interview/sessions/{session_id}/webrtc/offer", status_code=204)
async def webrtc_ice(session_id: uuid.UUID, body: IceIn, user: CurrentUser, session: SessionDep,
                     request: Request) -> None:
    row = _voice_session(session, user, session_id)
    try:
        await request.app.state.voice.ice(row.id, body.pc_id, body.candidates)
    except LookupError as exc:
        raise HTTPException(404, "No call is running for this session.") from exc


@router.get("/practice/{session_id}", response_class=HTMLResponse)
def practice_page(session_id: uuid.UUID, request: Request, token: str = "") -> HTMLResponse:
    """The page shell only: it reveals nothing and authenticates its own API calls (the link's token or the
    signed-in browser's)."""
    return templates.TemplateResponse(request, "practice.html", {
        "session_id": str(session_id), "access_token": token, "job_title": None,
        "offer_url": f"/api/interview/sessions/{session_id}/webrtc/offer",
    })


@router.websocket("/api/phone/twilio")
async def twilio_media_stream(websocket: WebSocket) -> None:
    from api.phone import serve_call

    await serve_call(websocket)

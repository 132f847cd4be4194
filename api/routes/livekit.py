"""LiveKit webhooks: signed room and participant events, recorded against the session they concern."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Header, HTTPException, Request
from sqlmodel import Session

from api.limits import require_feature
from coach.livekit.credentials import livekit_credentials
from coach.livekit.webhook import WebhookSignatureError, event_summary, verify_webhook
from coach.settings import ConfigError
from storage.models import InterviewSession
from storage.queries import sessions as q

router = APIRouter(tags=["livekit"], dependencies=[require_feature("voice")])
ROOM_PREFIX = "interview-"


def session_for_room(room: str | None) -> uuid.UUID | None:
    if not room or not room.startswith(ROOM_PREFIX):
        return None
    try:
        return uuid.UUID(room[len(ROOM_PREFIX):])
    except ValueError:
        return None


@router.post("/api/livekit/webhook")
async def livekit_webhook(request: Request, authorization: str = Header(default="")) -> dict[str, str]:
    try:
        creds = livekit_credentials(request.app.state.settings)
    except ConfigError as exc:
        raise HTTPException(503, str(exc)) from exc
    body = (await request.body()).decode()
    try:
        event = verify_webhook(body, authorization, api_key=creds.api_key, api_secret=creds.api_secret)
    except WebhookSignatureError as exc:
        raise HTTPException(401, str(exc)) from exc
    summary = event_summary(event)
    session_id = session_for_room(summary["room"])
    with Session(request.app.state.engine) as db:
        if session_id is not None and db.get(InterviewSession, session_id) is None:
            session_id = None  # a room we do not know: keep the event, unattached
        data = {**summary, "at": summary["at"].isoformat() if summary["at"] else None}
        q.record_event(db, session_id=session_id, kind=f"livekit.{summary['event']}", data=data)
    return {"status": "recorded"}

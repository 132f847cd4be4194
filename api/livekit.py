"""Joining a LiveKit room: the candidate's token dispatches the interviewer agent with the session id."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException

from coach.livekit.credentials import livekit_credentials
from coach.livekit.identities import candidate_identity
from coach.livekit.tokens import candidate_token
from coach.settings import ConfigError, Settings
from storage.models import InterviewSession, User


def livekit_join(row: InterviewSession, user: User, settings: Settings) -> dict[str, Any]:
    try:
        creds = livekit_credentials(settings)
    except ConfigError as exc:
        raise HTTPException(503, str(exc)) from exc
    token = candidate_token(
        api_key=creds.api_key, api_secret=creds.api_secret, room=row.room_name or "", identity=candidate_identity(
            str(row.id)), name=user.full_name or user.email, session_id=str(row.id),
        agent_name=settings.LIVEKIT_AGENT_NAME,
    )
    return {"server_url": creds.url, "room": row.room_name, "token": token}

"""Verified LiveKit webhooks (room and participant lifecycle) for the companion."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from livekit import api


class WebhookSignatureError(ValueError):
    """The body was not signed by our LiveKit server (wrong key, tampered body, or expired token)."""


def verify_webhook(body: str, auth_header: str, *, api_key: str, api_secret: str) -> api.WebhookEvent:
    receiver = api.WebhookReceiver(api.TokenVerifier(api_key, api_secret))
    try:
        return receiver.receive(body, _bearer(auth_header))
    except Exception as exc:  # the receiver raises jwt, base64, protobuf and bare errors alike
        raise WebhookSignatureError(f"LiveKit webhook rejected: {exc or type(exc).__name__}") from exc


def event_summary(event: api.WebhookEvent) -> dict[str, Any]:
    """What the companion records: {event, room, participant_identity, at (aware UTC datetime)}."""
    return {
        "event": event.event,
        "room": event.room.name or None,
        "participant_identity": event.participant.identity or None,
        "at": datetime.fromtimestamp(event.created_at, tz=UTC) if event.created_at else None,
    }


def _bearer(auth_header: str) -> str:
    # LiveKit sends the bare JWT; proxies and hand-written clients sometimes add the scheme.
    value = (auth_header or "").strip()
    return value[7:].strip() if value.lower().startswith("bearer ") else value

"""Phone calls over Twilio Media Streams, mapped to a stored session by its PIN."""

from __future__ import annotations

import asyncio
import uuid

from fastapi import WebSocket
from sqlmodel import Session

from storage.queries import sessions as q


def _session_for_pin(engine, pin: str) -> str | None:  # type: ignore[no-untyped-def]
    with Session(engine) as db:
        row = q.find_by_pin(db, pin=pin.strip())
        return str(row.id) if row is not None and row.transport == "phone" else None


def _session_for_params(engine, params: dict[str, str]) -> str | None:  # type: ignore[no-untyped-def]
    """A session id alone is not enough to join a call: it must come with that session's PIN."""
    pin = (params.get("pin") or "").strip()
    if not pin:
        return None
    found = _session_for_pin(engine, pin)
    wanted = params.get("session_id")
    return found if found is not None and (wanted is None or wanted == found) else None


def twilio_stream_url(public_base_url: str, websocket: WebSocket) -> str:
    """The address Twilio connected to and signed: the public base URL as wss, with this socket's path."""
    base = public_base_url.rstrip("/").replace("https://", "wss://", 1).replace("http://", "ws://", 1)
    query = websocket.url.query
    return f"{base}{websocket.url.path}" + (f"?{query}" if query else "")


def signed_by_twilio(websocket: WebSocket, auth_token: str, public_base_url: str) -> bool:
    """Twilio signs a Media Streams upgrade with HMAC-SHA1 of the URL (no body) under the account's auth token."""
    from twilio.request_validator import RequestValidator

    signature = websocket.headers.get("x-twilio-signature", "")
    url = twilio_stream_url(public_base_url, websocket)
    return bool(signature) and RequestValidator(auth_token).validate(url, {}, signature)


async def serve_call(websocket: WebSocket) -> None:
    from pipelines.phone import handle_twilio_socket

    app = websocket.app
    settings = app.state.settings
    if settings.TWILIO_AUTH_TOKEN and not signed_by_twilio(websocket, settings.TWILIO_AUTH_TOKEN,
                                                           settings.PUBLIC_BASE_URL):
        await websocket.close(code=1008, reason="Calls must come from Twilio (X-Twilio-Signature did not match).")
        return
    hub, engine = app.state.voice, app.state.engine
    await hub.ready()

    def parts(session_id: str):  # type: ignore[no-untyped-def]
        return hub.session_parts(uuid.UUID(session_id))

    cache: dict[str, tuple] = {}

    def brain_factory(session_id: str):  # type: ignore[no-untyped-def]
        cache[session_id] = cache.get(session_id) or parts(session_id)
        return cache[session_id][0]

    def sink_factory(session_id: str):  # type: ignore[no-untyped-def]
        cache[session_id] = cache.get(session_id) or parts(session_id)
        return cache[session_id][1]

    await handle_twilio_socket(
        websocket,
        resolve_session=lambda params: asyncio.to_thread(_session_for_params, engine, params),
        resolve_pin=lambda pin: asyncio.to_thread(_session_for_pin, engine, pin),
        brain_factory=brain_factory, sink_factory=sink_factory, config=hub.config, models=hub.models,
        listen_bus=app.state.bus,
    )

"""With TWILIO_AUTH_TOKEN set, the phone socket answers only calls Twilio signed for the public address."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect
from twilio.request_validator import RequestValidator

from api.main import create_app
from coach.settings import Settings

TOKEN = "twilio-auth-token-for-tests"
PUBLIC = "https://coach.example.com"
SIGNED_URL = "wss://coach.example.com/api/phone/twilio"


@pytest.fixture
def phone(settings: Settings):  # type: ignore[no-untyped-def]
    app = create_app(settings.model_copy(update={"TWILIO_AUTH_TOKEN": TOKEN, "PUBLIC_BASE_URL": PUBLIC}))
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


@pytest.mark.parametrize(
    "headers",
    [
        {},  # not from Twilio at all
        {"X-Twilio-Signature": RequestValidator("another-account").compute_signature(SIGNED_URL, {})},
        {"X-Twilio-Signature": RequestValidator(TOKEN).compute_signature("wss://elsewhere.example/api/phone/twilio", {})},
    ],
    ids=["unsigned", "other-account", "other-address"],
)
def test_unsigned_or_mis_signed_calls_are_refused(phone: TestClient, headers: dict[str, str]) -> None:
    with pytest.raises(WebSocketDisconnect) as closed, phone.websocket_connect("/api/phone/twilio", headers=headers) as ws:
        ws.receive_text()
    assert closed.value.code == 1008 and "X-Twilio-Signature" in closed.value.reason


def test_a_call_twilio_signed_for_the_public_address_is_answered(phone: TestClient) -> None:
    signature = RequestValidator(TOKEN).compute_signature(SIGNED_URL, {})
    with phone.websocket_connect("/api/phone/twilio", headers={"X-Twilio-Signature": signature}) as ws:
        # Accepted: the stream is read. A caller who hangs up before `start` is let go without a session.
        ws.send_text(json.dumps({"event": "connected", "protocol": "Call", "version": "1.0.0"}))
        ws.send_text(json.dumps({"event": "stop", "streamSid": "MZ-test"}))
        with pytest.raises(WebSocketDisconnect):
            ws.receive_text()

import base64
import hashlib
import json
from datetime import UTC, datetime

import pytest
from livekit import api

from coach.livekit.webhook import WebhookSignatureError, event_summary, verify_webhook

KEY, SECRET = "devkey", "a-secret-that-is-long-enough-for-hs256-signing"

BODY = json.dumps(
    {
        "event": "participant_joined",
        "id": "EV_1",
        "createdAt": "1767225600",
        "room": {"sid": "RM_1", "name": "interview-s1"},
        "participant": {"sid": "PA_1", "identity": "candidate-s1"},
    }
)


def _sign(body: str, secret: str = SECRET) -> str:
    # What livekit-server does: a JWT from the API key whose sha256 claim is the body's digest.
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    return api.AccessToken(KEY, secret).with_sha256(digest).to_jwt()


def test_correctly_signed_event_is_accepted_and_summarised():
    event = verify_webhook(BODY, _sign(BODY), api_key=KEY, api_secret=SECRET)
    assert event_summary(event) == {
        "event": "participant_joined",
        "room": "interview-s1",
        "participant_identity": "candidate-s1",
        "at": datetime(2026, 1, 1, tzinfo=UTC),
    }


def test_bearer_prefixed_header_is_accepted():
    event = verify_webhook(BODY, f"Bearer {_sign(BODY)}", api_key=KEY, api_secret=SECRET)
    assert event.room.name == "interview-s1"


def test_tampered_body_is_rejected():
    tampered = BODY.replace("candidate-s1", "coach-9")
    with pytest.raises(WebhookSignatureError, match="rejected"):
        verify_webhook(tampered, _sign(BODY), api_key=KEY, api_secret=SECRET)


def test_body_signed_with_another_secret_is_rejected():
    with pytest.raises(WebhookSignatureError):
        verify_webhook(BODY, _sign(BODY, "x" * 40), api_key=KEY, api_secret=SECRET)


def test_missing_signature_is_rejected():
    with pytest.raises(WebhookSignatureError):
        verify_webhook(BODY, "", api_key=KEY, api_secret=SECRET)


def test_room_event_without_participant_has_no_identity():
    body = json.dumps({"event": "room_finished", "room": {"name": "interview-s1"}})
    summary = event_summary(verify_webhook(body, _sign(body), api_key=KEY, api_secret=SECRET))
    assert summary == {
        "event": "room_finished",
        "room": "interview-s1",
        "participant_identity": None,
        "at": None,
    }

"""The LiveKit path at unit level: join tokens that dispatch the interviewer, and signed webhooks."""

from __future__ import annotations

import base64
import hashlib
import json

import jwt
import pytest
from fastapi.testclient import TestClient
from livekit import api

from api.main import create_app
from tests.utils import signup

KEY, SECRET = "devkey", "a-very-long-livekit-secret-for-tests-0123456789"


@pytest.fixture
def lk_client(settings):  # type: ignore[no-untyped-def]
    configured = settings.model_copy(update={"LIVEKIT_URL": "ws://localhost:7880", "LIVEKIT_API_KEY": KEY,
                                             "LIVEKIT_API_SECRET": SECRET})
    with TestClient(create_app(configured)) as client:
        yield client


def _voice_session(client: TestClient, headers: dict[str, str]) -> dict:
    body = {"config": {"interview_type": "behavioral"}, "mode": "voice", "transport": "livekit"}
    r = client.post("/api/interview/sessions", json=body, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def test_livekit_session_returns_a_token_that_dispatches_the_interviewer(lk_client: TestClient) -> None:
    session = _voice_session(lk_client, signup(lk_client))
    join = session["join"]
    assert join["server_url"] == "ws://localhost:7880" and join["room"] == f"interview-{session['id']}"
    claims = jwt.decode(join["token"], SECRET, algorithms=["HS256"], options={"verify_aud": False})
    assert claims["video"]["roomJoin"] and claims["video"]["room"] == join["room"]
    agents = claims["roomConfig"]["agents"]
    assert agents[0]["agentName"] == "interview-coach"
    assert json.loads(agents[0]["metadata"])["session_id"] == session["id"]


def test_livekit_without_keys_is_a_clear_503(client: TestClient) -> None:
    body = {"config": {"interview_type": "behavioral"}, "mode": "voice", "transport": "livekit"}
    r = client.post("/api/interview/sessions", json=body, headers=signup(client))
    assert r.status_code == 503 and "LIVEKIT_URL" in r.json()["detail"]


def _signed(body: str) -> str:
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    return api.AccessToken(KEY, SECRET).with_sha256(digest).to_jwt()


def test_webhook_records_signed_events_and_rejects_tampered_ones(lk_client: TestClient) -> None:
    headers = signup(lk_client)
    session = _voice_session(lk_client, headers)
    body = json.dumps({"event": "participant_joined", "id": "EV_1", "createdAt": "1764000000",
                       "room": {"name": f"interview-{session['id']}"},
                       "participant": {"identity": f"candidate-{session['id']}"}})
    ok = lk_client.post("/api/livekit/webhook", content=body, headers={"Authorization": _signed(body)})
    assert ok.status_code == 200
    tampered = body.replace("participant_joined", "participant_left")
    bad = lk_client.post("/api/livekit/webhook", content=tampered, headers={"Authorization": _signed(body)})
    assert bad.status_code == 401
    events = lk_client.get(f"/api/interview/sessions/{session['id']}", headers=headers).json()["events"]
    recorded = [e for e in events if e["kind"].startswith("livekit.")]
    assert [e["kind"] for e in recorded] == ["livekit.participant_joined"]
    assert recorded[0]["data"]["participant_identity"] == f"candidate-{session['id']}"

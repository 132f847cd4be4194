"""Rate limits and feature switches as a user meets them on the product's routes: 429 with Retry-After, 404 when
switched off."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from api.limits import limit, require_feature
from api.main import create_app
from api.routes.analysis import request_analysis
from api.routes.interview import create_session
from api.routes.practice import make_drills
from coach.settings import Settings
from tests.api.test_analysis import STRONG, finished_session
from tests.utils import signup

SESSION = {
    "config": {"interview_type": "behavioral", "role_kit": "backend", "duration_min": 10},
    "mode": "text",
}


@pytest.fixture
def limited(settings: Settings) -> Iterator[TestClient]:
    tight = settings.model_copy(
        update={
            "LIMIT_SESSIONS_PER_DAY": 2,
            "LIMIT_ANALYSES_PER_HOUR": 2,
            "LIMIT_DRILL_GENERATIONS_PER_DAY": 2,
        }
    )
    app = create_app(tight)
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def _seconds_until(boundary: datetime) -> float:
    return (boundary - datetime.now(UTC)).total_seconds()


def _next_midnight() -> datetime:
    return datetime.combine(datetime.now(UTC).date() + timedelta(days=1), datetime.min.time(), tzinfo=UTC)


def test_third_session_of_the_day_is_refused_until_midnight_utc(limited: TestClient) -> None:
    headers = signup(limited)
    assert [
        limited.post("/api/interview/sessions", json=SESSION, headers=headers).status_code for _ in range(2)
    ] == [201] * 2
    r = limited.post("/api/interview/sessions", json=SESSION, headers=headers)
    assert r.status_code == 429
    assert r.json()["detail"] == "Rate limit exceeded: 2 interview sessions per day."
    assert abs(int(r.headers["Retry-After"]) - _seconds_until(_next_midnight())) <= 5
    assert len(limited.get("/api/interview/sessions", headers=headers).json()) == 2  # nothing created
    assert limited.post("/api/interview/sessions", json=SESSION, headers=signup(limited)).status_code == 201


def test_analyses_per_hour_count_the_analyses_already_queued(limited: TestClient) -> None:
    headers = signup(limited)
    sids = [finished_session(limited, headers, [STRONG]) for _ in range(2)]  # each end queues an analysis
    r = limited.post(f"/api/interview/sessions/{sids[0]}/analysis", headers=headers)
    assert r.status_code == 429 and r.json()["detail"] == "Rate limit exceeded: 2 analyses per hour."
    now = datetime.now(UTC)
    next_hour = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    assert 1 <= int(r.headers["Retry-After"]) <= math.ceil(_seconds_until(next_hour)) + 5


def test_drill_generations_are_limited_per_day(limited: TestClient) -> None:
    headers = signup(limited)
    codes = [limited.post("/api/drills/generate", json={"n": 1}, headers=headers).status_code for _ in range(3)]
    assert codes == [201, 201, 429]


def test_limits_count_in_redis_when_it_is_configured(settings: Settings, redis_url: str) -> None:
    tight = settings.model_copy(update={"REDIS_URL": redis_url, "LIMIT_SESSIONS_PER_DAY": 2})
    app = create_app(tight)
    with TestClient(app) as client:
        headers = signup(client)
        codes = [client.post("/api/interview/sessions", json=SESSION, headers=headers).status_code for _ in range(3)]
        assert codes == [201, 201, 429]
        r = client.post("/api/interview/sessions", json=SESSION, headers=headers)
        assert abs(int(r.headers["Retry-After"]) - _seconds_until(_next_midnight())) <= 5
        assert client.post("/api/interview/sessions", json=SESSION, headers=signup(client)).status_code == 201
    app.state.engine.dispose()


def _switched_off(settings: Settings, **flags: bool) -> TestClient:
    return TestClient(create_app(settings.model_copy(update=flags)))


def _off(r) -> str:  # type: ignore[no-untyped-def]
    assert r.status_code == 404, r.text
    return r.json()["detail"]


def test_switched_off_features_answer_404_with_the_reason_and_the_rest_still_works(settings: Settings) -> None:
    off = {"FEATURE_DRILLS": False, "FEATURE_ANALYSIS": False, "FEATURE_VOICE": False, "FEATURE_COACHES": False,
           "FEATURE_MARKET": False}
    with _switched_off(settings, **off) as client:
        headers = signup(client)
        assert _off(client.post("/api/drills/generate", json={"n": 1}, headers=headers)) == (
            "The drills feature is switched off."
        )
        sid = finished_session(client, headers, [STRONG])  # text practice is never switched off
        assert _off(client.post(f"/api/interview/sessions/{sid}/analysis", headers=headers)) == (
            "The analysis feature is switched off."
        )
        voice = client.post("/api/interview/sessions", json=SESSION | {"mode": "voice"}, headers=headers)
        assert _off(voice).startswith("The voice feature is switched off.")
        assert _off(client.get(f"/practice/{sid}")) == "The voice feature is switched off."
        with pytest.raises(WebSocketDisconnect) as closed, client.websocket_connect("/api/phone/twilio") as ws:
            ws.receive_text()
        assert closed.value.code == 1008 and closed.value.reason == "The voice feature is switched off."
        invite = client.post("/api/coaches/invites", json={"email": "coach@example.com"}, headers=headers)
        assert _off(invite) == "The coaches feature is switched off."
        assert _off(client.get("/api/market/trends", headers=headers)) == "The market feature is switched off."
        assert client.get("/api/jobs", headers=headers).status_code == 200
    client.app.state.engine.dispose()


def test_unknown_limit_or_feature_names_fail_when_routes_are_declared() -> None:
    with pytest.raises(ValueError, match="sessions_per_day"):
        limit("session_per_day")
    with pytest.raises(ValueError, match="market"):
        require_feature("markets")

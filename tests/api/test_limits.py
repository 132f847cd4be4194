"""Rate limits and feature switches as a user meets them: 429 with Retry-After, 404 when switched off.

The product's own endpoints are mounted here behind the limit dependencies, exactly as routes use them.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

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


def _guarded_app(settings: Settings) -> FastAPI:
    app = create_app(settings)
    app.add_api_route(
        "/limited/sessions",
        create_session,
        methods=["POST"],
        status_code=201,
        dependencies=[limit("sessions_per_day")],
    )
    app.add_api_route(
        "/limited/sessions/{session_id}/analysis",
        request_analysis,
        methods=["POST"],
        status_code=202,
        dependencies=[limit("analyses_per_hour")],
    )
    app.add_api_route(
        "/limited/drills",
        make_drills,
        methods=["POST"],
        status_code=201,
        dependencies=[limit("drill_generations_per_day"), require_feature("drills")],
    )
    return app


@pytest.fixture
def limited(settings: Settings) -> Iterator[TestClient]:
    tight = settings.model_copy(
        update={
            "LIMIT_SESSIONS_PER_DAY": 2,
            "LIMIT_ANALYSES_PER_HOUR": 2,
            "LIMIT_DRILL_GENERATIONS_PER_DAY": 2,
        }
    )
    app = _guarded_app(tight)
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
        limited.post("/limited/sessions", json=SESSION, headers=headers).status_code for _ in range(2)
    ] == [201] * 2
    r = limited.post("/limited/sessions", json=SESSION, headers=headers)
    assert r.status_code == 429
    assert r.json()["detail"] == "Rate limit exceeded: 2 interview sessions per day."
    assert abs(int(r.headers["Retry-After"]) - _seconds_until(_next_midnight())) <= 5
    assert len(limited.get("/api/interview/sessions", headers=headers).json()) == 2  # nothing created
    assert limited.post("/limited/sessions", json=SESSION, headers=signup(limited)).status_code == 201


def test_sessions_created_elsewhere_count_toward_the_limit(limited: TestClient) -> None:
    headers = signup(limited)
    for _ in range(2):
        assert limited.post("/api/interview/sessions", json=SESSION, headers=headers).status_code == 201
    assert limited.post("/limited/sessions", json=SESSION, headers=headers).status_code == 429


def test_analyses_per_hour_count_the_analyses_already_queued(limited: TestClient) -> None:
    headers = signup(limited)
    sids = [finished_session(limited, headers, [STRONG]) for _ in range(2)]  # each end queues an analysis
    r = limited.post(f"/limited/sessions/{sids[0]}/analysis", headers=headers)
    assert r.status_code == 429 and r.json()["detail"] == "Rate limit exceeded: 2 analyses per hour."
    now = datetime.now(UTC)
    next_hour = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    assert 1 <= int(r.headers["Retry-After"]) <= math.ceil(_seconds_until(next_hour)) + 5


def test_drill_generations_are_limited_per_day(limited: TestClient) -> None:
    headers = signup(limited)
    codes = [limited.post("/limited/drills", json={"n": 1}, headers=headers).status_code for _ in range(3)]
    assert codes == [201, 201, 429]


def test_limits_count_in_redis_when_it_is_configured(settings: Settings, redis_url: str) -> None:
    tight = settings.model_copy(update={"REDIS_URL": redis_url, "LIMIT_SESSIONS_PER_DAY": 2})
    with TestClient(_guarded_app(tight)) as client:
        headers = signup(client)
        # Redis counts requests through the limit, not rows: sessions made on an unlimited route don't count.
        for _ in range(2):
            assert client.post("/api/interview/sessions", json=SESSION, headers=headers).status_code == 201
        codes = [
            client.post("/limited/sessions", json=SESSION, headers=headers).status_code for _ in range(3)
        ]
        assert codes == [201, 201, 429]
        r = client.post("/limited/sessions", json=SESSION, headers=headers)
        assert abs(int(r.headers["Retry-After"]) - _seconds_until(_next_midnight())) <= 5
        client.app.state.engine.dispose()


def test_a_switched_off_feature_is_404_with_the_reason(settings: Settings) -> None:
    app = _guarded_app(settings.model_copy(update={"FEATURE_DRILLS": False}))
    with TestClient(app) as client:
        r = client.post("/limited/drills", json={"n": 1}, headers=signup(client))
        assert r.status_code == 404 and r.json() == {"detail": "The drills feature is switched off."}
    app.state.engine.dispose()


def test_unknown_limit_or_feature_names_fail_when_routes_are_declared() -> None:
    with pytest.raises(ValueError, match="sessions_per_day"):
        limit("session_per_day")
    with pytest.raises(ValueError, match="market"):
        require_feature("markets")

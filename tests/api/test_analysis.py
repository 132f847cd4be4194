from __future__ import annotations

import time
import uuid
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.main import create_app
from storage.db import make_engine
from storage.models import AnalysisJob, InterviewPlanRecord, InterviewSession
from storage.types import utcnow
from tests.utils import signup

STRONG = (
    "In 2023 our checkout service was timing out during sales, so I owned the fix. I profiled the Python "
    "service, found an N+1 query in PostgreSQL, added batching and a Redis cache, and load-tested it. "
    "As a result p95 latency fell from 1.8 seconds to 300 milliseconds and failed orders dropped by 40%."
)


def finished_session(client: TestClient, headers: dict[str, str], answers: list[str]) -> uuid.UUID:
    body = {"config": {"interview_type": "behavioral", "role_kit": "backend", "duration_min": 10}}
    sid = client.post("/api/interview/sessions", json=body, headers=headers).json()["id"]
    client.post(f"/api/interview/sessions/{sid}/start", headers=headers)
    for text in answers:
        client.post(f"/api/interview/sessions/{sid}/turns", json={"text": text}, headers=headers)
    client.post(f"/api/interview/sessions/{sid}/end", headers=headers)
    return uuid.UUID(sid)


def wait_status(client: TestClient, headers: dict[str, str], sid: uuid.UUID, want: set[str], timeout: float = 20) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = client.get(f"/api/interview/sessions/{sid}/analysis/status", headers=headers)
        if r.status_code == 200 and r.json()["status"] in want:
            return r.json()
        time.sleep(0.1)
    raise AssertionError(f"analysis did not reach {want}: {r.json()}")


def test_ending_a_session_queues_an_analysis_that_completes(client: TestClient) -> None:
    headers = signup(client)
    sid = finished_session(client, headers, [STRONG])
    status = wait_status(client, headers, sid, {"COMPLETED"})
    assert status["progress"] == 100
    result = client.get(f"/api/interview/sessions/{sid}/analysis", headers=headers).json()
    first = result["analysis"]["exchanges"][0]
    assert first["score"] >= 50
    quotes = [c["evidence"]["quote"] for c in first["strengths"]]
    assert quotes and all(q in STRONG for q in quotes)  # feedback cites what was actually said
    assert client.get(f"/api/interview/sessions/{sid}", headers=headers).json()["state"] == "results"


def test_on_demand_analysis_is_202_with_urls_and_other_users_get_404(client: TestClient) -> None:
    headers, other = signup(client), signup(client)
    sid = finished_session(client, headers, [STRONG])
    wait_status(client, headers, sid, {"COMPLETED"})
    r = client.post(f"/api/interview/sessions/{sid}/analysis", headers=headers)
    assert r.status_code == 202
    assert r.json()["status_url"].endswith("/analysis/status") and r.json()["result_url"].endswith("/analysis")
    assert client.post(f"/api/interview/sessions/{sid}/analysis", headers=other).status_code == 404
    assert client.get(f"/api/interview/sessions/{sid}/analysis", headers=other).status_code == 404


def test_a_failing_analysis_retries_then_fails_without_touching_the_transcript(client: TestClient, settings) -> None:  # type: ignore[no-untyped-def]
    headers = signup(client)
    sid = finished_session(client, headers, [STRONG])
    wait_status(client, headers, sid, {"COMPLETED"})
    transcript = client.get(f"/api/interview/sessions/{sid}/transcript", headers=headers).json()
    engine = make_engine(settings.DATABASE_URL)
    with Session(engine) as db:  # a plan the analyzer cannot read makes every attempt fail for real
        plan = db.get(InterviewPlanRecord, db.get(InterviewSession, sid).plan_id)
        plan.plan = {"broken": True}
        db.add(plan)
        db.commit()
    client.post(f"/api/interview/sessions/{sid}/analysis", headers=headers)
    for _ in range(3):  # skip the backoff waits instead of sleeping through them
        _make_due(engine, sid)
        time.sleep(1.5)
    status = wait_status(client, headers, sid, {"FAILED"}, timeout=10)
    assert status["attempts"] == 3 and "ValidationError" in status["error"]
    assert client.get(f"/api/interview/sessions/{sid}/transcript", headers=headers).json() == transcript
    engine.dispose()


def _make_due(engine, sid: uuid.UUID) -> None:  # type: ignore[no-untyped-def]
    with Session(engine) as db:
        for job in db.exec(select(AnalysisJob).where(AnalysisJob.status == "PENDING")):
            job.next_attempt_at = utcnow() - timedelta(seconds=1)
            db.add(job)
        db.commit()


def test_an_analysis_cut_off_by_a_crash_completes_after_restart(client: TestClient, settings) -> None:  # type: ignore[no-untyped-def]
    headers = signup(client)
    sid = finished_session(client, headers, [STRONG])
    wait_status(client, headers, sid, {"COMPLETED"})
    engine = make_engine(settings.DATABASE_URL)
    with Session(engine) as db:  # what a process killed mid-analysis leaves behind
        db.add(AnalysisJob(session_id=sid, user_id=db.get(InterviewSession, sid).user_id, status="PROCESSING",
                           attempts=1, progress=30))
        db.commit()
    with TestClient(create_app(settings)) as restarted:
        status = wait_status(restarted, headers, sid, {"COMPLETED"})
    assert status["attempts"] == 2
    engine.dispose()

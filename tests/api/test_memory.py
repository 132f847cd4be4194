from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.test_analysis import STRONG, wait_status
from tests.api.test_jobs import BACKEND_JD
from tests.utils import create_job, signup

VAGUE = "We did some stuff with the team and it went okay I guess, things were fine in the end."


def _job_session(client: TestClient, headers: dict[str, str], job_id: str, answer: str) -> str:
    body = {"config": {"job_target_id": job_id, "interview_type": "behavioral", "duration_min": 10}}
    sid = client.post("/api/interview/sessions", json=body, headers=headers).json()["id"]
    client.post(f"/api/interview/sessions/{sid}/start", headers=headers)
    for _ in range(3):
        reply = client.post(f"/api/interview/sessions/{sid}/turns", json={"text": answer}, headers=headers).json()
        if reply["done"]:
            break
    client.post(f"/api/interview/sessions/{sid}/end", headers=headers)
    wait_status(client, headers, sid, {"COMPLETED"})
    return sid


def test_readiness_moves_after_a_session_and_suggestions_target_the_weakest_dimension(client: TestClient) -> None:
    headers = signup(client)
    job = create_job(client, headers, jd_text=BACKEND_JD, role_title="Senior Backend Engineer")
    before = client.get(f"/api/jobs/{job['id']}/readiness", headers=headers).json()
    assert before["sessions_used"] == 0
    sid = _job_session(client, headers, job["id"], VAGUE)
    after = client.get(f"/api/jobs/{job['id']}/readiness", headers=headers).json()
    assert after["sessions_used"] == 1 and after["explanation"]
    result = client.get(f"/api/interview/sessions/{sid}/analysis", headers=headers).json()
    assert result["readiness_after"]["score"] == after["score"]
    patterns = client.get("/api/memory/skill-patterns", headers=headers).json()
    weakest = min(patterns, key=lambda p: p["recent_scores"][-1])["dimension"]
    suggestions = client.get(f"/api/jobs/{job['id']}/practice-suggestions", headers=headers).json()["suggestions"]
    assert suggestions and suggestions[0]["dimension"] == weakest


def test_retry_marks_the_best_attempt_final_and_saves_a_story(client: TestClient) -> None:
    headers = signup(client)
    job = create_job(client, headers, jd_text=BACKEND_JD)
    sid = _job_session(client, headers, job["id"], VAGUE)
    plan = client.get(f"/api/interview/sessions/{sid}", headers=headers).json()["plan"]
    qid = plan["questions"][0]["id"]
    url = f"/api/interview/sessions/{sid}/exchanges/{qid}/attempts"
    weak = client.post(url, json={"text": VAGUE}, headers=headers).json()
    strong = client.post(url, json={"text": STRONG}, headers=headers).json()
    assert strong["score"] > weak["score"]
    listed = client.get(url, headers=headers).json()
    assert [a["is_final"] for a in listed] == [False, True]
    story = client.post("/api/stories", json={"session_id": sid, "question_id": qid}, headers=headers)
    assert story.status_code == 201 and "300 milliseconds" in story.json()["polished_answer"]
    assert client.get(f"/api/stories?job_target_id={job['id']}", headers=headers).json()[0]["id"] == story.json()["id"]


def test_drills_flow_and_ownership(client: TestClient) -> None:
    headers, other = signup(client), signup(client)
    job = create_job(client, headers, jd_text=BACKEND_JD)
    _job_session(client, headers, job["id"], VAGUE)
    drills = client.post("/api/drills/generate", json={"job_target_id": job["id"], "n": 2}, headers=headers).json()
    assert len(drills) == 2 and all(d["hints"] and "expected_outline" not in d for d in drills)
    first, second = drills
    assert client.post(f"/api/drills/{first['id']}/start", headers=other).status_code == 404
    assert client.post(f"/api/drills/{first['id']}/start", headers=headers).json()["status"] == "started"
    done = client.post(f"/api/drills/{first['id']}/submit", json={"text": STRONG}, headers=headers).json()
    assert done["status"] == "completed" and done["score"] is not None and done["expected_outline"]
    assert client.post(f"/api/drills/{second['id']}/skip", headers=headers).json()["status"] == "skipped"
    assert client.post(f"/api/drills/{second['id']}/submit", json={"text": "x"}, headers=headers).status_code == 409


def test_dashboard_counts_sessions_and_streak(client: TestClient) -> None:
    headers = signup(client)
    job = create_job(client, headers, jd_text=BACKEND_JD)
    _job_session(client, headers, job["id"], STRONG)
    board = client.get("/api/dashboard", headers=headers).json()
    assert board["stats"]["sessions"] == 1 and board["stats"]["streak_days"] == 1
    assert board["recent_sessions"][0]["score"] is not None
    assert board["weekly_goals"][0]["done"] == 1

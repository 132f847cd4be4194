from __future__ import annotations

from fastapi.testclient import TestClient

from api.main import create_app
from tests.api.test_jobs import BACKEND_JD
from tests.utils import create_job, signup

VAGUE = "We worked on a migration project and it was fine, we did a lot of things together as a team."


def _text_session(client: TestClient, headers: dict[str, str], **config) -> dict:  # type: ignore[no-untyped-def]
    body = {"config": {"interview_type": "behavioral", "duration_min": 15, **config}, "mode": "text"}
    r = client.post("/api/interview/sessions", json=body, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def test_plan_for_a_job_cites_its_requirements(client: TestClient) -> None:
    headers = signup(client)
    job = create_job(client, headers, jd_text=BACKEND_JD, role_title="Senior Backend Engineer")
    r = client.post("/api/interview/plans/generate",
                    json={"job_target_id": job["id"], "interview_type": "technical_verbal"}, headers=headers)
    assert r.status_code == 201, r.text
    plan = r.json()["plan"]
    assert plan["role_kit"] == "backend" and plan["job_title"] == "Senior Backend Engineer"
    questions = plan["questions"]
    assert all(q["competency"] and q["rubric"] and q["rationale"] for q in questions)
    cited = " ".join(q["source"]["jd_requirement"] or "" for q in questions)
    assert "Kubernetes" in cited or "PostgreSQL" in cited
    assert sum(q["time_budget_s"] for q in questions) <= 15 * 60


def test_plans_and_sessions_of_other_users_are_404(client: TestClient) -> None:
    alice, bob = signup(client), signup(client)
    job = create_job(client, alice)
    assert client.post("/api/interview/plans/generate", json={"job_target_id": job["id"]},
                       headers=bob).status_code == 404
    session = _text_session(client, alice)
    assert client.get(f"/api/interview/sessions/{session['id']}", headers=bob).status_code == 404
    assert client.post(f"/api/interview/sessions/{session['id']}/start", headers=bob).status_code == 404
    assert client.post("/api/interview/sessions", json={"plan_id": session["plan_id"]}, headers=bob).status_code == 404


def test_typed_interview_follows_up_on_a_vague_answer_and_persists_each_turn(client: TestClient) -> None:
    headers = signup(client)
    session = _text_session(client, headers, role_kit="backend")
    base = f"/api/interview/sessions/{session['id']}"
    opening = client.post(base + "/start", headers=headers).json()
    assert opening["state"] == "live" and opening["question_id"]
    reply = client.post(base + "/turns", json={"text": VAGUE}, headers=headers).json()
    assert reply["kind"] == "follow_up" and reply["question_id"] == opening["question_id"]
    transcript = client.get(base + "/transcript", headers=headers).json()
    assert [t["role"] for t in transcript] == ["interviewer", "candidate", "interviewer"]
    assert transcript[1]["text"] == VAGUE


def test_a_restarted_server_continues_the_same_interview(client: TestClient, settings) -> None:  # type: ignore[no-untyped-def]
    headers = signup(client)
    session = _text_session(client, headers, role_kit="backend")
    base = f"/api/interview/sessions/{session['id']}"
    client.post(base + "/start", headers=headers)
    client.post(base + "/turns", json={"text": VAGUE}, headers=headers)
    with TestClient(create_app(settings)) as fresh:  # a new process: nothing in memory
        reply = fresh.post(base + "/turns", json={"text": "I don't know."}, headers=headers)
        assert reply.status_code == 200, reply.text
        texts = [t["text"] for t in fresh.get(base + "/transcript", headers=headers).json()
                 if t["role"] == "interviewer"]
    assert len(texts) == len(set(texts)), "a question was repeated after the restart"


def test_ending_a_text_session_closes_it_and_blocks_more_turns(client: TestClient) -> None:
    headers = signup(client)
    session = _text_session(client, headers)
    base = f"/api/interview/sessions/{session['id']}"
    assert client.post(base + "/turns", json={"text": "hi"}, headers=headers).status_code == 409  # not started
    client.post(base + "/start", headers=headers)
    ended = client.post(base + "/end", headers=headers).json()
    assert ended["kind"] == "closing" and ended["state"] == "transcript"
    assert client.post(base + "/turns", json={"text": "more"}, headers=headers).status_code == 409
    detail = client.get(base, headers=headers).json()
    states = [e["data"]["to"] for e in detail["events"] if e["kind"] == "state"]
    assert states[:3] == ["created", "live", "transcript"]  # then the queued analysis takes over


def test_session_input_errors_name_the_problem(client: TestClient) -> None:
    headers = signup(client)
    r = client.post("/api/interview/sessions", json={"mode": "text"}, headers=headers)
    assert r.status_code == 422 and "plan_id or config" in r.json()["detail"]
    r = client.post("/api/interview/sessions", json={"config": {}, "mode": "text", "transport": "webrtc"},
                    headers=headers)
    assert r.status_code == 422 and "does not fit mode" in r.json()["detail"]
    r = client.post("/api/interview/sessions", json={"config": {"interview_type": "coding", "role_kit": "nursing"}},
                    headers=headers)
    assert r.status_code == 422 and r.json()["detail"].startswith("interview_type:")

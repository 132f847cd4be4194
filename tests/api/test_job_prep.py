from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.test_jobs import BACKEND_JD
from tests.utils import create_job, signup


def test_stages_and_contacts_are_listed_per_job(client: TestClient) -> None:
    headers = signup(client)
    job = create_job(client, headers)
    base = f"/api/jobs/{job['id']}/interviews"
    stage = client.post(base, json={"stage_name": "Recruiter Screen", "date": "2026-12-01T10:00:00+01:00"},
                        headers=headers)
    assert stage.status_code == 201 and stage.json()["status"] == "Scheduled"
    contact = client.post(base + "/contacts", json={"name": "Priya Shah", "title": "Recruiter",
                                                   "email": "priya@acme.example",
                                                   "linkedin_url": "https://www.linkedin.com/in/priya"},
                          headers=headers)
    assert contact.status_code == 201
    listed = client.get(base, headers=headers).json()
    assert [s["stage_name"] for s in listed["stages"]] == ["Recruiter Screen"]
    assert listed["stages"][0]["date"].startswith("2026-12-01T09:00:00")  # stored in UTC
    assert listed["contacts"][0]["name"] == "Priya Shah"


def test_bad_stage_and_contact_input_name_the_field(client: TestClient) -> None:
    headers = signup(client)
    job = create_job(client, headers)
    base = f"/api/jobs/{job['id']}/interviews"
    r = client.post(base, json={"stage_name": "Onsite", "date": "next tuesday", "status": "Maybe"}, headers=headers)
    assert r.status_code == 422 and {e["field"] for e in r.json()["errors"]} == {"date", "status"}
    r = client.post(base + "/contacts", json={"name": "X", "email": "nope", "linkedin_url": "linkedin"},
                    headers=headers)
    assert r.status_code == 422 and {e["field"] for e in r.json()["errors"]} == {"email", "linkedin_url"}
    assert client.get(base, headers=headers).json() == {"stages": [], "contacts": []}


def test_generated_questions_come_from_the_job(client: TestClient) -> None:
    headers = signup(client)
    job = create_job(client, headers, jd_text=BACKEND_JD, role_title="Senior Backend Engineer")
    r = client.post(f"/api/jobs/{job['id']}/interviews/generate-questions", headers=headers)
    assert r.status_code == 200
    body = r.json()
    assert len(body["behavioral_questions"]) >= 3 and len(body["technical_questions"]) >= 3
    technical = " ".join(body["technical_questions"])
    assert any(skill in technical for skill in ("Kubernetes", "PostgreSQL", "Python"))


def test_other_users_cannot_touch_a_jobs_stages(client: TestClient) -> None:
    alice, bob = signup(client), signup(client)
    job = create_job(client, alice)
    base = f"/api/jobs/{job['id']}/interviews"
    assert client.post(base, json={"stage_name": "S", "date": "2026-12-01T10:00:00Z"}, headers=bob).status_code == 404
    assert client.post(base + "/contacts", json={"name": "X"}, headers=bob).status_code == 404
    assert client.post(base + "/generate-questions", headers=bob).status_code == 404

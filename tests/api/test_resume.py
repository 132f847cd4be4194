from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.test_jobs import BACKEND_JD
from tests.utils import create_job, signup

RESUME = """Jane Doe
jane@example.com

Experience
Backend Engineer, Initech (2019 - 2024)
- Built Python services on PostgreSQL serving 2M requests per day
- Cut p95 latency by 40% by adding caching

Skills: Python, PostgreSQL, Docker
"""


def test_upload_text_resume_then_get_and_delete(client: TestClient) -> None:
    headers = signup(client)
    r = client.post("/api/resume", files={"file": ("cv.txt", RESUME.encode(), "text/plain")}, headers=headers)
    assert r.status_code == 201, r.text
    profile = r.json()["profile"]
    assert {"Python", "PostgreSQL"} <= set(profile["skills"])
    assert any("40%" in a["numbers"] for a in profile["achievements"])
    assert client.get("/api/resume", headers=headers).json()["filename"] == "cv.txt"
    assert client.delete("/api/resume", headers=headers).status_code == 204
    assert client.get("/api/resume", headers=headers).status_code == 404


def test_resume_changes_the_risks_of_saved_jobs(client: TestClient) -> None:
    headers = signup(client)
    job = create_job(client, headers, jd_text=BACKEND_JD)
    assert job["jd_parsed"]["risks"] == []
    client.post("/api/resume", data={"text": RESUME}, headers=headers)
    risks = client.get(f"/api/jobs/{job['id']}", headers=headers).json()["jd_parsed"]["risks"]
    reasons = " ".join(r["reason"] for r in risks)
    assert "not mention Kubernetes" in reasons
    assert "PostgreSQL" not in reasons.split("does not mention")[-1] and "Python" not in reasons
    client.delete("/api/resume", headers=headers)
    assert client.get(f"/api/jobs/{job['id']}", headers=headers).json()["jd_parsed"]["risks"] == []


def test_unreadable_upload_is_a_clear_422(client: TestClient) -> None:
    headers = signup(client)
    r = client.post("/api/resume", files={"file": ("cv.pdf", b"%PDF-1.4 garbage", "application/pdf")},
                    headers=headers)
    assert r.status_code == 422 and r.json()["detail"].startswith("file:")
    assert client.get("/api/resume", headers=headers).status_code == 404

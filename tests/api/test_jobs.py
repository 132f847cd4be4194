from __future__ import annotations

from fastapi.testclient import TestClient

from tests.utils import create_job, signup

BACKEND_JD = """Senior Backend Engineer

Responsibilities:
- Design and operate Python services on PostgreSQL and Kubernetes
- Lead incident response and on-call rotations

Requirements:
- 5+ years of experience with Python
- Strong SQL and PostgreSQL skills
- Experience with Kubernetes and Docker

Nice to have:
- Experience with Kafka
"""


def _ext_headers(client: TestClient, headers: dict[str, str]) -> dict[str, str]:
    token = client.post("/api/auth/extension-tokens", json={}, headers=headers).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def test_extension_save_parses_requirements(client: TestClient) -> None:
    ext = _ext_headers(client, signup(client))
    body = {
        "source": "linkedin", "job_url": "https://www.linkedin.com/jobs/view/123/?trk=abc",
        "company_name": "Acme", "role_title": "Senior Backend Engineer", "location": "Berlin", "jd_text": BACKEND_JD,
    }
    r = client.post("/api/jobs/save", json=body, headers=ext)
    assert r.status_code == 201, r.text
    job = r.json()
    assert job["outcome"] == "created" and job["status"] == "saved"
    parsed = job["jd_parsed"]
    must = " ".join(req["text"] for req in parsed["requirements"]["must_have"])
    nice = " ".join(req["text"] for req in parsed["requirements"]["nice_to_have"])
    assert "Kubernetes" in must and "Kafka" in nice and "Kafka" not in must
    assert {"Python", "PostgreSQL", "Kubernetes"} <= set(parsed["hard_skills"] + parsed["tools"])
    assert parsed["seniority"] == "senior"


def test_saving_same_url_updates_instead_of_duplicating(client: TestClient) -> None:
    headers = signup(client)
    ext = _ext_headers(client, headers)
    url = "https://www.linkedin.com/jobs/view/555/"
    first = client.post("/api/jobs/save", json={"job_url": url, "role_title": "Data Scientist"}, headers=ext)
    again = client.post(
        "/api/jobs/save",
        json={"job_url": url + "?utm_source=share", "jd_text": "Requirements:\n- Python and statistics"},
        headers=ext,
    )
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["outcome"] == "updated" and again.json()["id"] == first.json()["id"]
    assert again.json()["role_title"] == "Data Scientist"  # not blanked by the second save
    assert client.get("/api/jobs", headers=headers).json()["total"] == 1


def test_save_needs_url_or_text(client: TestClient) -> None:
    r = client.post("/api/jobs", json={"company_name": "Acme"}, headers=signup(client))
    assert r.status_code == 422
    assert "job_url or jd_text is required" in r.json()["detail"]


def test_malformed_url_and_unknown_source_name_the_field(client: TestClient) -> None:
    headers = signup(client)
    r = client.post("/api/jobs", json={"job_url": "not a url", "source": "myspace"}, headers=headers)
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} >= {"job_url", "source"}
    r = client.post("/api/jobs", json={"jd_text": 42}, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "jd_text"


def test_oversized_jd_is_413_and_nothing_is_saved(client: TestClient, settings) -> None:  # type: ignore[no-untyped-def]
    headers = signup(client)
    r = client.post("/api/jobs", json={"jd_text": "x" * (settings.MAX_JD_CHARS + 1)}, headers=headers)
    assert r.status_code == 413
    assert str(settings.MAX_JD_CHARS) in r.json()["detail"]
    assert client.get("/api/jobs", headers=headers).json()["total"] == 0


def test_list_filters_search_and_paginates(client: TestClient) -> None:
    headers = signup(client)
    create_job(client, headers, company_name="Acme", role_title="Backend Engineer", source="linkedin")
    create_job(client, headers, company_name="Globex", role_title="Registered Nurse", source="indeed",
               jd_text="ICU nursing with BLS certification")
    create_job(client, headers, company_name="Acme", role_title="Product Manager", source="manual")
    assert client.get("/api/jobs?company=acme", headers=headers).json()["total"] == 2
    assert client.get("/api/jobs?source=indeed", headers=headers).json()["items"][0]["company_name"] == "Globex"
    assert client.get("/api/jobs?q=nursing", headers=headers).json()["total"] == 1
    page = client.get("/api/jobs?limit=2&offset=2", headers=headers).json()
    assert page["total"] == 3 and len(page["items"]) == 1
    assert client.get("/api/jobs?status=bogus", headers=headers).status_code == 422


def test_status_transitions_are_validated(client: TestClient) -> None:
    headers = signup(client)
    job = create_job(client, headers)
    url = f"/api/jobs/{job['id']}/status"
    assert client.patch(url, json={"status": "offer"}, headers=headers).status_code == 409
    assert client.patch(url, json={"status": "interview"}, headers=headers).json()["status"] == "interview"
    r = client.patch(url, json={"status": "hired"}, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "status"
    assert client.get(f"/api/jobs/{job['id']}", headers=headers).json()["status"] == "interview"


def test_another_users_job_is_404_everywhere(client: TestClient) -> None:
    alice, bob = signup(client), signup(client)
    job = create_job(client, alice)
    base = f"/api/jobs/{job['id']}"
    assert client.get(base, headers=bob).status_code == 404
    assert client.patch(base + "/status", json={"status": "applied"}, headers=bob).status_code == 404
    assert client.delete(base, headers=bob).status_code == 404
    assert client.get(base + "/interviews", headers=bob).status_code == 404
    assert client.get("/api/jobs", headers=bob).json()["total"] == 0
    assert client.get(base, headers=alice).status_code == 200


def test_delete_removes_the_job_and_its_stages(client: TestClient) -> None:
    headers = signup(client)
    job = create_job(client, headers)
    client.post(f"/api/jobs/{job['id']}/interviews", json={"stage_name": "Screen", "date": "2026-12-01T10:00:00Z"},
                headers=headers)
    assert client.delete(f"/api/jobs/{job['id']}", headers=headers).status_code == 204
    assert client.get(f"/api/jobs/{job['id']}", headers=headers).status_code == 404

from __future__ import annotations

from fastapi.testclient import TestClient


def test_health_reports_database_and_echoes_request_id(client: TestClient) -> None:
    r = client.get("/api/health", headers={"X-Request-ID": "abc123"})
    assert r.status_code == 200 and r.json() == {"status": "ok", "database": "ok"}
    assert r.headers["x-request-id"] == "abc123"


def test_openapi_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/jobs/save" in paths and "/api/jobs/{job_id}/status" in paths

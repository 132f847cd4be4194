"""Plain builders for API tests."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient


def signup(client: TestClient, email: str | None = None, password: str = "correct-horse-9") -> dict[str, str]:
    email = email or f"user-{uuid.uuid4().hex[:8]}@example.com"
    r = client.post("/api/auth/signup", json={"email": email, "password": password, "full_name": "Test User"})
    assert r.status_code == 201, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def create_job(client: TestClient, headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    body = {"role_title": "Backend Engineer", "company_name": "Acme", "jd_text": "We need Python and SQL."}
    body.update(fields)
    r = client.post("/api/jobs", json=body, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()

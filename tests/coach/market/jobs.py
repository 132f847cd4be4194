"""Job descriptions several candidates might save, and a way to save them through the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.utils import create_job, signup


def jd(title: str, pay: str | None, skills: list[str]) -> str:
    lines = [title, "", "Requirements:", *(f"- Experience with {s}" for s in skills)]
    if pay:
        lines[1:1] = [f"Salary: {pay}"]
    return "\n".join(lines)


def save_as_new_user(
    client: TestClient, title: str, location: str | None, pay: str | None, skills: list[str], **fields: str
) -> dict[str, str]:
    headers = signup(client)
    create_job(client, headers, role_title=title, location=location, jd_text=jd(title, pay, skills), **fields)
    return headers

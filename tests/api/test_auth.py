from __future__ import annotations

from fastapi.testclient import TestClient

from tests.utils import signup


def test_signup_then_me_returns_the_account(client: TestClient) -> None:
    headers = signup(client, email="Ada@Example.com")
    r = client.get("/api/auth/me", headers=headers)
    assert r.status_code == 200
    assert r.json()["email"] == "ada@example.com"


def test_signup_twice_with_same_email_is_refused(client: TestClient) -> None:
    signup(client, email="dup@example.com")
    r = client.post("/api/auth/signup", json={"email": "dup@example.com", "password": "another-pass-1"})
    assert r.status_code == 409
    assert "already exists" in r.json()["detail"]


def test_short_password_and_bad_email_name_the_field(client: TestClient) -> None:
    r = client.post("/api/auth/signup", json={"email": "not-an-email", "password": "short"})
    assert r.status_code == 422
    fields = {e["field"] for e in r.json()["errors"]}
    assert fields == {"email", "password"}


def test_signin_with_wrong_password_is_401(client: TestClient) -> None:
    signup(client, email="bob@example.com", password="right-password-1")
    r = client.post("/api/auth/signin", json={"email": "bob@example.com", "password": "wrong-password-1"})
    assert r.status_code == 401
    ok = client.post("/api/auth/signin", json={"email": "bob@example.com", "password": "right-password-1"})
    assert ok.status_code == 200 and ok.json()["access_token"]


def test_refresh_rotates_and_a_reused_token_revokes_the_family(client: TestClient) -> None:
    r = client.post("/api/auth/signup", json={"email": "rot@example.com", "password": "rotate-me-please"})
    first = r.json()["refresh_token"]
    second = client.post("/api/auth/refresh", json={"refresh_token": first})
    assert second.status_code == 200
    new_refresh = second.json()["refresh_token"]
    assert new_refresh != first
    # Replaying the old token looks like theft: it fails and so does the token it was swapped for.
    assert client.post("/api/auth/refresh", json={"refresh_token": first}).status_code == 401
    assert client.post("/api/auth/refresh", json={"refresh_token": new_refresh}).status_code == 401


def test_me_without_or_with_garbage_token_is_401(client: TestClient) -> None:
    assert client.get("/api/auth/me").status_code == 401
    assert client.get("/api/auth/me", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_extension_token_saves_jobs_but_opens_nothing_else(client: TestClient) -> None:
    headers = signup(client)
    r = client.post("/api/auth/extension-tokens", json={"name": "Chrome"}, headers=headers)
    assert r.status_code == 201
    ext = {"Authorization": f"Bearer {r.json()['token']}"}
    saved = client.post("/api/jobs/save", json={"job_url": "https://jobs.example.com/1", "jd_text": "Python"},
                        headers=ext)
    assert saved.status_code == 201
    assert client.get("/api/jobs", headers=ext).status_code == 401
    assert client.get("/api/auth/me", headers=ext).status_code == 401


def test_revoked_extension_token_stops_working(client: TestClient) -> None:
    headers = signup(client)
    created = client.post("/api/auth/extension-tokens", json={}, headers=headers).json()
    ext = {"Authorization": f"Bearer {created['token']}"}
    assert client.delete(f"/api/auth/extension-tokens/{created['id']}", headers=headers).status_code == 204
    r = client.post("/api/jobs/save", json={"job_url": "https://jobs.example.com/2"}, headers=ext)
    assert r.status_code == 401
    listed = client.get("/api/auth/extension-tokens", headers=headers).json()
    assert listed[0]["revoked_at"] is not None and "token" not in listed[0]


def test_another_users_extension_token_id_is_404(client: TestClient) -> None:
    alice, bob = signup(client), signup(client)
    created = client.post("/api/auth/extension-tokens", json={}, headers=alice).json()
    assert client.delete(f"/api/auth/extension-tokens/{created['id']}", headers=bob).status_code == 404

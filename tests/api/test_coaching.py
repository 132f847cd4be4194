from __future__ import annotations

import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from api.main import create_app
from api.routes import coaching as coaching_routes
from coach.settings import Settings
from tests.utils import create_job, signup

Headers = dict[str, str]
ANSWER = (
    "At my last job our nightly billing export kept failing, so I owned the fix: I added retries with "
    "idempotency keys and an alert, and failures dropped from weekly to zero over the next quarter."
)


def _user(client: TestClient, email: str | None = None) -> tuple[Headers, str]:
    email = email or f"user-{uuid.uuid4().hex[:8]}@example.com"
    return signup(client, email), email


def _session(
    client: TestClient, headers: Headers, job_id: str | None = None, **fields: Any
) -> dict[str, Any]:
    config = {
        "interview_type": "behavioral",
        "role_kit": "backend",
        "duration_min": 10,
        "job_target_id": job_id,
    }
    r = client.post("/api/interview/sessions", json={"config": config, **fields}, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def _started(client: TestClient, headers: Headers) -> str:
    sid = _session(client, headers)["id"]
    assert client.post(f"/api/interview/sessions/{sid}/start", headers=headers).status_code == 200
    return sid


def _invite(client: TestClient, headers: Headers, email: str, **fields: Any) -> dict[str, Any]:
    r = client.post("/api/coaches/invites", json={"email": email, **fields}, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def _coach_for(client: TestClient, candidate: Headers, **fields: Any) -> tuple[Headers, dict[str, Any]]:
    coach, email = _user(client)
    invite = _invite(client, candidate, email, **fields)
    r = client.post(f"/api/coaches/invites/{invite['accept_token']}/accept", headers=coach)
    assert r.status_code == 200, r.text
    return coach, invite


def _visible(client: TestClient, coach: Headers) -> set[str]:
    r = client.get("/api/coaching/sessions", headers=coach)
    assert r.status_code == 200, r.text
    return {s["id"] for s in r.json()}


def _missing_message(client: TestClient, headers: Headers) -> str:
    r = client.get(f"/api/coaching/sessions/{uuid.uuid4()}", headers=headers)
    assert r.status_code == 404
    return r.json()["detail"]


# Invites ----------------------------------------------------------------------------------------


def test_an_invite_is_accepted_once_and_only_by_the_invited_email(client: TestClient) -> None:
    candidate, _ = _user(client)
    coach, coach_email = _user(client, "Coach.Kim@Example.com")
    stranger, _ = _user(client)
    invite = _invite(client, candidate, coach_email)
    token = invite["accept_token"]
    assert invite["status"] == "pending" and invite["accept_url"].endswith(f"/coach/invites/{token}")

    assert client.post(f"/api/coaches/invites/{token}/accept", headers=stranger).status_code == 403
    accepted = client.post(f"/api/coaches/invites/{token}/accept", headers=coach)
    assert accepted.status_code == 200 and accepted.json()["status"] == "active"
    assert client.post(f"/api/coaches/invites/{token}/accept", headers=coach).status_code == 404

    [listed] = client.get("/api/coaches", headers=candidate).json()
    assert (listed["status"], listed["coach_email"], listed["coach_name"]) == (
        "active",
        "coach.kim@example.com",
        "Test User",
    )
    assert "accept_token" not in listed


def test_invites_check_their_scope_and_the_job(client: TestClient) -> None:
    candidate, email = _user(client)
    other, _ = _user(client)
    foreign_job = create_job(client, other)["id"]
    r = client.post(
        "/api/coaches/invites", json={"email": "c@example.com", "scope": "job"}, headers=candidate
    )
    assert r.status_code == 422 and "job_target_id" in r.json()["detail"]
    r = client.post(
        "/api/coaches/invites",
        json={"email": "c@example.com", "scope": "job", "job_target_id": foreign_job},
        headers=candidate,
    )
    assert r.status_code == 404
    r = client.post("/api/coaches/invites", json={"email": email}, headers=candidate)
    assert r.status_code == 422 and "yourself" in r.json()["detail"]


def test_a_pending_or_revoked_invite_opens_nothing(client: TestClient) -> None:
    candidate, _ = _user(client)
    coach, email = _user(client)
    sid = _session(client, candidate)["id"]
    invite = _invite(client, candidate, email)
    assert _visible(client, coach) == set()
    assert client.delete(f"/api/coaches/{invite['id']}", headers=candidate).status_code == 204
    assert (
        client.post(f"/api/coaches/invites/{invite['accept_token']}/accept", headers=coach).status_code == 404
    )
    assert client.get(f"/api/coaching/sessions/{sid}", headers=coach).status_code == 404


# What a coach sees ------------------------------------------------------------------------------


def test_an_all_sessions_grant_shows_every_session_of_that_candidate_only(client: TestClient) -> None:
    candidate, _ = _user(client)
    someone_else, _ = _user(client)
    coach, _ = _coach_for(client, candidate)
    mine = {_session(client, candidate)["id"], _started(client, candidate)}
    _session(client, someone_else)
    assert _visible(client, coach) == mine


def test_a_job_scoped_grant_does_not_reveal_another_jobs_sessions(client: TestClient) -> None:
    candidate, _ = _user(client)
    job_a, job_b = (
        create_job(client, candidate)["id"],
        create_job(client, candidate, role_title="Data Analyst")["id"],
    )
    in_scope = _session(client, candidate, job_a)["id"]
    out_of_scope = _session(client, candidate, job_b)["id"]
    unlinked = _session(client, candidate)["id"]
    coach, _ = _coach_for(client, candidate, scope="job", job_target_id=job_a)

    assert _visible(client, coach) == {in_scope}
    detail = client.get(f"/api/coaching/sessions/{in_scope}", headers=coach).json()
    assert detail["job_title"] == "Backend Engineer at Acme" and detail["candidate_name"] == "Test User"
    for hidden in (out_of_scope, unlinked):
        r = client.get(f"/api/coaching/sessions/{hidden}", headers=coach)
        assert (r.status_code, r.json()["detail"]) == (404, _missing_message(client, coach))


def test_revoking_a_grant_hides_the_sessions_again(client: TestClient) -> None:
    candidate, _ = _user(client)
    coach, invite = _coach_for(client, candidate)
    sid = _started(client, candidate)
    assert client.get(f"/api/coaching/sessions/{sid}", headers=coach).status_code == 200

    assert client.delete(f"/api/coaches/{invite['id']}", headers=candidate).status_code == 204
    assert _visible(client, coach) == set()
    for path in ("", "/comments", "/live"):
        r = client.get(f"/api/coaching/sessions/{sid}{path}", headers=coach)
        assert (r.status_code, r.json()["detail"]) == (404, _missing_message(client, coach))
    assert client.get("/api/coaches", headers=candidate).json()[0]["status"] == "revoked"


def test_a_stranger_gets_the_same_404_as_for_a_missing_session(client: TestClient) -> None:
    candidate, _ = _user(client)
    stranger, _ = _user(client)
    sid = _started(client, candidate)
    r = client.get(f"/api/coaching/sessions/{sid}", headers=stranger)
    assert (r.status_code, r.json()["detail"]) == (404, _missing_message(client, stranger))
    assert client.delete(f"/api/coaches/{uuid.uuid4()}", headers=stranger).status_code == 404


def test_the_coach_reads_the_transcript_and_the_analysis_once_it_exists(client: TestClient) -> None:
    candidate, _ = _user(client)
    coach, _ = _coach_for(client, candidate)
    sid = _started(client, candidate)
    client.post(f"/api/interview/sessions/{sid}/turns", json={"text": ANSWER}, headers=candidate)
    detail = client.get(f"/api/coaching/sessions/{sid}", headers=coach).json()
    assert [t["role"] for t in detail["turns"]] == ["interviewer", "candidate", "interviewer"]
    assert detail["turns"][1]["text"] == ANSWER and detail["analysis"] is None

    client.post(f"/api/interview/sessions/{sid}/end", headers=candidate)
    own = _wait_for_analysis(client, candidate, sid)
    detail = client.get(f"/api/coaching/sessions/{sid}", headers=coach).json()
    assert detail["analysis"]["overall_score"] == own["overall_score"]
    assert detail["analysis"]["analysis"] == own["analysis"]


def _wait_for_analysis(client: TestClient, headers: Headers, sid: str, timeout: float = 20) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = client.get(f"/api/interview/sessions/{sid}/analysis", headers=headers)
        if r.status_code == 200:
            return r.json()
        time.sleep(0.1)
    raise AssertionError(f"no analysis for {sid}")


# Comments ---------------------------------------------------------------------------------------


def test_coach_comments_show_on_the_candidates_session(client: TestClient) -> None:
    candidate, _ = _user(client)
    coach, _ = _coach_for(client, candidate)
    sid = _started(client, candidate)
    client.post(f"/api/interview/sessions/{sid}/turns", json={"text": ANSWER}, headers=candidate)
    answer_seq = next(
        t["seq"]
        for t in client.get(f"/api/interview/sessions/{sid}/transcript", headers=candidate).json()
        if t["role"] == "candidate"
    )

    r = client.post(
        f"/api/coaching/sessions/{sid}/comments",
        json={"turn_seq": answer_seq, "text": "  Lead with the outcome next time.  "},
        headers=coach,
    )
    assert r.status_code == 201, r.text
    seen = client.get(f"/api/interview/sessions/{sid}/comments", headers=candidate).json()
    assert [(c["turn_seq"], c["text"], c["by_coach"]) for c in seen] == [
        (answer_seq, "Lead with the outcome next time.", True)
    ]
    assert client.get(f"/api/coaching/sessions/{sid}/comments", headers=coach).json() == seen


def test_comments_need_a_real_turn_and_some_text(client: TestClient) -> None:
    candidate, _ = _user(client)
    coach, _ = _coach_for(client, candidate)
    sid = _started(client, candidate)
    r = client.post(
        f"/api/coaching/sessions/{sid}/comments", json={"turn_seq": 99, "text": "Good"}, headers=coach
    )
    assert r.status_code == 422 and "turn_seq" in r.json()["detail"]
    r = client.post(
        f"/api/coaching/sessions/{sid}/comments", json={"turn_seq": 0, "text": "   "}, headers=coach
    )
    assert r.status_code == 422 and "text" in r.json()["detail"]
    assert client.get(f"/api/interview/sessions/{sid}/comments", headers=candidate).json() == []


# Live listen-in ---------------------------------------------------------------------------------


@pytest.fixture
def livekit_client(settings: Settings) -> Iterator[tuple[TestClient, Settings]]:
    lk = settings.model_copy(
        update={
            "LIVEKIT_URL": "ws://livekit.test:7880",
            "LIVEKIT_API_KEY": "devkey",
            "LIVEKIT_API_SECRET": "a-livekit-secret-" + "y" * 32,
        }
    )
    app = create_app(lk)
    with TestClient(app) as c:
        yield c, lk
    app.state.engine.dispose()


def test_livekit_listen_in_is_a_hidden_participant_that_cannot_publish(livekit_client) -> None:  # type: ignore[no-untyped-def]
    client, settings = livekit_client
    candidate, _ = _user(client)
    coach, _ = _coach_for(client, candidate)
    session = _session(client, candidate, mode="voice", transport="livekit")

    live = client.get(f"/api/coaching/sessions/{session['id']}/live", headers=coach).json()
    assert (live["kind"], live["server_url"], live["room"]) == (
        "livekit",
        "ws://livekit.test:7880",
        session["join"]["room"],
    )
    claims = jwt.decode(live["token"], settings.LIVEKIT_API_SECRET, algorithms=["HS256"])
    video = claims["video"]
    assert video["room"] == session["join"]["room"] and video["roomJoin"] is True
    assert video["hidden"] is True and video["canSubscribe"] is True
    assert video["canPublish"] is False and video["canPublishData"] is False
    assert claims["sub"].startswith("coach-")


def test_other_transports_listen_through_the_session_stream(client: TestClient) -> None:
    candidate, _ = _user(client)
    coach, _ = _coach_for(client, candidate)
    sid = _started(client, candidate)
    live = client.get(f"/api/coaching/sessions/{sid}/live", headers=coach).json()
    assert live == {"kind": "stream", "socket": f"/api/coaching/sessions/{sid}/live/ws", "state": "live"}


def _token(headers: Headers) -> str:
    return headers["Authorization"].removeprefix("Bearer ")


def _receive(ws: Any, timeout: float = 5.0) -> dict[str, Any]:
    """receive_json with a deadline, so a missing event fails the test instead of hanging it."""
    box: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: box.put(_attempt(ws.receive_json)), daemon=True).start()
    try:
        outcome = box.get(timeout=timeout)
    except queue.Empty:
        raise AssertionError(f"no event within {timeout} s") from None
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def _attempt(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except BaseException as exc:  # handed to the test thread
        return exc


def _receive_until(ws: Any, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    for _ in range(20):
        event = _receive(ws)
        if wanted(event):
            return event
    raise AssertionError("the wanted event never came")


def test_a_coach_listens_to_a_live_text_session_and_the_candidate_sees_the_coach(client: TestClient) -> None:
    candidate, _ = _user(client)
    coach, _ = _coach_for(client, candidate)
    sid = _started(client, candidate)
    presence_path = f"/api/interview/sessions/{sid}/presence/ws?token={_token(candidate)}"
    live_path = f"/api/coaching/sessions/{sid}/live/ws?token={_token(coach)}"

    with client.websocket_connect(presence_path) as watched:
        assert _receive(watched) == {"type": "presence", "coaches": 0}
        with client.websocket_connect(live_path) as listening:
            assert _receive(listening) == {"type": "presence", "coaches": 1}
            assert _receive(watched) == {"type": "presence", "coaches": 1}

            client.post(f"/api/interview/sessions/{sid}/turns", json={"text": ANSWER}, headers=candidate)
            answer = _receive_until(listening, lambda e: e["type"] == "turn")
            assert (answer["role"], answer["kind"], answer["text"]) == ("candidate", "answer", ANSWER)
            reply = _receive(listening)
            assert (reply["type"], reply["role"], reply["seq"]) == ("turn", "interviewer", answer["seq"] + 1)
        assert _receive(watched) == {"type": "presence", "coaches": 0}  # only presence reaches the candidate


def test_revoking_a_grant_cuts_off_a_coach_who_is_listening(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coaching_routes, "GRANT_RECHECK_S", 0.05)
    candidate, _ = _user(client)
    coach, invite = _coach_for(client, candidate)
    sid = _started(client, candidate)
    with client.websocket_connect(f"/api/coaching/sessions/{sid}/live/ws?token={_token(coach)}") as listening:
        assert _receive(listening) == {"type": "presence", "coaches": 1}
        assert client.delete(f"/api/coaches/{invite['id']}", headers=candidate).status_code == 204
        with pytest.raises(WebSocketDisconnect) as closed:
            _receive_until(listening, lambda _e: False)
    assert closed.value.code == 4404


def test_live_sockets_refuse_strangers_and_missing_tokens(client: TestClient) -> None:
    candidate, _ = _user(client)
    stranger, _ = _user(client)
    sid = _started(client, candidate)
    cases = [
        (f"/api/coaching/sessions/{sid}/live/ws?token={_token(stranger)}", 4404),
        (f"/api/coaching/sessions/{sid}/live/ws", 4401),
        (f"/api/interview/sessions/{sid}/presence/ws?token={_token(stranger)}", 4404),
        (f"/api/coaching/sessions/{sid}/live/ws?token={_token(candidate)}", 4404),  # not their own coach
    ]
    for path, code in cases:
        with client.websocket_connect(path) as ws, pytest.raises(WebSocketDisconnect) as closed:
            _receive(ws)
        assert closed.value.code == code, path


# Pages ------------------------------------------------------------------------------------------


def test_coach_pages_load_their_modules(client: TestClient) -> None:
    sid = uuid.uuid4()
    for path, module in (
        ("/coach", "dashboard"),
        (f"/coach/sessions/{sid}", "session"),
        ("/coach/invites/icc_abc", "invite"),
    ):
        r = client.get(path)
        assert r.status_code == 200 and f'src="/static/coach/{module}.js"' in r.text
        assert client.get(f"/static/coach/{module}.js").status_code == 200

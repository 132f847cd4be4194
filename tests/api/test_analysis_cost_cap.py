"""The per-user daily cost cap on the analysis LLM pass, end to end through the companion and its queue.

Sessions are practised on an offline companion; analyses are then requested from a companion whose LLM is a
local fake OpenAI-compatible server. A server on this machine is free by design, so the tests that need a
bill declare it a paid OpenAI endpoint.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.main import create_app
from coach.analysis import llm as analysis_llm
from coach.analysis.cost import session_cost
from coach.sessions.analyze import spent_today
from coach.settings import Settings
from storage.db import make_engine
from storage.models import InterviewSession, UsageRecord
from tests.api.test_analysis import STRONG, finished_session, wait_status
from tests.coach.analysis.fake_llm import FakeLLM, serve
from tests.utils import signup

MODEL = "gpt-4o-mini"
# Each fake reply bills 200k input and 50k output tokens: $0.03 + $0.03 at gpt-4o-mini list prices.
CALL_USAGE = {
    "kind": "llm",
    "provider": "openai",
    "model": MODEL,
    "input_tokens": 200_000,
    "output_tokens": 50_000,
}
CALL_COST = session_cost([CALL_USAGE])
LLM_ACTION = "Lead with the result, then explain how you got there."
FEEDBACK = json.dumps({"exchanges": [], "top_actions": [LLM_ACTION]})


@pytest.fixture
def fake() -> Iterator[FakeLLM]:
    with serve(FakeLLM(content=FEEDBACK, prompt_tokens=200_000, completion_tokens=50_000)) as server:
        yield server


@pytest.fixture
def paid(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bill the fake server like OpenAI instead of treating it as a free model on this machine."""
    monkeypatch.setattr(analysis_llm, "provider_of", lambda client: "openai")


@pytest.fixture
def engine(settings: Settings):  # type: ignore[no-untyped-def]
    engine = make_engine(settings.DATABASE_URL)
    yield engine
    engine.dispose()


def practise(
    settings: Settings, users: int = 1, sessions: int = 1
) -> list[tuple[dict[str, str], list[dict]]]:
    """Users who each finished sessions on an offline companion, with each session's offline result."""
    out = []
    with TestClient(create_app(settings)) as offline:
        for _ in range(users):
            headers = signup(offline)
            results = []
            for _ in range(sessions):
                sid = finished_session(offline, headers, [STRONG])
                wait_status(offline, headers, sid, {"COMPLETED"})
                results.append(offline.get(f"/api/interview/sessions/{sid}/analysis", headers=headers).json())
            out.append((headers, results))
        offline.app.state.engine.dispose()
    return out


@contextmanager
def companion(settings: Settings, fake: FakeLLM, cap: float) -> Iterator[TestClient]:
    llm_settings = settings.model_copy(
        update={
            "LLM_BASE_URL": fake.base_url,
            "LLM_API_KEY": "test-key",
            "LLM_MODEL": MODEL,
            "ANALYSIS_DAILY_COST_CAP_USD": cap,
        }
    )
    app = create_app(llm_settings)
    with TestClient(app) as c:
        yield c
    app.state.engine.dispose()


def analyse(c: TestClient, headers: dict[str, str], session_id: str) -> dict:
    r = c.post(f"/api/interview/sessions/{session_id}/analysis", headers=headers)
    assert r.status_code == 202, r.text
    status = wait_status(c, headers, uuid.UUID(session_id), {"COMPLETED", "FAILED"})
    assert status["status"] == "COMPLETED", status
    return c.get(f"/api/interview/sessions/{session_id}/analysis", headers=headers).json()


def user_id_of(engine, session_id: str) -> uuid.UUID:  # type: ignore[no-untyped-def]
    with Session(engine) as db:
        return db.get(InterviewSession, uuid.UUID(session_id)).user_id


def add_spend(engine, user_id: uuid.UUID, cost: float, at: datetime) -> None:  # type: ignore[no-untyped-def]
    with Session(engine) as db:
        db.add(
            UsageRecord(
                user_id=user_id,
                provider="deepgram",
                metric="audio_seconds",
                value=600.0,
                cost_usd=cost,
                at=at,
            )
        )
        db.commit()


def midnight_utc() -> datetime:
    return datetime.combine(datetime.now(UTC).date(), time.min, tzinfo=UTC)


def test_under_the_cap_the_llm_runs_and_its_cost_is_recorded(settings, fake, paid, engine) -> None:  # type: ignore[no-untyped-def]
    [(headers, [offline])] = practise(settings)
    sid = offline["session_id"]
    with companion(settings, fake, cap=1.0) as c:
        result = analyse(c, headers, sid)
    assert len(fake.requests) == 1
    assert result["generated_by"] == "llm" and result["analysis"]["top_actions"] == [LLM_ACTION]
    assert result["analysis"]["llm_skipped"] is None and result["analysis"]["notes"] == []
    assert result["cost_usd"] == pytest.approx(CALL_COST) == pytest.approx(0.06)
    user_id = user_id_of(engine, sid)
    assert spent_today(engine, user_id) == pytest.approx(CALL_COST)
    with Session(engine) as db:
        (row,) = db.exec(select(UsageRecord).where(UsageRecord.user_id == user_id)).all()
        assert (row.provider, row.metric, row.value) == (f"openai:{MODEL}", "analysis_llm_tokens", 250_000)
        assert db.get(InterviewSession, uuid.UUID(sid)).cost_usd == pytest.approx(CALL_COST)


def test_over_the_cap_the_llm_is_not_called_and_the_offline_analysis_completes(
    settings, fake, paid, engine
) -> None:  # type: ignore[no-untyped-def]
    [(headers, offline_results)] = practise(settings, sessions=2)
    first, second = (r["session_id"] for r in offline_results)
    with companion(settings, fake, cap=0.10) as c:
        assert analyse(c, headers, first)["generated_by"] == "llm"  # $0.06 of $0.10
        assert analyse(c, headers, second)["generated_by"] == "llm"  # still under before the call: $0.12
        assert len(fake.requests) == 2
        capped = analyse(c, headers, first)  # a re-run once the day's spend is past the cap
    assert len(fake.requests) == 2  # the server saw no third request
    offline = offline_results[0]
    assert capped["generated_by"] == "offline" and capped["cost_usd"] == 0.0
    assert capped["overall_score"] == offline["overall_score"]
    assert [e["score"] for e in capped["analysis"]["exchanges"]] == [
        e["score"] for e in offline["analysis"]["exchanges"]
    ]
    assert capped["analysis"]["top_actions"] == offline["analysis"]["top_actions"]
    assert capped["analysis"]["llm_skipped"] == "daily_cost_cap"
    (note,) = capped["analysis"]["notes"]
    assert "Daily spending cap of $0.10 reached: $0.12 spent today" in note and "offline analysis" in note
    user_id = user_id_of(engine, first)
    assert spent_today(engine, user_id) == pytest.approx(2 * CALL_COST)  # the skipped pass cost nothing
    with Session(engine) as db:  # the session's cost keeps what its first, paid analysis spent
        assert db.get(InterviewSession, uuid.UUID(first)).cost_usd == pytest.approx(CALL_COST)


def test_the_cap_is_per_user_and_per_utc_day(settings, fake, paid, engine) -> None:  # type: ignore[no-untyped-def]
    (capped_headers, [capped]), (other_headers, [other]) = practise(settings, users=2)
    capped_user, other_user = (
        user_id_of(engine, capped["session_id"]),
        user_id_of(engine, other["session_id"]),
    )
    midnight = midnight_utc()
    add_spend(engine, capped_user, 0.50, at=midnight + timedelta(seconds=1))  # today: over a $0.10 cap
    add_spend(engine, other_user, 0.50, at=midnight - timedelta(seconds=1))  # yesterday's spend
    assert spent_today(engine, capped_user) == pytest.approx(0.50)
    assert spent_today(engine, other_user) == 0.0
    assert spent_today(engine, other_user, now=midnight - timedelta(microseconds=1)) == pytest.approx(0.50)
    with companion(settings, fake, cap=0.10) as c:
        blocked = analyse(c, capped_headers, capped["session_id"])
        assert fake.requests == []
        unaffected = analyse(c, other_headers, other["session_id"])
    assert blocked["analysis"]["llm_skipped"] == "daily_cost_cap" and blocked["generated_by"] == "offline"
    assert len(fake.requests) == 1
    assert unaffected["generated_by"] == "llm" and unaffected["analysis"]["notes"] == []
    assert unaffected["cost_usd"] == pytest.approx(CALL_COST)


def test_a_model_served_on_this_machine_is_free_and_never_capped(settings, fake, engine) -> None:  # type: ignore[no-untyped-def]
    [(headers, [offline])] = practise(settings)
    add_spend(engine, user_id_of(engine, offline["session_id"]), 5.0, at=datetime.now(UTC))
    with companion(settings, fake, cap=0.10) as c:
        result = analyse(c, headers, offline["session_id"])
    assert len(fake.requests) == 1
    assert result["generated_by"] == "llm" and result["cost_usd"] == 0.0
    assert result["analysis"]["llm_skipped"] is None


def test_no_cap_by_default(settings, fake, paid, engine) -> None:  # type: ignore[no-untyped-def]
    assert Settings.model_fields["ANALYSIS_DAILY_COST_CAP_USD"].default == 0
    [(headers, [offline])] = practise(settings)
    add_spend(engine, user_id_of(engine, offline["session_id"]), 100.0, at=datetime.now(UTC))
    with companion(settings, fake, cap=0) as c:
        assert analyse(c, headers, offline["session_id"])["generated_by"] == "llm"
    assert len(fake.requests) == 1

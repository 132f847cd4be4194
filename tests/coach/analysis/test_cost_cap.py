"""The analysis LLM pass checks the daily cap before it spends anything."""

from __future__ import annotations

import json

import pytest
from openai import AsyncOpenAI

from coach.analysis import analyze_session
from coach.analysis import llm as analysis_llm
from coach.analysis.cost import estimate_llm_call_cost
from coach.analysis.llm import analyze_session_llm
from tests.coach.analysis.answer_bank import case, session
from tests.coach.analysis.fake_llm import FakeLLM, serve

FEEDBACK = json.dumps({"exchanges": [], "top_actions": ["Lead with the result."]})


def _client(fake: FakeLLM) -> AsyncOpenAI:
    return AsyncOpenAI(base_url=fake.base_url, api_key="test", max_retries=0, timeout=5)


def test_estimate_grows_with_the_prompt_and_is_free_on_a_free_provider() -> None:
    short = estimate_llm_call_cost("gpt-4o-mini", "openai", prompt_chars=3_000, output_tokens=900)
    long = estimate_llm_call_cost("gpt-4o-mini", "openai", prompt_chars=30_000, output_tokens=900)
    assert 0 < short < long
    assert long == pytest.approx((10_001 * 0.15 + 900 * 0.60) / 1e6)
    assert estimate_llm_call_cost("gpt-4o-mini", "local", prompt_chars=30_000, output_tokens=900) == 0.0


@pytest.fixture
def paid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis_llm, "provider_of", lambda client: "openai")


async def test_at_the_cap_no_request_is_made_and_the_offline_analysis_says_why(paid) -> None:  # type: ignore[no-untyped-def]
    plan, turns = session([(case("b1").question, case("b1").strong), (case("t1").question, case("t1").vague)])
    with serve(FakeLLM(content=FEEDBACK)) as fake:
        analysis = await analyze_session_llm(
            plan, turns, client=_client(fake), model="gpt-4o-mini", spent_today=2.0, daily_cap=2.0
        )
        assert fake.requests == []
    offline = analyze_session(plan, turns)
    assert analysis.exchanges == offline.exchanges and analysis.enriched_by == "offline"
    assert analysis.usage == [] and analysis.llm_skipped == "daily_cost_cap"
    assert analysis.notes and "Daily spending cap of $2.00 reached" in analysis.notes[0]


async def test_just_under_the_cap_the_call_is_made(paid) -> None:  # type: ignore[no-untyped-def]
    plan, turns = session([(case("b1").question, case("b1").strong)])
    with serve(FakeLLM(content=FEEDBACK)) as fake:
        analysis = await analyze_session_llm(
            plan, turns, client=_client(fake), model="gpt-4o-mini", spent_today=1.90, daily_cap=2.0
        )
        assert len(fake.requests) == 1
    assert analysis.enriched_by == "llm" and analysis.llm_skipped is None and analysis.notes == []

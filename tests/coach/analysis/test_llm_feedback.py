"""LLM feedback is only kept when it quotes the candidate truly; any failure falls back to offline."""

from __future__ import annotations

import json

import pytest
from openai import AsyncOpenAI

from coach.analysis import analyze_session
from coach.analysis.cost import session_cost
from coach.analysis.llm import analyze_session_llm
from tests.coach.analysis.answer_bank import case, session
from tests.coach.analysis.fake_llm import FakeLLM, serve

STRONG = case("b1").strong
REAL_QUOTE = "I set up a short comparison doc"
FABRICATED = "I personally rewrote the entire payment system in a weekend"


def _feedback(**overrides) -> str:
    exchange = {
        "question_id": "b1",
        "strengths": [
            {
                "text": "Concrete, owned actions.",
                "criterion": "structure",
                "turn_seq": 2,
                "quote": REAL_QUOTE,
            },
            {"text": "Heroic ownership.", "criterion": "depth", "turn_seq": 2, "quote": FABRICATED},
        ],
        # Quoted with doubled whitespace, as models often do; the verified offsets must still be exact.
        "weaknesses": [
            {
                "text": "Lesson comes late.",
                "criterion": "structure",
                "turn_seq": 99,
                "quote": "data settles  disagreements faster than opinions",
            }
        ],
        "rewrite": STRONG.replace("Kafka was safer", "Kafka, a safer choice,"),
        "try_next_time": ["Lead with the decision you drove."],
    }
    exchange.update(overrides)
    return json.dumps({"exchanges": [exchange], "top_actions": ["One.", "Two.", "Three."]})


def _client(fake: FakeLLM) -> AsyncOpenAI:
    return AsyncOpenAI(base_url=fake.base_url, api_key="test", max_retries=0, timeout=5)


async def test_claim_with_a_fabricated_quote_is_dropped_and_true_ones_kept() -> None:
    plan, turns = session([(case("b1").question, STRONG)])
    with serve(FakeLLM(content=_feedback())) as fake:
        analysis = await analyze_session_llm(plan, turns, client=_client(fake), model="fake-model")
    ex = analysis.exchanges[0]
    assert analysis.enriched_by == "llm"
    assert analysis.claims_dropped == 1
    assert [c.text for c in ex.strengths] == ["Concrete, owned actions."]
    assert all(FABRICATED not in c.evidence.quote for c in [*ex.strengths, *ex.weaknesses])
    by_seq = {t.seq: t for t in turns}
    for claim in [*ex.strengths, *ex.weaknesses]:
        ev = claim.evidence
        assert by_seq[ev.turn_seq].text[ev.start : ev.end] == ev.quote
    assert ex.weaknesses[0].evidence.quote == "data settles disagreements faster than opinions"
    assert ex.weaknesses[0].evidence.turn_seq == 2
    assert "Kafka, a safer choice," in ex.rewrite  # keeps every number, so accepted
    assert ex.try_next_time == ["Lead with the decision you drove."]
    assert analysis.top_actions == ["One.", "Two.", "Three."]
    assert ex.score == analyze_session(plan, turns).exchanges[0].score  # scores stay deterministic


async def test_usage_is_reported_for_costing() -> None:
    plan, turns = session([(case("b1").question, STRONG)])
    with serve(FakeLLM(content=_feedback(), prompt_tokens=1000, completion_tokens=500)) as fake:
        analysis = await analyze_session_llm(plan, turns, client=_client(fake), model="gpt-4o-mini")
        sent = fake.requests[0]["body"]
    assert sent["model"] == "gpt-4o-mini"
    assert STRONG in sent["messages"][1]["content"]
    (usage,) = analysis.usage
    assert (usage["input_tokens"], usage["output_tokens"]) == (1000, 500)
    assert usage["provider"] == "local"  # served from this machine: no per-token bill
    assert session_cost(analysis.usage) == 0.0
    assert session_cost([{**usage, "provider": "openai"}]) == pytest.approx(
        (1000 * 0.15 + 500 * 0.60) / 1e6, abs=1e-4
    )


async def test_rewrite_that_invents_a_number_is_refused() -> None:
    invented = STRONG + " Revenue grew 45% that quarter."
    plan, turns = session([(case("b1").question, STRONG)])
    with serve(FakeLLM(content=_feedback(rewrite=invented))) as fake:
        analysis = await analyze_session_llm(plan, turns, client=_client(fake), model="fake-model")
    rewrite = analysis.exchanges[0].rewrite
    assert "45%" not in rewrite
    assert rewrite == analyze_session(plan, turns).exchanges[0].rewrite


async def test_server_error_falls_back_to_the_offline_analysis() -> None:
    plan, turns = session([(case("b1").question, STRONG), (case("t1").question, case("t1").vague)])
    with serve(FakeLLM(status=500)) as fake:
        analysis = await analyze_session_llm(plan, turns, client=_client(fake), model="fake-model")
        assert len(fake.requests) == 1
    assert analysis == analyze_session(plan, turns)
    assert analysis.enriched_by == "offline"


async def test_unparseable_reply_falls_back_but_still_counts_tokens() -> None:
    plan, turns = session([(case("b1").question, STRONG)])
    with serve(FakeLLM(content="Sure! Here is some feedback: great job.")) as fake:
        analysis = await analyze_session_llm(plan, turns, client=_client(fake), model="fake-model")
    offline = analyze_session(plan, turns)
    assert analysis.exchanges == offline.exchanges and analysis.enriched_by == "offline"
    assert analysis.usage[0]["input_tokens"] == 321


async def test_unreachable_server_falls_back() -> None:
    plan, turns = session([(case("b1").question, STRONG)])
    client = AsyncOpenAI(base_url="http://127.0.0.1:9/v1", api_key="test", max_retries=0, timeout=2)
    analysis = await analyze_session_llm(plan, turns, client=client, model="fake-model")
    assert analysis == analyze_session(plan, turns)

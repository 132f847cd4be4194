"""Session cost from usage records, and the daily cap that protects the bill."""

from __future__ import annotations

import pytest

from coach.analysis.cost import CostCapExceeded, check_daily_cap, estimate_session_cost, session_cost


def test_session_cost_adds_every_paid_provider_at_list_price() -> None:
    records = [
        {
            "kind": "llm",
            "model": "gpt-4o-mini-2024-07-18",
            "input_tokens": 1_000_000,
            "output_tokens": 1_000_000,
        },
        {"kind": "tts", "provider": "openai", "characters": 100_000},
        {"kind": "stt", "provider": "deepgram", "seconds": 600},
        {"kind": "avatar", "provider": "heygen", "seconds": 300},
    ]
    # $0.15 + $0.60 per 1M tokens, $15 per 1M characters, $0.0077/min for 10 min, $0.20/min for 5 min
    assert session_cost(records) == pytest.approx(0.75 + 1.5 + 0.077 + 1.0, abs=1e-4)


def test_offline_providers_are_free() -> None:
    records = [
        {"kind": "tts", "provider": "piper", "characters": 50_000},
        {"kind": "stt", "provider": "whisper", "seconds": 900},
        {
            "kind": "llm",
            "provider": "local",
            "model": "llama3",
            "input_tokens": 10**6,
            "output_tokens": 10**6,
        },
    ]
    assert session_cost(records) == 0.0
    assert estimate_session_cost(30) == 0.0


def test_unknown_hosted_model_is_priced_conservatively() -> None:
    unknown = session_cost(
        [{"kind": "llm", "model": "mystery-70b", "input_tokens": 10**6, "output_tokens": 0}]
    )
    cheap = session_cost([{"kind": "llm", "model": "gpt-4o-mini", "input_tokens": 10**6, "output_tokens": 0}])
    assert unknown > cheap


def test_unknown_usage_kind_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown usage kind"):
        session_cost([{"kind": "carrier pigeon"}])


def test_estimate_grows_with_paid_providers_and_duration() -> None:
    short = estimate_session_cost(10, llm_model="gpt-4o-mini", tts_provider="openai", stt_provider="deepgram")
    long = estimate_session_cost(30, llm_model="gpt-4o-mini", tts_provider="openai", stt_provider="deepgram")
    assert 0 < short < long


def test_daily_cap_blocks_paid_work_past_the_cap_only() -> None:
    check_daily_cap(spent_today=4.0, estimate=0.9, cap=5.0)
    check_daily_cap(spent_today=9.0, estimate=0.0, cap=5.0)  # offline work is never blocked
    with pytest.raises(CostCapExceeded, match=r"Daily spending cap of \$5\.00 reached: \$4\.50 spent today"):
        check_daily_cap(spent_today=4.5, estimate=0.75, cap=5.0)

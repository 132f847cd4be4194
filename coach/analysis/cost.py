"""What a session costs in paid providers, and the daily cap that stops runaway spend.

Usage records are plain dicts so any part of the product can log them:
  {"kind": "llm", "model": "gpt-4o-mini", "input_tokens": 1200, "output_tokens": 300}
  {"kind": "tts", "provider": "openai", "characters": 4200}
  {"kind": "stt", "provider": "deepgram", "seconds": 540.0}
  {"kind": "avatar", "provider": "heygen", "seconds": 900.0}
Offline providers (piper, whisper, a self-hosted LLM with "provider": "local") cost nothing.
Prices are public list prices in USD (2025); update them here when providers change them.
"""

from __future__ import annotations

# USD per 1M tokens (input, output), matched on the longest model-name prefix.
LLM_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-5-nano": (0.05, 0.40),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5": (1.25, 10.00),
    "o4-mini": (1.10, 4.40),
    "o3": (2.00, 8.00),
}
# An unknown hosted model is priced like a large one so the daily cap errs on the safe side.
UNKNOWN_LLM_PRICE = LLM_PRICES["gpt-4o"]
TTS_PRICE_PER_M_CHARS = {"openai": 15.00, "piper": 0.0}
STT_PRICE_PER_MINUTE = {"deepgram": 0.0077, "whisper": 0.0}
AVATAR_PRICE_PER_MINUTE = {"heygen": 0.20, "none": 0.0}
FREE_PROVIDERS = frozenset({"local", "offline", "piper", "whisper", "none"})


class CostCapExceeded(RuntimeError):
    """Starting this paid work would take today's spend past the configured cap."""


def llm_price(model: str) -> tuple[float, float]:
    name = model.lower().rsplit("/", 1)[-1]  # "openai/gpt-4o-mini" style names from routers
    matches = [prefix for prefix in LLM_PRICES if name.startswith(prefix)]
    return LLM_PRICES[max(matches, key=len)] if matches else UNKNOWN_LLM_PRICE


def record_cost(record: dict) -> float:
    kind, provider = record.get("kind"), str(record.get("provider", "")).lower()
    if provider in FREE_PROVIDERS:
        return 0.0
    if kind == "llm":
        price_in, price_out = llm_price(str(record.get("model", "")))
        return (record.get("input_tokens", 0) * price_in + record.get("output_tokens", 0) * price_out) / 1e6
    if kind == "tts":
        return record.get("characters", 0) * _price(TTS_PRICE_PER_M_CHARS, provider, kind) / 1e6
    if kind == "stt":
        return record.get("seconds", 0.0) / 60 * _price(STT_PRICE_PER_MINUTE, provider, kind)
    if kind == "avatar":
        return record.get("seconds", 0.0) / 60 * _price(AVATAR_PRICE_PER_MINUTE, provider, kind)
    raise ValueError(f"unknown usage kind {kind!r}; expected llm, tts, stt or avatar")


def _price(table: dict[str, float], provider: str, kind: str) -> float:
    if provider not in table:
        raise ValueError(f"no {kind} price for provider {provider!r}; known: {', '.join(sorted(table))}")
    return table[provider]


def session_cost(usage_records: list[dict]) -> float:
    """Total USD for a session's usage records, rounded to a hundredth of a cent."""
    return round(sum(record_cost(r) for r in usage_records), 4)


def estimate_llm_call_cost(model: str, provider: str, *, prompt_chars: int, output_tokens: int) -> float:
    """Upper-end cost of one LLM call before it is made, counting about three characters a token."""
    record = {
        "kind": "llm",
        "provider": provider,
        "model": model,
        "input_tokens": prompt_chars // 3 + 1,
        "output_tokens": output_tokens,
    }
    return record_cost(record)


def estimate_session_cost(
    duration_min: float,
    *,
    llm_model: str | None = None,
    tts_provider: str = "piper",
    stt_provider: str = "whisper",
    avatar_provider: str = "none",
) -> float:
    """Upper-end estimate before a session starts, for the daily cap check.

    Assumes the candidate talks half the time, the interviewer a third at about 15 characters a second,
    and two LLM turns a minute with a 2,000-token context and 200-token reply, plus one analysis call.
    """
    seconds = duration_min * 60
    records = [
        {"kind": "stt", "provider": stt_provider, "seconds": seconds * 0.5},
        {"kind": "tts", "provider": tts_provider, "characters": int(seconds / 3 * 15)},
        {"kind": "avatar", "provider": avatar_provider, "seconds": seconds},
    ]
    if llm_model:
        turns = int(duration_min * 2) + 1
        records.append(
            {
                "kind": "llm",
                "model": llm_model,
                "input_tokens": turns * 2000 + 8000,
                "output_tokens": turns * 200 + 2000,
            }
        )
    return session_cost(records)


def check_daily_cap(spent_today: float, estimate: float, cap: float) -> None:
    """Raise CostCapExceeded when this work would take today's spend past the cap; free work always passes."""
    if estimate <= 0:
        return
    if spent_today + estimate > cap:
        raise CostCapExceeded(
            f"Daily spending cap of ${cap:.2f} reached: ${spent_today:.2f} spent today and this needs about "
            f"${estimate:.2f}. Try again tomorrow, or practise with the offline voice and feedback, "
            "which are free."
        )

"""Optional LLM feedback layered on the offline analysis.

Scores stay the offline, deterministic ones so that career memory and readiness trends do not jump with
model mood; the model contributes wording: strengths, weaknesses, rewrites and advice. Each claim is
verified against the transcript, a rewrite that adds or drops a number is refused, and any failure
(network, HTTP 500, malformed JSON, timeout) returns the offline analysis unchanged. With a daily cost cap,
a paid call that would take the user's spend today past it is not made at all: the offline analysis comes
back with a note saying why.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections import Counter

from openai import AsyncOpenAI, BadRequestError

from coach.analysis.analyzer import analyze_session
from coach.analysis.cost import CostCapExceeded, check_daily_cap, estimate_llm_call_cost
from coach.analysis.models import ExchangeAnalysis, SessionAnalysis
from coach.analysis.text import digit_numbers
from coach.analysis.verify import verify_claims
from coach.interview.schema import InterviewPlan, TranscriptTurn
from prompts import render_prompt

log = logging.getLogger(__name__)
LLM_TIMEOUT_S = 90.0
# Generous reply length per answered question, so the cap check errs on the side of not spending.
REPLY_TOKENS_PER_EXCHANGE = 600
REPLY_TOKENS_BASE = 300
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.S)


async def analyze_session_llm(
    plan: InterviewPlan,
    turns: list[TranscriptTurn],
    *,
    client: AsyncOpenAI,
    model: str,
    jd_parsed: dict | None = None,
    spent_today: float = 0.0,
    daily_cap: float = 0.0,
) -> SessionAnalysis:
    """`spent_today` is the user's spend this UTC day in USD; `daily_cap` of 0 means no cap."""
    offline = analyze_session(plan, turns, jd_parsed=jd_parsed)
    if not offline.exchanges:
        return offline
    provider = provider_of(client)
    messages = _messages(plan, turns, offline)
    if daily_cap > 0:
        try:
            check_daily_cap(spent_today, estimate_call_cost(messages, offline, model, provider), daily_cap)
        except CostCapExceeded as exc:
            log.info("analysis LLM pass skipped: %s", exc)
            return offline.model_copy(update={"llm_skipped": "daily_cost_cap", "notes": [cap_note(exc)]})
    try:
        response = await asyncio.wait_for(_ask(client, model, messages), LLM_TIMEOUT_S)
    except Exception as exc:  # any provider failure must leave the candidate with offline feedback
        log.warning("analysis LLM call failed, using offline analysis: %s", exc)
        return offline
    usage = [usage_record(response, model, provider)]
    try:
        payload = parse_json(response.choices[0].message.content or "")
        return merge_feedback(offline, payload, turns).model_copy(update={"usage": usage})
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        log.warning("analysis LLM reply unusable, using offline analysis: %s", exc)
        return offline.model_copy(update={"usage": usage})


def cap_note(exc: CostCapExceeded) -> str:
    return f"Written feedback from the language model was skipped and this is the offline analysis. {exc}"


def estimate_call_cost(messages: list[dict], offline: SessionAnalysis, model: str, provider: str) -> float:
    answered = sum(1 for ex in offline.exchanges if ex.status == "answered")
    return estimate_llm_call_cost(
        model,
        provider,
        prompt_chars=sum(len(m["content"]) for m in messages),
        output_tokens=REPLY_TOKENS_BASE + REPLY_TOKENS_PER_EXCHANGE * answered,
    )


def _messages(plan: InterviewPlan, turns: list[TranscriptTurn], offline: SessionAnalysis) -> list[dict]:
    system = render_prompt(
        "analysis_feedback", job_title=plan.job_title or plan.role_kit, interview_type=plan.interview_type
    )
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": _exchanges_json(offline, turns)},
    ]


async def _ask(client: AsyncOpenAI, model: str, messages: list[dict]):  # type: ignore[no-untyped-def]
    try:
        return await client.chat.completions.create(
            model=model, messages=messages, temperature=0.2, response_format={"type": "json_object"}
        )
    except BadRequestError:
        # Some OpenAI-compatible servers reject response_format; the prompt already demands JSON.
        return await client.chat.completions.create(model=model, messages=messages, temperature=0.2)


def _exchanges_json(offline: SessionAnalysis, turns: list[TranscriptTurn]) -> str:
    by_seq = {t.seq: t for t in turns}
    items = []
    for ex in offline.exchanges:
        said = [by_seq[s] for s in ex.answer_turn_seqs if s in by_seq]
        items.append(
            {
                "question_id": ex.question_id,
                "question": ex.question_text,
                "kind": ex.kind,
                "competency": ex.competency,
                "turns": [{"seq": t.seq, "role": t.role, "text": t.text} for t in said],
                "scores": ex.criteria.measured(),
            }
        )
    return json.dumps({"exchanges": items}, ensure_ascii=False)


def parse_json(content: str) -> dict:
    payload = json.loads(_FENCE.sub("", content.strip()))
    if not isinstance(payload, dict):
        raise ValueError("feedback is not a JSON object")
    return payload


def provider_of(client: AsyncOpenAI) -> str:
    """A model served from this machine or a private network costs nothing per token."""
    host = (client.base_url.host or "").lower()
    if (
        host in ("localhost", "127.0.0.1", "::1")
        or host.endswith(".local")
        or host.startswith(("10.", "192.168."))
    ):
        return "local"
    return "openai" if host.endswith("openai.com") else "openai_compatible"


def usage_record(response: object, model: str, provider: str = "openai_compatible") -> dict:
    usage = getattr(response, "usage", None)
    return {
        "kind": "llm",
        "provider": provider,
        "model": model,
        "input_tokens": int(getattr(usage, "prompt_tokens", 0) or 0),
        "output_tokens": int(getattr(usage, "completion_tokens", 0) or 0),
        "purpose": "analysis",
    }


def merge_feedback(offline: SessionAnalysis, payload: dict, turns: list[TranscriptTurn]) -> SessionAnalysis:
    raw_exchanges = payload.get("exchanges")
    if not isinstance(raw_exchanges, list):
        raise ValueError("feedback has no exchanges list")
    by_id = {r.get("question_id"): r for r in raw_exchanges if isinstance(r, dict)}
    dropped = 0
    merged: list[ExchangeAnalysis] = []
    for ex in offline.exchanges:
        raw = by_id.get(ex.question_id)
        if raw is None or ex.status != "answered":
            merged.append(ex)  # unusable answers keep their plain offline verdict
            continue
        updated, lost = _merge_exchange(ex, raw, turns)
        merged.append(updated)
        dropped += lost
    actions = _strings(payload.get("top_actions")) or offline.top_actions
    return offline.model_copy(
        update={
            "exchanges": merged,
            "top_actions": actions,
            "enriched_by": "llm",
            "claims_dropped": dropped,
        }
    )


def _merge_exchange(
    ex: ExchangeAnalysis, raw: dict, turns: list[TranscriptTurn]
) -> tuple[ExchangeAnalysis, int]:
    answer_turns = [t for t in turns if t.seq in set(ex.answer_turn_seqs)]
    strengths, lost_s = verify_claims(raw.get("strengths"), answer_turns)
    weaknesses, lost_w = verify_claims(raw.get("weaknesses"), answer_turns)
    answer = "\n".join(t.text for t in answer_turns)
    rewrite = raw.get("rewrite")
    update = {
        "strengths": strengths or ex.strengths,
        "weaknesses": weaknesses or ex.weaknesses,
        "rewrite": rewrite if isinstance(rewrite, str) and keeps_numbers(rewrite, answer) else ex.rewrite,
        "try_next_time": _strings(raw.get("try_next_time")) or ex.try_next_time,
    }
    return ex.model_copy(update=update), lost_s + lost_w


def keeps_numbers(rewrite: str, answer: str) -> bool:
    """A rewrite may neither invent a number nor lose one the candidate said."""
    return bool(rewrite.strip()) and Counter(digit_numbers(rewrite)) == Counter(digit_numbers(answer))


def _strings(value: object, limit: int = 3) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v.strip() for v in value if isinstance(v, str) and v.strip()][:limit]

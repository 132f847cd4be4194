""" "Try next time" advice per answer and the top three actions for a session."""

from __future__ import annotations

from coach.analysis.elements import elements_for
from coach.analysis.facts import AnswerFacts
from coach.analysis.models import Criteria, ExchangeAnalysis
from coach.interview.schema import SpeechMetrics

ADVICE_BELOW = 75
CRITERION_ADVICE = {
    "structure": "tell it in order: context, your task, what you did, the result",
    "specificity": "put numbers and names on it: time saved, % change, people affected, tools used",
    "relevance": "restate the question in your first sentence and answer exactly that",
    "depth": "explain why you chose what you did and what you traded off",
    "conciseness": "cut repeats, fillers and hedges; aim for 60-120 seconds per answer",
    "delivery": "slow down to about 140 words a minute and pause instead of saying 'um'",
}
_DEPTH_BY_KIND = {
    "coding": "Explain why your solution is correct, give its time and space complexity, and name the edge "
    "cases.",
    "technical": "Say why you would choose this, what it costs, and when you would pick the alternative.",
    "case": "State your assumptions and put rough numbers on each branch before recommending.",
    "behavioral": "Explain why you chose that action, and what you would do differently next time.",
}
_GATED_ADVICE = {
    "empty": "Give an answer even when unsure: say how you would approach it, or use the closest example you "
    "have.",
    "too_short": "Aim for 60-90 seconds: the context, what you did, and how it turned out.",
    "gibberish": "Answer in full sentences; if the microphone or keyboard misbehaved, retry the question.",
}


def try_next_time(
    f: AnswerFacts, c: Criteria, metrics: SpeechMetrics | None, missed: list[str], limit: int = 3
) -> list[str]:
    tips: list[str] = []
    for rank, (criterion, value) in enumerate(sorted(c.measured().items(), key=lambda kv: kv[1])):
        if value >= ADVICE_BELOW and (rank > 0 or value >= 90):
            break  # strong answers still get one tip for their weakest criterion
        tip = _tip(criterion, f, metrics, missed)
        if tip and tip not in tips:
            tips.append(tip)
    return tips[:limit]


def gated_advice(status: str, competency: str) -> list[str]:
    if status == "off_topic":
        return [
            "Restate the question in your first sentence so your answer stays anchored to it.",
            f"Pick an example that shows {competency}.",
        ]
    return [_GATED_ADVICE[status]] if status in _GATED_ADVICE else []


def _tip(criterion: str, f: AnswerFacts, metrics: SpeechMetrics | None, missed: list[str]) -> str | None:
    if criterion == "structure":
        missing = [e for e in sorted(elements_for(f.kind), key=lambda e: -e.weight) if not f.has(e.name)]
        return missing[0].advice if missing else None
    if criterion == "specificity":
        if not f.numbers and f.kind in ("behavioral", "motivation"):
            return "Put a number on the result: time saved, % change, money, or people affected."
        if not f.numbers:
            return "Use concrete numbers: scale, latency, cost or size, even as rough estimates."
        return (
            "Name the tools, systems and people involved instead of general words like 'things' or 'stuff'."
        )
    if criterion == "relevance":
        return (
            f"Cover what the interviewer was listening for: {missed[0]}."
            if missed
            else ("Open by restating the question in your own words, then answer exactly that.")
        )
    if criterion == "depth":
        return _DEPTH_BY_KIND.get(f.kind, _DEPTH_BY_KIND["behavioral"])
    if criterion == "conciseness":
        seconds = f.exchange.question.time_budget_s
        return f"Cut repeats, fillers and hedges; land the answer within about {seconds} seconds."
    return _delivery_tip(metrics)


def _delivery_tip(metrics: SpeechMetrics | None) -> str | None:
    if metrics is None:
        return None
    wpm = metrics.words_per_minute or 0
    if wpm > 170:
        return f"Slow down: you spoke at {wpm:.0f} words a minute; about 140 is easier to follow."
    if 0 < wpm < 120:
        return f"Pick up the pace a little: {wpm:.0f} words a minute can sound hesitant; aim for about 140."
    if metrics.fillers:
        return "Replace 'um' and 'uh' with a short silent pause; silence sounds more confident than fillers."
    return "Keep pauses short: gather your thoughts before you start rather than mid-sentence."


def top_actions(exchanges: list[ExchangeAnalysis], averages: dict[str, int], limit: int = 3) -> list[str]:
    actions: list[str] = []
    gated = _count(exchanges, "empty") + _count(exchanges, "too_short") + _count(exchanges, "gibberish")
    if gated:
        actions.append(
            f"Answer every question in full: {gated} got no usable answer. If stuck, say how you "
            "would approach it or use the closest example you have."
        )
    if off := _count(exchanges, "off_topic"):
        actions.append(
            f"Stay on the question: {off} answer(s) drifted off-topic. Restate the question first."
        )
    for criterion, value in sorted(averages.items(), key=lambda kv: kv[1]):
        if len(actions) >= limit:
            break
        if value < ADVICE_BELOW or len(actions) == 0:
            actions.append(f"{criterion.capitalize()} averaged {value}: {CRITERION_ADVICE[criterion]}.")
    return actions[:limit]


def _count(exchanges: list[ExchangeAnalysis], status: str) -> int:
    return sum(1 for e in exchanges if e.status == status)

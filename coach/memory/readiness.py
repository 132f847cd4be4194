"""How ready a candidate is for a job target (or a role), and what would move the number.

Method: each of the last RECENT sessions gets a performance score, half its overall score and half its
dimension scores weighted by the rubric weights. Sessions are averaged with recency weights (newest 1,
then 0.7, 0.49, ...), the trend slope adds or removes up to 5 points, and when the job has must-have
requirements the result is scaled by coverage (0.75 + 0.25 x share of must-haves ever practised), so a
candidate who never practised what the job demands cannot read as fully ready.
"""

from __future__ import annotations

from collections.abc import Mapping
from statistics import mean
from typing import Literal

from pydantic import BaseModel, Field

from coach.analysis.models import SessionAnalysis
from coach.analysis.text import stems
from coach.memory.dimensions import as_analysis, label, session_time
from coach.memory.trend import Trend, slope, trend

RECENT = 5
DECAY = 0.7
MAX_TREND_POINTS = 5.0
LEVELS = ((75, "interview ready"), (60, "nearly ready"), (40, "developing"), (0, "early"))
LEVERS = {
    "structure": "telling each answer in STAR order",
    "specificity": "adding measurable results",
    "relevance": "answering exactly the question asked",
    "depth": "explaining your reasoning and trade-offs",
    "conciseness": "shorter, tighter answers",
    "delivery": "a steadier pace with fewer fillers",
}


class Readiness(BaseModel):
    score: int
    level: str
    trend: Trend = "stagnant"
    sessions_used: int = 0
    confidence: Literal["none", "low", "medium", "high"] = "none"
    components: dict[str, float] = Field(default_factory=dict, description="dimension averages, recent")
    unpractised_must_haves: list[str] = Field(default_factory=list)
    explanation: list[str] = Field(default_factory=list)


def readiness(
    sessions: list[Mapping | SessionAnalysis],
    *,
    rubric_weights: dict[str, float],
    jd_parsed: dict | None,
) -> Readiness:
    """Readiness from stored session analyses, oldest first (or ordered by their created_at)."""
    history = [as_analysis(s) for s in _chronological(sessions)]
    history = [a for a in history if isinstance(a, SessionAnalysis) and a.exchanges]
    missing = unpractised_must_haves(history, jd_parsed)
    if not history:
        return _not_started(missing)
    recent = history[-RECENT:]
    perf = [session_performance(a, rubric_weights) for a in recent]
    weights = [DECAY ** (len(perf) - 1 - i) for i in range(len(perf))]
    base = sum(p * w for p, w in zip(perf, weights, strict=True)) / sum(weights)
    base += max(-MAX_TREND_POINTS, min(MAX_TREND_POINTS, slope(perf)))
    total = len(_must_haves(jd_parsed))
    if total:
        base *= 0.75 + 0.25 * (total - len(missing)) / total
    score = int(round(max(0.0, min(100.0, base))))
    components = _components(recent)
    return Readiness(
        score=score,
        level=level_for(score),
        trend=trend(perf),
        sessions_used=len(recent),
        confidence=_confidence(len(recent)),
        components=components,
        unpractised_must_haves=missing,
        explanation=_explain(recent, perf, components, rubric_weights, missing),
    )


def session_performance(analysis: SessionAnalysis, rubric_weights: dict[str, float]) -> float:
    dims = analysis.dimension_scores()
    weighted = {_key(k, dims): w for k, w in rubric_weights.items() if w > 0 and _key(k, dims) in dims}
    if not weighted:
        return float(analysis.overall_score)
    rubric = sum(dims[k] * w for k, w in weighted.items()) / sum(weighted.values())
    return 0.5 * analysis.overall_score + 0.5 * rubric


def _key(name: str, dims: dict[str, float]) -> str:
    """Rubric weights may name a competency with or without the "competency:" prefix."""
    return name if name in dims or ":" in name else f"competency:{name}"


def level_for(score: int) -> str:
    return next(name for floor, name in LEVELS if score >= floor)


def _confidence(n: int) -> Literal["low", "medium", "high"]:
    return "low" if n < 2 else "medium" if n < 4 else "high"


def _chronological(sessions: list) -> list:
    times = [session_time(s) for s in sessions]
    if all(t is not None for t in times):
        return [s for _, s in sorted(zip(times, sessions, strict=True), key=lambda pair: pair[0])]
    return list(sessions)


def _components(recent: list[SessionAnalysis]) -> dict[str, float]:
    gathered: dict[str, list[float]] = {}
    for a in recent[-3:]:
        for k, v in a.dimension_scores().items():
            gathered.setdefault(k, []).append(v)
    return {k: round(mean(v), 1) for k, v in gathered.items()}


def _must_haves(jd_parsed: dict | None) -> list[dict]:
    reqs = (jd_parsed or {}).get("requirements") or {}
    return [r for r in reqs.get("must_have", []) if isinstance(r, dict)]


def unpractised_must_haves(history: list[SessionAnalysis], jd_parsed: dict | None) -> list[str]:
    """Must-have requirements no answered question has targeted yet, named by their first skill.

    A requirement counts as practised when a question was planned against its id or text, or when
    every word of one of its skills appears (stemmed) in a question asked: "rate limiting" is
    practised by "design a rate limiter".
    """
    answered = [e for a in history for e in a.exchanges if e.status == "answered"]
    ids = {rid for e in answered for rid in e.requirement_ids}
    targets = {(e.jd_requirement or "").strip().lower() for e in answered}
    asked = [stems(f"{e.question_text} {e.jd_requirement or ''}") for e in answered]
    missing = []
    for req in _must_haves(jd_parsed):
        text, skills = str(req.get("text", "")), [str(s) for s in req.get("skills", [])]
        hit = (
            req.get("id") in ids
            or text.strip().lower() in targets
            or any(stems(skill) and stems(skill) <= question for skill in skills for question in asked)
        )
        if not hit:
            missing.append(skills[0] if skills else text)
    return missing


def _not_started(missing: list[str]) -> Readiness:
    lines = ["No practice sessions yet: your first session sets the baseline."]
    if missing:
        lines.append(f"{len(missing)} must-have requirement(s) to practise: {', '.join(missing)}.")
    return Readiness(score=0, level="not started", unpractised_must_haves=missing, explanation=lines)


def _explain(
    recent: list[SessionAnalysis],
    perf: list[float],
    components: dict[str, float],
    rubric_weights: dict[str, float],
    missing: list[str],
) -> list[str]:
    lines = []
    lever = _biggest_lever(components, rubric_weights)
    if lever is not None:
        dim, avg = lever
        n = min(3, len(recent))
        how = LEVERS.get(dim, f"practising {label(dim)} questions")
        name = label(dim)
        lines.append(
            f"{name[:1].upper()}{name[1:]} averages {avg:.0f} over your last {n} session(s): "
            f"{how} raises readiness most."
        )
    if missing:
        lines.append(f"{len(missing)} must-have requirement(s) never practised: {', '.join(missing)}.")
    direction = trend(perf)
    if len(perf) >= 2:
        lines.append(
            f"Trend: {direction} ({slope(perf[-5:]):+.1f} points a session over {len(perf)} sessions)."
        )
    if len(recent) < 3:
        lines.append(f"Based on {len(recent)} session(s): a few more give a firmer estimate.")
    return lines


def _biggest_lever(
    components: dict[str, float], rubric_weights: dict[str, float]
) -> tuple[str, float] | None:
    """The dimension whose improvement would add the most: weight times the room left to grow."""
    if not components:
        return None
    weight = {_key(k, components): w for k, w in rubric_weights.items()}

    def gain(dim: str) -> float:
        return weight.get(dim, 0.5) * (100 - components[dim])

    dim = max(components, key=gain)
    return dim, components[dim]


def impact_on_readiness(before: Readiness, after: Readiness) -> dict:
    """What one session changed, for the results page."""
    delta = after.score - before.score
    drivers = sorted(
        (
            {
                "dimension": k,
                "label": label(k),
                "before": before.components.get(k),
                "after": v,
                "delta": round(v - before.components[k], 1),
            }
            for k, v in after.components.items()
            if k in before.components
        ),
        key=lambda d: -abs(d["delta"]),
    )[:3]
    verb = "rose" if delta > 0 else "fell" if delta < 0 else "held"
    message = (
        f"Readiness {verb} {abs(delta)} point(s) to {after.score} ({after.level})."
        if delta
        else (f"Readiness held at {after.score} ({after.level}).")
    )
    return {
        "before": before.score,
        "after": after.score,
        "delta": delta,
        "level_before": before.level,
        "level_after": after.level,
        "level_changed": before.level != after.level,
        "trend": after.trend,
        "drivers": drivers,
        "message": message,
    }


def readiness_by(
    sessions: list[Mapping | SessionAnalysis],
    *,
    key: Literal["job_target_id", "role_kit"],
    weights_by_key: dict[str, dict[str, float]] | None = None,
    jd_by_key: dict[str, dict] | None = None,
) -> dict[str, Readiness]:
    """Readiness per job target or per role kit, from one candidate's stored sessions."""
    groups: dict[str, list] = {}
    for s in sessions:
        value = s.get(key) if isinstance(s, Mapping) else getattr(s, key, None)
        if value:
            groups.setdefault(str(value), []).append(s)
    weights, jds = weights_by_key or {}, jd_by_key or {}
    return {
        name: readiness(group, rubric_weights=weights.get(name, {}), jd_parsed=jds.get(name))
        for name, group in groups.items()
    }

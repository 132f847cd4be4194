"""What to practise next: the weakest dimensions first, then job must-haves never practised."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coach.drills.generator import generate_drills
from coach.memory.dimensions import as_analysis, label
from coach.memory.patterns import severity
from coach.memory.readiness import unpractised_must_haves

CRITERION_INTERVIEW = {
    "structure": "behavioral",
    "specificity": "behavioral",
    "relevance": "hr_screen",
    "depth": "technical_verbal",
    "conciseness": "hr_screen",
    "delivery": "hr_screen",
}
_COMPETENCY_INTERVIEW = (
    (("coding", "algorithm", "debug", "data structure", "programming"), "coding"),
    (("case", "business", "product sense", "estimation", "problem solving", "market"), "case"),
    (
        ("design", "architecture", "technical", "system", "sql", "data", "security", "clinical"),
        "technical_verbal",
    ),
)
MAX_SUGGESTIONS = 4


def practice_suggestions(
    *,
    jd_parsed: dict | None,
    patterns: list[Mapping],
    sessions: list,
    role_kit_competencies: Sequence[str],
) -> list[dict]:
    """Each suggestion: {interview_type, competencies, drills, reason, dimension}, most useful first."""
    out: list[dict] = []
    for pattern in sorted((p for p in patterns if p.get("active", True)), key=severity)[:3]:
        out.append(_from_pattern(pattern, jd_parsed, role_kit_competencies))
    history = [a for a in (as_analysis(s) for s in sessions) if hasattr(a, "exchanges")]
    missing = unpractised_must_haves(history, jd_parsed)
    if missing:
        out.append(_from_must_haves(missing, jd_parsed, role_kit_competencies))
    practised = {e.competency for a in history for e in a.exchanges}
    fresh = [c for c in role_kit_competencies if c not in practised]
    if fresh and len(out) < MAX_SUGGESTIONS:
        out.append(
            _suggestion(
                interview_for(fresh[0]), [fresh[0]], [], f"{fresh[0]} has not been practised yet", None
            )
        )
    return _dedupe(out)[:MAX_SUGGESTIONS]


def _from_pattern(pattern: Mapping, jd_parsed: dict | None, competencies: Sequence[str]) -> dict:
    dim = pattern["dimension"]
    scores = pattern.get("recent_scores") or []
    latest = f", latest {scores[-1]:.0f}" if scores else ""
    reason = (
        f"{label(dim)} was weak in {pattern.get('occurrences', 0)} session(s) and is "
        f"{pattern.get('trend', 'stagnant')}{latest}"
    )
    drills = [_drill_ref(d) for d in generate_drills([pattern], jd_parsed=jd_parsed, n=1)]
    if dim.startswith("competency:"):
        name = dim.split(":", 1)[1]
        return _suggestion(interview_for(name), [name], drills, reason, dim)
    # A criterion is practised best on the competencies the role is judged on.
    return _suggestion(
        CRITERION_INTERVIEW.get(dim, "behavioral"), list(competencies[:2]), drills, reason, dim
    )


def _from_must_haves(missing: list[str], jd_parsed: dict | None, competencies: Sequence[str]) -> dict:
    related = [
        c for c in competencies if any(m.lower() in c.lower() or c.lower() in m.lower() for m in missing)
    ]
    hard = {s.lower() for s in (jd_parsed or {}).get("hard_skills", [])}
    kind = "technical_verbal" if any(m.lower() in hard for m in missing) else "behavioral"
    must_have_jd = {"requirements": {"must_have": [{"skills": [m]} for m in missing]}}
    drills = [_drill_ref(d) for d in generate_drills([], jd_parsed=must_have_jd, n=min(2, len(missing)))]
    reason = f"{len(missing)} must-have requirement(s) never practised: {', '.join(missing)}"
    return _suggestion(kind, related or missing[:3], drills, reason, None)


def interview_for(competency: str) -> str:
    lower = competency.lower()
    for keywords, interview in _COMPETENCY_INTERVIEW:
        if any(k in lower for k in keywords):
            return interview
    return "behavioral"


def _suggestion(
    interview: str, competencies: list[str], drills: list[dict], reason: str, dim: str | None
) -> dict:
    return {
        "interview_type": interview,
        "competencies": competencies,
        "drills": drills,
        "reason": reason,
        "dimension": dim,
    }


def _drill_ref(drill) -> dict:
    return {"id": drill.id, "dimension": drill.dimension, "question": drill.question}


def _dedupe(suggestions: list[dict]) -> list[dict]:
    seen: set[tuple] = set()
    out = []
    for s in suggestions:
        key = (s["interview_type"], tuple(s["competencies"]), s["dimension"])
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out

"""Short targeted drills for a candidate's weakest dimensions, scored with the session analyzer."""

from __future__ import annotations

import re
from collections.abc import Mapping

from coach.analysis.analyzer import analyze_exchange, jd_terms
from coach.analysis.exchanges import Exchange
from coach.drills.bank import BANK, COMPETENCY, MUST_HAVE, Template
from coach.drills.models import PASS_SCORE, Drill, DrillResult
from coach.interview.schema import PlanQuestion, SpeechMetrics, TranscriptTurn
from coach.memory.dimensions import label
from coach.memory.patterns import severity

DEFAULT_DIMENSIONS = ("specificity", "structure", "depth")
GENERIC_SKILL = "the tools you use most"


def generate_drills(patterns: list[Mapping], *, jd_parsed: dict | None = None, n: int = 3) -> list[Drill]:
    """Drills for the most pressing patterns; job must-haves and defaults fill any remaining slots."""
    skills = _skills(jd_parsed)
    ranked = sorted(patterns, key=severity)
    candidates = [
        _drill_for(p["dimension"], int(p.get("occurrences", 0)), skills, i, _reason(p))
        for i, p in enumerate(ranked)
    ]
    candidates += [
        _build(MUST_HAVE, "specificity", "must-have", {"skill": s}, f"{s} is a must-have for this job")
        for s in _must_have_skills(jd_parsed)
    ]
    candidates += [
        _drill_for(dim, 0, skills, i, "a core interview skill worth keeping sharp")
        for i, dim in enumerate(DEFAULT_DIMENSIONS)
    ]
    unique: dict[str, Drill] = {}
    for drill in candidates:
        if drill is not None:
            unique.setdefault(drill.id, drill)  # the most pressing reason for a drill wins
    return list(unique.values())[:n]


def _drill_for(dimension: str, occurrences: int, skills: list[str], index: int, reason: str) -> Drill | None:
    skill = skills[index % len(skills)] if skills else GENERIC_SKILL
    if dimension.startswith("competency:"):
        competency = dimension.split(":", 1)[1]
        return _build(COMPETENCY, dimension, "0", {"competency": competency, "skill": skill}, reason)
    templates = BANK.get(dimension)
    if not templates:
        return None
    variant = occurrences % len(templates)  # a returning weakness gets a different drill than last time
    return _build(templates[variant], dimension, str(variant), {"skill": skill}, reason)


def _build(t: Template, dimension: str, variant: str, values: dict[str, str], reason: str) -> Drill:
    def fill(text: str) -> str:
        return text.format(**{"skill": GENERIC_SKILL, "competency": "", **values})

    return Drill(
        id=f"{_slug(dimension)}-{variant}-{_slug(values.get('skill', ''))}",
        dimension=dimension,
        kind=t.kind,
        competency=fill(t.competency),
        question=fill(t.question),
        hints=[fill(h) for h in t.hints],
        expected_outline=[fill(o) for o in t.outline],
        time_budget_s=t.time_budget_s,
        reason=reason,
    )


def _reason(pattern: Mapping) -> str:
    name, count = label(pattern["dimension"]), int(pattern.get("occurrences", 0))
    return f"{name} scored low in {count} session(s) and is {pattern.get('trend', 'stagnant')}"


def _skills(jd_parsed: dict | None) -> list[str]:
    jd = jd_parsed or {}
    return [s for s in [*_must_have_skills(jd), *jd.get("hard_skills", [])] if isinstance(s, str) and s][:5]


def _must_have_skills(jd_parsed: dict | None) -> list[str]:
    reqs = ((jd_parsed or {}).get("requirements") or {}).get("must_have", [])
    skills = [s for r in reqs if isinstance(r, dict) for s in r.get("skills", [])[:1]]
    return list(dict.fromkeys(s for s in skills if isinstance(s, str) and s))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "general"


def score_drill(
    drill: Drill, answer: str, *, metrics: SpeechMetrics | None = None, jd_parsed: dict | None = None
) -> DrillResult:
    """Score an attempt with the session criteria; it passes when the trained dimension reaches 70."""
    ex = analyze_exchange(_drill_exchange(drill, answer, metrics), extra_terms=jd_terms(jd_parsed))
    trained = ex.criteria.model_dump().get(drill.dimension)  # None for competencies and unmeasured delivery
    target = ex.score if trained is None else trained
    return DrillResult(
        **ex.model_dump(
            include={
                "status",
                "verdict",
                "score",
                "criteria",
                "strengths",
                "weaknesses",
                "rewrite",
                "try_next_time",
            }
        ),
        drill_id=drill.id,
        dimension=drill.dimension,
        target_score=target,
        passed=ex.status == "answered" and target >= PASS_SCORE,
        outline_covered=ex.rubric_covered,
        outline_missed=ex.rubric_missed,
    )


def _drill_exchange(drill: Drill, answer: str, metrics: SpeechMetrics | None) -> Exchange:
    question = PlanQuestion(
        id=drill.id,
        text=drill.question,
        kind=drill.kind,
        competency=drill.competency,
        rationale=drill.reason or "drill",
        rubric=drill.expected_outline,
        time_budget_s=drill.time_budget_s,
    )
    asked = TranscriptTurn(
        seq=0, role="interviewer", kind="question", text=drill.question, question_id=drill.id
    )
    said = TranscriptTurn(seq=1, role="candidate", kind="answer", text=answer, metrics=metrics)
    return Exchange(question, [asked], [said])

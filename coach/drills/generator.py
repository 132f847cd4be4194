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
    drills: list[Drill] = []
    for i, pattern in enumerate(sorted(patterns, key=severity)):
        if len(drills) >= n:
            break
        drill = _drill_for(
            pattern["dimension"], int(pattern.get("occurrences", 0)), skills, i, _reason(pattern)
        )
        if drill is not None and drill.id not in {d.id for d in drills}:
            drills.append(drill)
    for skill in _must_have_skills(jd_parsed):
        if len(drills) >= n:
            break
        drills.append(
            _build(
                MUST_HAVE,
                "specificity",
                "must-have",
                {"skill": skill},
                f"{skill} is a must-have for this job",
            )
        )
    for i, dimension in enumerate(DEFAULT_DIMENSIONS):
        if len(drills) >= n:
            break
        drill = _drill_for(dimension, 0, skills, i, "a core interview skill worth keeping sharp")
        if drill is not None and drill.id not in {d.id for d in drills}:
            drills.append(drill)
    return drills[:n]


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
    ex = analyze_exchange(Exchange(question, [asked], [said]), extra_terms=jd_terms(jd_parsed))
    target = (
        getattr(ex.criteria, drill.dimension, None)
        if drill.dimension in type(ex.criteria).model_fields
        else None
    )
    target = ex.score if target is None else target
    return DrillResult(
        drill_id=drill.id,
        dimension=drill.dimension,
        status=ex.status,
        verdict=ex.verdict,
        score=ex.score,
        target_score=target,
        passed=ex.status == "answered" and target >= PASS_SCORE,
        criteria=ex.criteria,
        outline_covered=ex.rubric_covered,
        outline_missed=ex.rubric_missed,
        strengths=ex.strengths,
        weaknesses=ex.weaknesses,
        rewrite=ex.rewrite,
        try_next_time=ex.try_next_time,
    )

"""Practice suggestions point at the weakest dimension and at what the job needs but was never practised."""

from __future__ import annotations

from datetime import timedelta

from coach.memory.patterns import update_skill_patterns
from coach.memory.suggestions import practice_suggestions
from tests.coach.memory.candidates import START, declining
from tests.coach.memory.test_readiness import JD


def test_suggestions_start_from_the_most_pressing_weakness_then_unpractised_must_haves() -> None:
    sessions = declining()
    patterns: list[dict] = []
    for day, analysis in enumerate(sessions):
        patterns = update_skill_patterns(patterns, analysis, now=START + timedelta(days=day))
    suggestions = practice_suggestions(
        jd_parsed=JD,
        patterns=patterns,
        sessions=sessions,
        role_kit_competencies=["system design", "collaboration", "incident response"],
    )
    first = suggestions[0]
    assert first["dimension"] == patterns[0]["dimension"]
    assert first["drills"] and first["drills"][0]["dimension"] == patterns[0]["dimension"]
    assert "declining" in first["reason"]
    must = next(
        s for s in suggestions if s["reason"].startswith("2 must-have requirement(s) never practised")
    )
    assert "Kubernetes" in must["reason"] and must["interview_type"] == "technical_verbal"
    assert must["competencies"] == ["incident response"]


def test_a_new_candidate_is_pointed_at_competencies_not_yet_practised() -> None:
    suggestions = practice_suggestions(
        jd_parsed=None, patterns=[], sessions=[], role_kit_competencies=["algorithms", "collaboration"]
    )
    assert suggestions == [
        {
            "interview_type": "coding",
            "competencies": ["algorithms"],
            "drills": [],
            "reason": "algorithms has not been practised yet",
            "dimension": None,
        }
    ]

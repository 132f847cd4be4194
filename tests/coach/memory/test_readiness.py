"""Readiness moves the way a candidate's practice does, and says what would move it further."""

from __future__ import annotations

from coach.memory.readiness import impact_on_readiness, readiness, readiness_by
from tests.coach.memory.candidates import analysed_session, declining, improving, stored

WEIGHTS = {"structure": 1.0, "specificity": 1.0, "depth": 1.0, "relevance": 1.0, "system design": 2.0}
JD = {
    "requirements": {
        "must_have": [
            {
                "id": "req-1",
                "text": "Design rate limiting for public APIs",
                "skills": ["rate limiting"],
                "years": None,
                "category": "hard",
            },
            {
                "id": "req-2",
                "text": "3+ years running Kubernetes in production",
                "skills": ["Kubernetes"],
                "years": 3,
                "category": "hard",
            },
            {
                "id": "req-3",
                "text": "Incident response and on-call",
                "skills": ["incident response"],
                "years": None,
                "category": "experience",
            },
        ],
        "nice_to_have": [],
    },
    "hard_skills": ["Kubernetes", "Redis"],
}


def _scores(sessions: list, jd: dict | None = None) -> list[int]:
    return [
        readiness(sessions[: i + 1], rubric_weights=WEIGHTS, jd_parsed=jd).score for i in range(len(sessions))
    ]


def test_readiness_rises_for_an_improving_candidate() -> None:
    scores = _scores(improving())
    assert all(a < b for a, b in zip(scores, scores[1:], strict=False)), scores
    final = readiness(improving(), rubric_weights=WEIGHTS, jd_parsed=None)
    assert final.trend == "improving"


def test_readiness_falls_for_a_declining_candidate() -> None:
    scores = _scores(declining())
    assert all(a > b for a, b in zip(scores, scores[1:], strict=False)), scores
    assert readiness(declining(), rubric_weights=WEIGHTS, jd_parsed=None).trend == "declining"


def test_must_haves_never_practised_hold_readiness_back_and_are_named() -> None:
    sessions = improving()
    without_jd = readiness(sessions, rubric_weights=WEIGHTS, jd_parsed=None)
    with_jd = readiness(sessions, rubric_weights=WEIGHTS, jd_parsed=JD)
    assert with_jd.score < without_jd.score
    assert with_jd.unpractised_must_haves == ["Kubernetes", "incident response"]  # rate limiting was asked
    assert "2 must-have requirement(s) never practised: Kubernetes, incident response." in with_jd.explanation


def test_explanation_names_the_dimension_that_would_raise_readiness_most() -> None:
    sessions = [analysed_session(1), analysed_session(1), analysed_session(1)]
    weights = {"structure": 1.0, "specificity": 3.0, "depth": 1.0}
    result = readiness(sessions, rubric_weights=weights, jd_parsed=None)
    average = round(result.components["specificity"])
    assert average < 60
    assert result.explanation[0] == (
        f"Specificity averages {average} over your last 3 session(s): "
        "adding measurable results raises readiness most."
    )


def test_stored_sessions_are_ordered_by_when_they_happened() -> None:
    rows = [stored(a, day) for day, a in enumerate(improving())]
    shuffled = [rows[2], rows[0], rows[3], rows[1]]
    assert readiness(shuffled, rubric_weights=WEIGHTS, jd_parsed=None) == readiness(
        improving(), rubric_weights=WEIGHTS, jd_parsed=None
    )


def test_no_sessions_means_not_started() -> None:
    result = readiness([], rubric_weights=WEIGHTS, jd_parsed=JD)
    assert (result.score, result.level) == (0, "not started")
    assert len(result.unpractised_must_haves) == 3


def test_impact_reports_the_change_a_session_made() -> None:
    sessions = improving()
    before = readiness(sessions[:2], rubric_weights=WEIGHTS, jd_parsed=None)
    after = readiness(sessions[:3], rubric_weights=WEIGHTS, jd_parsed=None)
    impact = impact_on_readiness(before, after)
    assert impact["delta"] == after.score - before.score > 0
    assert impact["message"].startswith(f"Readiness rose {impact['delta']} point(s) to {after.score}")
    assert impact["drivers"] and all(
        d["delta"] == round(d["after"] - d["before"], 1) for d in impact["drivers"]
    )


def test_readiness_is_kept_per_job_target() -> None:
    rows = [
        stored(analysed_session(3, job_target_id="job-a"), 0),
        stored(analysed_session(0, job_target_id="job-b"), 1),
    ]
    by_job = readiness_by(rows, key="job_target_id")
    assert set(by_job) == {"job-a", "job-b"}
    assert by_job["job-a"].score > by_job["job-b"].score

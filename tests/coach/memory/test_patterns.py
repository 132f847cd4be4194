"""Career memory follows a candidate's weaknesses across sessions and drills."""

from __future__ import annotations

from datetime import timedelta

from coach.drills.generator import generate_drills, score_drill
from coach.memory.patterns import WEAKNESS_THRESHOLD, update_skill_patterns
from coach.memory.trend import trend
from tests.coach.memory.candidates import START, declining, improving, stored


def _replay(analyses: list) -> list[dict]:
    patterns: list[dict] = []
    for day, analysis in enumerate(analyses):
        patterns = update_skill_patterns(patterns, analysis, now=START + timedelta(days=day))
    return patterns


def _by_dim(patterns: list[dict]) -> dict[str, dict]:
    return {p["dimension"]: p for p in patterns}


def test_improving_candidate_specificity_pattern_trends_up_and_resolves() -> None:
    sessions = improving()
    spec = _by_dim(_replay(sessions))["specificity"]
    scores = [s.criteria_averages["specificity"] for s in sessions]
    assert spec["recent_scores"] == scores
    assert spec["trend"] == "improving"
    assert spec["occurrences"] == sum(1 for s in scores if s < WEAKNESS_THRESHOLD)
    assert spec["active"] is False
    last_weak_day = max(i for i, s in enumerate(scores) if s < WEAKNESS_THRESHOLD)
    assert spec["last_seen"] == (START + timedelta(days=last_weak_day)).isoformat()


def test_declining_candidate_patterns_trend_down_and_come_first() -> None:
    patterns = _replay(declining())
    spec = _by_dim(patterns)["specificity"]
    assert spec["trend"] == "declining"
    assert spec["active"] is True
    assert patterns[0]["trend"] == "declining" and patterns[0]["active"]


def test_trend_flips_when_the_candidate_turns_around() -> None:
    sessions = declining() + improving()[1:]
    history = []
    for day in range(len(sessions)):
        history.append(_by_dim(_replay(sessions[: day + 1])).get("specificity", {}).get("trend"))
    assert "declining" in history[:4]
    assert history[-1] == "improving"


def test_strong_dimensions_never_become_patterns_and_stored_json_works() -> None:
    strong = improving()[-1]
    assert update_skill_patterns([], stored(strong, 0), now=START) == []


def test_drill_results_update_the_same_patterns() -> None:
    patterns = _replay(declining()[2:])  # ends weak on specificity
    drill = generate_drills(patterns, n=1)[0]
    answer = (
        "At my last job our nightly reports took 6 hours. I was responsible for the data pipeline, so I "
        "profiled it with py-spy, moved the joins into PostgreSQL and added two indexes. As a result the "
        "reports finished in 40 minutes and 3 analysts got their mornings back."
    )
    result = score_drill(drill, answer)
    before = _by_dim(patterns)[drill.dimension]
    after = _by_dim(update_skill_patterns(patterns, result, now=START + timedelta(days=9)))[drill.dimension]
    assert after["recent_scores"][-1] == result.criteria.model_dump()[drill.dimension] >= WEAKNESS_THRESHOLD
    assert after["occurrences"] == before["occurrences"]


def test_trend_method_ignores_noise_inside_the_dead_band() -> None:
    assert trend([50, 53, 49, 52, 51]) == "stagnant"
    assert trend([40, 48, 55, 61, 70]) == "improving"
    assert trend([70, 64, 55, 50, 41]) == "declining"
    assert trend([55]) == "stagnant"

from __future__ import annotations

import pytest

from coach.interview.coverage import must_have_coverage, uncovered_must_haves
from coach.interview.planner import CLOSING_S, GREETING_S, generate_plan, generate_questions
from tests.coach.interview.conftest import load_jds

JD_CASES = [(jd["name"], jd["role_kit"], jd["jd_parsed"]) for jd in load_jds()]


def weakness(dimension: str, occurrences: int = 4, trend: str = "declining") -> dict:
    return {
        "dimension": dimension,
        "occurrences": occurrences,
        "trend": trend,
        "last_seen": "2025-05-01T10:00:00",
    }


@pytest.mark.parametrize("interview_type", ["behavioral", "hr_screen", "technical_verbal", "case", "coding"])
@pytest.mark.parametrize("duration_min", [10, 15, 30])
def test_question_budgets_fill_the_session_minus_greeting_and_closing(
    interview_type: str, duration_min: int
) -> None:
    plan = generate_plan(role_kit="backend", interview_type=interview_type, duration_min=duration_min)
    assert sum(q.time_budget_s for q in plan.questions) == duration_min * 60 - GREETING_S - CLOSING_S
    assert len({q.id for q in plan.questions}) == len(plan.questions)


def test_same_inputs_give_the_same_plan(jds: list[dict]) -> None:
    args = {"role_kit": "backend", "interview_type": "behavioral", "jd_parsed": jds[0]["jd_parsed"]}
    assert generate_plan(**args) == generate_plan(**args)


@pytest.mark.parametrize("interview_type", ["behavioral", "technical_verbal", "hr_screen", "case"])
@pytest.mark.parametrize(("name", "kit", "jd_parsed"), JD_CASES, ids=[c[0] for c in JD_CASES])
def test_plans_cover_at_least_80_percent_of_must_haves(
    name: str, kit: str, jd_parsed: dict, interview_type: str
) -> None:
    plan = generate_plan(role_kit=kit, interview_type=interview_type, jd_parsed=jd_parsed)
    assert must_have_coverage(plan, jd_parsed) >= 0.8, uncovered_must_haves(plan, jd_parsed)


def test_coverage_counts_only_requirements_a_question_targets(jds: list[dict]) -> None:
    jd_parsed = jds[0]["jd_parsed"]
    plan = generate_plan(role_kit="backend", interview_type="behavioral")  # no JD given to the planner
    covered = must_have_coverage(plan, jd_parsed)
    assert covered < 0.5
    assert must_have_coverage(plan, None) == 1.0


def test_rationales_name_the_jd_requirement_and_the_resume_risk(jds: list[dict]) -> None:
    jd_parsed = jds[0]["jd_parsed"]
    plan = generate_plan(role_kit="backend", interview_type="behavioral", jd_parsed=jd_parsed)
    risky = [q for q in plan.questions if q.source.risk]
    assert risky, "the Kubernetes risk should get its own question"
    assert "Kubernetes" in risky[0].text
    assert "No Kubernetes or Docker on the resume." in risky[0].rationale
    for q in plan.questions:
        if q.source.requirement_ids:
            first = next(
                r for r in jd_parsed["requirements"]["must_have"] if r["id"] == q.source.requirement_ids[0]
            )
            assert first["text"] in q.rationale


def test_every_question_explains_itself_and_has_a_rubric_and_budget(jds: list[dict]) -> None:
    for jd in jds:
        plan = generate_plan(role_kit=jd["role_kit"], interview_type="behavioral", jd_parsed=jd["jd_parsed"])
        for q in plan.questions:
            assert q.rationale and q.rubric and q.competency and q.time_budget_s >= 45


def test_a_weak_competency_gets_more_questions_time_and_probes() -> None:
    base = generate_plan(role_kit="backend", interview_type="behavioral")
    weak = generate_plan(
        role_kit="backend",
        interview_type="behavioral",
        user_weakness_patterns=[weakness("competency:reliability and operations")],
    )
    assert weak != base

    def on(plan, name):
        return [q for q in plan.questions if q.competency == name]

    assert len(on(weak, "reliability and operations")) > len(on(base, "reliability and operations"))
    share = sum(q.time_budget_s for q in on(weak, "reliability and operations")) / len(
        on(weak, "reliability and operations")
    )
    others = [q.time_budget_s for q in weak.questions if q.competency != "reliability and operations"]
    assert share > max(others)
    for q in on(weak, "reliability and operations"):
        assert q.source.weakness == "competency:reliability and operations"
        assert "past weak area" in q.rationale
        assert q.max_follow_ups > max(b.max_follow_ups for b in on(base, "reliability and operations"))


def test_one_weak_area_does_not_crowd_out_the_rest_of_the_kit() -> None:
    plan = generate_plan(
        role_kit="backend",
        interview_type="behavioral",
        user_weakness_patterns=[weakness("competency:ownership", occurrences=5)],
    )
    ownership = [q for q in plan.questions if q.competency == "ownership"]
    assert 2 <= len(ownership) <= len(plan.questions) // 2


def test_improving_weaknesses_push_less_than_declining_ones() -> None:
    def ownership_count(trend: str) -> int:
        plan = generate_plan(
            role_kit="generic",
            interview_type="behavioral",
            duration_min=30,
            user_weakness_patterns=[weakness("competency:ownership", trend=trend)],
        )
        return sum(q.competency == "ownership" for q in plan.questions)

    assert ownership_count("declining") > ownership_count("improving")


def test_a_recurring_answer_gap_adds_a_probe_that_practises_it() -> None:
    plan = generate_plan(
        role_kit="sales",
        interview_type="behavioral",
        user_weakness_patterns=[weakness("specificity", occurrences=3, trend="stagnant")],
    )
    probed = [q for q in plan.questions if "What number would show the impact of that?" in q.follow_ups]
    assert probed and all("specificity" in q.rationale for q in probed)


def test_recent_questions_are_not_repeated() -> None:
    first = generate_plan(role_kit="product", interview_type="behavioral")
    recent = {q.id for q in first.questions}
    second = generate_plan(role_kit="product", interview_type="behavioral", recent_question_ids=recent)
    repeated = [q for q in second.questions if q.id in recent]
    assert not repeated


def test_history_for_this_job_counts_as_recent(jds: list[dict]) -> None:
    jd_parsed = jds[1]["jd_parsed"]
    first = generate_plan(role_kit="frontend", interview_type="technical_verbal", jd_parsed=jd_parsed)
    history = [{"session_id": "s1", "question_ids": [q.id for q in first.questions], "state": "analyzed"}]
    second = generate_plan(
        role_kit="frontend",
        interview_type="technical_verbal",
        jd_parsed=jd_parsed,
        job_target_history=history,
    )
    assert not {q.id for q in second.questions if not q.source.retry_of} & set(history[0]["question_ids"])
    assert must_have_coverage(second, jd_parsed) >= 0.8


def test_a_repeat_is_only_ever_a_marked_retry() -> None:
    # Case interviews have few scenarios, so after two sessions something must come back.
    recent: set[str] = set()
    for _ in range(3):
        plan = generate_plan(role_kit="sales", interview_type="case", recent_question_ids=recent)
        for q in plan.questions:
            assert q.id not in recent or q.source.retry_of == q.id
        recent |= {q.id for q in plan.questions}


def test_difficulty_changes_pace_and_persona() -> None:
    warm = generate_plan(role_kit="data", interview_type="technical_verbal", difficulty="warmup")
    intense = generate_plan(role_kit="data", interview_type="technical_verbal", difficulty="intense")
    assert warm.persona.tone == "warm" and intense.persona.tone == "tough"
    assert len(intense.questions) >= len(warm.questions)
    assert min(q.max_follow_ups for q in intense.questions) > min(q.max_follow_ups for q in warm.questions)


def test_cases_prefer_scenarios_that_fit_the_job(jds: list[dict]) -> None:
    fintech = jds[0]["jd_parsed"]
    plan = generate_plan(role_kit="backend", interview_type="case", jd_parsed=fintech)
    bank_cases = [q for q in plan.questions if not q.id.startswith("jd-")]
    assert bank_cases and "fits this job" in bank_cases[0].rationale


def test_coding_plans_show_code_on_screen_instead_of_reading_it() -> None:
    plan = generate_plan(role_kit="frontend", interview_type="coding")
    for q in plan.questions:
        assert q.exhibit and q.coding_mode
        assert q.exhibit.strip().splitlines()[0] not in q.text


def test_resume_achievements_become_a_question() -> None:
    resume = {"achievements": [{"text": "Cut checkout latency by 40% by caching prices", "numbers": ["40%"]}]}
    plan = generate_plan(role_kit="backend", interview_type="behavioral", resume_profile=resume)
    assert any("cut checkout latency by 40%" in q.text for q in plan.questions)


def test_prep_questions_come_from_the_jobs_requirements(jds: list[dict]) -> None:
    nurse = jds[5]["jd_parsed"]
    questions = generate_questions(nurse, n=4)
    assert len(questions["behavioral_questions"]) == 4 and len(questions["technical_questions"]) == 4
    text = " ".join(questions["behavioral_questions"] + questions["technical_questions"])
    assert "patient assessment" in text and "Epic EHR" in text
    assert questions["generated_by"] == "offline"


def test_prep_questions_for_a_thin_posting_are_topped_up_from_the_kit() -> None:
    thin = {"role_family": "sales", "requirements": {"must_have": [], "nice_to_have": []}}
    questions = generate_questions(thin, n=3)
    assert len(questions["behavioral_questions"]) == 3 and len(questions["technical_questions"]) == 3

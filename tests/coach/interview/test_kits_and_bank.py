from __future__ import annotations

import pytest

from coach.interview.bank import INTERVIEW_TYPES, UnsupportedInterviewType, load_question_bank, questions_for
from coach.interview.kits import load_role_kits, role_kit_for

KITS = ["backend", "frontend", "data", "product", "design", "sales", "customer_support", "nursing", "generic"]


def test_every_product_role_family_has_a_kit_with_weighted_rubric_competencies() -> None:
    kits = load_role_kits()
    assert set(KITS) <= set(kits)
    for kit in kits.values():
        assert abs(sum(c.weight for c in kit.competencies) - 1.0) < 1e-6, kit.id
        assert all(c.rubric and c.description for c in kit.competencies), kit.id


@pytest.mark.parametrize(
    ("family", "kit"),
    [
        ("devops", "backend"),
        ("fullstack", "backend"),
        ("mobile", "frontend"),
        ("ml", "data"),
        ("healthcare", "nursing"),
        ("customer_support", "customer_support"),
        ("finance", "generic"),
        ("underwater basket weaving", "generic"),
        (None, "generic"),
    ],
)
def test_role_families_map_to_the_kit_an_interviewer_would_use(family: str | None, kit: str) -> None:
    assert role_kit_for(family).id == kit


@pytest.mark.parametrize("kit", KITS)
def test_every_kit_can_run_every_spoken_interview_type(kit: str) -> None:
    for interview_type in ("behavioral", "hr_screen", "technical_verbal", "case"):
        assert len(questions_for(kit, interview_type)) >= 2, (kit, interview_type)


def test_coding_interviews_exist_for_code_roles_and_are_refused_for_nursing() -> None:
    for kit in ("backend", "frontend", "data", "generic"):
        modes = {q.coding_mode for q in questions_for(kit, "coding")}
        assert modes == {"explain", "debug", "modify"}, kit
    with pytest.raises(UnsupportedInterviewType, match="nursing"):
        questions_for("nursing", "coding")


def test_question_ids_are_unique_across_the_whole_bank() -> None:
    ids = [q.id for questions in load_question_bank().values() for q in questions]
    assert len(ids) == len(set(ids))


def test_cases_and_coding_exercises_carry_what_the_planner_and_analyzer_need() -> None:
    for questions in load_question_bank().values():
        for q in questions:
            assert q.rubric and q.time_budget_s > 0 and q.interview_type in INTERVIEW_TYPES
            if q.interview_type == "case":
                assert q.job_fit_tags and q.role_level, q.id
            if q.interview_type == "coding":
                assert q.coding_mode and q.exhibit and q.exhibit_language, q.id
                assert any("edge case" in j for j in q.judged), q.id

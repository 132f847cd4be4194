from __future__ import annotations

import pytest

from coach.interview.answer_signals import analyse_answer
from coach.interview.bank import questions_for
from coach.interview.clock import FakeClock
from coach.interview.director import PlanDirector
from coach.interview.kits import load_role_kits
from coach.interview.planner import generate_plan
from coach.interview.simulated import SimulatedCandidate, run_text_interview, simulate_interview


@pytest.mark.parametrize("kit", sorted(load_role_kits()))
def test_strong_answers_are_complete_on_topic_stories(kit: str) -> None:
    candidate = SimulatedCandidate(kit, "strong")
    for question in [q for q in questions_for(kit, "behavioral")][:6]:
        plan_question = (
            generate_plan(role_kit=kit, interview_type="behavioral")
            .questions[0]
            .model_copy(
                update={
                    "id": question.id,
                    "text": question.text,
                    "competency": question.competency,
                    "rubric": question.rubric,
                    "kind": "behavioral",
                }
            )
        )
        signals = analyse_answer(candidate.answer(plan_question, plan_question.text), plan_question)
        assert signals.solid and signals.has_metric, (kit, question.id, signals)


def test_weak_qualities_produce_the_problems_they_are_named_after() -> None:
    question = generate_plan(role_kit="sales", interview_type="behavioral").questions[0]

    def signals(quality: str):
        return analyse_answer(
            SimulatedCandidate("sales", quality).answer(question, question.text),
            question,
            answer_seconds=None,
        )

    assert signals("vague").vague_we and not signals("vague").has_metric
    assert signals("one_word").too_short
    assert signals("off_topic").off_topic
    assert signals("silent").empty
    assert signals("rambling").rambling


def test_a_per_question_script_sets_quality_question_by_question() -> None:
    plan = generate_plan(role_kit="design", interview_type="behavioral")
    candidate = SimulatedCandidate("design", ["silent", "strong"])
    first, second = plan.questions[:2]
    assert candidate.answer(first, first.text) == ""
    assert candidate.answer(second, second.text)
    by_id = SimulatedCandidate("design", {second.id: "one_word"})
    assert by_id.answer(first, first.text).count(" ") > 20
    assert len(by_id.answer(second, second.text).split()) == 1


async def test_a_fifteen_minute_text_interview_runs_instantly_on_a_fake_clock() -> None:
    plan = generate_plan(role_kit="data", interview_type="technical_verbal", duration_min=15)
    turns = await simulate_interview(plan, quality="strong")
    assert turns[0].kind == "question" and turns[-1].kind == "closing"
    assert [t.seq for t in turns] == list(range(len(turns)))
    assert {t.question_id for t in turns if t.kind == "question"} == {q.id for q in plan.questions}
    assert all(t.started_at <= t.ended_at for t in turns)


async def test_a_brain_that_never_closes_is_wrapped_up() -> None:
    plan = generate_plan(role_kit="generic", interview_type="hr_screen", duration_min=60)
    clock = FakeClock()
    turns = await run_text_interview(
        PlanDirector(plan, clock=clock), SimulatedCandidate("generic"), clock=clock, max_turns=6
    )
    assert turns[-1].kind == "closing"

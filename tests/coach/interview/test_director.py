from __future__ import annotations

import pytest

from coach.interview.clock import FakeClock
from coach.interview.director import PlanDirector
from coach.interview.phrasing import contains_praise
from coach.interview.planner import generate_plan
from coach.interview.schema import InterviewPlan, Persona, PlanQuestion
from coach.interview.simulated import QUALITIES, SimulatedCandidate, run_text_interview

NO_RESULT = (
    "At my last job our checkout service started failing on a Friday evening. I was the on-call "
    "engineer, so I had to stabilize it. I rolled back the deploy, checked the dashboards and found a "
    "slow query exhausting the connection pool."
)
NO_METRIC = NO_RESULT + " As a result, checkout recovered and we added alerts so it would not happen again."
COMPLETE = NO_RESULT + " As a result, we recovered in 22 minutes and errors dropped from 8 percent to zero."


def question(qid: str, budget: int = 180, **fields) -> PlanQuestion:
    return PlanQuestion(
        id=qid,
        text=f"Tell me about a production incident, part {qid}.",
        kind="behavioral",
        competency="reliability and operations",
        rationale="test",
        rubric=["Names the root cause and the fix"],
        time_budget_s=budget,
        **fields,
    )


def plan_of(*questions: PlanQuestion, minutes: int = 15, tone: str = "neutral") -> InterviewPlan:
    return InterviewPlan(
        role_kit="backend",
        interview_type="behavioral",
        duration_min=minutes,
        persona=Persona(tone=tone),
        questions=list(questions),
    )


async def started(plan: InterviewPlan, clock: FakeClock | None = None) -> PlanDirector:
    director = PlanDirector(plan, clock=clock or FakeClock())
    await director.open()
    return director


async def test_opening_greets_and_asks_the_first_planned_question() -> None:
    plan = plan_of(question("q1"), question("q2"))
    reply = await PlanDirector(plan, clock=FakeClock()).open()
    assert reply.question_id == "q1" and plan.questions[0].text in reply.text and "Alex" in reply.text


async def test_a_story_without_a_result_gets_asked_for_the_result() -> None:
    director = await started(plan_of(question("q1"), question("q2")))
    reply = await director.respond(NO_RESULT, answer_seconds=40)
    assert reply.kind == "follow_up" and reply.question_id == "q1"
    assert any(w in reply.text.lower() for w in ("result", "end up", "outcome"))


async def test_a_result_without_a_number_gets_asked_for_a_number() -> None:
    director = await started(plan_of(question("q1"), question("q2")))
    reply = await director.respond(NO_METRIC, answer_seconds=45)
    assert reply.kind == "follow_up" and "number" in reply.text.lower()


async def test_a_complete_answer_moves_on_once_planned_probes_are_used() -> None:
    director = await started(
        plan_of(question("q1", max_follow_ups=1, follow_ups=["Who else was involved?"]), question("q2"))
    )
    first = await director.respond(COMPLETE, answer_seconds=50)
    assert first.kind == "follow_up" and first.text == "Who else was involved?"
    second = await director.respond(
        "I worked with two other engineers and our support lead.", answer_seconds=5
    )
    assert second.kind == "question" and second.question_id == "q2"


async def test_moves_on_when_the_question_budget_is_spent() -> None:
    clock = FakeClock()
    director = await started(plan_of(question("q1", budget=90), question("q2")), clock)
    clock.advance(100)  # the candidate talked past the 90 s budget
    reply = await director.respond(NO_RESULT, answer_seconds=100)
    assert reply.kind == "question" and reply.question_id == "q2"


async def test_wrap_up_closes_with_a_time_up_line_and_the_interview_is_over() -> None:
    director = await started(plan_of(question("q1"), question("q2")))
    reply = await director.wrap_up("time_up")
    assert reply.done and reply.kind == "closing" and director.finished
    after = await director.respond("One more thing!")
    assert after.done


async def test_skips_remaining_questions_to_close_on_time() -> None:
    clock = FakeClock()
    director = await started(plan_of(*(question(f"q{i}", budget=120) for i in range(6)), minutes=5), clock)
    clock.advance(4 * 60 + 20)
    reply = await director.respond(COMPLETE, answer_seconds=60)
    assert reply.done and reply.kind == "closing"
    assert director.asked_question_ids == ["q0"]


@pytest.mark.parametrize("quality", QUALITIES)
async def test_fifteen_minute_interviews_close_on_time_without_repeating_questions(quality: str) -> None:
    plan = generate_plan(role_kit="backend", interview_type="behavioral", duration_min=15)
    clock = FakeClock()
    turns = await run_text_interview(
        PlanDirector(plan, clock=clock), SimulatedCandidate("backend", quality), clock=clock
    )
    assert turns[-1].kind == "closing"
    assert (turns[-1].ended_at - turns[0].started_at).total_seconds() <= 15 * 60 + 30
    asked = [t.question_id for t in turns if t.kind == "question"]
    assert len(asked) == len(set(asked))
    interviewer_lines = [t.text for t in turns if t.role == "interviewer"]
    for q in plan.questions:
        assert sum(q.text in line for line in interviewer_lines) <= 1


async def test_a_rambling_candidate_still_finishes_by_the_deadline() -> None:
    plan = generate_plan(role_kit="nursing", interview_type="behavioral", duration_min=15)
    clock = FakeClock()
    turns = await run_text_interview(
        PlanDirector(plan, clock=clock), SimulatedCandidate("nursing", "rambling"), clock=clock
    )
    elapsed = (turns[-1].ended_at - turns[0].started_at).total_seconds()
    assert 12 * 60 <= elapsed <= 15 * 60 + 30
    assert any("time" in t.text.lower() for t in turns if t.kind == "question")


@pytest.mark.parametrize("quality", ["silent", "one_word", "off_topic", "vague"])
async def test_weak_answers_never_earn_praise(quality: str) -> None:
    plan = generate_plan(
        role_kit="customer_support", interview_type="behavioral", persona=Persona(tone="warm")
    )
    clock = FakeClock()
    turns = await run_text_interview(
        PlanDirector(plan, clock=clock), SimulatedCandidate("customer_support", quality), clock=clock
    )
    spoken = [t.text for t in turns if t.role == "interviewer"]
    assert not [line for line in spoken if contains_praise(line)]


@pytest.mark.parametrize("answer", ["", "asdf qwrt zxcv", "Yes.", "!!!", "la la la la la la"])
async def test_empty_garbage_and_one_word_answers_get_a_neutral_retry_or_move_on(answer: str) -> None:
    director = await started(plan_of(question("q1"), question("q2")))
    first = await director.respond(answer, answer_seconds=3)
    second = await director.respond(answer, answer_seconds=3)
    assert first.kind in ("retry", "follow_up") and not contains_praise(first.text)
    assert not contains_praise(second.text)
    assert plan_of(question("q1")).questions[0].text not in first.text


async def test_the_rubric_is_never_read_aloud() -> None:
    plan = generate_plan(role_kit="data", interview_type="technical_verbal")
    clock = FakeClock()
    turns = await run_text_interview(
        PlanDirector(plan, clock=clock), SimulatedCandidate("data", "vague"), clock=clock
    )
    spoken = " ".join(t.text for t in turns if t.role == "interviewer")
    for q in plan.questions:
        for point in q.rubric:
            assert point not in spoken


async def test_an_off_topic_answer_is_steered_back_to_the_competency() -> None:
    director = await started(plan_of(question("q1"), question("q2")))
    reply = await director.respond(
        "Honestly my favourite thing is hiking on weekends. Last month I climbed a "
        "mountain near the lake with my dog and the view was incredible.",
        answer_seconds=20,
    )
    assert reply.kind == "follow_up" and "reliability and operations" in reply.text


async def test_persona_tone_changes_how_the_interviewer_sounds() -> None:
    lines = {}
    for tone in ("warm", "neutral", "tough"):
        director = await started(plan_of(question("q1"), question("q2"), tone=tone))
        lines[tone] = (await director.respond(NO_RESULT, answer_seconds=40)).text
    assert len(set(lines.values())) == 3


async def test_the_same_answers_replay_to_the_same_interview() -> None:
    async def run() -> list[str]:
        plan = generate_plan(role_kit="product", interview_type="behavioral")
        clock = FakeClock()
        turns = await run_text_interview(
            PlanDirector(plan, clock=clock),
            SimulatedCandidate("product", ["strong", "vague", "one_word"]),
            clock=clock,
        )
        return [t.text for t in turns]

    assert await run() == await run()

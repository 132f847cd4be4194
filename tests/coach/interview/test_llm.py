"""LLM paths against a local fake OpenAI-compatible server: used when valid, offline fallback otherwise."""

from __future__ import annotations

import json

import openai
import pytest

from coach.interview.clock import FakeClock
from coach.interview.coverage import must_have_coverage
from coach.interview.director import PlanDirector
from coach.interview.llm_interviewer import LLMInterviewer
from coach.interview.planner import (
    generate_plan,
    generate_plan_llm,
    generate_questions,
    generate_questions_llm,
)
from coach.interview.schema import InterviewPlan, PlanQuestion
from tests.coach.interview.fake_llm import Canned, FakeLLM

NO_RESULT = (
    "At my last job our checkout service started failing on a Friday evening. I was the on-call "
    "engineer, so I had to stabilize it. I rolled back the deploy, checked the dashboards and found a "
    "slow query exhausting the connection pool."
)


def two_question_plan() -> InterviewPlan:
    questions = [
        PlanQuestion(
            id=f"q{i}",
            text=f"Tell me about production incident number {i}.",
            kind="behavioral",
            competency="reliability and operations",
            rationale="test",
            rubric=["Names the root cause and the fix"],
            time_budget_s=200,
        )
        for i in (1, 2)
    ]
    return InterviewPlan(role_kit="backend", interview_type="behavioral", questions=questions)


async def offline_reply(answer: str) -> str:
    director = PlanDirector(two_question_plan(), clock=FakeClock())
    await director.open()
    return (await director.respond(answer, answer_seconds=40)).text


async def llm_reply(
    client: openai.AsyncOpenAI, answer: str, timeout_s: float = 4.0
) -> tuple[LLMInterviewer, str]:
    brain = LLMInterviewer(
        two_question_plan(), client=client, model="fake-model", clock=FakeClock(), timeout_s=timeout_s
    )
    await brain.open()
    return brain, (await brain.respond(answer, answer_seconds=40)).text


async def test_the_model_phrases_the_follow_up_through_a_tool_call(fake_llm: FakeLLM, llm_client) -> None:
    fake_llm.queue(
        Canned(
            tool_args={
                "missing_star": ["result"],
                "follow_up": True,
                "follow_up_text": "So what happened to checkout after the rollback?",
            }
        )
    )
    brain, text = await llm_reply(llm_client, NO_RESULT)
    assert text == "So what happened to checkout after the rollback?"
    assert brain.fallbacks == 0
    sent = fake_llm.requests[0]
    assert sent["tools"][0]["function"]["name"] == "assess_answer"
    assert "Never read it aloud" in sent["messages"][0]["content"]


async def test_the_model_may_judge_an_answer_complete_and_move_on(fake_llm: FakeLLM, llm_client) -> None:
    fake_llm.queue(
        Canned(tool_args={"missing_star": [], "follow_up": False, "acknowledgement": "Understood."})
    )
    _, text = await llm_reply(llm_client, NO_RESULT)
    assert text.startswith("Understood.") and "incident number 2" in text


@pytest.mark.parametrize(
    "canned",
    [
        Canned(status=500, raw_body='{"error": {"message": "upstream exploded"}}'),
        Canned(content="lol I am not JSON"),
        Canned(tool_args="{not valid json"),
        Canned(tool_args={"follow_up": "maybe"}),  # wrong type for the schema
        Canned(status=200, raw_body="<html>gateway</html>"),
    ],
    ids=["http-500", "prose", "broken-json", "schema-mismatch", "html"],
)
async def test_falls_back_to_the_plan_director_when_the_model_fails(
    fake_llm: FakeLLM, llm_client, canned: Canned
) -> None:
    fake_llm.queue(canned)
    brain, text = await llm_reply(llm_client, NO_RESULT)
    assert text == await offline_reply(NO_RESULT)
    assert brain.fallbacks == 1


async def test_falls_back_when_the_model_is_too_slow(fake_llm: FakeLLM, llm_client) -> None:
    fake_llm.queue(Canned(tool_args={"follow_up": True, "follow_up_text": "Too late?"}, delay_s=1.5))
    brain, text = await llm_reply(llm_client, NO_RESULT, timeout_s=0.3)
    assert text == await offline_reply(NO_RESULT)
    assert brain.fallbacks == 1


async def test_a_follow_up_that_reads_the_rubric_is_not_spoken(fake_llm: FakeLLM, llm_client) -> None:
    fake_llm.queue(
        Canned(
            tool_args={
                "follow_up": True,
                "follow_up_text": "A good answer names the root cause and the fix. Go on?",
            }
        )
    )
    _, text = await llm_reply(llm_client, NO_RESULT)
    assert "root cause and the fix" not in text.lower()
    assert text == await offline_reply(NO_RESULT)


async def test_empty_answers_never_wait_on_the_model(fake_llm: FakeLLM, llm_client) -> None:
    _, text = await llm_reply(llm_client, "")
    assert fake_llm.requests == []
    assert text == await offline_reply("")


async def test_praise_from_the_model_is_dropped_for_a_weak_answer(fake_llm: FakeLLM, llm_client) -> None:
    vague = (
        "We worked on it as a team. We looked at options and we tried things. Our manager was happy with us."
    )
    fake_llm.queue(Canned(tool_args={"follow_up": False, "acknowledgement": "Excellent answer, great work!"}))
    _, text = await llm_reply(llm_client, vague)
    assert "Excellent" not in text and "great" not in text.lower()


# --- plans -------------------------------------------------------------------------------------------


def plan_args(jds: list[dict]) -> dict:
    return {"role_kit": "backend", "interview_type": "behavioral", "jd_parsed": jds[0]["jd_parsed"]}


async def test_a_valid_llm_plan_is_used_and_its_budgets_fit_the_session(
    fake_llm: FakeLLM, llm_client, jds: list[dict]
) -> None:
    offline = generate_plan(**plan_args(jds))
    improved = [q.model_dump(mode="json") | {"text": q.text + " Be specific."} for q in offline.questions]
    fake_llm.queue(Canned(content="```json\n" + json.dumps({"questions": improved}) + "\n```"))
    plan = await generate_plan_llm(client=llm_client, model="fake-model", **plan_args(jds))
    assert plan.generated_by == "llm"
    assert all(q.text.endswith("Be specific.") for q in plan.questions)
    assert sum(q.time_budget_s for q in plan.questions) == sum(q.time_budget_s for q in offline.questions)
    schema_sent = fake_llm.requests[0]["messages"][0]["content"]
    assert '"PlanQuestion"' in schema_sent and "req-4" in schema_sent


@pytest.mark.parametrize(
    "reply",
    [
        Canned(content="Sure! Here is a great plan: ask about Kubernetes."),
        Canned(content=json.dumps({"questions": [{"id": "x", "text": "Hi"}]})),  # missing required fields
        Canned(content=json.dumps({"questions": []})),
        Canned(status=500, raw_body="{}"),
    ],
    ids=["prose", "schema-invalid", "empty", "http-500"],
)
async def test_an_invalid_llm_plan_falls_back_to_the_offline_plan(
    fake_llm: FakeLLM, llm_client, jds: list[dict], reply: Canned
) -> None:
    fake_llm.queue(reply)
    plan = await generate_plan_llm(client=llm_client, model="fake-model", **plan_args(jds))
    assert plan == generate_plan(**plan_args(jds))
    assert plan.generated_by == "offline"


async def test_an_llm_plan_that_drops_must_haves_is_rejected(
    fake_llm: FakeLLM, llm_client, jds: list[dict]
) -> None:
    narrow = {
        "id": "llm-1",
        "text": "Tell me about yourself.",
        "kind": "motivation",
        "competency": "communication",
        "rationale": "Opener.",
    }
    fake_llm.queue(Canned(content=json.dumps({"questions": [narrow]})))
    plan = await generate_plan_llm(client=llm_client, model="fake-model", **plan_args(jds))
    assert plan.generated_by == "offline"
    assert must_have_coverage(plan, jds[0]["jd_parsed"]) >= 0.8


async def test_an_llm_plan_that_repeats_recent_questions_is_rejected(
    fake_llm: FakeLLM, llm_client, jds: list[dict]
) -> None:
    offline = generate_plan(**plan_args(jds))
    recent = {offline.questions[0].id}
    fake_llm.queue(
        Canned(content=json.dumps({"questions": [q.model_dump(mode="json") for q in offline.questions]}))
    )
    plan = await generate_plan_llm(
        client=llm_client, model="fake-model", recent_question_ids=recent, **plan_args(jds)
    )
    assert plan.generated_by == "offline"
    assert not recent & {q.id for q in plan.questions if not q.source.retry_of}


async def test_prep_questions_use_the_model_or_fall_back(
    fake_llm: FakeLLM, llm_client, jds: list[dict]
) -> None:
    nurse = jds[5]["jd_parsed"]
    fake_llm.queue(
        Canned(
            content=json.dumps(
                {
                    "behavioral_questions": ["Tell me about a night shift that went wrong."],
                    "technical_questions": ["How do you titrate a norepinephrine drip?"],
                }
            )
        ),
        Canned(status=500, raw_body="{}"),
    )
    from_model = await generate_questions_llm(nurse, client=llm_client, model="fake-model", n=3)
    assert from_model["generated_by"] == "llm"
    assert from_model["technical_questions"] == ["How do you titrate a norepinephrine drip?"]
    fallback = await generate_questions_llm(nurse, client=llm_client, model="fake-model", n=3)
    assert fallback == generate_questions(nurse, n=3)

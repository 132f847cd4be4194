"""The candidate keeps the floor through a thinking pause and gets a prompt reply when done."""

from __future__ import annotations

import time

from pipecat.frames.frames import (
    LLMContextFrame,
    TranscriptionFrame,
    UserStoppedSpeakingFrame,
    VADUserStartedSpeakingFrame,
    VADUserStoppedSpeakingFrame,
)
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.aggregators.llm_response_universal import (
    LLMContextAggregatorPair,
    LLMUserAggregatorParams,
)
from pipecat.tests.utils import SleepFrame, run_test
from pipecat.turns.user_start import VADUserTurnStartStrategy
from pipecat.turns.user_turn_strategies import UserTurnStrategies

from pipelines.config import TurnTuning
from pipelines.turn_policy import TurnContext, TurnEndPolicy
from pipelines.turn_taking import InterviewTurnStopStrategy

STORY = TurnContext("Tell me about a time you improved the performance of a system.")
OPEN = TurnContext("Which database would you choose for a payments ledger, and why?")
TUNING = TurnTuning()
policy = TurnEndPolicy(TUNING)


def test_a_finished_sounding_answer_gets_a_prompt_reply():
    text = "I would pick PostgreSQL, because it gives strong transactions and the team already knows it well."
    assert policy.wait_after_pause(text, OPEN, smart_turn_p=0.8) == TUNING.complete_wait_s


def test_trailing_conjunction_or_filler_waits_out_a_thinking_pause():
    for text in ("I would pick PostgreSQL because it has strong transactions and", "The main reason is, um"):
        assert policy.wait_after_pause(text, OPEN, smart_turn_p=0.95) > 2.0


def test_a_story_without_an_outcome_is_not_over():
    text = "So at my last job our checkout page was slow and I was asked to look into it over a weekend."
    assert policy.wait_after_pause(text, STORY, smart_turn_p=0.7) > 2.0


def test_a_story_with_its_outcome_can_end_promptly():
    text = (
        "Our checkout page was slow, so I profiled it and added a cache. As a result, p99 latency dropped "
        "from two seconds to three hundred milliseconds."
    )
    assert policy.wait_after_pause(text, STORY, smart_turn_p=0.7) == TUNING.complete_wait_s


def test_a_one_line_reply_to_a_real_question_waits_longer():
    assert policy.wait_after_pause("PostgreSQL.", OPEN, smart_turn_p=0.6) > 2.0
    assert policy.wait_after_pause("PostgreSQL.", OPEN, smart_turn_p=0.95) > TUNING.complete_wait_s


def user_aggregator(strategy: InterviewTurnStopStrategy):
    params = LLMUserAggregatorParams(
        user_turn_strategies=UserTurnStrategies(start=[VADUserTurnStartStrategy()], stop=[strategy]),
        user_turn_stop_timeout=10.0,
    )
    return LLMContextAggregatorPair(LLMContext(), user_params=params).user()


def speech(text: str, pause_s: float) -> list:
    return [
        VADUserStartedSpeakingFrame(start_secs=0.15),
        SleepFrame(0.1),
        VADUserStoppedSpeakingFrame(stop_secs=0.2),
        TranscriptionFrame(text, "u", ""),
        SleepFrame(pause_s),
    ]


async def test_two_second_thinking_pause_does_not_end_the_turn():
    strategy = InterviewTurnStopStrategy(policy=policy)
    strategy.expect(STORY)
    frames = speech("So the situation was that our checkout page was slow, and nobody owned it.", 2.0)
    frames += speech("I profiled it and added a cache. As a result, latency dropped by eighty percent.", 1.2)
    down, _ = await run_test(user_aggregator(strategy), frames_to_send=frames)
    contexts = [f for f in down if isinstance(f, LLMContextFrame)]
    assert len(contexts) == 1
    assert "eighty percent" in contexts[0].context.get_messages()[-1]["content"]
    assert "nobody owned it" in contexts[0].context.get_messages()[-1]["content"]


async def test_finished_answer_ends_the_turn_within_a_second():
    strategy = InterviewTurnStopStrategy(policy=policy)
    strategy.expect(OPEN)
    frames = speech(
        "I would pick PostgreSQL, because it gives strong transactions and the team knows it.", 1.5
    )
    started = time.monotonic()
    stopped_at: list[float] = []

    @strategy.event_handler("on_user_turn_stopped")
    async def on_stopped(_strategy, _params):
        stopped_at.append(time.monotonic() - started)

    down, _ = await run_test(user_aggregator(strategy), frames_to_send=frames)
    assert len([f for f in down if isinstance(f, UserStoppedSpeakingFrame)]) == 1
    # Speech "ended" 0.2 s before the VAD stop at ~0.1 s, so the turn ends about 0.7 s later.
    assert len(stopped_at) == 1 and stopped_at[0] < 1.0


async def test_the_last_segment_transcribed_late_still_belongs_to_the_answer():
    strategy = InterviewTurnStopStrategy(policy=policy)
    strategy.expect(OPEN)
    frames = speech(
        "I would pick PostgreSQL, because it gives strong transactions and the team knows it.", 0.3
    )
    # The candidate adds a sentence; its transcript lands 0.9 s after the pause (slow STT).
    frames += [
        VADUserStartedSpeakingFrame(start_secs=0.15),
        SleepFrame(0.1),
        VADUserStoppedSpeakingFrame(stop_secs=0.2),
        SleepFrame(0.9),
        TranscriptionFrame("It also has great tooling.", "u", ""),
        SleepFrame(1.0),
    ]
    down, _ = await run_test(user_aggregator(strategy), frames_to_send=frames)
    contexts = [f for f in down if isinstance(f, LLMContextFrame)]
    assert len(contexts) == 1
    assert contexts[0].context.get_messages()[-1]["content"].endswith("great tooling.")


async def test_a_segment_with_no_transcript_does_not_hold_the_turn_forever():
    strategy = InterviewTurnStopStrategy(policy=policy, transcript_timeout_s=0.5)
    strategy.expect(OPEN)
    frames = speech(
        "I would pick PostgreSQL, because it gives strong transactions and the team knows it.", 0.3
    )
    frames += [
        VADUserStartedSpeakingFrame(start_secs=0.15),
        SleepFrame(0.1),
        VADUserStoppedSpeakingFrame(stop_secs=0.2),
        SleepFrame(1.5),
    ]
    down, _ = await run_test(user_aggregator(strategy), frames_to_send=frames)
    assert len([f for f in down if isinstance(f, LLMContextFrame)]) == 1

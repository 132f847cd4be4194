"""The interviewer processor speaks the brain's lines, answers turns and ends the call."""

from __future__ import annotations

from pipecat.frames.frames import (
    BotStartedSpeakingFrame,
    BotStoppedSpeakingFrame,
    ClientConnectedFrame,
    EndWorkerFrame,
    ErrorFrame,
    LLMContextFrame,
    LLMTextFrame,
    OutputTransportMessageUrgentFrame,
    UserStartedSpeakingFrame,
)
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.frame_processor import FrameDirection
from pipecat.tests.utils import SleepFrame, run_test

from coach.interview.protocol import Reply
from pipelines.interviewer import APOLOGY, FALLBACK_CLOSING, NUDGE, InterviewerProcessor
from pipelines.testing import CLOSING, QUESTIONS, ScriptedBrain
from pipelines.transcript import ListSink


def answer(text: str) -> LLMContextFrame:
    return LLMContextFrame(context=LLMContext(messages=[{"role": "user", "content": text}]))


def spoken(frames) -> list[str]:
    return [f.text for f in frames if isinstance(f, LLMTextFrame)]


def messages(frames, kind: str) -> list[dict]:
    return [
        f.message
        for f in frames
        if isinstance(f, OutputTransportMessageUrgentFrame) and f.message.get("type") == kind
    ]


async def test_speaks_the_opening_when_the_candidate_connects():
    brain = ScriptedBrain()
    down, _ = await run_test(
        InterviewerProcessor(brain), frames_to_send=[ClientConnectedFrame(), SleepFrame(0.1)]
    )
    assert len(spoken(down)) == 1
    assert QUESTIONS[0][1] in spoken(down)[0]
    assert messages(down, "caption")[0]["role"] == "interviewer"


async def test_answers_a_finished_turn_with_the_next_question():
    brain = ScriptedBrain()
    frames = [
        ClientConnectedFrame(),
        SleepFrame(0.1),
        answer("I cut our p99 latency in half."),
        SleepFrame(0.1),
    ]
    down, _ = await run_test(InterviewerProcessor(brain), frames_to_send=frames)
    assert brain.answers[0][0] == "I cut our p99 latency in half."
    assert QUESTIONS[1][1] in spoken(down)[-1]
    assert not any(isinstance(f, LLMContextFrame) for f in down)


async def test_ends_the_call_after_the_closing_line_is_heard():
    brain = ScriptedBrain()
    frames = [ClientConnectedFrame(), SleepFrame(0.05)]
    for text in ("one", "two", "three"):
        frames += [answer(text), SleepFrame(0.05)]
    frames += [BotStartedSpeakingFrame(), BotStoppedSpeakingFrame(), SleepFrame(0.1)]
    down, up = await run_test(InterviewerProcessor(brain), frames_to_send=frames)
    assert spoken(down)[-1] == CLOSING
    assert any(isinstance(f, EndWorkerFrame) for f in up)
    assert messages(down, "state")[-1] == {"type": "state", "state": "ended"}


async def test_does_not_end_before_the_closing_line():
    frames = [
        ClientConnectedFrame(),
        SleepFrame(0.05),
        BotStartedSpeakingFrame(),
        BotStoppedSpeakingFrame(),
        SleepFrame(0.05),
    ]
    _, up = await run_test(InterviewerProcessor(ScriptedBrain()), frames_to_send=frames)
    assert not any(isinstance(f, EndWorkerFrame) for f in up)


async def test_idle_candidate_gets_one_nudge_then_a_wrap_up():
    brain = ScriptedBrain()
    processor = InterviewerProcessor(brain, idle_timeout_s=0.1)
    frames = [
        ClientConnectedFrame(),
        SleepFrame(0.05),
        BotStartedSpeakingFrame(),
        BotStoppedSpeakingFrame(),
        SleepFrame(0.2),
        BotStartedSpeakingFrame(),
        BotStoppedSpeakingFrame(),
        SleepFrame(0.2),
    ]
    down, _ = await run_test(processor, frames_to_send=frames)
    assert spoken(down)[1] == NUDGE
    assert brain.wrap_up_reasons == ["idle"]
    assert spoken(down).count(NUDGE) == 1


async def test_speaking_cancels_the_idle_nudge():
    processor = InterviewerProcessor(ScriptedBrain(), idle_timeout_s=0.15)
    frames = [
        ClientConnectedFrame(),
        SleepFrame(0.05),
        BotStartedSpeakingFrame(),
        BotStoppedSpeakingFrame(),
        SleepFrame(0.05),
        UserStartedSpeakingFrame(),
        SleepFrame(0.3),
    ]
    down, _ = await run_test(processor, frames_to_send=frames)
    assert NUDGE not in spoken(down)


async def test_time_limit_wraps_up_the_interview():
    brain = ScriptedBrain()
    frames = [
        ClientConnectedFrame(),
        SleepFrame(0.05),
        BotStartedSpeakingFrame(),
        BotStoppedSpeakingFrame(),
        SleepFrame(0.3),
    ]
    down, _ = await run_test(InterviewerProcessor(brain, max_duration_s=0.2), frames_to_send=frames)
    assert brain.wrap_up_reasons == ["time_up"]
    assert "time up" in spoken(down)[-1]


class FailingBrain(ScriptedBrain):
    async def respond(self, answer: str, *, answer_seconds: float | None = None) -> Reply:
        raise RuntimeError("provider timed out")


async def test_brain_failure_becomes_a_spoken_apology():
    frames = [ClientConnectedFrame(), SleepFrame(0.05), answer("my answer"), SleepFrame(0.1)]
    down, _ = await run_test(InterviewerProcessor(FailingBrain()), frames_to_send=frames)
    assert spoken(down)[-1] == APOLOGY


async def test_speech_provider_error_is_apologised_for_and_captioned():
    frames = [ClientConnectedFrame(), SleepFrame(0.05), ErrorFrame("tts unavailable"), SleepFrame(0.05)]
    down, _ = await run_test(
        InterviewerProcessor(ScriptedBrain()),
        frames_to_send=frames,
        frames_to_send_direction=FrameDirection.DOWNSTREAM,
    )
    assert APOLOGY in spoken(down)
    assert {"type": "notice", "text": APOLOGY} in [
        f.message for f in down if isinstance(f, OutputTransportMessageUrgentFrame)
    ]


async def test_reports_states_to_the_sink():
    sink = ListSink()
    frames = [
        ClientConnectedFrame(),
        SleepFrame(0.05),
        BotStartedSpeakingFrame(),
        BotStoppedSpeakingFrame(),
        UserStartedSpeakingFrame(),
        SleepFrame(0.05),
    ]
    await run_test(InterviewerProcessor(ScriptedBrain(), sink=sink), frames_to_send=frames)
    assert sink.states == ["speaking", "listening", "listening"]


class BrainThatCannotSayGoodbye(ScriptedBrain):
    async def wrap_up(self, reason: str) -> Reply:
        raise RuntimeError("provider down")


async def test_time_limit_still_closes_when_the_brain_fails():
    frames = [
        ClientConnectedFrame(),
        SleepFrame(0.05),
        BotStartedSpeakingFrame(),
        BotStoppedSpeakingFrame(),
        SleepFrame(0.3),
        BotStartedSpeakingFrame(),
        BotStoppedSpeakingFrame(),
        SleepFrame(0.05),
    ]
    processor = InterviewerProcessor(BrainThatCannotSayGoodbye(), max_duration_s=0.2)
    down, up = await run_test(processor, frames_to_send=frames)
    assert spoken(down)[-1] == FALLBACK_CLOSING
    assert any(isinstance(f, EndWorkerFrame) for f in up)

"""The interviewer's seat in the pipeline: where an LLM would sit, an InterviewerBrain sits.

It speaks the brain's opening when the candidate connects, answers each finished
candidate turn, keeps time (idle nudges, the session limit) and ends the call once the
closing line has been heard. A failing brain or speech provider becomes a spoken (and
captioned) apology, never a silent stop.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from loguru import logger
from pipecat.frames.frames import (
    BotStartedSpeakingFrame,
    BotStoppedSpeakingFrame,
    ClientConnectedFrame,
    EndWorkerFrame,
    ErrorFrame,
    Frame,
    LLMContextFrame,
    LLMFullResponseEndFrame,
    LLMFullResponseStartFrame,
    LLMTextFrame,
    OutputTransportMessageUrgentFrame,
    UserStartedSpeakingFrame,
    UserStoppedSpeakingFrame,
)
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor

from coach.interview.protocol import InterviewerBrain, Reply
from pipelines.transcript import TurnSink, report
from pipelines.turn_policy import TurnContext

NUDGE = "Take your time. Whenever you're ready, go ahead, or say so if you'd like me to repeat the question."
APOLOGY = "Sorry, I lost my train of thought for a moment. Could you say that last part again?"
FALLBACK_CLOSING = "We'll stop here for today. Thank you for practicing with me."
APOLOGY_INTERVAL_S = 5.0
_ASKING_KINDS = {"greeting", "question", "follow_up", "retry", "transition"}


class InterviewerProcessor(FrameProcessor):
    def __init__(
        self,
        brain: InterviewerBrain,
        *,
        sink: TurnSink | None = None,
        idle_timeout_s: float = 120.0,
        max_duration_s: float = 2700.0,
        on_question: Callable[[TurnContext], None] | None = None,
        end_grace_s: float = 10.0,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self._brain = brain
        self._sink = sink
        self._idle_timeout_s = idle_timeout_s
        self._max_duration_s = max_duration_s
        self._on_question = on_question
        self._end_grace_s = end_grace_s
        self._current: Reply | None = None
        self._opened = False
        self._closing = False
        self._ended = False
        self._time_up = False
        self._nudged = False
        self._busy = False  # the brain is deciding what to say
        self._user_speaking = False
        self._bot_speaking = False
        self._answer_started: float | None = None
        self._last_apology = float("-inf")
        self._lock = asyncio.Lock()
        self._timers: dict[str, asyncio.Task] = {}

    @property
    def ended(self) -> bool:
        return self._ended

    @property
    def current_reply(self) -> Reply | None:
        """What the interviewer said last: the transcript labels answers with its question id."""
        return self._current

    async def send_client_message(self, message: dict) -> None:
        """Send a message to the candidate's page (captions, state) over the transport."""
        await self.push_frame(OutputTransportMessageUrgentFrame(message=message))

    async def cleanup(self):
        await super().cleanup()
        for name in list(self._timers):
            await self._cancel_timer(name)

    async def process_frame(self, frame: Frame, direction: FrameDirection):
        await super().process_frame(frame, direction)
        if isinstance(frame, LLMContextFrame):
            self._start_task(self._answer(_last_user_text(frame)))
            return  # the interviewer replaces the LLM; nothing downstream wants the context
        if isinstance(frame, ErrorFrame):
            await self.push_frame(frame, direction)
            await self.handle_provider_error(frame.error)
            return
        await self.push_frame(frame, direction)
        if isinstance(frame, ClientConnectedFrame):
            self._start_task(self._open())
        elif isinstance(frame, UserStartedSpeakingFrame):
            await self._on_user_started()
        elif isinstance(frame, UserStoppedSpeakingFrame):
            self._user_speaking = False
            await self._set_state("thinking")
        elif isinstance(frame, BotStartedSpeakingFrame):
            await self._on_bot_started()
        elif isinstance(frame, BotStoppedSpeakingFrame):
            await self._on_bot_stopped()

    async def handle_provider_error(self, error: str) -> None:
        """A speech or brain provider failed mid-session: apologise and carry on listening."""
        logger.warning(f"interviewer carrying on after provider error: {error}")
        # One failure reaches here twice (as it passes this processor and at the pipeline's edge).
        if self._ended or time.monotonic() - self._last_apology < APOLOGY_INTERVAL_S:
            return
        self._last_apology = time.monotonic()
        await self.send_client_message({"type": "notice", "text": APOLOGY})
        if not self._bot_speaking and not self._closing:
            await self._speak(Reply(text=APOLOGY, kind="retry", question_id=_qid(self._current)))

    # -- conversation --------------------------------------------------------------------
    async def _open(self) -> None:
        if self._opened:
            return
        self._opened = True
        self._arm("max_duration", self._max_duration_s, self._on_time_up)
        await self._say_from_brain(self._brain.open)

    async def _answer(self, text: str) -> None:
        if self._ended or not text.strip():
            return
        seconds = time.monotonic() - self._answer_started if self._answer_started else None
        if self._time_up or self._brain.finished:
            await self._say_from_brain(lambda: self._brain.wrap_up("time_up"), closing=True)
        else:
            await self._say_from_brain(lambda: self._brain.respond(text, answer_seconds=seconds))

    async def _say_from_brain(self, decide: Callable[[], Awaitable[Reply]], *, closing: bool = False) -> None:
        async with self._lock:
            self._busy = True
            try:
                reply = await decide()
            except Exception as e:
                logger.exception(f"interviewer brain failed: {e}")
                reply = self._fallback(closing)
            finally:
                self._busy = False
            await self._speak(reply)

    def _fallback(self, closing: bool) -> Reply:
        if closing:  # the session must still end when the brain cannot phrase its goodbye
            return Reply(text=FALLBACK_CLOSING, kind="closing", done=True)
        return Reply(text=APOLOGY, kind="retry", question_id=_qid(self._current))

    async def _speak(self, reply: Reply) -> None:
        if self._ended or not reply.text.strip():
            return
        self._current = reply
        if reply.kind in _ASKING_KINDS and self._on_question is not None:
            self._on_question(TurnContext(question_text=reply.text))
        await self.send_client_message(
            {"type": "caption", "role": "interviewer", "text": reply.text, "final": True, "kind": reply.kind}
        )
        await self.push_frame(LLMFullResponseStartFrame())
        await self.push_frame(LLMTextFrame(reply.text))
        await self.push_frame(LLMFullResponseEndFrame())
        if reply.done:
            self._closing = True
            # If no audio ever plays (a broken TTS), still end once the line had time to be heard.
            self._arm("closing", self._end_grace_s + len(reply.text) / 12, self._end_session)

    # -- timing --------------------------------------------------------------------------
    async def _on_user_started(self) -> None:
        self._user_speaking = True
        self._nudged = False
        self._answer_started = time.monotonic()
        await self._cancel_timer("idle")
        await self._set_state("listening")

    async def _on_bot_started(self) -> None:
        self._bot_speaking = True
        await self._cancel_timer("idle")
        await self._set_state("speaking")

    async def _on_bot_stopped(self) -> None:
        self._bot_speaking = False
        if self._closing:
            await self._end_session()
            return
        await self._set_state("listening")
        if self._time_up and not self._user_speaking:
            self._start_task(self._say_from_brain(lambda: self._brain.wrap_up("time_up"), closing=True))
        elif not self._user_speaking:
            self._arm("idle", self._idle_timeout_s, self._on_idle)

    async def _on_idle(self) -> None:
        if self._user_speaking or self._busy or self._closing:
            return
        if not self._nudged:
            self._nudged = True
            await self._speak(Reply(text=NUDGE, kind="transition", question_id=_qid(self._current)))
        else:
            await self._say_from_brain(lambda: self._brain.wrap_up("idle"), closing=True)

    async def _on_time_up(self) -> None:
        self._time_up = True
        if not (self._user_speaking or self._bot_speaking or self._busy or self._closing):
            await self._say_from_brain(lambda: self._brain.wrap_up("time_up"), closing=True)

    async def _end_session(self) -> None:
        if self._ended:
            return
        self._ended = True
        await self._set_state("ended")
        await self.push_frame(EndWorkerFrame(), FrameDirection.UPSTREAM)

    async def _set_state(self, state: str) -> None:
        await report(self._sink, "on_state", state)
        await self.send_client_message({"type": "state", "state": state})

    # -- tasks ---------------------------------------------------------------------------
    def _start_task(self, coroutine: Awaitable[None]) -> None:
        self.create_task(coroutine, f"{self}::turn")

    def _arm(self, name: str, delay_s: float, action: Callable[[], Awaitable[None]]) -> None:
        previous = self._timers.pop(name, None)
        if previous and not previous.done():
            previous.cancel()

        async def fire() -> None:
            await asyncio.sleep(delay_s)
            self._timers.pop(name, None)
            await action()

        self._timers[name] = self.create_task(fire(), f"{self}::{name}")

    async def _cancel_timer(self, name: str) -> None:
        task = self._timers.pop(name, None)
        if task and not task.done():
            await self.cancel_task(task)


def _last_user_text(frame: LLMContextFrame) -> str:
    for message in reversed(frame.context.get_messages()):
        if isinstance(message, dict) and message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, str):
                return content
            return " ".join(p.get("text", "") for p in content or [] if isinstance(p, dict))
    return ""


def _qid(reply: Reply | None) -> str | None:
    return reply.question_id if reply else None

"""The voice pipeline's TurnSink for a stored session: records turns, drives the lifecycle, fans out events."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from coach.interview.protocol import InterviewerBrain
from coach.interview.schema import TranscriptTurn
from coach.sessions.recorder import SessionRecorder

OnEnded = Callable[[uuid.UUID], Awaitable[None]]


class VoiceSessionSink:
    def __init__(self, recorder: SessionRecorder, *, on_ended: OnEnded | None = None) -> None:
        self.recorder = recorder
        self.on_ended = on_ended
        self.brain: InterviewerBrain | None = None
        self._live = False
        self._ended = False
        self.answers = 0

    async def on_turn(self, turn: TranscriptTurn) -> Any:
        await self._go_live()
        if turn.role == "candidate" and turn.text.strip():
            self.answers += 1
        return await self.recorder.on_turn(turn)

    async def on_state(self, state: str) -> None:
        await self.recorder.on_state(state)
        if state == "ended":
            await self.finish()
        else:
            await self._go_live()

    async def on_latency(self, record: dict) -> None:
        await self.recorder.on_latency(record)

    async def on_usage(self, record: dict) -> None:
        await self.recorder.on_usage(record)

    async def _go_live(self) -> None:
        if not self._live:
            self._live = True
            await self.recorder.move("live")

    async def finish(self, reason: str | None = None) -> None:
        """A closing spoken ends in `transcript`; a call that stopped early keeps its turns as `interrupted`."""
        if self._ended:
            return
        self._ended = True
        completed = reason == "ended_by_candidate" or (self.brain is not None and self.brain.finished)
        if not self._live:
            await self.recorder.move("abandoned", reason or "never_connected")
            return
        await self.recorder.move("transcript" if completed else "interrupted",
                                 reason or ("completed" if completed else "disconnected"))
        if self.on_ended is not None and self.answers:
            await self.on_ended(self.recorder.session_id)

"""Typed practice: the same interviewer and the same transcript store as voice, one HTTP or socket turn at a time."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

from coach.interview.protocol import InterviewerBrain, Reply
from coach.interview.schema import InterviewPlan, TranscriptTurn
from coach.sessions.brains import ReplayClock, build_brain, replay
from coach.sessions.recorder import SessionRecorder
from coach.settings import Settings
from storage.models import TranscriptTurnRecord


class SessionOver(RuntimeError):
    pass


class TextInterview:
    def __init__(self, brain: InterviewerBrain, recorder: SessionRecorder, clock: ReplayClock) -> None:
        self.brain, self.recorder, self.clock = brain, recorder, clock
        self.lock = asyncio.Lock()
        self.asked_at: float | None = None

    async def start(self) -> tuple[Reply, list[TranscriptTurnRecord]]:
        async with self.lock:
            await self.recorder.move("live")
            reply = await self.brain.open()
            return reply, [await self._say(reply)]

    async def answer(self, text: str) -> tuple[Reply, list[TranscriptTurnRecord]]:
        async with self.lock:
            if self.brain.finished:
                raise SessionOver("This interview has ended.")
            now = self.clock()
            seconds = now - self.asked_at if self.asked_at else None
            said = await self.recorder.on_turn(_turn("candidate", "answer", text, None, self.asked_at, now))
            reply = await self.brain.respond(text, answer_seconds=seconds)
            records = [said, await self._say(reply)]
            if reply.done:
                await self.recorder.move("transcript", "completed")
            return reply, records

    async def end(self, reason: str) -> tuple[Reply | None, list[TranscriptTurnRecord]]:
        async with self.lock:
            records = []
            reply = None
            if not self.brain.finished:
                reply = await self.brain.wrap_up(reason)
                records.append(await self._say(reply))
            await self.recorder.move("transcript", reason)
            return reply, records

    async def _say(self, reply: Reply) -> TranscriptTurnRecord:
        now = self.clock()
        self.asked_at = now
        return await self.recorder.on_turn(_turn("interviewer", reply.kind, reply.text, reply.question_id, now, now))


def _turn(role: str, kind: str, text: str, qid: str | None, start: float | None, end: float) -> TranscriptTurn:
    def ts(v: float | None) -> datetime | None:
        return datetime.fromtimestamp(v, UTC) if v is not None else None

    return TranscriptTurn(seq=0, role=role, kind=kind, text=text, question_id=qid,  # type: ignore[arg-type]
                          started_at=ts(start), ended_at=ts(end))


class TextSessions:
    """Live typed interviews in this process; a session missing after a restart is rebuilt from its transcript."""

    def __init__(self, settings: Settings, engine, bus=None) -> None:  # type: ignore[no-untyped-def]
        self.settings, self.engine, self.bus = settings, engine, bus
        self._live: dict[uuid.UUID, TextInterview] = {}
        self._guard = asyncio.Lock()

    async def get(self, session_id: uuid.UUID, plan: InterviewPlan, stored: list[TranscriptTurnRecord]) -> TextInterview:
        async with self._guard:
            if session_id not in self._live:
                self._live[session_id] = await self._restore(session_id, plan, stored)
            return self._live[session_id]

    def forget(self, session_id: uuid.UUID) -> None:
        self._live.pop(session_id, None)

    async def _restore(self, session_id: uuid.UUID, plan: InterviewPlan, stored: list[TranscriptTurnRecord]):  # type: ignore[no-untyped-def]
        clock = ReplayClock()
        brain = build_brain(plan, self.settings, clock=clock)
        interview = TextInterview(brain, SessionRecorder(self.engine, session_id, listeners=self._listeners(session_id)),
                                  clock)
        if stored:
            clock.pinned = _epoch(stored[0].ended_at)
            await brain.open()
            await replay(brain, clock, _answers(stored))
            interview.asked_at = _epoch(stored[-1].ended_at)
        return interview


    def _listeners(self, session_id: uuid.UUID) -> list:  # type: ignore[type-arg]
        if self.bus is None:
            return []

        async def publish(event: dict) -> None:  # type: ignore[type-arg]
            await self.bus.publish(str(session_id), event)

        return [publish]


def _epoch(value: datetime | None) -> float | None:
    return value.timestamp() if value else None


def _answers(stored: list[TranscriptTurnRecord]) -> list[tuple[str, float, float]]:
    out = []
    for turn in stored:
        if turn.role == "candidate" and turn.ended_at:
            start = turn.started_at or turn.ended_at
            out.append((turn.text, turn.ended_at.timestamp(), (turn.ended_at - start).total_seconds()))
    return out

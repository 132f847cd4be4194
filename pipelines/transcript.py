"""What the voice pipeline reports about a session, one event at a time.

Turns are reported as each completes so a dropped call still leaves the transcript up to
its last answer; captions go to the candidate's page as they happen.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from pipecat.frames.frames import (
    BotStartedSpeakingFrame,
    BotStoppedSpeakingFrame,
    TranscriptionFrame,
    VADUserStartedSpeakingFrame,
    VADUserStoppedSpeakingFrame,
)
from pipecat.observers.base_observer import BaseObserver, FramePushed
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor

from coach.interview.protocol import Reply
from coach.interview.schema import TranscriptTurn
from coach.speech.metrics import SpeechSegment, compute_speech_metrics

States = ("listening", "thinking", "speaking", "ended")
Notify = Callable[[dict], Awaitable[None]]


class TurnSink(Protocol):
    """Receives a session's transcript and telemetry; methods may be plain or async."""

    def on_turn(self, turn: TranscriptTurn) -> Any: ...

    def on_state(self, state: str) -> Any: ...

    def on_latency(self, record: dict) -> Any: ...

    def on_usage(self, record: dict) -> Any: ...


class ListSink:
    """Keeps everything in memory: the embedded default when nothing persists a session."""

    def __init__(self) -> None:
        self.turns: list[TranscriptTurn] = []
        self.states: list[str] = []
        self.latencies: list[dict] = []
        self.usage: list[dict] = []

    def on_turn(self, turn: TranscriptTurn) -> None:
        self.turns.append(turn)

    def on_state(self, state: str) -> None:
        self.states.append(state)

    def on_latency(self, record: dict) -> None:
        self.latencies.append(record)

    def on_usage(self, record: dict) -> None:
        self.usage.append(record)


async def report(sink: TurnSink | None, method: str, value: Any) -> None:
    """Call a sink method, awaiting it when async; a failing sink must not end the interview."""
    if sink is None:
        return
    from loguru import logger

    try:
        result = getattr(sink, method)(value)
        if inspect.isawaitable(result):
            await result
    except Exception as e:
        logger.exception(f"transcript sink {method} failed: {e}")


def now_utc() -> datetime:
    return datetime.now(UTC)


class TranscriptRecorder(BaseObserver):
    """Builds TranscriptTurns from the aggregators' turn events and the frames it observes.

    current_reply tells it what the interviewer last said (kind, question id), and notify
    carries captions to the candidate's page.
    """

    def __init__(
        self,
        sink: TurnSink | None,
        *,
        current_reply: Callable[[], Reply | None],
        notify: Notify | None = None,
        stt: FrameProcessor | None = None,
        user_aggregator: FrameProcessor | None = None,
        output: FrameProcessor | None = None,
    ):
        super().__init__(observe_every_push=False)
        self._sink = sink
        self._current_reply = current_reply
        self._notify = notify
        self._stt, self._user_aggregator, self._output = stt, user_aggregator, output
        self._seq = 0
        self._segments: list[SpeechSegment] = []
        self._speech_started: float | None = None
        self._partial = ""
        self._turn_started_at: datetime | None = None
        self._candidate_talk_s = 0.0
        self._interviewer_talk_s = 0.0
        self._bot_started: float | None = None

    # -- observed frames ---------------------------------------------------------------
    async def on_push_frame(self, data: FramePushed) -> None:
        frame, source = data.frame, data.source
        if data.direction != FrameDirection.DOWNSTREAM:
            return
        if source is self._user_aggregator and isinstance(frame, VADUserStartedSpeakingFrame):
            self._speech_started = frame.timestamp - frame.start_secs
        elif source is self._user_aggregator and isinstance(frame, VADUserStoppedSpeakingFrame):
            self._close_segment(frame.timestamp - frame.stop_secs)
        elif source is self._stt and isinstance(frame, TranscriptionFrame) and frame.text.strip():
            self._partial = f"{self._partial} {frame.text.strip()}".strip()
            await self._caption("candidate", self._partial, final=False)
        elif source is self._output:
            self._track_bot_speech(frame)

    def _close_segment(self, end: float) -> None:
        if self._speech_started is not None:
            segment = SpeechSegment(self._speech_started, max(end, self._speech_started))
            self._segments.append(segment)
            self._candidate_talk_s += segment.end - segment.start
        self._speech_started = None

    def _track_bot_speech(self, frame: Any) -> None:
        if isinstance(frame, BotStartedSpeakingFrame):
            self._bot_started = time.time()
        elif isinstance(frame, BotStoppedSpeakingFrame) and self._bot_started is not None:
            self._interviewer_talk_s += time.time() - self._bot_started
            self._bot_started = None

    # -- aggregator events -------------------------------------------------------------
    async def on_user_turn_started(self, *_: Any) -> None:
        self._turn_started_at = now_utc()
        self._partial = ""

    async def on_user_turn_stopped(self, _aggregator: Any, _strategy: Any, message: Any) -> None:
        text = (getattr(message, "content", None) or "").strip()
        segments, self._segments = self._segments, []
        self._partial = ""
        if not text:
            return
        reply = self._current_reply()
        turn = self._next_turn(
            role="candidate",
            kind="answer",
            text=text,
            question_id=reply.question_id if reply else None,
            started_at=self._turn_started_at,
            metrics=compute_speech_metrics(text, segments, talk_ratio=self._talk_ratio()),
        )
        await self._caption("candidate", text, final=True)
        await report(self._sink, "on_turn", turn)

    async def on_assistant_turn_stopped(self, _aggregator: Any, message: Any) -> None:
        text = (getattr(message, "content", None) or "").strip()
        if not text:
            return
        reply = self._current_reply()
        turn = self._next_turn(
            role="interviewer",
            kind=reply.kind if reply else "question",
            text=text,
            question_id=reply.question_id if reply else None,
            interrupted=bool(message.interrupted),
            started_at=_parse_iso(getattr(message, "timestamp", "")),
        )
        await report(self._sink, "on_turn", turn)

    def attach(self, user_aggregator: Any, assistant_aggregator: Any) -> None:
        user_aggregator.add_event_handler("on_user_turn_started", self.on_user_turn_started)
        user_aggregator.add_event_handler("on_user_turn_stopped", self.on_user_turn_stopped)
        assistant_aggregator.add_event_handler("on_assistant_turn_stopped", self.on_assistant_turn_stopped)

    # -- helpers -----------------------------------------------------------------------
    def _next_turn(self, **fields: Any) -> TranscriptTurn:
        self._seq += 1
        return TranscriptTurn(seq=self._seq, ended_at=now_utc(), **fields)

    def _talk_ratio(self) -> float | None:
        total = self._candidate_talk_s + self._interviewer_talk_s
        return self._candidate_talk_s / total if total > 0 else None

    async def _caption(self, role: str, text: str, *, final: bool) -> None:
        if self._notify is not None:
            await self._notify({"type": "caption", "role": role, "text": text, "final": final})


def _parse_iso(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def latency_record(breakdown: Any) -> dict:
    """Flatten Pipecat's LatencyBreakdown into the record the sink stores."""
    return {
        "latency_s": round(breakdown.total_secs, 3),
        "measured_from": str(breakdown.measured_from) if breakdown.measured_from else None,
        "user_turn_s": breakdown.user_turn_secs,
        "parts": [
            {"label": c.label, "owner": c.owner, "seconds": round(c.duration_secs, 3)}
            for c in breakdown.contributions
        ],
        "ttfb": [{"processor": t.processor, "seconds": round(t.duration_secs, 3)} for t in breakdown.ttfb],
    }


def usage_records(record: Any) -> list[dict]:
    """One record per measured quantity of a ServiceUsageRecord (tokens, characters, audio seconds)."""
    pairs = (
        ("characters", record.characters),
        ("audio_seconds", record.audio_seconds),
        ("tokens", record.total_tokens),
    )
    return [
        {
            "provider": record.processor,
            "kind": str(record.kind),
            "model": record.model,
            "metric": m,
            "value": v,
        }
        for m, v in pairs
        if v is not None
    ]

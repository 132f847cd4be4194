"""Lets a coach hear a live session: copies one side's audio to the live bus as 16 kHz mono PCM16 chunks.

The tap is a pass-through. The pipeline only pays for a queue put per audio frame; resampling, chunking,
base64 and publishing run in the tap's own task, and when that task falls behind the oldest audio is dropped
rather than the interview slowed down.

Where it goes in the interview pipeline (`pipelines/interview.py`), once per side:

    transport.input(),                          # for LiveKit: the room input with the candidate filter
    ListenTap(bus, session_id, "candidate"),    # the candidate's microphone as it arrives
    services.stt,
    ...
    transport.output(),
    ListenTap(bus, session_id, "interviewer"),  # only audio actually played, in real time, cut at barge-in
    aggregators.assistant(),

The output transport pushes each audio frame on once it has been written to the client, which is why the
interviewer's tap sits after it rather than after TTS. LiveKit sessions do not need the taps: a coach joins
the room as a hidden subscriber and hears it directly.

Events: {"type": "audio", "role": "candidate" | "interviewer", "sample_rate": 16000, "pcm16": <base64>}.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
from collections.abc import Callable
from typing import Any, Literal

import numpy as np
from loguru import logger
from pipecat.audio.resamplers.base_audio_resampler import BaseAudioResampler
from pipecat.audio.utils import create_stream_resampler
from pipecat.frames.frames import (
    AudioRawFrame,
    CancelFrame,
    EndFrame,
    Frame,
    InputAudioRawFrame,
    OutputAudioRawFrame,
    StartFrame,
)
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor

Role = Literal["candidate", "interviewer"]
SAMPLE_RATE = 16000
_FRAME_TYPES: dict[str, type[AudioRawFrame]] = {
    "candidate": InputAudioRawFrame,
    "interviewer": OutputAudioRawFrame,
}
_DRAIN_TIMEOUT_S = 1.0


class ListenTap(FrameProcessor):
    """Publishes the audio of one side (`role`) of session `session_id` on `bus` in ~`chunk_ms` chunks.

    `listening` says whether anyone watches the session; without one the tap does no audio work. By
    default it asks the bus when the bus can tell (the in-process bus), and otherwise always publishes.
    """

    def __init__(
        self,
        bus: Any,
        session_id: str,
        role: Role,
        *,
        chunk_ms: int = 200,
        max_pending: int = 100,
        listening: Callable[[], bool] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._chunker = AudioChunker(bus, str(session_id), role, chunk_ms=chunk_ms)
        self._frame_type = _FRAME_TYPES[role]
        self._pending: asyncio.Queue[AudioRawFrame | None] = asyncio.Queue(max_pending)
        self._listening = listening or _default_listening(bus, str(session_id))
        self._task: asyncio.Task | None = None
        self.dropped = 0

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, StartFrame):
            self._task = self.create_task(self._chunker.run(self._pending), f"{self}::publish")
        elif isinstance(frame, EndFrame):
            await self._finish()
        elif isinstance(frame, CancelFrame):
            await self._abort()
        elif isinstance(frame, self._frame_type) and direction == FrameDirection.DOWNSTREAM:
            self._offer(frame)
        await self.push_frame(frame, direction)

    def _offer(self, frame: AudioRawFrame) -> None:
        if self._task is not None and self._listening():
            self._enqueue(frame)

    def _enqueue(self, item: AudioRawFrame | None) -> None:
        if self._pending.full():  # the publisher fell behind: lose old audio, never wait
            with contextlib.suppress(asyncio.QueueEmpty):
                self._pending.get_nowait()
                self.dropped += 1
        self._pending.put_nowait(item)

    async def _finish(self) -> None:
        """Publish what is left, within a bound, so the last words reach the coach."""
        if self._task is None:
            return
        self._enqueue(None)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._task), _DRAIN_TIMEOUT_S)
        await self._abort()

    async def _abort(self) -> None:
        if self._task is not None:
            await self.cancel_task(self._task)
            self._task = None

    async def cleanup(self) -> None:
        await super().cleanup()
        await self._abort()


class AudioChunker:
    """Turns audio frames of any rate and channel count into fixed 16 kHz mono chunks on the bus."""

    def __init__(self, bus: Any, session_id: str, role: Role, *, chunk_ms: int = 200) -> None:
        self.bus, self.session_id, self.role = bus, session_id, role
        self.chunk_bytes = SAMPLE_RATE * chunk_ms // 1000 * 2
        self.idle_s = chunk_ms / 1000
        self._buffer = bytearray()
        self._resampler: BaseAudioResampler | None = None
        self._rate: int | None = None

    async def run(self, pending: asyncio.Queue[AudioRawFrame | None]) -> None:
        while True:
            try:
                frame = await asyncio.wait_for(pending.get(), self.idle_s)
            except TimeoutError:  # a pause: send the tail of what was said instead of holding it
                await self.flush()
                continue
            if frame is None:
                await self.flush()
                return
            await self.add(frame)

    async def add(self, frame: AudioRawFrame) -> None:
        self._buffer += await self._to_16k_mono(frame)
        while len(self._buffer) >= self.chunk_bytes:
            chunk = bytes(self._buffer[: self.chunk_bytes])
            del self._buffer[: self.chunk_bytes]
            await self._publish(chunk)

    async def flush(self) -> None:
        if self._resampler is not None:
            self._buffer += await self._resampler.flush()
        if self._buffer:
            chunk = bytes(self._buffer)
            self._buffer.clear()
            await self._publish(chunk)

    async def _to_16k_mono(self, frame: AudioRawFrame) -> bytes:
        audio = downmix(frame.audio, frame.num_channels)
        if frame.sample_rate == SAMPLE_RATE:
            return audio
        if self._rate != frame.sample_rate:  # pipecat's stream resampler is bound to one input rate
            if self._resampler is not None:
                self._buffer += await self._resampler.flush()
            self._resampler, self._rate = create_stream_resampler(), frame.sample_rate
        return await self._resampler.resample(audio, frame.sample_rate, SAMPLE_RATE)

    async def _publish(self, pcm: bytes) -> None:
        event = {
            "type": "audio",
            "role": self.role,
            "sample_rate": SAMPLE_RATE,
            "pcm16": base64.b64encode(pcm).decode("ascii"),
        }
        try:
            await self.bus.publish(self.session_id, event)
        except Exception as exc:  # a bus outage must cost the coach audio, not the interview
            logger.warning(f"listen tap could not publish {self.role} audio: {exc}")


def downmix(audio: bytes, channels: int) -> bytes:
    """Interleaved PCM16 with `channels` channels, averaged to mono."""
    if channels <= 1:
        return audio
    samples = np.frombuffer(audio, dtype=np.int16).reshape(-1, channels)
    return samples.mean(axis=1).astype(np.int16).tobytes()


def _default_listening(bus: Any, session_id: str) -> Callable[[], bool]:
    watchers = getattr(bus, "watchers", None)
    if watchers is None:
        return lambda: True
    return lambda: watchers(session_id) > 0

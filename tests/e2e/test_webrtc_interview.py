"""A candidate on a WebRTC client completes a spoken three-question interview, fully offline."""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import json
import time
import wave
from pathlib import Path

import av
import httpx
import pytest
from aiortc import MediaStreamTrack, RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError
from fastapi import FastAPI
from pipecat.frames.frames import BotStoppedSpeakingFrame, InputAudioRawFrame
from pipecat.observers.base_observer import BaseObserver, FramePushed

from pipelines.config import VoiceConfig
from pipelines.models import load_models
from pipelines.testing import CLOSING, ScriptedBrain
from pipelines.transcript import ListSink
from pipelines.webrtc import WebRTCSessionManager

AUDIO = Path(__file__).resolve().parent.parent / "fixtures" / "audio"
RATE, FRAME = 16000, 320

pytestmark = pytest.mark.e2e


class AnswerTrack(MediaStreamTrack):
    """A microphone that is silent except while it plays a queued answer, paced in real time."""

    kind = "audio"

    def __init__(self):
        super().__init__()
        self._pending = bytearray()
        self._start: float | None = None
        self._pts = 0
        self.finished = asyncio.Event()

    def play(self, pcm: bytes) -> None:
        self._pending.extend(pcm)
        self.finished.clear()

    async def recv(self) -> av.AudioFrame:
        if self._start is None:
            self._start = time.time()
        delay = self._start + self._pts / RATE - time.time()
        if delay > 0:
            await asyncio.sleep(delay)
        chunk = bytes(self._pending[: FRAME * 2]).ljust(FRAME * 2, b"\0")
        del self._pending[: FRAME * 2]
        if not self._pending:
            self.finished.set()
        frame = av.AudioFrame(format="s16", layout="mono", samples=FRAME)
        frame.planes[0].update(chunk)
        frame.sample_rate, frame.pts, frame.time_base = RATE, self._pts, fractions.Fraction(1, RATE)
        self._pts += FRAME
        return frame


def read_pcm(name: str) -> bytes:
    with wave.open(str(AUDIO / f"{name}.wav")) as f:
        assert f.getframerate() == RATE
        return f.readframes(f.getnframes())


def word_recall(expected: str, heard: str) -> float:
    def words(s: str) -> list[str]:
        return [w.strip(".,?!").lower() for w in s.split() if w.strip(".,?!")]

    heard_words = set(words(heard))
    return sum(w in heard_words for w in words(expected)) / len(words(expected))


@pytest.fixture
def loopback_ice(monkeypatch):
    import aioice.ice

    monkeypatch.setattr(aioice.ice, "get_host_addresses", lambda use_ipv4=True, use_ipv6=True: ["127.0.0.1"])


def interview_app(manager: WebRTCSessionManager, sink: ListSink) -> FastAPI:
    app = FastAPI()

    @app.post("/api/interview/sessions/{session_id}/webrtc/offer")
    async def offer(session_id: str, body: dict) -> dict:
        return await manager.handle_offer(session_id, body, ScriptedBrain, sink)

    return app


async def discard(remote) -> None:
    with contextlib.suppress(MediaStreamError):
        while True:
            await remote.recv()


async def connect(app: FastAPI, track: AnswerTrack, on_remote=discard) -> tuple[RTCPeerConnection, asyncio.Queue]:
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    pc.addTransceiver(track, direction="sendrecv")
    messages: asyncio.Queue = asyncio.Queue()
    channel = pc.createDataChannel("chat")
    channel.on("message", lambda m: messages.put_nowait(json.loads(m)))

    @pc.on("track")
    def on_track(remote):
        asyncio.ensure_future(on_remote(remote))

    await pc.setLocalDescription(await pc.createOffer())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.post("/api/interview/sessions/s1/webrtc/offer",
                                     json={"sdp": pc.localDescription.sdp, "type": pc.localDescription.type})
    response.raise_for_status()
    answer = response.json()
    await pc.setRemoteDescription(RTCSessionDescription(sdp=answer["sdp"], type=answer["type"]))
    return pc, messages


async def wait_for_state(messages: asyncio.Queue, state: str, seen: list[dict]) -> None:
    while True:
        message = await asyncio.wait_for(messages.get(), timeout=30)
        seen.append(message)
        if message == {"type": "state", "state": state}:
            return


async def test_three_question_interview_over_webrtc(loopback_ice):
    expected = json.loads((AUDIO / "answers.json").read_text())
    sink, track = ListSink(), AnswerTrack()
    manager = WebRTCSessionManager(VoiceConfig(), load_models(VoiceConfig()))
    pc, messages = await connect(interview_app(manager, sink), track)
    seen: list[dict] = []
    try:
        for name in ("answer_1", "answer_2", "answer_3"):
            await wait_for_state(messages, "speaking", seen)
            await wait_for_state(messages, "listening", seen)
            track.play(read_pcm(name))
            await track.finished.wait()
        await wait_for_state(messages, "ended", seen)
        assert await manager.wait_finished("s1"), "the pipeline ends itself after the closing line"
    finally:
        await pc.close()
        await manager.shutdown()

    answers = [t for t in sink.turns if t.role == "candidate"]
    assert [t.question_id for t in answers] == ["q1", "q2", "q3"]
    for turn, name in zip(answers, expected, strict=True):
        assert word_recall(expected[name], turn.text) >= 0.8, (name, turn.text)
    # The 2 s thinking pause inside the first answer did not split it into two turns.
    assert answers[0].metrics.pauses_over_1s == 1
    assert answers[0].metrics.words_per_minute > 60
    interviewer = [t for t in sink.turns if t.role == "interviewer"]
    assert interviewer[-1].text == CLOSING and interviewer[-1].kind == "closing"
    captions = [m for m in seen if m.get("type") == "caption" and m["role"] == "candidate" and m["final"]]
    assert len(captions) == 3
    assert sink.latencies, "voice-to-voice latency was reported"


class BotAudioMeter:
    """Timestamps of the interviewer's audible frames as the client receives them."""

    def __init__(self):
        self.loud_at: list[float] = []

    async def drain(self, remote) -> None:
        import numpy as np

        with contextlib.suppress(MediaStreamError):
            while True:
                frame = await remote.recv()
                samples = frame.to_ndarray().astype("float32")
                if np.sqrt(np.mean(samples**2)) > 300:
                    self.loud_at.append(time.time())


class BargeInProbe(BaseObserver):
    """At the server: first audible candidate audio in, and the moment interviewer audio stops."""

    def __init__(self):
        super().__init__(observe_every_push=False)
        self.armed = False
        self.speech_in_at: float | None = None
        self.bot_stopped_at: float | None = None

    async def on_push_frame(self, data: FramePushed) -> None:
        frame = data.frame
        if not self.armed:
            return
        if isinstance(frame, InputAudioRawFrame) and self.speech_in_at is None and rms(frame.audio) > 300:
            self.speech_in_at = time.time()
        elif isinstance(frame, BotStoppedSpeakingFrame) and self.speech_in_at and not self.bot_stopped_at:
            self.bot_stopped_at = time.time()


def rms(pcm: bytes) -> float:
    import numpy as np

    samples = np.frombuffer(pcm, dtype=np.int16).astype("float32")
    return float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0


async def test_candidate_barge_in_stops_the_interviewer_quickly(loopback_ice):
    sink, track, meter, probe = ListSink(), AnswerTrack(), BotAudioMeter(), BargeInProbe()
    manager = WebRTCSessionManager(VoiceConfig(), load_models(VoiceConfig()), extra_observers=lambda: [probe])
    pc, messages = await connect(interview_app(manager, sink), track, on_remote=meter.drain)
    try:
        await wait_for_state(messages, "speaking", [])
        await asyncio.sleep(1.5)  # well into the opening question
        probe.armed, spoke_at = True, time.time()
        track.play(read_pcm("answer_2"))
        await asyncio.sleep(2.0)
    finally:
        await pc.close()
        await manager.shutdown()
    assert [t for t in meter.loud_at if t < spoke_at], "the interviewer was audibly speaking before the cut-in"
    # In the pipeline: candidate speech arriving -> interviewer audio stopped.
    assert probe.speech_in_at and probe.bot_stopped_at
    assert probe.bot_stopped_at - probe.speech_in_at < 0.2, probe.bot_stopped_at - probe.speech_in_at
    # At the client this adds the Opus round trip and both jitter buffers.
    heard_after = [t for t in meter.loud_at if t >= spoke_at]
    assert not heard_after or max(heard_after) - spoke_at < 0.7
    interviewer = [t for t in sink.turns if t.role == "interviewer"]
    assert interviewer and interviewer[0].interrupted

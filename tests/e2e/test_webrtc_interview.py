"""A candidate on a WebRTC client completes a spoken three-question interview, fully offline."""

from __future__ import annotations

import asyncio
import json
import time
import wave
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from pipecat.frames.frames import BotStoppedSpeakingFrame, InputAudioRawFrame
from pipecat.observers.base_observer import BaseObserver, FramePushed

from pipelines.config import VoiceConfig
from pipelines.models import load_models
from pipelines.testing import CLOSING, CandidateClient, ScriptedBrain, rms
from pipelines.transcript import ListSink
from pipelines.webrtc import WebRTCSessionManager

AUDIO = Path(__file__).resolve().parent.parent / "fixtures" / "audio"
RATE = 16000

pytestmark = pytest.mark.e2e


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


async def connect(app: FastAPI) -> CandidateClient:
    client = CandidateClient()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        response = await http.post("/api/interview/sessions/s1/webrtc/offer", json=await client.offer())
    response.raise_for_status()
    await client.accept(response.json())
    return client


async def test_three_question_interview_over_webrtc(loopback_ice):
    expected = json.loads((AUDIO / "answers.json").read_text())
    sink = ListSink()
    manager = WebRTCSessionManager(VoiceConfig(), load_models(VoiceConfig()))
    client = await connect(interview_app(manager, sink))
    try:
        for name in ("answer_1", "answer_2", "answer_3"):
            await client.wait_for_state("speaking")
            await client.wait_for_state("listening")
            client.track.play(read_pcm(name))
            await client.track.finished.wait()
        await client.wait_for_state("ended")
        assert await manager.wait_finished("s1"), "the pipeline ends itself after the closing line"
    finally:
        await client.close()
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
    captions = [
        m for m in client.seen if m.get("type") == "caption" and m["role"] == "candidate" and m["final"]
    ]
    assert len(captions) == 3
    assert sink.latencies, "voice-to-voice latency was reported"


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


async def test_candidate_barge_in_stops_the_interviewer_quickly(loopback_ice):
    sink, probe = ListSink(), BargeInProbe()
    manager = WebRTCSessionManager(VoiceConfig(), load_models(VoiceConfig()), extra_observers=lambda: [probe])
    client = await connect(interview_app(manager, sink))
    try:
        await client.wait_for_state("speaking")
        await asyncio.sleep(1.5)  # well into the opening question
        probe.armed, spoke_at = True, time.time()
        client.track.play(read_pcm("answer_2"))
        await asyncio.sleep(2.0)
    finally:
        await client.close()
        await manager.shutdown()
    loud_at = client.meter.loud_at
    assert [t for t in loud_at if t < spoke_at], "the interviewer was audibly speaking before the cut-in"
    # In the pipeline: candidate speech arriving -> interviewer audio stopped.
    assert probe.speech_in_at and probe.bot_stopped_at
    assert probe.bot_stopped_at - probe.speech_in_at < 0.2, probe.bot_stopped_at - probe.speech_in_at
    # At the client this adds the Opus round trip and both jitter buffers.
    heard_after = [t for t in loud_at if t >= spoke_at]
    assert not heard_after or max(heard_after) - spoke_at < 0.7
    interviewer = [t for t in sink.turns if t.role == "interviewer"]
    assert interviewer and interviewer[0].interrupted

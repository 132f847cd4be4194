"""Stand-ins for the two ends of a call, for pipeline tests and the voice benchmark.

ScriptedBrain is a fixed three-question interviewer implementing the InterviewerBrain
protocol without a plan or an LLM, so timing and transport behaviour can be measured
apart from interview quality. CandidateClient is an aiortc peer that speaks WAV answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import json
import time

import av
import numpy as np
from aiortc import MediaStreamTrack, RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError

from coach.interview.protocol import Reply

QUESTIONS = (
    ("q1", "Tell me about a time you improved the performance of a system."),
    ("q2", "Which database would you choose for a payments ledger, and why?"),
    ("q3", "What do you want to learn in your next role?"),
)
GREETING = "Hi, I'm Alex. Let's begin."
CLOSING = "That's all my questions. Thank you, that was a good conversation."


class ScriptedBrain:
    def __init__(self, questions: tuple[tuple[str, str], ...] = QUESTIONS):
        self._questions = questions
        self._asked = 0
        self._finished = False
        self.answers: list[tuple[str, float | None]] = []
        self.wrap_up_reasons: list[str] = []

    @property
    def finished(self) -> bool:
        return self._finished

    async def open(self) -> Reply:
        return self._ask(prefix=GREETING + " ")

    async def respond(self, answer: str, *, answer_seconds: float | None = None) -> Reply:
        self.answers.append((answer, answer_seconds))
        if self._asked >= len(self._questions):
            return self._close(CLOSING)
        return self._ask(prefix="Thanks. ")

    async def wrap_up(self, reason: str) -> Reply:
        self.wrap_up_reasons.append(reason)
        return self._close(f"We need to stop there ({reason.replace('_', ' ')}). Thank you for your time.")

    def _ask(self, prefix: str) -> Reply:
        qid, text = self._questions[self._asked]
        self._asked += 1
        return Reply(text=prefix + text, kind="question", question_id=qid)

    def _close(self, text: str) -> Reply:
        self._finished = True
        return Reply(text=text, kind="closing", done=True)


# -- a WebRTC candidate for loopback tests and benchmarks ------------------------------------

CLIENT_RATE, CLIENT_FRAME = 16000, 320
LOUD_RMS = 300.0


def rms(pcm: bytes) -> float:
    samples = np.frombuffer(pcm, dtype=np.int16).astype(np.float32)
    return float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0


class AnswerTrack(MediaStreamTrack):
    """A microphone that is silent except while it plays a queued answer, paced in real time."""

    kind = "audio"

    def __init__(self):
        super().__init__()
        self._pending = bytearray()
        self._start: float | None = None
        self._pts = 0
        self.finished = asyncio.Event()
        self.play_started_at: float | None = None
        self.last_loud_sent_at: float | None = None  # when the candidate's latest speech ended

    def play(self, pcm: bytes) -> None:
        self._pending.extend(pcm)
        self.play_started_at = time.time()
        self.finished.clear()

    async def recv(self) -> av.AudioFrame:
        if self._start is None:
            self._start = time.time()
        delay = self._start + self._pts / CLIENT_RATE - time.time()
        if delay > 0:
            await asyncio.sleep(delay)
        chunk = bytes(self._pending[: CLIENT_FRAME * 2]).ljust(CLIENT_FRAME * 2, b"\0")
        del self._pending[: CLIENT_FRAME * 2]
        if rms(chunk) > LOUD_RMS:
            self.last_loud_sent_at = time.time() + CLIENT_FRAME / CLIENT_RATE
        if not self._pending:
            self.finished.set()
        frame = av.AudioFrame(format="s16", layout="mono", samples=CLIENT_FRAME)
        frame.planes[0].update(chunk)
        frame.sample_rate, frame.pts = CLIENT_RATE, self._pts
        frame.time_base = fractions.Fraction(1, CLIENT_RATE)
        self._pts += CLIENT_FRAME
        return frame


class BotAudioMeter:
    """Timestamps of the interviewer's audible frames as the candidate's client receives them."""

    def __init__(self):
        self.loud_at: list[float] = []

    async def drain(self, remote) -> None:
        with contextlib.suppress(MediaStreamError):
            while True:
                frame = await remote.recv()
                if rms(frame.to_ndarray().astype(np.int16).tobytes()) > LOUD_RMS:
                    self.loud_at.append(time.time())

    async def first_loud_after(self, t: float, timeout_s: float = 20.0) -> float | None:
        deadline = time.time() + timeout_s
        while time.time() < deadline:
            later = [x for x in self.loud_at if x > t]
            if later:
                return later[0]
            await asyncio.sleep(0.01)
        return None


class CandidateClient:
    """An aiortc peer that speaks queued answers and reads the interviewer's data channel."""

    def __init__(self, track: AnswerTrack | None = None, meter: BotAudioMeter | None = None):
        self.track = track or AnswerTrack()
        self.meter = meter or BotAudioMeter()
        self.messages: asyncio.Queue = asyncio.Queue()
        self.seen: list[dict] = []
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self.pc.addTransceiver(self.track, direction="sendrecv")
        channel = self.pc.createDataChannel("chat")
        channel.on("message", lambda m: self.messages.put_nowait(json.loads(m)))
        self.pc.on("track", lambda remote: asyncio.ensure_future(self.meter.drain(remote)))

    async def offer(self) -> dict:
        await self.pc.setLocalDescription(await self.pc.createOffer())
        return {"sdp": self.pc.localDescription.sdp, "type": self.pc.localDescription.type}

    async def accept(self, answer: dict) -> None:
        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=answer["sdp"], type=answer["type"]))

    async def wait_for_state(self, state: str, timeout_s: float = 30.0) -> None:
        while True:
            message = await asyncio.wait_for(self.messages.get(), timeout=timeout_s)
            self.seen.append(message)
            if message == {"type": "state", "state": state}:
                return

    async def close(self) -> None:
        await self.pc.close()

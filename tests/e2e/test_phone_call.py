"""A caller on a Twilio Media Streams socket completes a spoken interview, fully offline.

The caller is a websocket client speaking Twilio's protocol: `connected`, `start`, 20 ms base64
mu-law 8 kHz `media` (silence between answers, as a phone line sends), `dtmf` keys and `stop`.
Its answers are Piper renderings of fixed sentences.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import time

import pytest
import uvicorn
import websockets
from fastapi import FastAPI, WebSocket
from pipecat.audio.utils import create_file_resampler, pcm_to_ulaw

from coach.live.bus import InProcessBus
from pipelines.config import VoiceConfig
from pipelines.models import load_models
from pipelines.phone import PIN_PROMPT, PIN_RETRY, handle_twilio_socket
from pipelines.testing import CLOSING, GREETING, QUESTIONS, ScriptedBrain
from pipelines.transcript import ListSink

pytestmark = pytest.mark.e2e

ANSWERS = (
    "I rewrote the slowest report query and added an index, so the page now loads in one second.",
    "I would choose PostgreSQL for a payments ledger, because its transactions are strong and well tested.",
    "I want to learn how to design distributed systems and grow into a technical lead role.",
)
CHUNK = 160  # 20 ms of 8 kHz mu-law, what Twilio sends per media message
MULAW_SILENCE = b"\xff"  # what a phone line carries between words
SPEECH_GAP_S = 0.8  # no interviewer audio for this long after a whole line: it has finished
PINS = {"4821": "phone-pin"}
# What the scripted interviewer says, line by line.
SCRIPT = (
    f"{GREETING} {QUESTIONS[0][1]}",
    f"Thanks. {QUESTIONS[1][1]}",
    f"Thanks. {QUESTIONS[2][1]}",
    CLOSING,
)


@pytest.fixture(scope="module")
def voice():
    config = VoiceConfig()
    return config, load_models(config)


@pytest.fixture(scope="module")
def answers(voice) -> list[bytes]:
    return [asyncio.run(_piper_mulaw(voice[1].piper_voice, text)) for text in ANSWERS]


@pytest.fixture(scope="module")
def line_s(voice) -> dict[str, float]:
    """How long the interviewer's voice takes to say each line, in seconds.

    Rendered before any call: synthesis on the event loop mid-call would stall the line.
    """
    piper_voice = voice[1].piper_voice

    def seconds(text: str) -> float:
        samples = sum(len(chunk.audio_int16_bytes) // 2 for chunk in piper_voice.synthesize(text))
        return samples / piper_voice.config.sample_rate

    return {text: seconds(text) for text in (*SCRIPT, PIN_PROMPT, PIN_RETRY)}


async def _piper_mulaw(piper_voice, text: str) -> bytes:
    pcm = b"".join(chunk.audio_int16_bytes for chunk in piper_voice.synthesize(text))
    rate = piper_voice.config.sample_rate
    return await pcm_to_ulaw(pcm, rate, 8000, create_file_resampler())


class PhoneCaller:
    """Plays answers into the line, listens for the interviewer, and logs when each was heard."""

    def __init__(self, ws, stream_sid: str = "MZ-test"):
        self.ws, self.stream_sid = ws, stream_sid
        self._pending = bytearray()
        self.played = asyncio.Event()
        self.heard: list[tuple[float, int]] = []  # (arrival time, mu-law bytes) of interviewer media
        self.closed = asyncio.Event()

    async def start_call(self, custom_parameters: dict[str, str]) -> None:
        await self._send({"event": "connected", "protocol": "Call", "version": "1.0.0"})
        start = {
            "streamSid": self.stream_sid,
            "callSid": "CA-test",
            "customParameters": custom_parameters,
            "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1},
        }
        await self._send(
            {"event": "start", "sequenceNumber": "1", "start": start, "streamSid": self.stream_sid}
        )

    async def run_line(self) -> None:
        """Send 20 ms of caller audio every 20 ms, as Twilio does, and collect interviewer audio."""
        listener = asyncio.create_task(self._listen())
        try:
            began, sent = time.monotonic(), 0
            while not self.closed.is_set():
                chunk = bytes(self._pending[:CHUNK]).ljust(CHUNK, MULAW_SILENCE)
                del self._pending[:CHUNK]
                if not self._pending:
                    self.played.set()
                await self._send(
                    {
                        "event": "media",
                        "streamSid": self.stream_sid,
                        "media": {"track": "inbound", "payload": base64.b64encode(chunk).decode()},
                    }
                )
                sent += 1
                await asyncio.sleep(max(0.0, began + sent * 0.02 - time.monotonic()))
        except websockets.ConnectionClosed:
            self.closed.set()
        finally:
            listener.cancel()

    def say(self, mulaw: bytes) -> None:
        self.played.clear()
        self._pending.extend(mulaw)

    async def press(self, keys: str) -> None:
        for key in keys:
            await self._send(
                {
                    "event": "dtmf",
                    "streamSid": self.stream_sid,
                    "dtmf": {"track": "inbound_track", "digit": key},
                }
            )

    async def hear_interviewer(self, line_s: float, timeout_s: float = 60) -> float:
        """Wait until the interviewer has said a line of about `line_s` seconds and fallen silent.

        Returns when its audio began. Counting audio, not just waiting for a pause, keeps a
        pause between two synthesized sentences from passing for the end of the line.
        """
        since, deadline = time.monotonic(), time.monotonic() + timeout_s
        while not self._heard_since(since):
            assert time.monotonic() < deadline, "the interviewer never spoke"
            await asyncio.sleep(0.05)
        began = self._heard_since(since)[0][0]
        while (
            self._audio_s_since(since) < 0.8 * line_s or time.monotonic() - self.heard[-1][0] < SPEECH_GAP_S
        ):
            assert time.monotonic() < deadline, (
                f"heard {self._audio_s_since(since):.1f}s of a {line_s:.1f}s line"
            )
            await asyncio.sleep(0.05)
        return began

    def _heard_since(self, since: float) -> list[tuple[float, int]]:
        return [h for h in self.heard if h[0] > since]

    def _audio_s_since(self, since: float) -> float:
        return sum(n for _, n in self._heard_since(since)) / 8000

    async def hang_up(self) -> None:
        with contextlib.suppress(websockets.ConnectionClosed):
            await self._send({"event": "stop", "streamSid": self.stream_sid})
            await self.ws.close()
        self.closed.set()

    async def _listen(self) -> None:
        with contextlib.suppress(websockets.ConnectionClosed):
            async for message in self.ws:
                event = json.loads(message)
                if event.get("event") == "media":
                    self.heard.append((time.monotonic(), len(base64.b64decode(event["media"]["payload"]))))
        self.closed.set()

    async def _send(self, message: dict) -> None:
        await self.ws.send(json.dumps(message))


class PhoneDesk:
    """The companion's side of `/api/phone/twilio`: sessions, PINs, brains and sinks."""

    def __init__(self, config, models):
        self.config, self.models = config, models
        self.brains: dict[str, ScriptedBrain] = {}
        self.sinks: dict[str, ListSink] = {}
        self.finished: dict[str, asyncio.Event] = {}
        self.bus = InProcessBus()  # what a coach listening in subscribes to

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.websocket("/api/phone/twilio")
        async def twilio(websocket: WebSocket):
            await handle_twilio_socket(
                websocket,
                resolve_session=self.resolve_session,
                resolve_pin=self.resolve_pin,
                brain_factory=self.brain,
                sink_factory=self.sink,
                config=self.config,
                models=self.models,
                listen_bus=self.bus,
            )

        return app

    def resolve_session(self, params: dict[str, str]) -> str | None:
        return params.get("session_id")

    async def resolve_pin(self, pin: str) -> str | None:
        return PINS.get(pin)

    def brain(self, session_id: str) -> ScriptedBrain:
        return self.brains.setdefault(session_id, ScriptedBrain())

    def sink(self, session_id: str) -> ListSink:
        ended = self.finished.setdefault(session_id, asyncio.Event())
        return self.sinks.setdefault(session_id, _EndAwareSink(ended))


class _EndAwareSink(ListSink):
    def __init__(self, ended: asyncio.Event):
        super().__init__()
        self._ended = ended

    def on_state(self, state: str) -> None:
        super().on_state(state)
        if state == "ended":
            self._ended.set()


@contextlib.asynccontextmanager
async def phone_server(desk: PhoneDesk):
    server = uvicorn.Server(uvicorn.Config(desk.app(), host="127.0.0.1", port=0, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"ws://127.0.0.1:{port}/api/phone/twilio"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 30)


@contextlib.asynccontextmanager
async def call(url: str, custom_parameters: dict[str, str]):
    async with websockets.connect(url) as ws:
        caller = PhoneCaller(ws)
        await caller.start_call(custom_parameters)
        line = asyncio.create_task(caller.run_line())
        try:
            yield caller
        finally:
            await caller.hang_up()
            await asyncio.wait_for(line, 10)


def word_recall(expected: str, heard: str) -> float:
    def words(s: str) -> list[str]:
        return [w.strip(".,?!").lower() for w in s.split() if w.strip(".,?!")]

    heard_words = set(words(heard))
    return sum(w in heard_words for w in words(expected)) / len(words(expected))


async def _listen_in(bus: InProcessBus, session_id: str, heard: dict[str, float]) -> None:
    """A coach on the live stream: seconds of 16 kHz audio received per side."""
    async for event in bus.subscribe(session_id):
        if event.get("type") == "audio":
            heard[event["role"]] = heard.get(event["role"], 0.0) + len(base64.b64decode(event["pcm16"])) / 32000


async def test_caller_completes_a_three_question_interview(voice, answers, line_s):
    desk = PhoneDesk(*voice)
    coach_heard: dict[str, float] = {}
    coach = asyncio.create_task(_listen_in(desk.bus, "phone-s1", coach_heard))
    await asyncio.sleep(0)  # subscribed before the call starts
    async with phone_server(desk) as url, call(url, {"session_id": "phone-s1"}) as caller:
        await caller.hear_interviewer(line_s[SCRIPT[0]])
        for mulaw, reply in zip(answers, SCRIPT[1:], strict=True):
            caller.say(mulaw)
            await asyncio.wait_for(caller.played.wait(), 60)  # the line is still open
            await caller.hear_interviewer(line_s[reply])
        await asyncio.wait_for(desk.finished["phone-s1"].wait(), 30)
    coach.cancel()

    # The coach heard both sides: every interviewer line as played, and the caller's line (answers and the
    # silence between them, as a phone line carries it).
    assert coach_heard.get("interviewer", 0) >= 0.8 * sum(line_s[line] for line in SCRIPT), coach_heard
    assert coach_heard.get("candidate", 0) >= sum(len(a) for a in answers) / 8000, coach_heard
    turns = desk.sinks["phone-s1"].turns
    assert [t.text for t in turns if t.role == "interviewer"] == list(SCRIPT)
    candidate = [t for t in turns if t.role == "candidate"]
    assert [t.question_id for t in candidate] == ["q1", "q2", "q3"]
    # Phone audio stops at 4 kHz: whisper tiny.en hears "PostgreSQL" as "Post or SQL" and the like.
    recalls = [word_recall(said, turn.text) for turn, said in zip(candidate, ANSWERS, strict=True)]
    assert min(recalls) >= 0.6 and sum(recalls) / len(recalls) >= 0.8, [t.text for t in candidate]


async def test_caller_without_session_is_mapped_by_keypad_pin(voice, answers, line_s):
    desk = PhoneDesk(*voice)
    async with phone_server(desk) as url, call(url, {}) as caller:
        await caller.hear_interviewer(line_s[PIN_PROMPT])
        await caller.press("1111#")
        await caller.hear_interviewer(line_s[PIN_RETRY])
        await caller.press("4821#")
        await caller.hear_interviewer(line_s[SCRIPT[0]])  # the mapped session's interviewer
        caller.say(answers[0])
        await asyncio.wait_for(caller.played.wait(), 60)  # the line is still open
        await caller.hear_interviewer(line_s[SCRIPT[1]])
    await asyncio.wait_for(desk.finished["phone-pin"].wait(), 30)

    assert list(desk.sinks) == ["phone-pin"]
    turns = desk.sinks["phone-pin"].turns
    assert turns[0].role == "interviewer" and turns[0].text == SCRIPT[0]
    answer = next(t for t in turns if t.role == "candidate")
    assert answer.question_id == "q1" and word_recall(ANSWERS[0], answer.text) >= 0.8, answer.text

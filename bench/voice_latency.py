"""Voice-to-voice latency and thinking-pause survival, over SmallWebRTC on loopback.

Run: .venv/bin/python -m bench.voice_latency [--turns 21] [--pause-answers 25] [--sweep-only]
Writes bench/results/voice.md (sections it does not generate, such as notes, are kept).
A candidate client (aiortc) speaks Piper-rendered answers into
the real interview pipeline; latency is measured at the client, from the last audible sample
of an answer to the first audible interviewer sample.

Stacks: (a) instant fake providers, (b) cloud-latency simulators (STT final 150 ms after the
segment is handed over, interviewer "LLM" first token 400 ms, TTS first audio 150 ms), (c) the
offline stack (whisper tiny.en + Piper). The pause test plays answers containing a 2 s thinking
pause through the offline stack and counts how often the interviewer starts talking in it.

The concurrency sweep runs 1, 5, 10 and 25 simultaneous live sessions with the instant fake
providers. The sessions are served by a separate server process (one Python process, as one
`coach serve` worker would be), so its CPU time is the server's alone; the candidate clients run
in this process and their CPU is reported apart.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import os
import platform
import socket
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from pipecat.frames.frames import Frame, TranscriptionFrame
from pipecat.services.settings import STTSettings, TTSSettings
from pipecat.services.stt_service import SegmentedSTTService
from pipecat.services.tts_service import TTSService
from pipecat.utils.time import time_now_iso8601

from bench.voice_fixtures import PAUSE_S, RATE, render
from coach.interview.protocol import Reply
from pipelines.config import VoiceConfig
from pipelines.models import Models, load_models, load_piper_voice
from pipelines.services import Services, make_services
from pipelines.testing import LOUD_RMS, CandidateClient
from pipelines.transcript import ListSink
from pipelines.webrtc import WebRTCSessionManager, allow_loopback_ice

RESULTS = Path(__file__).resolve().parent / "results" / "voice.md"
STORY = "Tell me about a time you improved the performance of a system."
DATABASE = "Which database would you choose for a payments ledger, and why?"
LEARN = "What do you want to learn in your next role?"
FLUENT = [
    (
        STORY,
        "At my last company the checkout page was slow. I profiled the queries and added a cache. "
        "As a result, the page loaded twice as fast.",
    ),
    (
        DATABASE,
        "I would choose PostgreSQL for a payments ledger, because it has strong transactions "
        "and mature tooling.",
    ),
    (LEARN, "I want to learn how to design distributed systems and grow into a technical lead role."),
]
PAUSED = {  # "|" is a 2 s thinking pause
    "story, pause before the outcome": (
        STORY,
        "At my last company the checkout page was slow and customers "
        "complained. | I profiled the queries and added a cache. As a result, the page loaded twice as fast.",
    ),
    "pause after a trailing 'and'": (
        DATABASE,
        "I would choose PostgreSQL for a payments ledger because it "
        "has strong transactions and | it has mature tooling that my team already knows.",
    ),
    "pause after a filler 'um'": (
        DATABASE,
        "I would choose PostgreSQL for a payments ledger, um | mostly "
        "because it has strong transactions and mature tooling.",
    ),
    "pause after a complete sentence": (
        DATABASE,
        "I would choose PostgreSQL for a payments ledger because it "
        "has strong transactions. | It also has mature tooling, and my team already knows it well.",
    ),
    "pause after a short first sentence": (
        LEARN,
        "I want to learn system design. | Especially how to build "
        "distributed systems, and grow into a technical lead role.",
    ),
}


@dataclass
class Answer:
    question: str
    text: str
    pcm: bytes
    word_end_s: list[float]  # when each word has been spoken, from the start of playback

    @property
    def words(self) -> list[str]:
        return self.text.replace("|", " ").split()


def render_answer(voice, question: str, text: str) -> Answer:
    audio = render(voice, text)
    pcm = (np.clip(audio, -1, 1) * 32767).astype(np.int16).tobytes()
    words = text.replace("|", " ").split()
    voiced = np.flatnonzero(np.abs(audio) > 0.01)
    start, end = voiced[0] / RATE, voiced[-1] / RATE
    # Spread words evenly over the voiced span, skipping the pause where there is one.
    pause_at = len(text.split("|")[0].split()) if "|" in text else None
    spoken = end - start - (PAUSE_S if pause_at else 0)
    times, t = [], start
    for i in range(len(words)):
        if pause_at is not None and i == pause_at:
            t += PAUSE_S
        t += spoken / len(words)
        times.append(t)
    return Answer(question, text, pcm, times)


# -- providers ---------------------------------------------------------------------------------
class Stage:
    """What the candidate is saying right now: shared by the client and the scripted STT."""

    def __init__(self):
        self.answer: Answer | None = None
        self.started_at = 0.0
        self.cursor = 0

    def play(self, client: CandidateClient, answer: Answer) -> None:
        self.answer, self.cursor = answer, 0
        client.track.play(answer.pcm)
        self.started_at = client.track.play_started_at or time.time()

    def heard_since_last(self) -> str:
        if self.answer is None:
            return ""
        elapsed = time.time() - self.started_at
        spoken = sum(1 for t in self.answer.word_end_s if t <= elapsed + 0.05)
        spoken = max(spoken, min(self.cursor + 1, len(self.answer.words)))
        words, self.cursor = self.answer.words[self.cursor : spoken], spoken
        return " ".join(words)


class ScriptedSTT(SegmentedSTTService):
    """Transcribes perfectly what the candidate said, after a fixed delay."""

    def __init__(self, stage: Stage, delay_s: float):
        settings = STTSettings(model=None, language=None)
        super().__init__(settings=settings, sample_rate=RATE)
        self._stage, self._delay_s = stage, delay_s

    async def run_stt(self, audio: bytes) -> AsyncIterator[Frame]:
        await asyncio.sleep(self._delay_s)
        text = self._stage.heard_since_last()
        if text:
            yield TranscriptionFrame(text, self._user_id, time_now_iso8601())


class ToneTTS(TTSService):
    """Speaks a loud noise burst sized to the text, after a fixed first-audio delay."""

    def __init__(self, first_audio_s: float):
        settings = TTSSettings(model=None, voice=None, language=None)
        super().__init__(push_start_frame=True, push_stop_frames=True, settings=settings)
        self._first_audio_s = first_audio_s

    async def run_tts(self, text: str, context_id: str) -> AsyncIterator[Frame]:
        await asyncio.sleep(self._first_audio_s)
        rng = np.random.default_rng(len(text))
        samples = (rng.standard_normal(int(0.12 * len(text.split()) * 16000)) * 3000).astype(np.int16)

        async def chunks():
            for i in range(0, len(samples), 1600):
                yield samples[i : i + 1600].tobytes()

        async for frame in self._stream_audio_frames_from_iterator(
            chunks(), in_sample_rate=16000, context_id=context_id
        ):
            yield frame


class BenchBrain:
    """Asks whatever question the benchmark sets next; "thinks" for a fixed time."""

    def __init__(self, delay_s: float = 0.0):
        self.delay_s = delay_s
        self.next_question = FLUENT[0][0]
        self.finished = False
        self._n = 0

    async def open(self) -> Reply:
        return await self._ask()

    async def respond(self, answer: str, *, answer_seconds: float | None = None) -> Reply:
        return await self._ask()

    async def wrap_up(self, reason: str) -> Reply:
        self.finished = True
        return Reply(text="Thank you, that is all.", kind="closing", done=True)

    async def _ask(self) -> Reply:
        await asyncio.sleep(self.delay_s)
        self._n += 1
        return Reply(text=f"Thanks. {self.next_question}", kind="question", question_id=f"q{self._n}")


# -- a session ---------------------------------------------------------------------------------
@dataclass
class Outcome:
    load_average: float = 0.0  # 1-minute load when the session ended: this machine may be shared
    latencies_s: list[float] = field(default_factory=list)
    pipeline_latencies_s: list[float] = field(default_factory=list)
    cut: list[tuple[str, bool]] = field(default_factory=list)


class StateLog:
    def __init__(self, client: CandidateClient):
        self.events: list[tuple[float, str]] = []
        self._task = asyncio.ensure_future(self._read(client))

    async def _read(self, client: CandidateClient) -> None:
        while True:
            message = await client.messages.get()
            if message.get("type") == "state":
                self.events.append((time.time(), message["state"]))

    async def wait(self, state: str, after: float, timeout_s: float = 30.0) -> float:
        deadline = time.time() + timeout_s
        while time.time() < deadline:
            for t, s in self.events:
                if s == state and t > after:
                    return t
            await asyncio.sleep(0.01)
        raise TimeoutError(f"no '{state}' state within {timeout_s} s")

    def close(self) -> None:
        self._task.cancel()


async def run_session(
    models: Models, services: Callable[[Stage], Services], brain: BenchBrain, plan: list[tuple[str, Answer]]
) -> Outcome:
    stage, sink, outcome = Stage(), ListSink(), Outcome()
    manager = WebRTCSessionManager(VoiceConfig(), models, services_factory=lambda: services(stage))
    client = CandidateClient()
    await client.accept(await manager.handle_offer("bench", await client.offer(), lambda: brain, sink))
    log = StateLog(client)
    try:
        brain.next_question = plan[0][1].question
        ready = await log.wait("listening", after=await log.wait("speaking", after=0))
        for i, (label, answer) in enumerate(plan):
            brain.next_question = plan[i + 1][1].question if i + 1 < len(plan) else STORY
            stage.play(client, answer)
            await client.track.finished.wait()
            spoke_end = client.track.last_loud_sent_at or time.time()
            cut = any(s == "speaking" and ready < t < spoke_end for t, s in log.events)
            outcome.cut.append((label, cut))
            first_audio = await client.meter.first_loud_after(spoke_end)
            if not cut and first_audio:
                outcome.latencies_s.append(first_audio - spoke_end)
            ready = await log.wait("listening", after=await log.wait("speaking", after=spoke_end))
    finally:
        log.close()
        await client.close()
        await manager.shutdown()
    outcome.pipeline_latencies_s = [r["latency_s"] for r in sink.latencies if r.get("user_turn_s")]
    outcome.load_average = os.getloadavg()[0]
    return outcome


def fake_services(stt_delay_s: float, tts_delay_s: float) -> Callable[[Stage], Services]:
    return lambda stage: Services(stt=ScriptedSTT(stage, stt_delay_s), tts=ToneTTS(tts_delay_s))


def offline_services(models: Models) -> Callable[[Stage], Services]:
    return lambda _stage: make_services(VoiceConfig(), models)


# -- concurrency sweep -------------------------------------------------------------------------
SWEEP_LEVELS = (1, 5, 10, 25)
SWEEP_HEADING = "## Concurrency sweep"
REPLY_TIMEOUT_S = 20.0  # an answer with no interviewer audio this long after it counts as unanswered


def voiced_seconds(pcm: bytes, frame: int = 320) -> float:
    """Seconds of 16 kHz PCM16 in 20 ms frames loud enough to be speech."""
    samples = np.frombuffer(pcm[: len(pcm) // (2 * frame) * 2 * frame], dtype=np.int16).astype(np.float32)
    if not len(samples):
        return 0.0
    loud = np.sqrt(np.mean(samples.reshape(-1, frame) ** 2, axis=1)) > LOUD_RMS
    return float(loud.sum()) * frame / RATE


class SweepStage:
    """Server side of one sweep session: the words of the answer being given, from the audio heard.

    The client plays the answers in the order the questions come. Each segment's voiced audio moves
    a cursor through the expected answer's words (all of them once 85% of its speech is in), so,
    like a real STT and unlike a clock, it stays right when an overloaded server lags behind.
    """

    COMPLETE = 0.85

    def __init__(self):
        self.answer: Answer | None = None
        self._answer_voiced_s = 0.0
        self._heard_s = 0.0
        self.cursor = 0

    def expect(self, answer: Answer) -> None:
        self.answer, self._answer_voiced_s = answer, voiced_seconds(answer.pcm)
        self._heard_s, self.cursor = 0.0, 0

    def hear(self, segment: bytes) -> str:
        if self.answer is None or self.cursor >= len(self.answer.words):
            return ""
        self._heard_s += voiced_seconds(segment)
        words = self.answer.words
        share = self._heard_s / max(self._answer_voiced_s, 1e-6)
        done = len(words) if share >= self.COMPLETE else round(len(words) * share)
        done = min(len(words), max(done, self.cursor + 1))
        heard, self.cursor = words[self.cursor : done], done
        return " ".join(heard)


class SweepSTT(SegmentedSTTService):
    """Transcribes what the sweep's candidate said, from the segment's voiced audio, after a fixed delay."""

    def __init__(self, stage: SweepStage, delay_s: float):
        super().__init__(settings=STTSettings(model=None, language=None), sample_rate=RATE)
        self._stage, self._delay_s = stage, delay_s

    @property
    def wants_wav_segments(self) -> bool:
        return False  # raw PCM16, like the local whisper service

    async def run_stt(self, audio: bytes) -> AsyncIterator[Frame]:
        await asyncio.sleep(self._delay_s)
        text = self._stage.hear(audio)
        if text:
            yield TranscriptionFrame(text, self._user_id, time_now_iso8601())


class SweepBrain(BenchBrain):
    """Asks the FLUENT questions in turn and tells the stage which answer comes next."""

    def __init__(self, stage: SweepStage, answers: list[Answer], delay_s: float = 0.0):
        super().__init__(delay_s)
        self._stage, self._answers = stage, answers

    async def _ask(self) -> Reply:
        answer = self._answers[self._n % len(self._answers)]
        self.next_question = answer.question
        self._stage.expect(answer)
        return await super()._ask()


async def serve_sweep(port: int, stt_delay_s: float, tts_delay_s: float, llm_delay_s: float) -> None:
    """The server process of the sweep: SmallWebRTC offers over HTTP, one interview pipeline per session."""
    from aiohttp import web
    from loguru import logger

    logger.remove()
    logger.add(sys.stderr, level="WARNING")  # per-frame debug logging would dominate the CPU measured
    allow_loopback_ice()
    models = load_models(VoiceConfig())
    voice = load_piper_voice()
    answers = [render_answer(voice, q, t) for q, t in FLUENT]
    if models.smart_turn is not None:  # the first inference of a fresh process is slow; pay it up front
        from pipelines.smart_turn import SmartTurnScorer

        for answer in answers:
            SmartTurnScorer(models.smart_turn).probability(answer.pcm, RATE)
    sessions: dict[str, tuple[WebRTCSessionManager, ListSink]] = {}

    async def offer(request: web.Request) -> web.Response:
        body = await request.json()
        sid, stage, sink = body["session"], SweepStage(), ListSink()

        def services() -> Services:
            return Services(stt=SweepSTT(stage, stt_delay_s), tts=ToneTTS(tts_delay_s))

        manager = WebRTCSessionManager(VoiceConfig(), models, services_factory=services)
        sessions[sid] = (manager, sink)
        brain = SweepBrain(stage, answers, llm_delay_s)
        return web.json_response(await manager.handle_offer(sid, body, lambda: brain, sink))

    async def stats(_request: web.Request) -> web.Response:
        return web.json_response(
            {
                sid: [r["latency_s"] for r in sink.latencies if r.get("user_turn_s")]
                for sid, (_manager, sink) in sessions.items()
            }
        )

    app = web.Application()
    app.router.add_post("/offer", offer)
    app.router.add_get("/stats", stats)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    print(f"READY {port}", flush=True)
    await asyncio.Event().wait()


@dataclass
class SweepRow:
    sessions: int
    answers: int = 0
    unanswered: int = 0
    stalled: int = 0  # sessions that stopped early: no next question within a minute, or cut off
    latencies_s: list[float] = field(default_factory=list)
    pipeline_latencies_s: list[float] = field(default_factory=list)
    wall_s: float = 0.0
    session_s: float = 0.0  # summed time each session was live
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    other_cpu_s: float = 0.0  # every other process on the machine during the level
    quiet_wait_s: float = 0.0
    load_before: float = 0.0
    load_after: float = 0.0

    @property
    def server_core_per_session(self) -> float:
        """Server CPU time per second of live session: the share of one core a session costs."""
        return self.server_cpu_s / self.session_s if self.session_s else float("nan")

    @property
    def client_core_per_session(self) -> float:
        return self.client_cpu_s / self.session_s if self.session_s else float("nan")


async def sweep_client(
    http, base: str, sid: str, answers: list[Answer], turns: int, start_delay_s: float, row: SweepRow
) -> None:
    """One candidate: connect, answer `turns` questions, note the latency of each reply.

    A reply later than REPLY_TIMEOUT_S counts as unanswered and the candidate still waits for the
    next question (up to a minute), so a saturated server stays loaded for the whole level.
    """
    await asyncio.sleep(start_delay_s)
    client = CandidateClient()
    log: SweepLog | None = None
    started = time.time()
    try:
        async with http.post(f"{base}/offer", json={"session": sid, **await client.offer()}) as response:
            response.raise_for_status()
            await client.accept(await response.json())
        log = SweepLog(client)
        await log.wait("listening", after=await log.wait("speaking", after=0, timeout_s=60.0), timeout_s=60.0)
        for i in range(turns):
            client.track.play(answers[i % len(answers)].pcm)
            await client.track.finished.wait()
            spoke_end = client.track.last_loud_sent_at or time.time()
            row.answers += 1
            first_audio = await first_loud_after(client.meter, spoke_end, timeout_s=REPLY_TIMEOUT_S)
            if first_audio is None:
                row.unanswered += 1
            else:
                row.latencies_s.append(first_audio - spoke_end)
            if i + 1 < turns:
                spoke = await log.wait("speaking", after=spoke_end, timeout_s=60.0)
                await log.wait("listening", after=spoke, timeout_s=60.0)
    except TimeoutError:
        row.stalled += 1
    finally:
        if log is not None:
            log.close()
        await client.close()
        row.session_s += time.time() - started


class SweepLog:
    """StateLog without polling: 25 clients polling every 10 ms would load the client process."""

    def __init__(self, client: CandidateClient):
        self.events: list[tuple[float, str]] = []
        self._changed = asyncio.Condition()
        self._task = asyncio.ensure_future(self._read(client))

    async def _read(self, client: CandidateClient) -> None:
        while True:
            message = await client.messages.get()
            if message.get("type") == "state":
                async with self._changed:
                    self.events.append((time.time(), message["state"]))
                    self._changed.notify_all()

    async def wait(self, state: str, after: float, timeout_s: float = 30.0) -> float:
        def found() -> float | None:
            return next((t for t, s in self.events if s == state and t > after), None)

        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: found() is not None), timeout_s)
            except TimeoutError:
                raise TimeoutError(f"no '{state}' state within {timeout_s} s") from None
            return found() or time.time()

    def close(self) -> None:
        self._task.cancel()


async def first_loud_after(meter, t: float, timeout_s: float) -> float | None:
    """BotAudioMeter.first_loud_after without rescanning every loud frame of the session each time."""
    deadline = time.time() + timeout_s
    i = bisect.bisect_right(meter.loud_at, t)  # loud_at is appended in time order
    while time.time() < deadline:
        if len(meter.loud_at) > i:
            return meter.loud_at[i]
        await asyncio.sleep(0.02)
    return None


def busy_cpu_s() -> float:
    """CPU seconds the whole machine has spent busy (all cores, every process)."""
    import psutil

    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


async def wait_for_quiet(max_wait_s: float, below: float = 1.0) -> float:
    """Wait until the 1-minute load average is below `below` (at most max_wait_s); the seconds waited."""
    started = time.time()
    while os.getloadavg()[0] >= below and time.time() - started < max_wait_s:
        await asyncio.sleep(10)
    return time.time() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def sweep_level(
    n: int,
    answers: list[Answer],
    turns: int,
    delays: tuple[float, float, float],
    stagger_s: float,
    quiet_wait_s: float = 0.0,
) -> SweepRow:
    """One level of the sweep; first waits up to quiet_wait_s for a 1-minute load average below 1."""
    import aiohttp
    import psutil

    row = SweepRow(sessions=n)
    port = free_port()
    server_log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept open for the server's whole life
        prefix=f"voice-sweep-{n}-", suffix=".log", delete=False
    )
    stt, tts, llm = delays
    server = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.voice_latency",
        "--serve-sweep",
        str(port),
        "--sweep-delays",
        f"{stt},{tts},{llm}",
        stdout=asyncio.subprocess.PIPE,
        stderr=server_log,
        cwd=str(Path(__file__).resolve().parent.parent),
    )
    try:
        line = await asyncio.wait_for(server.stdout.readline(), timeout=120)
        if not line.startswith(b"READY"):
            raise RuntimeError(f"sweep server did not start; see {server_log.name}")
        server_proc, own = psutil.Process(server.pid), psutil.Process()
        base = f"http://127.0.0.1:{port}"
        row.quiet_wait_s = await wait_for_quiet(quiet_wait_s)
        row.load_before = os.getloadavg()[0]
        server_cpu0, own_cpu0, busy0 = (
            sum(server_proc.cpu_times()[:2]),
            sum(own.cpu_times()[:2]),
            busy_cpu_s(),
        )
        t0 = time.time()
        async with aiohttp.ClientSession() as http:
            clients = [
                asyncio.ensure_future(
                    sweep_client(http, base, f"s{i}", answers, turns, i * stagger_s / n, row)
                )
                for i in range(n)
            ]
            _done, cut_off = await asyncio.wait(clients, timeout=stagger_s + turns * 45.0)
            for task in cut_off:
                task.cancel()
            await asyncio.gather(*cut_off, return_exceptions=True)
            row.stalled += len(cut_off)
            row.wall_s = time.time() - t0
            row.server_cpu_s = sum(server_proc.cpu_times()[:2]) - server_cpu0
            row.client_cpu_s = sum(own.cpu_times()[:2]) - own_cpu0
            row.other_cpu_s = busy_cpu_s() - busy0 - row.server_cpu_s - row.client_cpu_s
            async with http.get(f"{base}/stats") as response:
                stats = await response.json()
        row.pipeline_latencies_s = [x for values in stats.values() for x in values]
    finally:
        if server.returncode is None:
            server.terminate()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(server.wait(), timeout=10)
            if server.returncode is None:
                server.kill()
                await server.wait()
        server_log.close()
    row.load_after = os.getloadavg()[0]
    return row


async def run_sweep(
    levels: tuple[int, ...] = SWEEP_LEVELS,
    turns: int = 6,
    delays: tuple[float, float, float] = (0.0, 0.0, 0.0),
    stagger_s: float = 8.0,
    quiet_wait_s: float = 300.0,
) -> list[SweepRow]:
    from loguru import logger

    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    allow_loopback_ice()
    voice = load_piper_voice()
    answers = [render_answer(voice, q, t) for q, t in FLUENT]
    rows = []
    for n in levels:
        rows.append(await sweep_level(n, answers, turns, delays, stagger_s, quiet_wait_s))
        print(sweep_row(rows[-1]), flush=True)
    return rows


def sweep_row(row: SweepRow) -> str:
    v, p = row.latencies_s, row.pipeline_latencies_s
    wall = row.wall_s or float("nan")
    return (
        f"| {row.sessions} | {row.answers} | {row.unanswered} / {row.stalled} | "
        f"{percentile(v, 50) * 1000:.0f} | {percentile(v, 90) * 1000:.0f} | "
        f"{max(v, default=float('nan')) * 1000:.0f} | {percentile(p, 90) * 1000:.0f} | "
        f"{row.server_core_per_session:.1%} | {row.server_cpu_s / wall:.0%} | "
        f"{row.client_cpu_s / wall:.0%} | {row.other_cpu_s / wall:.0%} | "
        f"{row.load_before:.1f} / {row.load_after:.1f} |"
    )


def sweep_section(
    rows: list[SweepRow], turns: int, delays: tuple[float, float, float], note: str = ""
) -> list[str]:
    stack = (
        "instant fake providers"
        if not any(delays)
        else f"cloud simulators (STT {delays[0] * 1000:.0f} ms, LLM {delays[2] * 1000:.0f} ms, "
        f"TTS {delays[1] * 1000:.0f} ms)"
    )
    by_n = {row.sessions: row for row in rows}
    lines = [
        f"{SWEEP_HEADING} ({stack})",
        "",
        f"Machine: {machine()}. Date: {time.strftime('%Y-%m-%d %H:%M')}.",
        "One server process holds every session (SmallWebRTC, Silero VAD, smart-turn, the interview turn",
        "policy, scripted STT and tone TTS), as one `coach serve` worker would; the aiortc candidate",
        f"clients run in a second process. Each session answers {turns} questions; sessions start staggered",
        "over 8 s. Voice-to-voice is measured at the client (last answer sample -> first interviewer",
        "sample); pipeline p90 is the server's own VAD stop -> first bot audio. Unanswered: no",
        f"interviewer audio within {REPLY_TIMEOUT_S:.0f} s (left out of the percentiles); stalled: sessions",
        "with no next question within a minute, or still running at the level's time limit.",
        "CPU per session: the server's CPU time (psutil) / the summed live time of its sessions, as a",
        "share of one core. Server, client and other processes: CPU time / wall time (2 cores = 200%);",
        "'other' is the rest of this shared machine. One Python process tops out near one core: past",
        "that, CPU per session is the ceiling shared out (not what a session needs) and replies queue.",
        "Each level starts once the 1-minute load average is below 1.0 (waiting at most 5 minutes).",
        "",
        "| sessions | answers | unanswered / stalled | p50 ms | p90 ms | max ms | pipeline p90 ms "
        "| server CPU per session | server process | client process | other processes "
        "| load avg before / after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        *[sweep_row(row) for row in rows],
        "",
    ]
    if 1 in by_n and max(by_n) > 1:
        top = by_n[max(by_n)]
        base_p90 = percentile(by_n[1].latencies_s, 90)
        top_p90 = percentile(top.latencies_s, 90)
        ratio = top_p90 / base_p90 if base_p90 == base_p90 and base_p90 > 0 else float("nan")
        within = ratio == ratio and ratio <= 1.2 and top.unanswered == 0 and top.stalled == 0
        verdict = f"**{'within' if within else 'not within'} 20%** of one session's p90"
        if top.latencies_s:
            measured = (
                f"{top.sessions} sessions' p90 is {top_p90 * 1000:.0f} ms against {base_p90 * 1000:.0f} ms "
                f"for one session ({ratio:.2f}x)"
            )
        else:
            measured = f"At {top.sessions} sessions no answer got a reply within {REPLY_TIMEOUT_S:.0f} s"
        problems = [
            f"{top.unanswered} of {top.answers} answers unanswered" if top.unanswered else "",
            f"{top.stalled} of {top.sessions} sessions stalled" if top.stalled else "",
        ]
        details = ", ".join(p for p in problems if p)
        lines.append(f"{measured}: {verdict}" + (f" ({details})." if details else "."))
        lines.append("")
    if note:
        lines += [note, ""]
    return lines


# -- report ------------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def latency_row(name: str, outcome: Outcome) -> str:
    v, p = outcome.latencies_s, outcome.pipeline_latencies_s
    return (
        f"| {name} | {len(v)} | {percentile(v, 50) * 1000:.0f} | {percentile(v, 90) * 1000:.0f} | "
        f"{max(v, default=float('nan')) * 1000:.0f} | {percentile(p, 50) * 1000:.0f} | "
        f"{outcome.load_average:.1f} |"
    )


def pause_rows(outcome: Outcome) -> list[str]:
    rows = []
    for label in PAUSED:
        hits = [cut for lab, cut in outcome.cut if lab == label]
        rows.append(f"| {label} | {len(hits)} | {sum(hits)} |")
    total = [cut for _, cut in outcome.cut]
    rows.append(f"| **all** | {len(total)} | {sum(total)} ({sum(total) / max(len(total), 1):.0%}) |")
    return rows


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
        cpu = names[0] if names else cpu
    return f"{platform.system()} {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def split_sections(text: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """A markdown file as its preamble and its "## " sections (heading line, body lines)."""
    preamble: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("## "):
            sections.append((line, []))
        elif sections:
            sections[-1][1].append(line)
        else:
            preamble.append(line)
    return preamble, sections


GENERATED = ("## voice-to-voice latency", "## does a", SWEEP_HEADING.lower())


def merge_report(existing: str, preamble: list[str] | None, generated: list[list[str]]) -> str:
    """The report with its generated sections replaced by the new ones and every other section kept.

    Generated sections come first, in GENERATED order (a section not regenerated keeps its old text);
    the notes and any other sections follow in their old order.
    """
    old_preamble, old_sections = split_sections(existing)
    out = list(preamble if preamble is not None else old_preamble)
    for kind in GENERATED:
        new = [block for block in generated if block[0].lower().startswith(kind)]
        old = [[h, *body] for h, body in old_sections if h.lower().startswith(kind)]
        for block in (new or old)[:1]:
            out += block
    for heading, body in old_sections:
        if not heading.lower().startswith(GENERATED):
            out += [heading, *body]
    spaced: list[str] = []
    for line in out:
        if line.startswith("## ") and spaced and spaced[-1].strip():
            spaced.append("")
        spaced.append(line)
    out = spaced
    return "\n".join(line.rstrip() for line in out).rstrip() + "\n"


def write_report(
    latency: dict[str, Outcome] | None,
    pauses: Outcome | None,
    started: float,
    sweep: list[str] | None = None,
) -> None:
    generated: list[list[str]] = []
    preamble = None
    if latency is not None and pauses is not None:
        preamble = [
            "# Voice benchmark",
            "",
            f"Machine: {machine()}. Date: {time.strftime('%Y-%m-%d')}. "
            f"Run time {time.time() - started:.0f} s.",
            "Transport: SmallWebRTC over loopback with an aiortc candidate client (Opus both ways).",
            "Latency: client-side, from the last audible sample of the answer to the first audible "
            "interviewer",
            "sample. Pipeline p50: Pipecat's UserBotLatencyObserver (VAD user silence -> first bot audio).",
            "The turn-end policy waits 0.7 s after a finished-sounding answer "
            "(see pipelines/turn_policy.py).",
            "",
        ]
        generated += [
            [
                "## Voice-to-voice latency",
                "",
                "| stack | turns | p50 ms | p90 ms | max ms | pipeline p50 ms | load avg |",
                "|---|---|---|---|---|---|---|",
                *[latency_row(name, outcome) for name, outcome in latency.items()],
                "",
            ],
            [
                f"## Does a {PAUSE_S:.0f} s thinking pause end the turn? (offline stack)",
                "",
                f"Load average at the end: {pauses.load_average:.1f}.",
                "",
                "| pause placed | answers | interviewer cut in |",
                "|---|---|---|",
                *pause_rows(pauses),
                "",
            ],
        ]
    if sweep:
        generated.append(sweep)
    existing = RESULTS.read_text() if RESULTS.exists() else ""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(merge_report(existing, preamble, generated))


async def main(
    turns: int, pause_answers: int, sweep: bool, sweep_only: bool, sweep_turns: int, levels: tuple[int, ...]
) -> None:
    started = time.time()
    allow_loopback_ice()
    latency: dict[str, Outcome] | None = None
    pauses: Outcome | None = None
    if not sweep_only:
        models = load_models(VoiceConfig())
        voice = load_piper_voice()
        fluent = [render_answer(voice, q, t) for q, t in FLUENT]
        paused = {label: render_answer(voice, q, t) for label, (q, t) in PAUSED.items()}
        plan = [("fluent", fluent[i % len(fluent)]) for i in range(turns)]
        stacks = {
            "(a) instant fakes": (fake_services(0.0, 0.0), 0.0),
            "(b) cloud simulators": (fake_services(0.15, 0.15), 0.4),
            "(c) offline whisper tiny.en + Piper": (offline_services(models), 0.0),
        }
        latency = {}
        for name, (services, llm_delay) in stacks.items():
            latency[name] = await run_session(models, services, BenchBrain(llm_delay), plan)
            print(latency_row(name, latency[name]), flush=True)
        labels = list(paused)
        pause_plan = [
            (labels[i % len(labels)], paused[labels[i % len(labels)]]) for i in range(pause_answers)
        ]
        pauses = await run_session(models, offline_services(models), BenchBrain(), pause_plan)
    section = None
    if sweep or sweep_only:
        delays = (0.0, 0.0, 0.0)
        rows = await run_sweep(levels, sweep_turns, delays)
        section = sweep_section(rows, sweep_turns, delays)
    write_report(latency, pauses, started, section)
    print(RESULTS.read_text())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=21)
    parser.add_argument("--pause-answers", type=int, default=25)
    parser.add_argument("--no-sweep", action="store_true", help="skip the concurrency sweep")
    parser.add_argument("--sweep-only", action="store_true", help="run only the concurrency sweep")
    parser.add_argument("--sweep-turns", type=int, default=6, help="answers per session in the sweep")
    parser.add_argument("--sweep-levels", default=",".join(map(str, SWEEP_LEVELS)))
    parser.add_argument("--serve-sweep", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--sweep-delays", default="0,0,0", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_sweep:
        stt, tts, llm = (float(x) for x in args.sweep_delays.split(","))
        asyncio.run(serve_sweep(args.serve_sweep, stt, tts, llm))
    else:
        levels = tuple(int(x) for x in args.sweep_levels.split(",") if x.strip())
        asyncio.run(
            main(args.turns, args.pause_answers, not args.no_sweep, args.sweep_only, args.sweep_turns, levels)
        )

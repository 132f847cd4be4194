"""Voice-to-voice latency and thinking-pause survival, over SmallWebRTC on loopback.

Run: .venv/bin/python -m bench.voice_latency [--turns 21] [--pause-answers 25]
Writes bench/results/voice.md. A candidate client (aiortc) speaks Piper-rendered answers into
the real interview pipeline; latency is measured at the client, from the last audible sample
of an answer to the first audible interviewer sample.

Stacks: (a) instant fake providers, (b) cloud-latency simulators (STT final 150 ms after the
segment is handed over, interviewer "LLM" first token 400 ms, TTS first audio 150 ms), (c) the
offline stack (whisper tiny.en + Piper). The pause test plays answers containing a 2 s thinking
pause through the offline stack and counts how often the interviewer starts talking in it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
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
from pipelines.testing import CandidateClient
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


def write_report(latency: dict[str, Outcome], pauses: Outcome, started: float) -> None:
    lines = [
        "# Voice benchmark",
        "",
        f"Machine: {machine()}. Date: {time.strftime('%Y-%m-%d')}. Run time {time.time() - started:.0f} s.",
        "Transport: SmallWebRTC over loopback with an aiortc candidate client (Opus both ways).",
        "Latency: client-side, from the last audible sample of the answer to the first audible interviewer",
        "sample. Pipeline p50: Pipecat's UserBotLatencyObserver (VAD user silence -> first bot audio).",
        "The turn-end policy waits 0.7 s after a finished-sounding answer (see pipelines/turn_policy.py).",
        "",
        "## Voice-to-voice latency",
        "",
        "| stack | turns | p50 ms | p90 ms | max ms | pipeline p50 ms | load avg |",
        "|---|---|---|---|---|---|---|",
        *[latency_row(name, outcome) for name, outcome in latency.items()],
        "",
        f"## Does a {PAUSE_S:.0f} s thinking pause end the turn? (offline stack)",
        "",
        f"Load average at the end: {pauses.load_average:.1f}.",
        "",
        "| pause placed | answers | interviewer cut in |",
        "|---|---|---|",
        *pause_rows(pauses),
        "",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines))


async def main(turns: int, pause_answers: int) -> None:
    started = time.time()
    allow_loopback_ice()
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
    pause_plan = [(labels[i % len(labels)], paused[labels[i % len(labels)]]) for i in range(pause_answers)]
    pauses = await run_session(models, offline_services(models), BenchBrain(), pause_plan)
    write_report(latency, pauses, started)
    print(RESULTS.read_text())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=21)
    parser.add_argument("--pause-answers", type=int, default=25)
    args = parser.parse_args()
    asyncio.run(main(args.turns, args.pause_answers))

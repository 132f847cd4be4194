"""`coach simulate --voice`: a whole planned interview spoken over a real SmallWebRTC call.

The interviewer is the plan-driven director inside the real voice pipeline (whisper tiny.en,
the interview turn policy, Piper), served by the same WebRTCSessionManager as the companion.
The candidate is an aiortc client on loopback: it listens to the interviewer's audio, waits
until that audio has finished playing, then speaks the scripted answer of the requested
quality (coach/interview/simulated.py), rendered with Piper, as real audio.

At the end it prints the transcript as the pipeline's sink recorded it, and a latency table
per answer: from the candidate's last audible sample to the first audible interviewer sample
at the client, with the pipeline's own per-service breakdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from pipecat.frames.frames import TTSTextFrame
from pipecat.observers.base_observer import BaseObserver, FramePushed
from pipecat.processors.frame_processor import FrameDirection
from pipecat.transports.base_output import BaseOutputTransport

from coach.interview.schema import InterviewPlan, PlanQuestion, TranscriptTurn
from coach.interview.simulated import QUALITIES, SILENCE_S, SimulatedCandidate
from pipelines.config import VoiceConfig
from pipelines.models import Models, load_models, load_piper_voice
from pipelines.testing import CLIENT_RATE, CandidateClient
from pipelines.transcript import ListSink
from pipelines.webrtc import WebRTCSessionManager, allow_loopback_ice

SESSION_ID = "simulation"
QUIET_AFTER_S = 0.4  # silence at the client after the interviewer's last word before the candidate answers
STALLED_S = 5.0  # silence after which a line counts as over even if its last words were never played
REPLY_TIMEOUT_S = 45.0  # an answer with no interviewer audio after this long means the session is stuck
CONNECT_TIMEOUT_S = 30.0


class VoiceSimulationError(SystemExit):
    """The spoken interview did not complete; the message says where it stopped (exit status 1)."""

    def __init__(self, message: str):
        super().__init__(f"voice simulation failed: {message}")
        self.message = message


@dataclass
class AnswerTiming:
    """One spoken answer and what the client heard after it."""

    index: int
    question_id: str | None
    quality: str
    text: str  # what the candidate said (before speech recognition)
    audio_s: float
    speech_end: float | None = None  # wall time of the answer's last audible sample
    first_reply_audio: float | None = None  # wall time of the first audible interviewer sample after it
    pipeline: dict | None = None  # the pipeline's latency record for this turn, when it reported one

    @property
    def latency_s(self) -> float | None:
        if self.speech_end is None or self.first_reply_audio is None:
            return None
        return self.first_reply_audio - self.speech_end


@dataclass
class VoiceSimulationResult:
    plan: InterviewPlan
    turns: list[TranscriptTurn]
    answers: list[AnswerTiming]
    asked_question_ids: list[str]
    started_at: datetime
    wall_s: float
    completed: bool = True
    states: list[str] = field(default_factory=list)


class TimedSink(ListSink):
    """ListSink that also notes when each latency record arrived, to match it to an answer."""

    def __init__(self) -> None:
        super().__init__()
        self.latency_at: list[float] = []

    def on_latency(self, record: dict) -> None:
        super().on_latency(record)
        self.latency_at.append(time.time())


class SpokenText(BaseObserver):
    """The interviewer's words as the output transport releases them, each with its audio.

    Under CPU load Piper can fall behind between two sentences of one line, and the pipeline then
    reports the interviewer as stopped. A candidate who answered in that gap would cut in, so the
    candidate also waits until the caption's last words have actually been played.
    """

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []

    async def on_push_frame(self, data: FramePushed) -> None:
        if (
            isinstance(data.frame, TTSTextFrame)
            and isinstance(data.source, BaseOutputTransport)
            and data.direction == FrameDirection.DOWNSTREAM
        ):
            self.words.extend(_words(data.frame.text))

    def covers(self, start: int, text: str) -> bool:
        """Whether the words played since index `start` end the way `text` ends."""
        expected, played = _words(text), self.words[start:]
        if not expected:
            return True
        tail = expected[-2:]
        return len(played) >= len(expected) * 0.8 and _is_subsequence(tail, played[-(len(tail) + 4) :])


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


class ClientLog:
    """The messages the candidate's page would get: state changes and captions, timestamped."""

    def __init__(self, client: CandidateClient):
        self.states: list[tuple[float, str]] = []
        self.captions: list[tuple[float, dict]] = []  # interviewer captions, in order
        self._changed = asyncio.Event()
        self._task = asyncio.ensure_future(self._read(client))

    async def _read(self, client: CandidateClient) -> None:
        while True:
            message = await client.messages.get()
            if message.get("type") == "state":
                self.states.append((time.time(), message["state"]))
            elif message.get("type") == "caption" and message.get("role") == "interviewer":
                self.captions.append((time.time(), message))
            self._changed.set()

    async def changed(self, timeout_s: float) -> None:
        self._changed.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), timeout=timeout_s)

    def last_state(self) -> str | None:
        return self.states[-1][1] if self.states else None

    def close(self) -> None:
        self._task.cancel()


# -- the candidate's voice ---------------------------------------------------------------------------


def render_speech(voice: Any, text: str, *, length_scale: float = 1.0) -> bytes:
    """Speak text with Piper as 16 kHz mono PCM16, with a short silent tail (an empty text is silence)."""
    import soxr
    from piper.config import SynthesisConfig

    if not text.strip():
        return b""
    parts = []
    for chunk in voice.synthesize(text, syn_config=SynthesisConfig(length_scale=length_scale)):
        audio = np.frombuffer(chunk.audio_int16_bytes, dtype=np.int16).astype(np.float32) / 32768.0
        parts.append(soxr.resample(audio, chunk.sample_rate, CLIENT_RATE))
    audio = np.concatenate([*parts, np.zeros(int(0.3 * CLIENT_RATE), dtype=np.float32)])
    return (np.clip(audio, -1, 1) * 32767).astype(np.int16).tobytes()


def cap_follow_ups(plan: InterviewPlan, max_follow_ups: int | None) -> InterviewPlan:
    """The same plan with at most max_follow_ups probes per question (None keeps the plan's own)."""
    if max_follow_ups is None:
        return plan
    questions = [
        q.model_copy(update={"max_follow_ups": min(q.max_follow_ups, max_follow_ups)}) for q in plan.questions
    ]
    return plan.model_copy(update={"questions": questions})


# -- the run -----------------------------------------------------------------------------------------


async def run_voice_simulation(
    plan: InterviewPlan,
    qualities: list[str] | str = "strong",
    *,
    max_follow_ups: int | None = 0,
    speaking_rate: float = 1.25,
    timeout_s: float | None = None,
    reply_timeout_s: float = REPLY_TIMEOUT_S,
    config: VoiceConfig | None = None,
    models: Models | None = None,
    out: Callable[[str], Any] = print,
    log_level: str | None = "ERROR",
) -> VoiceSimulationResult:
    """Speak a whole interview through the offline voice pipeline and print transcript and latencies.

    qualities: the candidate's answer quality per question (the last repeats), as in `coach simulate`.
    Spoken time is real time, so by default each planned question is asked once: max_follow_ups caps
    the director's probes per question (None keeps the plan's own, as in the text run; retries of an
    unusable answer are not capped), and speaking_rate > 1 makes the synthetic candidate talk faster
    (1.25 is still recognised as well as normal speed). timeout_s bounds the whole run
    (default: the plan's duration plus two minutes). log_level quiets the pipeline's own logging on
    stderr for the run (None leaves it as configured). Raises VoiceSimulationError (a SystemExit with
    status 1) when the interview does not reach its closing line.
    """
    with _log_level(log_level):
        return await _simulate(
            plan,
            qualities,
            max_follow_ups=max_follow_ups,
            speaking_rate=speaking_rate,
            timeout_s=timeout_s,
            reply_timeout_s=reply_timeout_s,
            config=config,
            models=models,
            out=out,
        )


@contextlib.contextmanager
def _log_level(level: str | None):
    if level is None:
        yield
        return
    from loguru import logger

    def to_stderr(message: str) -> None:  # whatever sys.stderr is at the time (test runners swap it)
        sys.stderr.write(message)

    logger.remove()
    handler = logger.add(to_stderr, level=level)
    try:
        yield
    finally:
        logger.remove(handler)
        logger.add(to_stderr)  # loguru's default level: everything


async def _simulate(
    plan: InterviewPlan,
    qualities: list[str] | str,
    *,
    max_follow_ups: int | None,
    speaking_rate: float,
    timeout_s: float | None,
    reply_timeout_s: float,
    config: VoiceConfig | None,
    models: Models | None,
    out: Callable[[str], Any],
) -> VoiceSimulationResult:
    qualities = [qualities] if isinstance(qualities, str) else list(qualities) or ["strong"]
    unknown = sorted(set(qualities) - set(QUALITIES))
    if unknown:
        raise VoiceSimulationError(f"unknown answer quality {', '.join(unknown)}; use {', '.join(QUALITIES)}")
    from coach.interview.director import PlanDirector

    plan = cap_follow_ups(plan, max_follow_ups)
    # A silent candidate gets the same few seconds as in the text simulation, not two minutes.
    config = config or VoiceConfig(idle_timeout_s=SILENCE_S, max_duration_s=plan.duration_min * 60.0)
    timeout_s = timeout_s if timeout_s is not None else plan.duration_min * 60.0 + 120.0
    allow_loopback_ice()
    loaded = time.time()
    models = models or await asyncio.to_thread(load_models, config)
    voice = await asyncio.to_thread(load_piper_voice)  # the candidate's own voice instance
    out(f"Voice stack loaded in {time.time() - loaded:.1f} s; connecting over SmallWebRTC (loopback).")

    brain = PlanDirector(plan, clock=time.monotonic)
    candidate = SimulatedCandidate(plan.role_kit, qualities if len(qualities) > 1 else qualities[0])
    sink, spoken = TimedSink(), SpokenText()
    manager = WebRTCSessionManager(config, models, extra_observers=lambda: [spoken])
    client = CandidateClient()
    started_at, wall_start = datetime.now(UTC), time.time()
    answers: list[AnswerTiming] = []
    log: ClientLog | None = None
    failure: str | None = None
    try:
        answer = await manager.handle_offer(SESSION_ID, await client.offer(), lambda: brain, sink)
        await client.accept(answer)
        log = ClientLog(client)
        conversation = _converse(
            client,
            log,
            spoken,
            brain,
            candidate,
            voice,
            answers,
            speaking_rate=speaking_rate,
            reply_timeout_s=reply_timeout_s,
        )
        await asyncio.wait_for(conversation, timeout=timeout_s)
        if not await manager.wait_finished(SESSION_ID, timeout_s=15.0):
            failure = "the closing line was spoken but the session did not end within 15 s"
    except TimeoutError:
        failure = f"the interview did not finish within {timeout_s:.0f} s"
    except VoiceSimulationError as e:
        failure = e.message
    finally:
        if log is not None:
            log.close()
        await client.close()
        await manager.shutdown()
    wall_s = time.time() - wall_start

    _match_pipeline_latencies(answers, sink)
    result = VoiceSimulationResult(
        plan=plan,
        turns=sink.turns,
        answers=answers,
        asked_question_ids=list(brain.asked_question_ids),
        started_at=started_at,
        wall_s=wall_s,
        completed=failure is None,
        states=list(sink.states),
    )
    out(format_voice_transcript(result))
    out("")
    out(format_latency_table(result))
    out("")
    out(f"Interview {'completed' if failure is None else 'did NOT complete'} in {wall_s:.1f} s of wall time.")
    if failure is not None:
        raise VoiceSimulationError(failure)
    return result


async def _converse(
    client: CandidateClient,
    log: ClientLog,
    spoken: SpokenText,
    brain: Any,
    candidate: SimulatedCandidate,
    voice: Any,
    answers: list[AnswerTiming],
    *,
    speaking_rate: float,
    reply_timeout_s: float,
) -> None:
    """Listen, answer, repeat until the interviewer has said its closing line."""
    heard_from = 0.0
    captions_seen = 0
    while True:
        words_from = len(spoken.words)
        # Wait for the interviewer to start speaking, then for its audio to end at the client.
        await _wait_state(
            log,
            {"speaking"},
            after=heard_from,
            timeout_s=reply_timeout_s,
            what="the interviewer to speak"
            if not answers
            else f"the interviewer to speak after answer {len(answers)}",
        )
        if len(log.captions) <= captions_seen:
            raise VoiceSimulationError("the interviewer spoke without a caption of what it said")
        said = " ".join(m["text"] for _, m in log.captions[captions_seen:])
        kind = log.captions[-1][1].get("kind")
        captions_seen = len(log.captions)
        question: PlanQuestion | None = brain.current_question
        text = candidate.answer(question, said) if kind != "closing" else ""
        quality = candidate.quality_for(question)
        # Render while the interviewer is still talking: the answer starts as soon as it stops.
        rendering = asyncio.ensure_future(
            asyncio.to_thread(render_speech, voice, text, length_scale=1.0 / speaking_rate)
        )
        try:
            finished = await _wait_interviewer_done(
                client, log, functools.partial(spoken.covers, words_from, said), timeout_s=reply_timeout_s
            )
            pcm = await rendering
        finally:
            rendering.cancel()
        if finished == "ended":
            return
        heard_from = time.time()
        if not pcm:
            # A silent candidate: the interviewer's idle nudge, then its closing, are the next lines.
            continue
        timing = AnswerTiming(
            index=len(answers) + 1,
            question_id=question.id if question else None,
            quality=quality,
            text=text,
            audio_s=len(pcm) / 2 / CLIENT_RATE,
        )
        answers.append(timing)
        client.track.play(pcm)
        await client.track.finished.wait()
        timing.speech_end = client.track.last_loud_sent_at or time.time()
        heard_from = timing.speech_end
        timing.first_reply_audio = await client.meter.first_loud_after(
            timing.speech_end, timeout_s=reply_timeout_s
        )
        if timing.first_reply_audio is None:
            raise VoiceSimulationError(
                f"no interviewer audio within {reply_timeout_s:.0f} s after answer {timing.index} "
                f"({timing.quality}, question {timing.question_id})"
            )


async def _wait_state(log: ClientLog, states: set[str], *, after: float, timeout_s: float, what: str) -> str:
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        for t, state in log.states:
            if t > after and state in states:
                return state
        if any(t > after and s == "ended" for t, s in log.states) and "ended" not in states:
            raise VoiceSimulationError(f"the session ended while waiting for {what}")
        await log.changed(timeout_s=0.1)
    raise VoiceSimulationError(f"timed out after {timeout_s:.0f} s waiting for {what}")


async def _wait_interviewer_done(
    client: CandidateClient, log: ClientLog, line_played: Callable[[], bool], *, timeout_s: float
) -> str:
    """Until the pipeline reports listening (or ended), the whole line has been played, and the client
    has heard QUIET_AFTER_S of silence since (STALLED_S when the line's last words never came)."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        state = log.last_state()
        last_loud = client.meter.loud_at[-1] if client.meter.loud_at else 0.0
        quiet = time.time() - last_loud
        if state == "ended" or (state == "listening" and quiet >= QUIET_AFTER_S and line_played()):
            return state
        if state == "listening" and quiet >= STALLED_S:
            return state
        await asyncio.sleep(0.05)
    raise VoiceSimulationError(f"the interviewer was still speaking after {timeout_s:.0f} s")


def _match_pipeline_latencies(answers: list[AnswerTiming], sink: TimedSink) -> None:
    """Give each answer the pipeline latency record that arrived between its end and the reply heard."""
    records = [
        (at, r) for at, r in zip(sink.latency_at, sink.latencies, strict=False) if r.get("user_turn_s")
    ]
    for timing in answers:
        if timing.speech_end is None or timing.first_reply_audio is None:
            continue
        for at, record in records:
            if timing.speech_end < at <= timing.first_reply_audio + 1.0:
                timing.pipeline = record
                break


# -- output ------------------------------------------------------------------------------------------


def format_voice_transcript(result: VoiceSimulationResult) -> str:
    origin = result.started_at

    def seconds(at: datetime | None) -> str:
        return f"{(at - origin).total_seconds():6.1f}" if at is not None else "     ?"

    lines = ["Transcript (as recorded by the pipeline; candidate text is what whisper heard):"]
    for t in result.turns:
        who = "Interviewer" if t.role == "interviewer" else "Candidate  "
        tag = f" ({t.kind})" if t.role == "interviewer" else ""
        cut = " [interrupted]" if t.interrupted else ""
        lines.append(f"[{seconds(t.started_at)} s - {seconds(t.ended_at)} s] {who}{tag}: {t.text}{cut}")
    if not result.turns:
        lines.append("  (no turns were recorded)")
    return "\n".join(lines)


def format_latency_table(result: VoiceSimulationResult) -> str:
    lines = [
        "Latency per answer: candidate speech end -> first interviewer audio heard at the client.",
        "Pipeline: VAD silence -> first bot audio at the server, with its breakdown (ms).",
        "",
        "| # | question | quality | answer s | voice-to-voice ms | pipeline ms | breakdown |",
        "|---|---|---|---|---|---|---|",
    ]
    for a in result.answers:
        latency = f"{a.latency_s * 1000:.0f}" if a.latency_s is not None else "-"
        pipeline = f"{a.pipeline['latency_s'] * 1000:.0f}" if a.pipeline else "-"
        lines.append(
            f"| {a.index} | {a.question_id or '-'} | {a.quality} | {a.audio_s:.1f} | {latency} | "
            f"{pipeline} | {_breakdown(a.pipeline)} |"
        )
    measured = [a.latency_s for a in result.answers if a.latency_s is not None]
    pipeline_s = [a.pipeline["latency_s"] for a in result.answers if a.pipeline]
    lines.append("")
    if measured:
        lines.append(
            f"voice-to-voice over {len(measured)} answers: p50 {_pct(measured, 50)} ms, "
            f"p90 {_pct(measured, 90)} ms, max {max(measured) * 1000:.0f} ms"
        )
    else:
        lines.append("voice-to-voice: no answer was measured")
    if pipeline_s:
        lines.append(f"pipeline: p50 {_pct(pipeline_s, 50)} ms, p90 {_pct(pipeline_s, 90)} ms")
    return "\n".join(lines)


def _breakdown(record: dict | None) -> str:
    if not record:
        return "-"
    parts = [f"{p['label']} {p['seconds'] * 1000:.0f}" for p in record.get("parts", []) if p.get("seconds")]
    return ", ".join(parts) or "-"


def _pct(values: list[float], q: float) -> str:
    return f"{float(np.percentile(values, q)) * 1000:.0f}"

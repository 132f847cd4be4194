"""The voice interview pipeline: audio in, understanding, the interviewer's decision, speech out.

Building is separate from running so tests and the LiveKit worker can assemble the same
pipeline around a different transport.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipecat.audio.vad.silero import SileroVADAnalyzer
from pipecat.audio.vad.vad_analyzer import VADParams
from pipecat.observers.service_metrics_observer import ServiceMetricsObserver
from pipecat.observers.user_bot_latency_observer import UserBotLatencyObserver
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.aggregators.llm_response_universal import (
    LLMContextAggregatorPair,
    LLMUserAggregatorParams,
)
from pipecat.turns.user_start import TranscriptionUserTurnStartStrategy, VADUserTurnStartStrategy
from pipecat.turns.user_turn_strategies import UserTurnStrategies
from pipecat.workers.runner import WorkerRunner

from coach.interview.protocol import InterviewerBrain
from pipelines.config import VoiceConfig
from pipelines.interviewer import InterviewerProcessor
from pipelines.listen_tap import ListenTap, Role
from pipelines.models import Models
from pipelines.services import Services, make_services
from pipelines.smart_turn import SmartTurnScorer
from pipelines.transcript import TranscriptRecorder, TurnSink, latency_record, report, usage_records
from pipelines.turn_policy import TurnEndPolicy
from pipelines.turn_taking import InterviewTurnStopStrategy


@dataclass(frozen=True)
class ListenIn:
    """Where a session's audio goes for coaches listening in: the live bus and the session's key on it."""

    bus: Any
    session_id: str

    def tap(self, role: Role) -> ListenTap:
        return ListenTap(self.bus, self.session_id, role)


@dataclass
class InterviewPipeline:
    pipeline: Pipeline
    params: PipelineParams
    observers: list[Any]
    interviewer: InterviewerProcessor
    turn_strategy: InterviewTurnStopStrategy
    recorder: TranscriptRecorder

    def make_worker(self, *, idle_timeout_s: float) -> PipelineWorker:
        # Pipecat cancels a pipeline idle for 300 s; candidates think in silence, and the
        # interviewer has its own idle nudge, so the worker's limit only catches a dead call.
        return PipelineWorker(
            self.pipeline,
            params=self.params,
            observers=self.observers,
            idle_timeout_secs=idle_timeout_s,
            enable_rtvi=False,
        )


def build_interview_pipeline(
    *,
    transport: Any,
    config: VoiceConfig,
    models: Models,
    brain: InterviewerBrain,
    sink: TurnSink | None,
    services: Services | None = None,
    listen: ListenIn | None = None,
) -> InterviewPipeline:
    """`listen` copies both sides' audio to the live bus for coaches (embedded WebRTC and phone; a LiveKit
    coach joins the room instead)."""
    services = services or make_services(config, models)
    turn_strategy = make_turn_strategy(config, models)
    aggregators = LLMContextAggregatorPair(LLMContext(), user_params=_user_params(config, turn_strategy))
    interviewer = InterviewerProcessor(
        brain,
        sink=sink,
        idle_timeout_s=config.idle_timeout_s,
        max_duration_s=config.max_duration_s,
        on_question=turn_strategy.expect,
    )
    stages = [
        transport.input(),  # candidate audio, 16 kHz mono
        listen.tap("candidate") if listen else None,  # the microphone as it arrives, for a listening coach
        services.stt,  # speech to text, one transcript per voiced segment
        aggregators.user(),  # VAD + the interview-aware turn end; barge-in interrupts the interviewer
        interviewer,  # decides and phrases what the interviewer says next
        services.tts,  # text to speech
        services.avatar,  # optional lip-synced avatar video and audio
        transport.output(),  # interviewer audio (and captions/state messages) to the candidate
        listen.tap("interviewer") if listen else None,  # only audio actually played, cut at barge-in
        aggregators.assistant(),  # what was actually spoken, with the interrupted flag
    ]
    recorder = _recorder(sink, interviewer, services, aggregators, transport)
    return InterviewPipeline(
        pipeline=Pipeline([stage for stage in stages if stage is not None]),
        params=_pipeline_params(config),
        observers=[recorder, *_telemetry_observers(sink)],
        interviewer=interviewer,
        turn_strategy=turn_strategy,
        recorder=recorder,
    )


def _recorder(
    sink: TurnSink | None,
    interviewer: InterviewerProcessor,
    services: Services,
    aggregators: LLMContextAggregatorPair,
    transport: Any,
) -> TranscriptRecorder:
    recorder = TranscriptRecorder(
        sink,
        current_reply=lambda: interviewer.current_reply,
        notify=interviewer.send_client_message,
        stt=services.stt,
        user_aggregator=aggregators.user(),
        output=transport.output(),
    )
    recorder.attach(aggregators.user(), aggregators.assistant())
    return recorder


def _pipeline_params(config: VoiceConfig) -> PipelineParams:
    return PipelineParams(
        audio_in_sample_rate=config.in_sample_rate,
        audio_out_sample_rate=config.out_sample_rate,
        enable_metrics=True,  # feeds the per-turn latency breakdown
        enable_usage_metrics=True,  # feeds the cost records (characters, audio seconds, tokens)
    )


def make_turn_strategy(config: VoiceConfig, models: Models) -> InterviewTurnStopStrategy:
    scorer = SmartTurnScorer(models.smart_turn) if models.smart_turn is not None else None
    return InterviewTurnStopStrategy(
        policy=TurnEndPolicy(config.turn), scorer=scorer, segmented_stt=config.stt_provider == "whisper"
    )


def _user_params(config: VoiceConfig, strategy: InterviewTurnStopStrategy) -> LLMUserAggregatorParams:
    t = config.turn
    vad = SileroVADAnalyzer(
        params=VADParams(
            confidence=t.vad_confidence,
            start_secs=t.vad_start_s,
            stop_secs=t.vad_stop_s,
            min_volume=t.vad_min_volume,
        )
    )
    return LLMUserAggregatorParams(
        vad_analyzer=vad,
        user_turn_strategies=UserTurnStrategies(
            start=[VADUserTurnStartStrategy(), TranscriptionUserTurnStartStrategy()], stop=[strategy]
        ),
        # The policy can wait 2.6 s after speech plus transcription time; this is only the backstop.
        user_turn_stop_timeout=t.unfinished_wait_s + 4.0,
        empty_user_turn=None,  # a cough during a question must not make the interviewer speak
    )


def _telemetry_observers(sink: TurnSink | None) -> list[Any]:
    latency, usage = UserBotLatencyObserver(), ServiceMetricsObserver()

    @latency.event_handler("on_latency_breakdown")
    async def on_latency_breakdown(_observer, breakdown):
        await report(sink, "on_latency", latency_record(breakdown))

    @usage.event_handler("on_service_usage")
    async def on_service_usage(_observer, record):
        for item in usage_records(record):
            await report(sink, "on_usage", item)

    return [latency, usage]


async def run_interview(
    *,
    transport: Any,
    config: VoiceConfig,
    models: Models,
    brain: InterviewerBrain,
    sink: TurnSink | None,
    services: Services | None = None,
    extra_observers: list[Any] | None = None,
    listen: ListenIn | None = None,
) -> None:
    """Run one interview to its end (closing line spoken, candidate gone, or time limit).

    extra_observers watch the session's frames (benchmarks, debugging) without changing it.
    """
    http_session = _avatar_http_session(config) if services is None else None
    if http_session is not None:
        services = make_services(config, models, http_session=http_session)
    built = build_interview_pipeline(
        transport=transport, config=config, models=models, brain=brain, sink=sink, services=services,
        listen=listen,
    )
    built.observers.extend(extra_observers or [])
    worker = built.make_worker(idle_timeout_s=config.idle_timeout_s * 2 + 60)
    _wire_events(transport, worker, built.interviewer)
    try:
        await _run_worker(worker)
    finally:
        if not built.interviewer.ended:  # the candidate left or the call failed before the closing line
            await report(sink, "on_state", "ended")
        if http_session is not None:
            await http_session.close()


async def _run_worker(worker: PipelineWorker) -> None:
    runner = WorkerRunner(handle_sigint=False)
    await runner.add_workers(worker)
    await runner.run()


def _avatar_http_session(config: VoiceConfig) -> Any:
    if config.avatar_provider != "heygen":
        return None
    import aiohttp

    return aiohttp.ClientSession()


def _wire_events(transport: Any, worker: PipelineWorker, interviewer: InterviewerProcessor) -> None:
    async def on_client_disconnected(_transport, _client):
        # The candidate left: stop now (every finished turn is already with the sink).
        await worker.cancel(reason="candidate disconnected")

    async def on_pipeline_error(_worker, frame):
        # STT errors travel upstream and never pass the interviewer; they surface here.
        await interviewer.handle_provider_error(getattr(frame, "error", str(frame)))

    transport.add_event_handler("on_client_disconnected", on_client_disconnected)
    worker.add_event_handler("on_pipeline_error", on_pipeline_error)

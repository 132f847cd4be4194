"""The livekit-agents worker that runs one Pipecat interview per dispatched room.

livekit-agents owns registration, explicit dispatch and the process pool; Pipecat owns the
conversation. Pipecat's LiveKitTransport opens its own room connection with a token the job mints,
so the job never calls `ctx.connect()` and must call `ctx.shutdown()` itself when the interview ends.

Job processes are started through a forkserver, so everything handed to the server (prewarm,
entrypoint, factories) must pickle: module-level functions, or the frozen dataclasses below.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from livekit.agents import AgentServer, JobContext, JobProcess
from livekit.protocol.agent import Job
from loguru import logger

from agent.room import interview_transport, job_target
from coach.interview.protocol import InterviewerBrain
from coach.livekit.credentials import livekit_credentials
from pipelines.config import VoiceConfig
from pipelines.interview import run_interview
from pipelines.models import load_models

MODELS_KEY = "models"


class BrainFactory(Protocol):
    """Builds the interviewer for a session (its plan, persona, history); may be async."""

    def __call__(self, session_id: str) -> InterviewerBrain | Awaitable[InterviewerBrain]: ...


class SinkFactory(Protocol):
    """Builds the transcript sink (`pipelines.transcript.TurnSink`) for a session; may be async."""

    def __call__(self, session_id: str) -> Any | Awaitable[Any]: ...


@dataclass(frozen=True)
class Prewarm:
    """Loads speech models once per job process, before any job is assigned to it."""

    config: VoiceConfig

    def __call__(self, proc: JobProcess) -> None:
        proc.userdata[MODELS_KEY] = load_models(self.config)


@dataclass(frozen=True)
class InterviewJob:
    settings: Any
    config: VoiceConfig
    brain_factory: BrainFactory
    sink_factory: SinkFactory

    async def __call__(self, ctx: JobContext) -> None:
        try:
            await self.run(ctx.job, ctx.proc.userdata)
        except Exception:
            logger.exception("interview job failed")
        finally:
            ctx.shutdown("interview ended")

    async def run(self, job: Job, userdata: dict) -> None:
        target = job_target(job)
        logger.info(f"interview job for session {target.session_id} in room {target.room}")
        brain = await _built(self.brain_factory, target.session_id)
        sink = await _built(self.sink_factory, target.session_id)
        # Without a prewarmed process (thread executor, failed prewarm) load here, once per process.
        models = userdata.get(MODELS_KEY) or load_models(self.config)
        await run_interview(
            transport=interview_transport(self.settings, target),
            config=self.config,
            models=models,
            brain=brain,
            sink=sink,
        )


def build_server(
    settings: Any, *, brain_factory: BrainFactory, sink_factory: SinkFactory, **server_options: Any
) -> AgentServer:
    """`server_options` go to AgentServer as given (e.g. host/port of its health endpoint)."""
    credentials = livekit_credentials(settings)
    config = VoiceConfig.from_settings(settings)
    server = AgentServer(
        ws_url=credentials.url,
        api_key=credentials.api_key,
        api_secret=credentials.api_secret,
        setup_fnc=Prewarm(config),
        # Loading whisper and Piper takes seconds on 2 cores; the default 10 s is too tight under load.
        initialize_process_timeout=120.0,
        **server_options,
    )
    server.rtc_session(
        InterviewJob(settings, config, brain_factory, sink_factory),
        agent_name=getattr(settings, "LIVEKIT_AGENT_NAME", None) or "interview-coach",
    )
    return server


async def _built(factory: Callable[[str], Any], session_id: str) -> Any:
    value = factory(session_id)
    return await value if inspect.isawaitable(value) else value

import asyncio
import os
import pickle
from types import SimpleNamespace
from unittest.mock import patch

import httpx
import pytest
from livekit.protocol.agent import Job
from livekit.protocol.models import Room

from agent.worker import InterviewJob, Prewarm, build_server
from coach.livekit.dispatch import dispatch_metadata
from coach.settings import ConfigError, Settings
from pipelines.config import VoiceConfig


def brain_for(session_id: str):
    raise LookupError(f"no plan stored for {session_id}")


def sink_for(session_id: str):
    return []


def _settings(**overrides) -> Settings:
    values = dict(
        SECRET_KEY="k" * 48,
        LIVEKIT_URL="ws://localhost:7880",
        LIVEKIT_API_KEY="devkey",
        LIVEKIT_API_SECRET="interview-coach-dev-secret-0123456789abcdef",
        LIVEKIT_AGENT_NAME="interview-coach",
    )
    return Settings(**(values | overrides))


def _job(metadata: str, room: str = "interview-s1") -> Job:
    return Job(id="AJ_1", room=Room(name=room), metadata=metadata)


@pytest.mark.parametrize("name", ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"])
def test_worker_refuses_to_start_without_livekit_settings(name):
    with pytest.raises(ConfigError, match=name):
        build_server(_settings(**{name: None}), brain_factory=brain_for, sink_factory=sink_for)


def test_job_callables_survive_the_trip_to_a_job_process():
    # livekit-agents starts job processes through a forkserver, which pickles these.
    job = pickle.loads(pickle.dumps(InterviewJob(_settings(), VoiceConfig(), brain_for, sink_for)))
    prewarm = pickle.loads(pickle.dumps(Prewarm(VoiceConfig(whisper_model="base"))))
    assert job.brain_factory is brain_for and job.settings.LIVEKIT_URL == "ws://localhost:7880"
    assert prewarm.config.whisper_model == "base"


async def test_job_ends_the_livekit_job_even_when_the_session_cannot_start():
    reasons: list[str] = []
    ctx = SimpleNamespace(job=_job(dispatch_metadata("s-9")), proc=SimpleNamespace(userdata={}))
    ctx.shutdown = reasons.append
    await InterviewJob(_settings(), VoiceConfig(), brain_for, sink_for)(ctx)
    assert reasons == ["interview ended"]


async def test_worker_registers_under_the_configured_agent_name():
    with patch.dict(os.environ):  # the running server exports LIVEKIT_* for its job processes; keep them here
        await _register_and_read_worker_info()


async def _register_and_read_worker_info() -> None:
    server = build_server(
        _settings(LIVEKIT_AGENT_NAME="coach-eu"),
        brain_factory=brain_for,
        sink_factory=sink_for,
        host="127.0.0.1",
    )
    started = asyncio.Event()
    server.on("worker_started", lambda *_: started.set())
    task = asyncio.create_task(server.run(devmode=True, unregistered=True))
    try:
        await asyncio.wait_for(started.wait(), 20)
        async with httpx.AsyncClient() as client:
            info = (await client.get(f"http://127.0.0.1:{server.worker_info.http_port}/worker")).json()
        assert info["agent_name"] == "coach-eu"
        assert info["worker_type"] == "JT_ROOM"
    finally:
        await server.aclose()
        await asyncio.wait_for(task, 20)

"""Storage-backed interviewer and sink for the LiveKit agent worker (`coach agent`).

The worker asks for the brain and the sink separately; both come from one cached pair per session so the sink
knows whether the interviewer finished.
"""

from __future__ import annotations

import uuid
from functools import lru_cache
from typing import Any

from sqlmodel import Session

from coach.interview.schema import InterviewPlan
from coach.live.bus import make_bus
from coach.queue import records
from coach.sessions.brains import build_brain
from coach.sessions.recorder import SessionRecorder
from coach.sessions.voice_sink import VoiceSessionSink
from coach.settings import get_settings
from storage.db import make_engine
from storage.models import InterviewPlanRecord, InterviewSession

_pairs: dict[str, tuple[Any, VoiceSessionSink]] = {}


@lru_cache(maxsize=1)
def _engine():  # type: ignore[no-untyped-def]
    return make_engine(get_settings().DATABASE_URL)


@lru_cache(maxsize=1)
def _bus():  # type: ignore[no-untyped-def]
    return make_bus(get_settings().REDIS_URL)


async def _queue_analysis(session_id: uuid.UUID) -> None:
    """Leave a pending job; the Redis queue or the companion's own queue picks it up."""
    engine, settings = _engine(), get_settings()
    with Session(engine) as db:
        user_id = db.get(InterviewSession, session_id).user_id
    job, created = records.create_job(engine, session_id=session_id, user_id=user_id)
    if created and settings.REDIS_URL:
        from coach.queue.redis_queue import ArqQueue

        queue = ArqQueue(settings.REDIS_URL)
        await queue.start()
        await queue.enqueue(job.id)
        await queue.stop()


def _pair(session_id: str) -> tuple[Any, VoiceSessionSink]:
    if session_id not in _pairs:
        engine, sid = _engine(), uuid.UUID(session_id)
        with Session(engine) as db:
            row = db.get(InterviewSession, sid)
            if row is None:
                raise LookupError(f"session {session_id} does not exist")
            plan = InterviewPlan.model_validate(db.get(InterviewPlanRecord, row.plan_id).plan)

        async def publish(event: dict) -> None:  # type: ignore[type-arg]
            await _bus().publish(session_id, event)

        sink = VoiceSessionSink(SessionRecorder(engine, sid, listeners=[publish]), on_ended=_queue_analysis)
        sink.brain = build_brain(plan, get_settings())
        _pairs[session_id] = (sink.brain, sink)
    return _pairs[session_id]


def brain_factory(session_id: str) -> Any:
    return _pair(session_id)[0]


def sink_factory(session_id: str) -> VoiceSessionSink:
    return _pair(session_id)[1]

"""Voice sessions inside the companion: the embedded WebRTC path and the phone socket share one model load."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from fastapi import FastAPI
from sqlmodel import Session, select

from coach.interview.schema import InterviewPlan
from coach.sessions.brains import build_brain
from coach.sessions.recorder import SessionRecorder
from coach.sessions.voice_sink import VoiceSessionSink
from storage.models import InterviewPlanRecord, InterviewSession
from storage.queries import sessions as q


class VoiceHub:
    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.settings, self.engine = app.state.settings, app.state.engine
        self._lock = asyncio.Lock()
        self.config: Any = None
        self.models: Any = None
        self._webrtc: Any = None
        self.sinks: dict[uuid.UUID, VoiceSessionSink] = {}

    async def ready(self) -> None:
        """Load speech models once per process (seconds), never per call."""
        async with self._lock:
            if self.models is not None:
                return
            from pipelines.config import VoiceConfig
            from pipelines.models import load_models

            self.config = VoiceConfig.from_settings(self.settings)
            self.models = await asyncio.to_thread(load_models, self.config)

    async def webrtc(self):  # type: ignore[no-untyped-def]
        await self.ready()
        if self._webrtc is None:
            from pipelines.webrtc import WebRTCSessionManager, allow_loopback_ice

            if self.settings.WEBRTC_LOOPBACK_ONLY:
                allow_loopback_ice()
            self._webrtc = WebRTCSessionManager(self.config, self.models, listen_bus=self.app.state.bus)
        return self._webrtc

    def session_parts(self, session_id: uuid.UUID) -> tuple[Any, VoiceSessionSink]:
        """The interviewer and the recording sink for one stored session."""
        with Session(self.engine) as db:
            row = db.get(InterviewSession, session_id)
            plan = InterviewPlan.model_validate(db.get(InterviewPlanRecord, row.plan_id).plan)
        bus = self.app.state.bus

        async def publish(event: dict) -> None:  # type: ignore[type-arg]
            await bus.publish(str(session_id), event)

        recorder = SessionRecorder(self.engine, session_id, listeners=[publish])
        sink = VoiceSessionSink(recorder, on_ended=self.app.state.on_session_ended)
        sink.brain = build_brain(plan, self.settings)
        self.sinks[session_id] = sink
        return sink.brain, sink

    async def offer(self, session_id: uuid.UUID, offer: dict) -> dict:  # type: ignore[type-arg]
        manager = await self.webrtc()
        brain, sink = self.session_parts(session_id)
        return await manager.handle_offer(str(session_id), offer, lambda: brain, sink)

    async def ice(self, session_id: uuid.UUID, pc_id: str, candidates: list[dict]) -> None:  # type: ignore[type-arg]
        manager = await self.webrtc()
        await manager.handle_ice(str(session_id), pc_id, candidates)

    async def end(self, session_id: uuid.UUID) -> None:
        if self._webrtc is not None:
            await self._webrtc.close_session(str(session_id))
        sink = self.sinks.pop(session_id, None)
        if sink is not None:
            await sink.finish("ended_by_candidate")

    async def shutdown(self) -> None:
        if self._webrtc is not None:
            await self._webrtc.shutdown()


def mark_orphaned_voice_sessions(engine) -> int:  # type: ignore[no-untyped-def]
    """Embedded voice sessions live inside this process; any still 'live' at start-up died with the last one."""
    with Session(engine) as db:
        stmt = select(InterviewSession).where(
            InterviewSession.state == "live", InterviewSession.transport.in_(("webrtc", "phone"))
        )
        rows = list(db.exec(stmt))
        for row in rows:
            q.set_state(db, row=row, state="interrupted", reason="server_restart")
        return len(rows)

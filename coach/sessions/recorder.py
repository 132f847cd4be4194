"""Writes what happens in a live session to storage, one turn at a time, the moment it completes.

It is the pipeline's TurnSink and the text routes' writer alike, so voice and text transcripts share one store.
Database calls run in a thread so the audio loop never waits on disk.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from coach.interview.schema import TranscriptTurn
from coach.sessions.lifecycle import can_move
from storage.models import InterviewSession, TranscriptTurnRecord
from storage.queries import sessions as q

Listener = Callable[[dict[str, Any]], Awaitable[None]]


class SessionRecorder:
    def __init__(self, engine: Engine, session_id: uuid.UUID, *, listeners: list[Listener] | None = None) -> None:
        self.engine = engine
        self.session_id = session_id
        self.listeners = list(listeners or [])
        with Session(engine) as db:
            row = db.get(InterviewSession, session_id)
            if row is None:
                raise LookupError(f"session {session_id} does not exist")
            self.user_id = row.user_id

    # TurnSink --------------------------------------------------------------------------------
    async def on_turn(self, turn: TranscriptTurn) -> TranscriptTurnRecord:
        row = await asyncio.to_thread(self.write_turn, turn)
        await self._publish({"type": "turn", "role": turn.role, "kind": turn.kind, "text": turn.text,
                             "seq": row.seq, "interrupted": turn.interrupted})
        return row

    async def on_state(self, state: str) -> None:
        await self._publish({"type": "state", "state": state})

    async def on_latency(self, record: dict[str, Any]) -> None:
        total = float(record.get("total_ms") or record.get("latency_ms") or 0.0)
        await asyncio.to_thread(self._with_db, q.add_latency, total_ms=total, breakdown=record)

    async def on_usage(self, record: dict[str, Any]) -> None:
        fields = {"provider": str(record.get("provider", "unknown"))[:64], "metric": str(record.get("metric"))[:32],
                  "value": float(record.get("value") or 0.0), "cost_usd": float(record.get("cost_usd") or 0.0)}
        await asyncio.to_thread(self._with_db, q.add_usage, user_id=self.user_id, **fields)

    async def on_caption(self, role: str, text: str, final: bool) -> None:
        await self._publish({"type": "caption", "role": role, "text": text, "final": final})

    # Lifecycle -------------------------------------------------------------------------------
    async def move(self, state: str, reason: str | None = None) -> bool:
        return await asyncio.to_thread(self.move_sync, state, reason)

    def move_sync(self, state: str, reason: str | None = None) -> bool:
        with Session(self.engine) as db:
            row = db.get(InterviewSession, self.session_id)
            if row is None or not can_move(row.state, state):
                return False
            q.set_state(db, row=row, state=state, reason=reason)
            return True

    def write_turn(self, turn: TranscriptTurn) -> TranscriptTurnRecord:
        fields = turn.model_dump(exclude={"seq"})
        fields["metrics"] = turn.metrics.model_dump() if turn.metrics else None
        with Session(self.engine) as db:
            return q.append_turn(db, session_id=self.session_id, fields=fields)

    def _with_db(self, fn: Callable[..., Any], **kwargs: Any) -> Any:
        with Session(self.engine) as db:
            return fn(db, session_id=self.session_id, **kwargs)

    async def _publish(self, event: dict[str, Any]) -> None:
        for listener in self.listeners:
            try:
                await listener(event)
            except Exception:  # a dropped viewer must never break the interview
                continue

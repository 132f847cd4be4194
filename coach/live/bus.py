"""Fan-out of live events per session: in-process queues by default, Redis pub/sub when REDIS_URL is set.

Publishing never blocks the interview: a slow subscriber loses its oldest events instead of stalling the pipeline.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Any, Protocol

_QUEUE_SIZE = 256


class LiveBus(Protocol):
    async def publish(self, session_id: str, event: dict[str, Any]) -> None: ...

    def subscribe(self, session_id: str) -> AsyncIterator[dict[str, Any]]: ...

    async def close(self) -> None: ...


def _offer(queue: asyncio.Queue, event: dict[str, Any]) -> None:
    if queue.full():
        with contextlib.suppress(asyncio.QueueEmpty):
            queue.get_nowait()
    queue.put_nowait(event)


class InProcessBus:
    def __init__(self) -> None:
        self._subs: dict[str, set[asyncio.Queue]] = defaultdict(set)

    async def publish(self, session_id: str, event: dict[str, Any]) -> None:
        for queue in list(self._subs.get(session_id, ())):
            _offer(queue, event)

    def watchers(self, session_id: str) -> int:
        return len(self._subs.get(session_id, ()))

    async def subscribe(self, session_id: str) -> AsyncIterator[dict[str, Any]]:
        queue: asyncio.Queue = asyncio.Queue(_QUEUE_SIZE)
        self._subs[session_id].add(queue)
        try:
            while True:
                yield await queue.get()
        finally:
            self._subs[session_id].discard(queue)
            if not self._subs[session_id]:
                self._subs.pop(session_id, None)

    async def close(self) -> None:
        self._subs.clear()


class RedisBus:
    """Events cross processes: the agent worker or another companion replica publishes, any replica serves."""

    def __init__(self, url: str) -> None:
        import redis.asyncio as aioredis

        self._redis = aioredis.from_url(url)

    @staticmethod
    def channel(session_id: str) -> str:
        return f"coach:live:{session_id}"

    async def publish(self, session_id: str, event: dict[str, Any]) -> None:
        await self._redis.publish(self.channel(session_id), json.dumps(event))

    async def subscribe(self, session_id: str) -> AsyncIterator[dict[str, Any]]:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(self.channel(session_id))
        try:
            async for message in pubsub.listen():
                if message.get("type") == "message":
                    yield json.loads(message["data"])
        finally:
            await pubsub.unsubscribe(self.channel(session_id))
            await pubsub.aclose()

    async def close(self) -> None:
        await self._redis.aclose()


def make_bus(redis_url: str | None) -> LiveBus:
    return RedisBus(redis_url) if redis_url else InProcessBus()

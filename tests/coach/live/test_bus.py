from __future__ import annotations

import asyncio

import pytest

from coach.live.bus import InProcessBus, RedisBus


async def _first(bus, session_id: str, n: int) -> list[dict]:  # type: ignore[no-untyped-def]
    got = []
    async for event in bus.subscribe(session_id):
        got.append(event)
        if len(got) == n:
            return got
    return got


async def _roundtrip(bus) -> None:  # type: ignore[no-untyped-def]
    watcher = asyncio.create_task(_first(bus, "s1", 2))
    await asyncio.sleep(0.2)  # let the subscription register
    await bus.publish("s2", {"type": "caption", "text": "other session"})
    await bus.publish("s1", {"type": "caption", "role": "candidate", "text": "hello"})
    await bus.publish("s1", {"type": "state", "state": "thinking"})
    got = await asyncio.wait_for(watcher, 5)
    assert got == [{"type": "caption", "role": "candidate", "text": "hello"}, {"type": "state", "state": "thinking"}]


async def test_in_process_bus_delivers_only_the_watched_sessions_events() -> None:
    await _roundtrip(InProcessBus())


async def test_a_slow_watcher_loses_old_events_instead_of_blocking_the_interview() -> None:
    bus = InProcessBus()
    stream = bus.subscribe("s1")
    first = asyncio.create_task(stream.__anext__())
    await asyncio.sleep(0)
    for i in range(1000):
        await bus.publish("s1", {"i": i})  # never blocks
    oldest_kept = (await first)["i"]
    assert oldest_kept > 700  # the backlog was trimmed to the newest events
    assert (await stream.__anext__())["i"] == oldest_kept + 1
    await stream.aclose()
    assert bus.watchers("s1") == 0


@pytest.mark.redis
async def test_redis_bus_fans_out_across_connections(redis_url: str) -> None:
    publisher, watcher = RedisBus(redis_url), RedisBus(redis_url)
    task = asyncio.create_task(_first(watcher, "s1", 2))
    await asyncio.sleep(0.3)
    await publisher.publish("s2", {"type": "caption", "text": "other session"})
    await publisher.publish("s1", {"type": "caption", "role": "candidate", "text": "hello"})
    await publisher.publish("s1", {"type": "state", "state": "thinking"})
    got = await asyncio.wait_for(task, 5)
    assert [e["type"] for e in got] == ["caption", "state"]
    await publisher.close()
    await watcher.close()

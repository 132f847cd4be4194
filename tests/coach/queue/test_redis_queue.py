"""The Redis path: the companion queues analyses in arq; a worker started later still finishes them."""

from __future__ import annotations

import redis
from fastapi.testclient import TestClient

from api.main import create_app
from coach.queue.worker import build_worker
from coach.settings import Settings
from tests.api.test_analysis import STRONG, finished_session
from tests.utils import signup


def _status(client: TestClient, headers: dict[str, str], sid) -> dict:  # type: ignore[no-untyped-def]
    return client.get(f"/api/interview/sessions/{sid}/analysis/status", headers=headers).json()


async def test_queued_analysis_waits_in_redis_until_a_worker_runs_it(settings: Settings, redis_url: str) -> None:
    redis.Redis.from_url(redis_url).flushdb()
    settings = settings.model_copy(update={"REDIS_URL": redis_url})
    with TestClient(create_app(settings)) as client:
        headers = signup(client)
        sid = finished_session(client, headers, [STRONG])
        assert _status(client, headers, sid)["status"] == "PENDING"  # no worker yet: nothing ran
    # The companion is gone; the job is still in Redis and a fresh worker completes it.
    worker = build_worker(settings, burst=True)
    await worker.async_run()
    await worker.close()
    with TestClient(create_app(settings)) as client:
        status = _status(client, headers, sid)
        assert status["status"] == "COMPLETED" and status["attempts"] == 1, status
        assert client.get(f"/api/interview/sessions/{sid}", headers=headers).json()["state"] == "results"

"""Shared fixtures: a migrated database per test (SQLite always; PostgreSQL when TEST_DATABASE_URL is set)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.main import create_app
from coach.settings import Settings
from storage.db import make_engine
from storage.migrate import upgrade

PG_SKIP = "TEST_DATABASE_URL is not set: PostgreSQL tests need a server (.ci/run points them at 127.0.0.1:5432)"
REDIS_SKIP = "TEST_REDIS_URL is not set: Redis tests need a server (.ci/run points them at 127.0.0.1:6379)"


def reset_postgres(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "coach.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip(PG_SKIP)
    reset_postgres(url)
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip(REDIS_SKIP)
    return url


def _truncate_all(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        tables = [t for t in sa.inspect(conn).get_table_names() if t != "alembic_version"]
        if tables:
            conn.execute(sa.text(f"TRUNCATE {', '.join(tables)} CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "coach.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("postgres_url")
    _truncate_all(url)
    return url


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        _env_file=None, DATABASE_URL=database_url, SECRET_KEY="test-secret-" + "x" * 40, VOICE_PRELOAD=False,
        WEBRTC_LOOPBACK_ONLY=True,
        MARKET_SCHEDULE_EMBEDDED=False,  # tests/coach/market/test_schedule.py starts it where it is tested
        # The suite runs offline whatever the developer's shell exports.
        REDIS_URL=None, LLM_BASE_URL=None, LLM_API_KEY=None, LLM_MODEL=None, LIVEKIT_URL=None,
        LIVEKIT_API_KEY=None, LIVEKIT_API_SECRET=None, STT_PROVIDER="whisper", TTS_PROVIDER="piper",
        AVATAR_PROVIDER="none",
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings)
    with TestClient(app) as c:
        yield c
    app.state.engine.dispose()

from __future__ import annotations

import sqlalchemy as sa

from storage.db import make_engine
from storage.migrate import downgrade, upgrade
from tests.conftest import reset_postgres

EXPECTED = {"users", "job_targets", "interview_stages", "interview_contacts", "resumes", "transcript_turns"}


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    names = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    return names


def test_migrations_run_up_from_empty_and_down_on_sqlite(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    upgrade(url)
    assert EXPECTED <= _tables(url)
    downgrade(url, "base")
    assert _tables(url) <= {"alembic_version"}


def test_migrations_run_up_from_empty_on_postgres(postgres_url: str) -> None:
    reset_postgres(postgres_url)
    upgrade(postgres_url)
    assert EXPECTED <= _tables(postgres_url)
    downgrade(postgres_url, "base")
    assert _tables(postgres_url) <= {"alembic_version"}
    upgrade(postgres_url)  # leave it migrated for the rest of the session

"""`coach market-pulse [--date]` aggregates on demand."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import typer
from fastapi.testclient import TestClient
from sqlmodel import Session, select
from typer.testing import CliRunner

from coach.cli import app as coach_app
from coach.settings import Settings, get_settings
from storage.models import MarketStat
from tests.coach.market.jobs import save_as_new_user


@pytest.fixture
def cli(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[typer.Typer]:
    monkeypatch.setenv("DATABASE_URL", settings.DATABASE_URL)
    monkeypatch.setenv("SECRET_KEY", settings.SECRET_KEY)
    get_settings.cache_clear()
    yield coach_app
    get_settings.cache_clear()


def test_market_pulse_publishes_todays_groups_and_accepts_a_date(
    client: TestClient, cli: typer.Typer
) -> None:
    for _ in range(3):
        save_as_new_user(client, "Account Executive", "Chicago", "$70,000 - $90,000", ["Salesforce"])
    result = CliRunner().invoke(cli, ["market-pulse"])
    assert result.exit_code == 0, result.output
    assert "1 role/location groups published" in result.output
    result = CliRunner().invoke(cli, ["market-pulse", "--date", "2020-01-31"])
    assert result.exit_code == 0 and "market stats for 2020-01-31: 0 " in result.output
    with Session(client.app.state.engine) as session:
        assert [r.role for r in session.exec(select(MarketStat))] == ["account executive"]


def test_market_pulse_rejects_a_malformed_date(settings: Settings, cli: typer.Typer) -> None:
    result = CliRunner().invoke(cli, ["market-pulse", "--date", "31/01/2020"])
    assert result.exit_code != 0 and "is not a date like" in result.output

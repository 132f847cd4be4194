"""`coach market-pulse`: run the market aggregate now, for one day."""

from __future__ import annotations

from datetime import date, datetime

import typer

from storage.types import utcnow


def market_pulse(
    day: str | None = typer.Option(
        None, "--date", help="Day to aggregate, YYYY-MM-DD (default: today, UTC)."
    ),
) -> None:
    """Aggregate saved jobs into market stats for one day (safe to re-run: it replaces that day)."""
    from coach.market.aggregate import aggregate_market
    from coach.settings import get_settings
    from storage.db import make_engine

    target = _parse_day(day)
    settings = get_settings()
    engine = make_engine(settings.DATABASE_URL)
    try:
        stored = aggregate_market(engine, day=target, settings=settings)
    finally:
        engine.dispose()
    typer.echo(
        f"market stats for {target}: {stored} role/location groups published "
        f"(groups need jobs from at least {settings.MARKET_MIN_USERS} users)"
    )


def _parse_day(value: str | None) -> date:
    if value is None:
        return utcnow().date()
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-01-31", param_hint="--date") from exc

"""The `coach` command: serve, migrate, agent, simulate."""

from __future__ import annotations

import typer

app = typer.Typer(help="Interview Coach: job-aware interview practice.", no_args_is_help=True)


@app.command()
def migrate() -> None:
    """Bring the database at DATABASE_URL up to the latest schema."""
    from coach.settings import get_settings
    from storage.migrate import upgrade

    url = get_settings().DATABASE_URL
    upgrade(url)
    typer.echo(f"database is up to date ({url.split('@')[-1]})")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    reload: bool = typer.Option(False, help="Reload on code changes (development)."),
) -> None:
    """Start the companion (API, pages, embedded WebRTC voice)."""
    import uvicorn

    uvicorn.run("api.main:create_app", factory=True, host=host, port=port, reload=reload)


@app.command()
def worker() -> None:
    """Run analysis jobs from Redis (needs REDIS_URL); without Redis the companion runs them itself."""
    from coach.settings import ConfigError, get_settings

    settings = get_settings()
    if not settings.REDIS_URL:
        raise ConfigError("coach worker needs REDIS_URL; without it `coach serve` runs analyses in-process.")
    from coach.queue.worker import build_worker

    build_worker(settings).run()


if __name__ == "__main__":
    app()

"""The `coach` command: serve, migrate, agent, simulate, worker, market-pulse."""

from __future__ import annotations

from pathlib import Path

import typer

from coach.market.cli import market_pulse

app = typer.Typer(help="Interview Coach: job-aware interview practice.", no_args_is_help=True,
                  pretty_exceptions_show_locals=False)


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

    from coach.settings import ConfigError, get_settings
    from coach.startup import check_startup

    from pydantic import ValidationError

    try:
        check_startup(get_settings())
    except (ConfigError, ValidationError) as exc:  # sentences naming the variable, not a traceback
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None

    uvicorn.run("api.main:create_app", factory=True, host=host, port=port, reload=reload)


@app.command()
def agent(dev: bool = typer.Option(False, help="Development mode (single process, verbose).")) -> None:
    """Run the LiveKit interviewer worker (explicit dispatch by LIVEKIT_AGENT_NAME)."""
    from agent.main import run_worker
    from coach.sessions import agent_factories
    from coach.settings import get_settings

    run_worker(get_settings(), brain_factory=agent_factories.brain_factory,
               sink_factory=agent_factories.sink_factory, dev=dev)


@app.command()
def simulate(
    jd: Path | None = typer.Option(None, exists=True, dir_okay=False, help="A job description text file."),
    job: str | None = typer.Option(None, help="Id of a saved job target (uses DATABASE_URL)."),
    title: str | None = typer.Option(None, help="Role title, when the JD file does not state it."),
    interview_type: str = typer.Option("behavioral", "--type", help="behavioral, hr_screen, technical_verbal, case"),
    duration: int = typer.Option(15, help="Interview length in minutes."),
    quality: str = typer.Option("strong,vague,one_word,strong,rambling,strong",
                                help="Candidate answer quality per question, comma-separated "
                                     "(strong, vague, one_word, off_topic, rambling, silent); the last repeats."),
    voice: bool = typer.Option(False, help="Run through a real transport with spoken answers (see --help)."),
) -> None:
    """Run a whole interview with a scripted candidate and print the plan and transcript."""
    import asyncio

    from coach import simulate as sim

    if (jd is None) == (job is None):
        raise typer.BadParameter("give exactly one of --jd FILE or --job ID")
    text, job_title, company = (jd.read_text(), title, None) if jd else sim.job_from_db(job or "")
    plan = sim.plan_for_jd(text, title=title or job_title, interview_type=interview_type, duration_min=duration,
                           company=company)
    qualities = [q.strip() for q in quality.split(",") if q.strip()]
    typer.echo(sim.format_plan(plan) + "\n")
    if voice:
        from pipelines.simulate_voice import run_voice_simulation

        asyncio.run(run_voice_simulation(plan, qualities))
        return
    typer.echo(sim.format_transcript(asyncio.run(sim.run_text(plan, qualities))))


@app.command()
def worker() -> None:
    """Run analysis jobs from Redis (needs REDIS_URL); without Redis the companion runs them itself."""
    from coach.settings import ConfigError, get_settings

    settings = get_settings()
    if not settings.REDIS_URL:
        raise ConfigError("coach worker needs REDIS_URL; without it `coach serve` runs analyses in-process.")
    from coach.queue.worker import build_worker

    build_worker(settings).run()


app.command("market-pulse")(market_pulse)


if __name__ == "__main__":
    app()

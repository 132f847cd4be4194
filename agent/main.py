"""Composition root of the LiveKit interviewer worker (`coach agent`).

Storage-backed brain and sink factories are injected by the caller, or named in settings as
`module:function` (AGENT_BRAIN_FACTORY, AGENT_SINK_FACTORY), so this package never imports storage.
"""

from __future__ import annotations

import importlib
from typing import Any

from coach.settings import ConfigError


def run_worker(
    settings: Any,
    *,
    brain_factory: Any = None,
    sink_factory: Any = None,
    dev: bool = False,
    log_level: str | None = None,
) -> None:
    """Register with LiveKit and serve dispatched interviews until SIGINT/SIGTERM (then drain)."""
    from livekit.agents.cli import proto
    from livekit.agents.cli.cli import _run_worker

    from agent.worker import build_server
    from coach.livekit.credentials import livekit_credentials

    credentials = livekit_credentials(settings)
    server = build_server(
        settings,
        brain_factory=_factory(brain_factory, settings, "AGENT_BRAIN_FACTORY"),
        sink_factory=_factory(sink_factory, settings, "AGENT_SINK_FACTORY"),
    )
    # The same runner `python -m livekit.agents start` uses: signal handling and a drain on SIGTERM.
    args = proto.CliArgs(
        log_level=log_level or getattr(settings, "LOG_LEVEL", "INFO"),
        url=credentials.url,
        api_key=credentials.api_key,
        api_secret=credentials.api_secret,
        log_format="json" if getattr(settings, "LOG_JSON", False) else "colored",
        dev=dev,
    )
    _run_worker(server, args)


def _factory(given: Any, settings: Any, variable: str) -> Any:
    if given is not None and not isinstance(given, str):
        return given
    path = given or getattr(settings, variable, None)
    if not path:
        raise ConfigError(
            f"{variable} must name the factory as 'module:function' (or pass it to run_worker)."
        )
    return load_callable(path, variable)


def load_callable(path: str, variable: str) -> Any:
    module_name, _, attr = path.partition(":")
    try:
        target = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError, ValueError) as exc:
        raise ConfigError(f"{variable}={path!r} cannot be loaded: {exc}") from exc
    if not callable(target):
        raise ConfigError(f"{variable}={path!r} is not callable.")
    return target

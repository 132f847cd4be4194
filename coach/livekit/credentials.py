"""The LiveKit server address and key pair, read from settings with errors that name the variable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coach.settings import ConfigError

_REQUIRED = ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET")


@dataclass(frozen=True)
class LiveKitCredentials:
    url: str
    api_key: str
    api_secret: str


def livekit_credentials(settings: Any) -> LiveKitCredentials:
    """Fail at start, not at the first call, when the LiveKit path is chosen without its keys."""
    values = {name: (getattr(settings, name, None) or "").strip() for name in _REQUIRED}
    missing = [name for name, value in values.items() if not value]
    if missing:
        raise ConfigError(
            f"{', '.join(missing)} must be set to use LiveKit rooms "
            "(for a local server: LIVEKIT_URL=ws://localhost:7880, key and secret from livekit.yaml)."
        )
    return LiveKitCredentials(
        url=values["LIVEKIT_URL"], api_key=values["LIVEKIT_API_KEY"], api_secret=values["LIVEKIT_API_SECRET"]
    )

"""Checks that stop the companion at start, with a sentence naming the variable, when a chosen provider
cannot work: better than a candidate finding out mid-interview."""

from __future__ import annotations

from coach.settings import ConfigError, Settings


def check_startup(settings: Settings) -> None:
    """Raise ConfigError for the first setting that makes a selected provider unusable."""
    if (settings.LLM_BASE_URL or settings.LLM_API_KEY) and not settings.LLM_MODEL:
        raise ConfigError("LLM_MODEL must be set when LLM_BASE_URL or LLM_API_KEY is (e.g. LLM_MODEL=gpt-4o-mini).")
    if settings.FEATURE_VOICE:
        from pipelines.config import VoiceConfig

        VoiceConfig.from_settings(settings)  # STT, TTS and avatar choices and their keys
        if settings.TRANSPORT == "livekit":
            from coach.livekit.credentials import livekit_credentials

            livekit_credentials(settings)

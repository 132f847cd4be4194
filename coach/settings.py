"""One settings object for URLs, secrets and provider choices, read from the environment and `.env`."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_PLACEHOLDER_SECRETS = {"changethis", "change-me", "secret", "changeme"}
_DEV_SECRET_FILE = Path("data/.jwt-secret")


class ConfigError(RuntimeError):
    """A setting is missing or unusable; the message names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    ENVIRONMENT: Literal["local", "production"] = "local"
    DATABASE_URL: str = "sqlite:///./data/coach.db"
    REDIS_URL: str | None = None
    SECRET_KEY: str = ""
    ACCESS_TOKEN_MINUTES: int = 30
    REFRESH_TOKEN_DAYS: int = 30
    PUBLIC_BASE_URL: str = "http://localhost:8000"
    # With it set, phone calls must carry Twilio's X-Twilio-Signature for PUBLIC_BASE_URL's wss address.
    TWILIO_AUTH_TOKEN: str | None = None
    CORS_ORIGINS: list[str] = Field(default_factory=list)
    MAX_JD_CHARS: int = 50_000
    MAX_RESUME_BYTES: int = 5_000_000
    LOG_LEVEL: str = "INFO"
    LOG_JSON: bool = False

    # Voice providers: offline by default, cloud when chosen.
    STT_PROVIDER: Literal["whisper", "deepgram"] = "whisper"
    WHISPER_MODEL: Literal["tiny.en", "base"] = "tiny.en"
    DEEPGRAM_API_KEY: str | None = None
    TTS_PROVIDER: Literal["piper", "openai"] = "piper"
    OPENAI_API_KEY: str | None = None
    OPENAI_TTS_VOICE: str = "alloy"
    LLM_BASE_URL: str | None = None
    LLM_API_KEY: str | None = None
    LLM_MODEL: str | None = None
    AVATAR_PROVIDER: Literal["none", "heygen"] = "none"
    HEYGEN_API_KEY: str | None = None
    TRANSPORT: Literal["webrtc", "livekit"] = "webrtc"
    LIVEKIT_URL: str | None = None
    LIVEKIT_API_KEY: str | None = None
    LIVEKIT_API_SECRET: str | None = None
    LIVEKIT_AGENT_NAME: str = "interview-coach"
    WEBRTC_LOOPBACK_ONLY: bool = False  # offer 127.0.0.1 as the ICE candidate (same-machine tests and demos)
    VOICE_PRELOAD: bool = True  # load speech models when the companion starts
    SESSION_IDLE_TIMEOUT_S: int = 120
    SESSION_MAX_DURATION_S: int = 2700

    # Market pulse: a (role, location) aggregate is published only with jobs from this many distinct users.
    MARKET_MIN_USERS: int = Field(default=3, ge=2)
    MARKET_WINDOW_DAYS: int = Field(default=30, ge=1)
    MARKET_TOP_SKILLS: int = Field(default=20, ge=1)
    MARKET_RUN_HOUR_UTC: int = Field(default=2, ge=0, le=23)
    # Without Redis the companion schedules the daily run itself; switch off if cron runs `coach market-pulse`.
    MARKET_SCHEDULE_EMBEDDED: bool = True

    # Per-user limits in fixed windows (0 switches a limit off).
    LIMIT_SESSIONS_PER_DAY: int = Field(default=50, ge=0)
    LIMIT_ANALYSES_PER_HOUR: int = Field(default=20, ge=0)
    LIMIT_DRILL_GENERATIONS_PER_DAY: int = Field(default=20, ge=0)
    # Spend per user per UTC day (USD, every paid provider counted) past which analysis skips its LLM pass
    # and the candidate gets the offline analysis with a note saying why. 0 switches the cap off.
    ANALYSIS_DAILY_COST_CAP_USD: float = Field(default=0.0, ge=0)

    # Feature switches: a switched-off feature's routes answer 404.
    FEATURE_VOICE: bool = True
    FEATURE_ANALYSIS: bool = True
    FEATURE_DRILLS: bool = True
    FEATURE_MARKET: bool = True
    FEATURE_COACHES: bool = True

    @model_validator(mode="after")
    def _secret_key(self) -> Settings:
        if self.SECRET_KEY.lower() in _PLACEHOLDER_SECRETS:
            raise ConfigError("SECRET_KEY is a placeholder value; set a long random string.")
        if not self.SECRET_KEY:
            if self.ENVIRONMENT == "production":
                raise ConfigError("SECRET_KEY must be set when ENVIRONMENT=production.")
            self.SECRET_KEY = _local_dev_secret()
        return self

    @property
    def llm_enabled(self) -> bool:
        return bool(self.LLM_BASE_URL or self.LLM_API_KEY) and bool(self.LLM_MODEL)


def _local_dev_secret() -> str:
    """Embedded mode keeps a generated secret on disk so tokens survive a restart."""
    try:
        if _DEV_SECRET_FILE.exists():
            return _DEV_SECRET_FILE.read_text().strip()
        _DEV_SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
        value = secrets.token_urlsafe(48)
        _DEV_SECRET_FILE.write_text(value)
        return value
    except OSError:
        return secrets.token_urlsafe(48)


@lru_cache
def get_settings() -> Settings:
    return Settings()

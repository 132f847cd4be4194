"""One frozen voice configuration, built once from the settings object at process start."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pipelines.errors import ConfigError

SttProvider = Literal["whisper", "deepgram"]
TtsProvider = Literal["piper", "openai"]
AvatarProvider = Literal["none", "heygen"]


@dataclass(frozen=True)
class TurnTuning:
    """How long the interviewer waits before it treats a silence as the end of an answer.

    The candidate's silence is measured from the end of speech. Short VAD stops let the
    turn policy see every pause; the policy then decides how long this pause may last.
    """

    # Barge-in budget is 200 ms from speech start: Silero's smoothed volume needs ~4 windows of
    # 32 ms to pass 0.6, so a lower volume floor plus 0.1 s of speech keeps it near 130-190 ms.
    vad_start_s: float = 0.1
    vad_stop_s: float = 0.2  # silence before a pause is reported to the turn policy
    vad_confidence: float = 0.7
    vad_min_volume: float = 0.3
    complete_wait_s: float = 0.7  # a finished-sounding answer
    default_wait_s: float = 1.4  # no strong signal either way
    unfinished_wait_s: float = 2.6  # trailing "and", "um", an open STAR story
    smart_turn: bool = True  # use the prosody model as one of the signals
    min_answer_words: int = 12  # shorter answers to a real question are rarely done


@dataclass(frozen=True)
class VoiceConfig:
    stt_provider: SttProvider = "whisper"
    whisper_model: str = "tiny.en"
    deepgram_api_key: str | None = None
    tts_provider: TtsProvider = "piper"
    openai_api_key: str | None = None
    openai_tts_voice: str = "alloy"
    avatar_provider: AvatarProvider = "none"
    heygen_api_key: str | None = None
    idle_timeout_s: float = 120.0
    max_duration_s: float = 2700.0
    in_sample_rate: int = 16000  # whisper's rate; segmented STT does not resample
    out_sample_rate: int = 24000
    turn: TurnTuning = field(default_factory=TurnTuning)

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> VoiceConfig:
        """Read the voice choices off any settings-like object and fail early on missing keys."""
        config = cls(
            stt_provider=_get(settings, "STT_PROVIDER", "whisper"),
            whisper_model=_get(settings, "WHISPER_MODEL", "tiny.en"),
            deepgram_api_key=_get(settings, "DEEPGRAM_API_KEY", None),
            tts_provider=_get(settings, "TTS_PROVIDER", "piper"),
            openai_api_key=_get(settings, "OPENAI_API_KEY", None),
            openai_tts_voice=_get(settings, "OPENAI_TTS_VOICE", "alloy"),
            avatar_provider=_get(settings, "AVATAR_PROVIDER", "none"),
            heygen_api_key=_get(settings, "HEYGEN_API_KEY", None),
            idle_timeout_s=float(_get(settings, "SESSION_IDLE_TIMEOUT_S", 120)),
            max_duration_s=float(_get(settings, "SESSION_MAX_DURATION_S", 2700)),
            **overrides,
        )
        config.validate()
        return config

    def validate(self) -> None:
        _require(self.stt_provider, ("whisper", "deepgram"), "STT_PROVIDER")
        _require(self.tts_provider, ("piper", "openai"), "TTS_PROVIDER")
        _require(self.avatar_provider, ("none", "heygen"), "AVATAR_PROVIDER")
        _require(self.whisper_model, ("tiny.en", "base"), "WHISPER_MODEL")
        if self.stt_provider == "deepgram" and not self.deepgram_api_key:
            raise ConfigError("STT_PROVIDER=deepgram needs DEEPGRAM_API_KEY.")
        if self.tts_provider == "openai" and not self.openai_api_key:
            raise ConfigError("TTS_PROVIDER=openai needs OPENAI_API_KEY.")
        if self.avatar_provider == "heygen" and not self.heygen_api_key:
            raise ConfigError("AVATAR_PROVIDER=heygen needs HEYGEN_API_KEY.")
        if self.idle_timeout_s <= 0 or self.max_duration_s <= 0:
            raise ConfigError("SESSION_IDLE_TIMEOUT_S and SESSION_MAX_DURATION_S must be positive.")


def _get(settings: Any, name: str, default: Any) -> Any:
    value = getattr(settings, name, default)
    return default if value is None and default is not None else value


def _require(value: str, allowed: tuple[str, ...], variable: str) -> None:
    if value not in allowed:
        raise ConfigError(f"{variable}={value} is not supported; use one of {', '.join(allowed)}.")

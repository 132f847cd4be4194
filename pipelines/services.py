"""Speech services for one session, built around the process-wide models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipecat.processors.frame_processor import FrameProcessor
from pipecat.services.piper.tts import PiperTTSService
from pipecat.services.tts_service import TTSService
from pipecat.services.whisper.stt import WhisperSTTService
from pipecat.transcriptions.language import Language

from pipelines.config import VoiceConfig
from pipelines.errors import ConfigError
from pipelines.models import PIPER_VOICE, Models


@dataclass
class Services:
    stt: FrameProcessor
    tts: FrameProcessor
    avatar: FrameProcessor | None = None


class SharedWhisperSTTService(WhisperSTTService):
    """Whisper STT that reuses the process's loaded model instead of loading one per session."""

    def __init__(self, *, whisper_model: Any, **kwargs: Any):
        self._shared_model = whisper_model
        super().__init__(**kwargs)

    def _load(self) -> None:
        self._model = self._shared_model


class SharedPiperTTSService(PiperTTSService):
    """Piper TTS over the process's loaded voice; the stock service loads (or downloads) per session."""

    def __init__(self, *, voice: Any, **kwargs: Any):
        settings = PiperTTSService.Settings(model=None, voice=PIPER_VOICE, language=None)
        TTSService.__init__(self, push_start_frame=True, push_stop_frames=True, settings=settings, **kwargs)
        self._voice = voice


def make_services(config: VoiceConfig, models: Models, *, http_session: Any = None) -> Services:
    """Build STT, TTS and the optional avatar for one session."""
    return Services(
        stt=_make_stt(config, models),
        tts=_make_tts(config, models),
        avatar=_make_avatar(config, http_session),
    )


def _make_stt(config: VoiceConfig, models: Models) -> FrameProcessor:
    if config.stt_provider == "deepgram":
        from pipecat.services.deepgram.stt import DeepgramSTTService

        return DeepgramSTTService(api_key=config.deepgram_api_key or "", sample_rate=config.in_sample_rate)
    if models.whisper is None:
        raise ConfigError("STT_PROVIDER=whisper needs load_models() to have loaded the whisper model.")
    settings = WhisperSTTService.Settings(
        model=config.whisper_model,
        language=Language.EN,
        no_speech_prob=0.4,
        hotwords=None,
        initial_prompt=None,
    )
    return SharedWhisperSTTService(
        whisper_model=models.whisper, settings=settings, sample_rate=config.in_sample_rate
    )


def _make_tts(config: VoiceConfig, models: Models) -> FrameProcessor:
    if config.tts_provider == "openai":
        from pipecat.services.openai.tts import OpenAITTSService

        settings = OpenAITTSService.Settings(voice=config.openai_tts_voice)
        return OpenAITTSService(api_key=config.openai_api_key, settings=settings)
    if models.piper_voice is None:
        raise ConfigError("TTS_PROVIDER=piper needs load_models() to have loaded the Piper voice.")
    return SharedPiperTTSService(voice=models.piper_voice)


def _make_avatar(config: VoiceConfig, http_session: Any) -> FrameProcessor | None:
    if config.avatar_provider != "heygen":
        return None
    if http_session is None:
        raise ConfigError("AVATAR_PROVIDER=heygen needs an aiohttp session for HEYGEN_API_KEY calls.")
    from pipecat.services.heygen.video import HeyGenVideoService

    return HeyGenVideoService(api_key=config.heygen_api_key or "", session=http_session)

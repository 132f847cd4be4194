"""Render the candidate answers used by voice tests and benchmarks with the bundled Piper voice.

Run: .venv/bin/python -m bench.voice_fixtures   (writes tests/fixtures/audio/*.wav, 16 kHz mono)
A "|" in an answer is a thinking pause of PAUSE_S seconds.
"""

from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np
import soxr

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "audio"
RATE = 16000
PAUSE_S = 2.0
ANSWERS = {
    "answer_1": "At my last company the checkout page was slow and customers complained. | "
    "I profiled the queries and added a cache. As a result, the page loaded twice as fast.",
    "answer_2": "I would choose PostgreSQL for a payments ledger, because it has strong transactions "
    "and mature tooling.",
    "answer_3": "I want to learn how to design distributed systems and grow into a technical lead role.",
}


def synthesize(voice, text: str) -> np.ndarray:
    parts = []
    for chunk in voice.synthesize(text):
        audio = np.frombuffer(chunk.audio_int16_bytes, dtype=np.int16).astype(np.float32) / 32768.0
        parts.append(soxr.resample(audio, chunk.sample_rate, RATE))
    return np.concatenate(parts)


def render(voice, text: str) -> np.ndarray:
    silence = np.zeros(int(PAUSE_S * RATE), dtype=np.float32)
    pieces: list[np.ndarray] = []
    for i, part in enumerate(text.split("|")):
        if i:
            pieces.append(silence)
        pieces.append(synthesize(voice, part.strip()))
    tail = np.zeros(int(0.3 * RATE), dtype=np.float32)
    return np.concatenate([*pieces, tail])


def write_wav(path: Path, audio: np.ndarray) -> None:
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(RATE)
        f.writeframes((np.clip(audio, -1, 1) * 32767).astype(np.int16).tobytes())


def main() -> None:

    from pipelines.models import load_piper_voice

    voice = load_piper_voice()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in ANSWERS.items():
        write_wav(OUT / f"{name}.wav", render(voice, text))
    texts = {name: text.replace(" | ", " ") for name, text in ANSWERS.items()}
    (OUT / "answers.json").write_text(json.dumps(texts, indent=2) + "\n")


if __name__ == "__main__":
    main()

from __future__ import annotations

import asyncio
import base64
import time
from typing import Any

import numpy as np
from pipecat.frames.frames import InputAudioRawFrame, TextFrame, TTSAudioRawFrame, UserAudioRawFrame
from pipecat.tests.utils import run_test

from coach.live.bus import InProcessBus
from pipelines.listen_tap import ListenTap, downmix

SID = "session-1"


class RecordingBus:
    """A bus that keeps what was published, as a watcher of the session would receive it."""

    def __init__(self, publish_delay_s: float = 0.0) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []
        self.publish_delay_s = publish_delay_s

    async def publish(self, session_id: str, event: dict[str, Any]) -> None:
        if self.publish_delay_s:
            await asyncio.sleep(self.publish_delay_s)
        self.events.append((session_id, event))

    def audio(self) -> list[dict[str, Any]]:
        return [e for sid, e in self.events if sid == SID and e["type"] == "audio"]


def _tone(seconds: float, rate: int, channels: int = 1, hz: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    wave = (8000 * np.sin(2 * np.pi * hz * t)).astype(np.int16)
    return np.repeat(wave[:, None], channels, axis=1)


def _frames(samples: np.ndarray, rate: int, frame_ms: int, cls: type, **extra: Any) -> list:
    per = rate * frame_ms // 1000
    channels = samples.shape[1]
    return [
        cls(audio=samples[i : i + per].tobytes(), sample_rate=rate, num_channels=channels, **extra)
        for i in range(0, len(samples), per)
    ]


def _pcm(event: dict[str, Any]) -> np.ndarray:
    return np.frombuffer(base64.b64decode(event["pcm16"]), dtype=np.int16)


async def test_candidate_audio_passes_unchanged_and_reaches_the_bus_in_200ms_chunks() -> None:
    bus = RecordingBus()
    tone = _tone(1.0, 16000)
    audio = _frames(tone, 16000, 20, InputAudioRawFrame)
    text = TextFrame("hello")
    down, _ = await run_test(ListenTap(bus, SID, "candidate"), frames_to_send=[text, *audio])

    # The very same frames, in order (pipecat lets system frames such as input audio overtake data frames).
    assert [f for f in down if isinstance(f, InputAudioRawFrame)] == audio
    assert [f for f in down if isinstance(f, TextFrame)] == [text]
    chunks = bus.audio()
    assert [len(_pcm(c)) for c in chunks] == [3200] * 5
    assert {(c["role"], c["sample_rate"]) for c in chunks} == {("candidate", 16000)}
    assert np.array_equal(np.concatenate([_pcm(c) for c in chunks]), tone[:, 0])


async def test_interviewer_audio_at_24khz_stereo_arrives_as_16khz_mono() -> None:
    bus = RecordingBus()
    tts = _frames(_tone(1.0, 24000, channels=2), 24000, 40, TTSAudioRawFrame)
    mic = _frames(_tone(0.4, 16000), 16000, 20, UserAudioRawFrame, user_id="candidate-s1")
    down, _ = await run_test(ListenTap(bus, SID, "interviewer"), frames_to_send=[*tts, *mic])

    assert [f for f in down if isinstance(f, TTSAudioRawFrame)] == tts
    assert [f for f in down if isinstance(f, UserAudioRawFrame)] == mic
    chunks = bus.audio()
    assert {c["role"] for c in chunks} == {"interviewer"}  # the candidate's audio is the other tap's job
    total = sum(len(_pcm(c)) for c in chunks)
    assert abs(total - 16000) <= 160  # one second at 16 kHz, within the resampler's edge
    assert all(len(_pcm(c)) == 3200 for c in chunks[:-1])
    spectrum = np.abs(np.fft.rfft(np.concatenate([_pcm(c) for c in chunks])))
    assert abs(np.argmax(spectrum) * 16000 / (2 * (len(spectrum) - 1)) - 440) < 5  # still the same tone


async def test_a_slow_bus_never_holds_up_the_frames() -> None:
    bus = RecordingBus(publish_delay_s=0.5)
    frames = _frames(_tone(2.0, 16000), 16000, 20, InputAudioRawFrame)
    tap = ListenTap(bus, SID, "candidate", max_pending=10)
    started = time.perf_counter()
    down, _ = await run_test(tap, frames_to_send=frames)
    assert down == frames
    assert time.perf_counter() - started < 2.0  # ten chunks at 0.5 s each would take 5 s if it waited
    assert tap.dropped > 0


async def test_nothing_is_published_while_nobody_listens() -> None:
    bus = InProcessBus()
    frames = _frames(_tone(0.4, 16000), 16000, 20, InputAudioRawFrame)
    down, _ = await run_test(ListenTap(bus, SID, "candidate"), frames_to_send=frames)
    assert down == frames

    received: list[dict[str, Any]] = []

    async def watch() -> None:
        async for event in bus.subscribe(SID):
            received.append(event)

    watcher = asyncio.create_task(watch())
    await asyncio.sleep(0)
    await run_test(ListenTap(bus, SID, "candidate"), frames_to_send=frames)
    watcher.cancel()
    assert [len(_pcm(e)) for e in received] == [3200, 3200]


def test_downmix_averages_the_channels() -> None:
    stereo = np.array([[100, 300], [-50, -150]], dtype=np.int16).tobytes()
    assert np.frombuffer(downmix(stereo, 2), dtype=np.int16).tolist() == [200, -100]

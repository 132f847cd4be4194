import base64
import json

import pytest
from fastapi import FastAPI, WebSocket
from fastapi.testclient import TestClient
from pipecat.audio.dtmf.types import KeypadEntry
from pipecat.frames.frames import (
    EndWorkerFrame,
    InputAudioRawFrame,
    InputDTMFFrame,
    OutputAudioRawFrame,
    OutputTransportMessageUrgentFrame,
    TTSSpeakFrame,
)
from pipecat.tests.utils import run_test

from pipelines.config import VoiceConfig
from pipelines.models import load_models
from pipelines.phone import (
    PIN_GIVE_UP,
    PIN_PROMPT,
    PIN_RETRY,
    PhoneSerializer,
    PinDesk,
    read_start,
    run_pin_desk,
)

PINS = {"4821": "session-a"}


def _keys(typed: str) -> list[InputDTMFFrame]:
    return [InputDTMFFrame(button=KeypadEntry(key)) for key in typed]


async def _desk_run(typed: str, resolve=PINS.get) -> tuple[PinDesk, list[str], bool]:
    desk = PinDesk(resolve)
    down, _ = await run_test(desk, frames_to_send=_keys(typed))
    spoken = [f.text for f in down if isinstance(f, TTSSpeakFrame)]
    return desk, spoken, any(isinstance(f, EndWorkerFrame) for f in down)


async def test_caller_is_asked_for_a_pin_and_a_known_pin_maps_to_its_session():
    desk, spoken, ended = await _desk_run("4821#")
    assert spoken == [PIN_PROMPT]
    assert desk.session_id == "session-a" and ended


async def test_wrong_pin_is_asked_again_then_accepted():
    desk, spoken, _ = await _desk_run("1111#4821#")
    assert spoken == [PIN_PROMPT, PIN_RETRY]
    assert desk.session_id == "session-a"


async def test_star_starts_the_pin_over():
    desk, _, _ = await _desk_run("99*4821#")
    assert desk.session_id == "session-a"


async def test_three_wrong_pins_end_the_call_politely():
    desk, spoken, ended = await _desk_run("1#2#3#4821#")
    assert spoken == [PIN_PROMPT, PIN_RETRY, PIN_RETRY, PIN_GIVE_UP]
    assert desk.session_id is None and ended


async def test_async_pin_lookup_is_awaited():
    async def lookup(pin: str) -> str | None:
        return PINS.get(pin)

    desk, _, _ = await _desk_run("4821#", resolve=lookup)
    assert desk.session_id == "session-a"


async def test_caller_audio_is_not_passed_on_while_entering_a_pin():
    audio = InputAudioRawFrame(audio=b"\x00" * 320, sample_rate=16000, num_channels=1)
    down, _ = await run_test(PinDesk(PINS.get), frames_to_send=[audio])
    assert not any(isinstance(f, InputAudioRawFrame) for f in down)


def _start_app() -> FastAPI:
    app = FastAPI()

    @app.websocket("/start")
    async def start(websocket: WebSocket):
        await websocket.accept()
        found = await read_start(websocket, timeout_s=2)
        if found is not None:
            await websocket.send_json(
                {"stream": found.stream_sid, "call": found.call_sid, "params": found.custom_parameters}
            )
            await websocket.close()

    return app


def test_start_event_gives_stream_call_and_custom_parameters():
    with TestClient(_start_app()).websocket_connect("/start") as ws:
        ws.send_text(json.dumps({"event": "connected", "protocol": "Call", "version": "1.0.0"}))
        ws.send_text(
            json.dumps(
                {
                    "event": "start",
                    "sequenceNumber": "1",
                    "streamSid": "MZ1",
                    "start": {
                        "streamSid": "MZ1",
                        "callSid": "CA1",
                        "customParameters": {"session_id": "session-a"},
                        "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1},
                    },
                }
            )
        )
        assert ws.receive_json() == {"stream": "MZ1", "call": "CA1", "params": {"session_id": "session-a"}}


def test_stream_stopped_before_start_is_closed():
    with TestClient(_start_app()).websocket_connect("/start") as ws:
        ws.send_text(json.dumps({"event": "connected"}))
        ws.send_text(json.dumps({"event": "stop", "streamSid": "MZ1"}))
        assert ws.receive()["type"] == "websocket.close"


async def test_phone_line_carries_audio_but_not_page_messages():
    serializer = PhoneSerializer(stream_sid="MZ1", params=PhoneSerializer.InputParams(auto_hang_up=False))
    caption = OutputTransportMessageUrgentFrame(message={"type": "caption", "text": "hi"})
    assert await serializer.serialize(caption) is None
    audio = OutputAudioRawFrame(audio=b"\x10\x00" * 480, sample_rate=24000, num_channels=1)  # 20 ms
    sent = [await serializer.serialize(audio) for _ in range(50)]
    media = [json.loads(m) for m in sent if m is not None]
    assert {(m["event"], m["streamSid"]) for m in media} == {("media", "MZ1")}
    mulaw = b"".join(base64.b64decode(m["media"]["payload"]) for m in media)
    assert 7000 <= len(mulaw) <= 8000  # one second of 8 kHz mu-law, less the resampler's latency


@pytest.fixture(scope="module")
def voice():
    config = VoiceConfig()
    return config, load_models(config)


def _desk_app(voice, timeout_s: float) -> FastAPI:
    app = FastAPI()

    @app.websocket("/desk")
    async def desk(websocket: WebSocket):
        await websocket.accept()
        start = await read_start(websocket)
        session_id = await run_pin_desk(
            websocket, start, resolve_pin=PINS.get, config=voice[0], models=voice[1], timeout_s=timeout_s
        )
        # The call must still be open after the desk: the interview runs on the same socket.
        await websocket.send_json({"event": "desk_result", "session_id": session_id})

    return app


def _start_call(ws) -> None:
    ws.send_text(json.dumps({"event": "connected"}))
    start = {"streamSid": "MZ1", "callSid": "CA1", "customParameters": {}}
    ws.send_text(json.dumps({"event": "start", "streamSid": "MZ1", "start": start}))


def _desk_result(ws) -> tuple[dict, int]:
    media = 0
    while (message := ws.receive_json())["event"] == "media":
        media += 1
    return message, media


def test_pin_desk_speaks_then_hands_the_open_call_to_the_session(voice):
    with TestClient(_desk_app(voice, timeout_s=30)).websocket_connect("/desk") as ws:
        _start_call(ws)
        for key in "4821#":
            ws.send_text(json.dumps({"event": "dtmf", "streamSid": "MZ1", "dtmf": {"digit": key}}))
        result, _ = _desk_result(ws)
    assert result == {"event": "desk_result", "session_id": "session-a"}


def test_caller_who_enters_nothing_hears_the_prompt_and_is_let_go(voice):
    with TestClient(_desk_app(voice, timeout_s=2)).websocket_connect("/desk") as ws:
        _start_call(ws)
        result, media = _desk_result(ws)
    assert result == {"event": "desk_result", "session_id": None}
    assert media > 0  # the prompt was being spoken

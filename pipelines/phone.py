"""Interviews over the phone: a Twilio Media Streams websocket carrying mu-law 8 kHz audio.

Twilio opens the socket with `connected` and `start` (stream and call ids, plus the
`<Parameter>`s of the TwiML `<Stream>` as customParameters). A call whose parameters name its
session goes straight to the interviewer; any other call first hears a short PIN desk that reads
keypad (DTMF) digits and maps them to a session. Both stages share the one socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect
from loguru import logger
from pipecat.audio.dtmf.types import KeypadEntry
from pipecat.frames.frames import (
    EndWorkerFrame,
    Frame,
    InputAudioRawFrame,
    InputDTMFFrame,
    OutputTransportMessageFrame,
    OutputTransportMessageUrgentFrame,
    StartFrame,
    TTSSpeakFrame,
)
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor
from pipecat.serializers.twilio import TwilioFrameSerializer
from pipecat.transports.websocket.fastapi import FastAPIWebsocketParams, FastAPIWebsocketTransport
from pipecat.workers.runner import WorkerRunner

from pipelines.config import VoiceConfig
from pipelines.interview import ListenIn, run_interview
from pipelines.models import Models
from pipelines.services import make_services

PIN_PROMPT = (
    "Welcome to Interview Coach. Please enter your interview PIN on the keypad, then press the pound key."
)
PIN_RETRY = "That PIN did not match an interview. Please enter it again, then press pound."
PIN_GIVE_UP = (
    "Sorry, I could not find that interview. Please check the PIN in the app and call again. Goodbye."
)
PIN_TIMEOUT_S = 90.0
START_TIMEOUT_S = 10.0

# Resolvers and factories may be sync or async: storage-backed ones usually are async.
SessionResolver = Callable[[dict[str, str]], "str | None | Awaitable[str | None]"]
PinResolver = Callable[[str], "str | None | Awaitable[str | None]"]
SessionFactory = Callable[[str], Any]


@dataclass(frozen=True)
class TwilioStart:
    stream_sid: str
    call_sid: str | None
    custom_parameters: dict[str, str] = field(default_factory=dict)


async def handle_twilio_socket(
    websocket: WebSocket,
    *,
    resolve_session: SessionResolver,
    resolve_pin: PinResolver,
    brain_factory: SessionFactory,
    sink_factory: SessionFactory,
    config: VoiceConfig,
    models: Models,
    listen_bus: Any | None = None,
) -> None:
    """Serve one call on `/api/phone/twilio` from `start` to hang-up.

    `resolve_session(custom_parameters)` returns the session a call is for (or None: ask for a
    PIN); `resolve_pin(pin)` returns the session id for keypad digits, or None.
    """
    await websocket.accept()
    start = await read_start(websocket)
    if start is None:
        return
    session_id = await _resolved(resolve_session(start.custom_parameters))
    if session_id is None:
        session_id = await run_pin_desk(
            websocket, start, resolve_pin=resolve_pin, config=config, models=models
        )
    if session_id is None:
        await _close(websocket)
        return
    logger.info(f"phone call {start.call_sid} runs session {session_id}")
    listen = ListenIn(listen_bus, str(session_id)) if listen_bus is not None else None
    await _run_interview(websocket, start, session_id, brain_factory, sink_factory, config, models, listen)


async def read_start(websocket: WebSocket, timeout_s: float = START_TIMEOUT_S) -> TwilioStart | None:
    """Skip `connected`, return the `start` event; None if the caller hangs up or never starts."""
    try:
        return await asyncio.wait_for(_next_start(websocket), timeout_s)
    except (TimeoutError, ValueError, KeyError, WebSocketDisconnect) as exc:
        logger.warning(f"Twilio stream did not start: {exc!r}")
        await _close(websocket)
        return None


class PhoneSerializer(TwilioFrameSerializer):
    """Twilio's protocol only: captions and state messages meant for a web page are not sent."""

    async def serialize(self, frame: Frame) -> str | bytes | None:
        if isinstance(frame, (OutputTransportMessageFrame, OutputTransportMessageUrgentFrame)):
            return None
        return await super().serialize(frame)


def twilio_transport(websocket: Any, start: TwilioStart) -> FastAPIWebsocketTransport:
    serializer = PhoneSerializer(
        stream_sid=start.stream_sid,
        call_sid=start.call_sid,
        # Hanging up is Twilio's job once the socket closes; auto hang-up would call its REST API.
        params=TwilioFrameSerializer.InputParams(auto_hang_up=False),
    )
    params = FastAPIWebsocketParams(
        audio_in_enabled=True,
        audio_out_enabled=True,
        add_wav_header=False,
        serializer=serializer,
        allowed_origins=[],  # Twilio connects server to server and sends no Origin
    )
    return FastAPIWebsocketTransport(websocket=websocket, params=params)


async def run_pin_desk(
    websocket: WebSocket,
    start: TwilioStart,
    *,
    resolve_pin: PinResolver,
    config: VoiceConfig,
    models: Models,
    timeout_s: float = PIN_TIMEOUT_S,
) -> str | None:
    """Speak the PIN prompt and read keypad digits until a PIN maps to a session (or give up)."""
    desk = PinDesk(resolve_pin)
    transport = twilio_transport(_KeepOpen(websocket), start)
    tts = make_services(config, models).tts
    worker = PipelineWorker(
        Pipeline([transport.input(), desk, tts, transport.output()]),
        params=PipelineParams(
            audio_in_sample_rate=config.in_sample_rate, audio_out_sample_rate=config.out_sample_rate
        ),
        cancel_on_idle_timeout=False,
        enable_rtvi=False,
    )

    @transport.event_handler("on_client_disconnected")
    async def on_client_disconnected(transport, client):
        await worker.cancel()

    async def hang_up_when_nothing_is_entered():
        await asyncio.sleep(timeout_s)
        logger.info(f"phone call {start.call_sid} entered no valid PIN in {timeout_s:.0f}s")
        await worker.cancel()

    runner = WorkerRunner(handle_sigint=False)
    await runner.add_workers(worker)
    timer = asyncio.create_task(hang_up_when_nothing_is_entered())
    try:
        await runner.run()
    finally:
        timer.cancel()
    return desk.session_id


class PinDesk(FrameProcessor):
    """Collects keypad digits; `#` submits, `*` starts over. Ends its pipeline when done."""

    def __init__(self, resolve_pin: PinResolver, *, max_attempts: int = 3, **kwargs):
        super().__init__(**kwargs)
        self._resolve_pin = resolve_pin
        self._max_attempts = max_attempts
        self._attempts = 0
        self._digits: list[str] = []
        self._closed = False  # keys pressed while the goodbye plays must not reopen the desk
        self.session_id: str | None = None

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, InputDTMFFrame):
            await self._on_key(frame.button)
        elif isinstance(frame, StartFrame):
            await self.push_frame(frame, direction)
            await self.push_frame(TTSSpeakFrame(PIN_PROMPT))
        elif not isinstance(frame, InputAudioRawFrame):  # nobody listens to the caller here
            await self.push_frame(frame, direction)

    async def _on_key(self, key: KeypadEntry) -> None:
        if self._closed:
            return
        if key == KeypadEntry.STAR:
            self._digits.clear()
        elif key == KeypadEntry.POUND:
            await self._submit("".join(self._digits))
            self._digits.clear()
        elif len(self._digits) < 16:
            self._digits.append(key.value)

    async def _submit(self, pin: str) -> None:
        session_id = await _resolved(self._resolve_pin(pin)) if pin else None
        if session_id:
            self.session_id, self._closed = session_id, True
            await self.push_frame(EndWorkerFrame(reason="pin accepted"))
            return
        self._attempts += 1
        if self._attempts >= self._max_attempts:
            self._closed = True
            await self.push_frame(TTSSpeakFrame(PIN_GIVE_UP))
            await self.push_frame(EndWorkerFrame(reason="pin rejected"))
        else:
            await self.push_frame(TTSSpeakFrame(PIN_RETRY))


async def _run_interview(
    websocket: WebSocket,
    start: TwilioStart,
    session_id: str,
    brain_factory: SessionFactory,
    sink_factory: SessionFactory,
    config: VoiceConfig,
    models: Models,
    listen: ListenIn | None,
) -> None:
    brain = await _resolved(brain_factory(session_id))
    sink = await _resolved(sink_factory(session_id))
    transport = twilio_transport(websocket, start)
    await run_interview(
        transport=transport, config=config, models=models, brain=brain, sink=sink, listen=listen
    )


async def _next_start(websocket: WebSocket) -> TwilioStart:
    while True:
        message = json.loads(await websocket.receive_text())
        if message.get("event") == "start":
            start = message["start"]
            return TwilioStart(
                stream_sid=message.get("streamSid") or start["streamSid"],
                call_sid=start.get("callSid"),
                custom_parameters={str(k): str(v) for k, v in (start.get("customParameters") or {}).items()},
            )
        if message.get("event") == "stop":
            raise ValueError("stream stopped before it started")


class _KeepOpen:
    """The call's websocket as seen by the PIN desk, whose pipeline must not hang up the call when it ends."""

    def __init__(self, websocket: WebSocket):
        self._websocket = websocket

    def __getattr__(self, name: str) -> Any:
        return getattr(self._websocket, name)

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        return None


async def _resolved(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


async def _close(websocket: WebSocket) -> None:
    with contextlib.suppress(RuntimeError):  # already closed by the caller hanging up
        await websocket.close()

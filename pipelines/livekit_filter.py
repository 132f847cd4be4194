"""Only the candidate counts in a LiveKit room.

LiveKitTransport hands the pipeline every participant's audio, each frame tagged with the
speaker's identity, and reports any participant leaving as "the client disconnected". A coach
who may unmute must not be transcribed as the candidate's answer or barge in on the
interviewer, and a coach leaving must not end the candidate's interview.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from pipecat.frames.frames import Frame, UserAudioRawFrame
from pipecat.pipeline.pipeline import Pipeline
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor

_CLIENT_EVENTS = ("on_client_connected", "on_client_disconnected")


class CandidateAudioFilter(FrameProcessor):
    """Place right after `transport.input()`; drops audio tagged with any other identity."""

    def __init__(self, candidate_identity: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self._candidate = candidate_identity

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if not self._from_someone_else(frame):
            await self.push_frame(frame, direction)

    def _from_someone_else(self, frame: Frame) -> bool:
        return isinstance(frame, UserAudioRawFrame) and frame.user_id != self._candidate


class CandidateRoomTransport:
    """A LiveKitTransport as the interview pipeline should see it: a room with one candidate.

    `input()` is the room input followed by the audio filter; client events fire only for the
    candidate, and the interviewer losing the room (room closed) counts as the candidate leaving.
    """

    def __init__(self, transport: Any, candidate_identity: str) -> None:
        self._transport = transport
        self._candidate = candidate_identity
        self._input = Pipeline([transport.input(), CandidateAudioFilter(candidate_identity)])

    def input(self) -> FrameProcessor:
        return self._input

    def output(self) -> FrameProcessor:
        return self._transport.output()

    def add_event_handler(self, event_name: str, handler: Callable) -> None:
        if event_name not in _CLIENT_EVENTS:
            self._transport.add_event_handler(event_name, handler)
            return
        self._transport.add_event_handler(event_name, self._candidate_only(handler))
        if event_name == "on_client_disconnected":
            self._transport.add_event_handler("on_disconnected", self._as_candidate(handler))

    def event_handler(self, event_name: str) -> Callable[[Callable], Callable]:
        def decorator(handler: Callable) -> Callable:
            self.add_event_handler(event_name, handler)
            return handler

        return decorator

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)

    def _candidate_only(self, handler: Callable) -> Callable:
        async def on_client_event(transport: Any, client: Any) -> None:
            if _client_id(client) == self._candidate:
                await _call(handler, self, client)

        return on_client_event

    def _as_candidate(self, handler: Callable) -> Callable:
        async def on_room_lost(transport: Any, *_: Any) -> None:
            await _call(handler, self, {"id": self._candidate})

        return on_room_lost


async def _call(handler: Callable, *args: Any) -> None:
    result = handler(*args)  # pipecat allows plain and async handlers alike
    if inspect.isawaitable(result):
        await result


def _client_id(client: Any) -> str | None:
    return client.get("id") if isinstance(client, dict) else client

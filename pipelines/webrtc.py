"""Browser sessions over SmallWebRTC, the embedded path that needs no media server.

The HTTP layer hands each SDP offer (and trickled ICE candidates) to one
WebRTCSessionManager created at server start with the process's models; the manager
answers, builds the transport and runs the interview in the background.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from loguru import logger
from pipecat.transports.base_transport import TransportParams
from pipecat.transports.smallwebrtc.connection import IceServer, SmallWebRTCConnection
from pipecat.transports.smallwebrtc.request_handler import (
    IceCandidate,
    SmallWebRTCPatchRequest,
    SmallWebRTCRequest,
    SmallWebRTCRequestHandler,
)
from pipecat.transports.smallwebrtc.transport import SmallWebRTCTransport

from coach.interview.protocol import InterviewerBrain
from pipelines.config import VoiceConfig
from pipelines.interview import ListenIn, run_interview
from pipelines.models import Models
from pipelines.services import Services
from pipelines.transcript import TurnSink

BrainFactory = Callable[[], InterviewerBrain | Awaitable[InterviewerBrain]]


class UnknownSessionError(LookupError):
    """ICE candidates arrived for a session or peer connection this process does not hold."""


def allow_loopback_ice() -> None:
    """Offer 127.0.0.1 as the only ICE host candidate (server and browser on one machine, tests).

    aioice leaves loopback out of its host candidates, so without this a same-host peer
    with no LAN address never connects.
    """
    import aioice.ice

    aioice.ice.get_host_addresses = lambda use_ipv4=True, use_ipv6=True: ["127.0.0.1"]


class WebRTCSessionManager:
    def __init__(
        self,
        config: VoiceConfig,
        models: Models,
        *,
        ice_servers: list[IceServer] | None = None,
        extra_observers: Callable[[], list[Any]] | None = None,
        services_factory: Callable[[], Services] | None = None,
        listen_bus: Any | None = None,
    ):
        """extra_observers and services_factory let benchmarks watch sessions or swap providers; with
        `listen_bus`, each session's audio is published there for coaches listening in."""
        self._config = config
        self._listen_bus = listen_bus
        self._extra_observers = extra_observers
        self._services_factory = services_factory
        self._models = models
        self._handler = SmallWebRTCRequestHandler(ice_servers=ice_servers or [])
        self._peers: dict[str, str] = {}  # session id -> peer connection id
        self._tasks: dict[str, asyncio.Task] = {}

    @property
    def active_sessions(self) -> set[str]:
        return {sid for sid, task in self._tasks.items() if not task.done()}

    async def handle_offer(
        self, session_id: str, offer: dict, brain_factory: BrainFactory, sink: TurnSink
    ) -> dict:
        """Answer an SDP offer ({sdp, type, pc_id?}); a new peer starts the interview in the background.

        An offer naming the session's current pc_id renegotiates that connection; a fresh
        offer for a session already running replaces the old call (a reloaded page).
        """
        request = SmallWebRTCRequest(
            sdp=offer["sdp"],
            type=offer.get("type", "offer"),
            pc_id=offer.get("pc_id"),
            restart_pc=offer.get("restart_pc"),
        )
        if request.pc_id and self._peers.get(session_id) != request.pc_id:
            request.pc_id = None  # never let one session renegotiate another's connection
        if not request.pc_id:
            await self.close_session(session_id)

        async def start(connection: SmallWebRTCConnection) -> None:
            brain = brain_factory()
            brain = await brain if inspect.isawaitable(brain) else brain
            self._start(session_id, connection, brain, sink)

        answer = await self._handler.handle_web_request(request, start)
        if not answer:
            raise RuntimeError("SmallWebRTC produced no SDP answer")
        self._peers[session_id] = answer["pc_id"]
        return answer

    async def handle_ice(self, session_id: str, pc_id: str, candidates: list[dict]) -> None:
        """Add trickled ICE candidates ({candidate, sdp_mid, sdp_mline_index}) to a session's peer."""
        if self._peers.get(session_id) != pc_id:
            raise UnknownSessionError(session_id)
        patch = SmallWebRTCPatchRequest(
            pc_id=pc_id,
            candidates=[
                IceCandidate(
                    candidate=c.get("candidate", ""),
                    sdp_mid=c.get("sdp_mid", c.get("sdpMid", "")),
                    sdp_mline_index=c.get("sdp_mline_index", c.get("sdpMLineIndex", 0)),
                )
                for c in candidates
            ],
        )
        await self._handler.handle_patch_request(patch)

    async def wait_finished(self, session_id: str, timeout_s: float = 10.0) -> bool:
        """Wait for a session's interview to end on its own; False if it is still running."""
        task = self._tasks.get(session_id)
        if task is None:
            return True
        done, _ = await asyncio.wait({task}, timeout=timeout_s)
        return bool(done)

    async def close_session(self, session_id: str) -> None:
        self._peers.pop(session_id, None)
        task = self._tasks.pop(session_id, None)
        if task and not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def shutdown(self) -> None:
        for session_id in list(self._tasks):
            await self.close_session(session_id)
        await self._handler.close()

    def _start(
        self, session_id: str, connection: SmallWebRTCConnection, brain: InterviewerBrain, sink: TurnSink
    ) -> None:
        transport = SmallWebRTCTransport(webrtc_connection=connection, params=self._transport_params())
        task = asyncio.create_task(
            self._run(session_id, transport, brain, sink), name=f"interview-{session_id}"
        )
        self._tasks[session_id] = task

    async def _run(
        self, session_id: str, transport: SmallWebRTCTransport, brain: InterviewerBrain, sink: TurnSink
    ) -> None:
        try:
            observers = self._extra_observers() if self._extra_observers else None
            services = self._services_factory() if self._services_factory else None
            await run_interview(
                transport=transport,
                config=self._config,
                models=self._models,
                brain=brain,
                sink=sink,
                extra_observers=observers,
                services=services,
                listen=ListenIn(self._listen_bus, session_id) if self._listen_bus is not None else None,
            )
        except asyncio.CancelledError:
            raise
        except Exception as e:
            logger.exception(f"interview session {session_id} failed: {e}")
        finally:
            if self._tasks.get(session_id) is asyncio.current_task():
                self._tasks.pop(session_id, None)
                self._peers.pop(session_id, None)

    def _transport_params(self) -> TransportParams:
        video = self._config.avatar_provider != "none"
        return TransportParams(
            audio_in_enabled=True,
            audio_out_enabled=True,
            video_out_enabled=video,
            video_out_is_live=video,
            video_out_width=1280,
            video_out_height=720,
        )

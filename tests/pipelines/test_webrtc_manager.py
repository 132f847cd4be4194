"""Offers and ICE candidates reach the right session, and never another session's call."""

from __future__ import annotations

import pytest
from aiortc import RTCConfiguration, RTCPeerConnection

from pipelines.config import VoiceConfig
from pipelines.models import Models
from pipelines.testing import ScriptedBrain
from pipelines.transcript import ListSink
from pipelines.webrtc import UnknownSessionError, WebRTCSessionManager

NO_MODELS = Models(whisper=None, piper_dir=None, piper_voice=None, smart_turn=None)


async def browser_offer() -> tuple[RTCPeerConnection, dict]:
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    pc.addTransceiver("audio", direction="sendrecv")
    pc.createDataChannel("chat")
    await pc.setLocalDescription(await pc.createOffer())
    return pc, {"sdp": pc.localDescription.sdp, "type": "offer"}


async def test_an_offer_gets_an_sdp_answer_with_a_peer_id():
    manager = WebRTCSessionManager(VoiceConfig(), NO_MODELS)
    pc, offer = await browser_offer()
    try:
        answer = await manager.handle_offer("s1", offer, ScriptedBrain, ListSink())
        assert answer["type"] == "answer" and answer["sdp"].startswith("v=0")
        assert answer["pc_id"]
    finally:
        await pc.close()
        await manager.shutdown()


async def test_ice_candidates_for_another_sessions_peer_are_refused():
    manager = WebRTCSessionManager(VoiceConfig(), NO_MODELS)
    pc, offer = await browser_offer()
    try:
        answer = await manager.handle_offer("s1", offer, ScriptedBrain, ListSink())
        with pytest.raises(UnknownSessionError):
            await manager.handle_ice("s2", answer["pc_id"], [{"candidate": "", "sdp_mid": "0"}])
    finally:
        await pc.close()
        await manager.shutdown()


async def test_an_offer_naming_another_sessions_peer_starts_its_own_call():
    manager = WebRTCSessionManager(VoiceConfig(), NO_MODELS)
    pc1, offer1 = await browser_offer()
    pc2, offer2 = await browser_offer()
    try:
        first = await manager.handle_offer("s1", offer1, ScriptedBrain, ListSink())
        second = await manager.handle_offer(
            "s2", {**offer2, "pc_id": first["pc_id"]}, ScriptedBrain, ListSink()
        )
        assert second["pc_id"] != first["pc_id"]
    finally:
        await pc1.close()
        await pc2.close()
        await manager.shutdown()

"""How a room asks for the interviewer agent, and how the agent learns which session it serves.

Dispatch is explicit (the worker registers with an agent name), so the session id travels as
dispatch metadata: inside the candidate's token, or through the AgentDispatch API.
"""

from __future__ import annotations

import json

from livekit import api

from coach.livekit.credentials import LiveKitCredentials


class DispatchMetadataError(ValueError):
    """The job carried no usable session id; the agent cannot know which interview to run."""


def dispatch_metadata(session_id: str) -> str:
    return json.dumps({"session_id": session_id})


def session_id_from_metadata(metadata: str | None) -> str:
    try:
        data = json.loads(metadata or "")
    except json.JSONDecodeError as exc:
        raise DispatchMetadataError(f"agent dispatch metadata is not JSON: {metadata!r}") from exc
    session_id = data.get("session_id") if isinstance(data, dict) else None
    if not isinstance(session_id, str) or not session_id.strip():
        raise DispatchMetadataError(f"agent dispatch metadata has no session_id: {metadata!r}")
    return session_id.strip()


def room_dispatch(agent_name: str, session_id: str) -> api.RoomAgentDispatch:
    return api.RoomAgentDispatch(agent_name=agent_name, metadata=dispatch_metadata(session_id))


async def dispatch_agent(
    credentials: LiveKitCredentials, *, room: str, agent_name: str, session_id: str
) -> str:
    """Send the interviewer into an existing room (e.g. after its worker crashed); returns the dispatch id."""
    request = api.CreateAgentDispatchRequest(
        agent_name=agent_name, room=room, metadata=dispatch_metadata(session_id)
    )
    async with api.LiveKitAPI(credentials.url, credentials.api_key, credentials.api_secret) as lkapi:
        dispatch = await lkapi.agent_dispatch.create_dispatch(request)
    return dispatch.id

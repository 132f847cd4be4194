import jwt
import pytest
from aiohttp import web
from livekit import api

from coach.livekit.credentials import LiveKitCredentials
from coach.livekit.dispatch import (
    DispatchMetadataError,
    dispatch_agent,
    dispatch_metadata,
    session_id_from_metadata,
)

KEY, SECRET = "devkey", "a-secret-that-is-long-enough-for-hs256-signing"


def test_session_id_round_trips_through_dispatch_metadata():
    assert session_id_from_metadata(dispatch_metadata("9f1c-77")) == "9f1c-77"


@pytest.mark.parametrize("raw", ["", None, "not json", "[]", '{"session": "x"}', '{"session_id": "  "}'])
def test_job_without_a_session_id_is_refused_with_the_metadata_shown(raw):
    with pytest.raises(DispatchMetadataError, match="metadata"):
        session_id_from_metadata(raw)


@pytest.fixture
async def livekit_server_api():
    """A stand-in for livekit-server's Twirp API that records dispatch requests."""
    received: list[tuple[dict, api.CreateAgentDispatchRequest]] = []

    async def create_dispatch(request: web.Request) -> web.Response:
        body = api.CreateAgentDispatchRequest.FromString(await request.read())
        token = request.headers["Authorization"].removeprefix("Bearer ")
        received.append((jwt.decode(token, SECRET, algorithms=["HS256"], issuer=KEY), body))
        reply = api.AgentDispatch(
            id="AD_1", agent_name=body.agent_name, room=body.room, metadata=body.metadata
        )
        return web.Response(body=reply.SerializeToString(), content_type="application/protobuf")

    app = web.Application()
    app.router.add_post("/twirp/livekit.AgentDispatchService/CreateDispatch", create_dispatch)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield LiveKitCredentials(url=f"http://127.0.0.1:{port}", api_key=KEY, api_secret=SECRET), received
    await runner.cleanup()


async def test_interviewer_is_sent_into_a_room_with_the_session_id(livekit_server_api):
    credentials, received = livekit_server_api
    dispatch_id = await dispatch_agent(
        credentials, room="interview-s5", agent_name="interview-coach", session_id="s5"
    )
    assert dispatch_id == "AD_1"
    [(claims, request)] = received
    assert (request.agent_name, request.room) == ("interview-coach", "interview-s5")
    assert session_id_from_metadata(request.metadata) == "s5"
    assert claims["video"]["roomAdmin"] is True and claims["video"]["room"] == "interview-s5"

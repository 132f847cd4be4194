"""livekit.yaml (the local livekit-server config) must agree with what the companion verifies."""

import base64
import hashlib
from pathlib import Path
from urllib.parse import urlparse

import yaml
from livekit import api

from coach.livekit.webhook import event_summary, verify_webhook

CONFIG = yaml.safe_load((Path(__file__).parents[3] / "livekit.yaml").read_text())


def test_webhooks_go_to_the_companions_webhook_route():
    assert [urlparse(u).path for u in CONFIG["webhook"]["urls"]] == ["/api/livekit/webhook"]


def test_webhook_signed_with_the_configured_key_verifies_with_the_same_pair():
    key = CONFIG["webhook"]["api_key"]
    secret = CONFIG["keys"][key]
    assert len(secret) >= 32  # livekit-server refuses shorter secrets
    body = '{"event": "room_started", "room": {"name": "interview-s1"}}'
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    signed = api.AccessToken(key, secret).with_sha256(digest).to_jwt()
    event = verify_webhook(body, signed, api_key=key, api_secret=secret)
    assert event_summary(event)["event"] == "room_started"

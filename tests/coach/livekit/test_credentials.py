from types import SimpleNamespace

import pytest

from coach.livekit.credentials import livekit_credentials
from coach.settings import ConfigError


def _settings(**values):
    base = dict(LIVEKIT_URL="ws://localhost:7880", LIVEKIT_API_KEY="devkey", LIVEKIT_API_SECRET="s" * 32)
    return SimpleNamespace(**(base | values))


def test_complete_settings_give_credentials():
    creds = livekit_credentials(_settings())
    assert (creds.url, creds.api_key) == ("ws://localhost:7880", "devkey")


@pytest.mark.parametrize("name", ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"])
def test_missing_setting_is_named_in_the_error(name):
    with pytest.raises(ConfigError, match=name):
        livekit_credentials(_settings(**{name: None}))


def test_all_missing_settings_are_named_at_once():
    with pytest.raises(ConfigError) as err:
        livekit_credentials(SimpleNamespace())
    assert all(n in str(err.value) for n in ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"))

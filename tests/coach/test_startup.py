"""A provider chosen without its key stops the companion at start with a sentence naming the variable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from api.main import create_app
from coach.cli import app as coach_cli
from coach.settings import ConfigError, Settings, get_settings


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> Iterator[pytest.MonkeyPatch]:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # no developer .env
    for name in ("DEEPGRAM_API_KEY", "OPENAI_API_KEY", "HEYGEN_API_KEY", "LLM_BASE_URL", "LLM_API_KEY",
                 "LLM_MODEL", "LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "TRANSPORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'coach.db'}")
    monkeypatch.setenv("SECRET_KEY", "startup-test-" + "x" * 40)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"STT_PROVIDER": "deepgram"}, "STT_PROVIDER=deepgram needs DEEPGRAM_API_KEY."),
        ({"TTS_PROVIDER": "openai"}, "TTS_PROVIDER=openai needs OPENAI_API_KEY."),
        ({"AVATAR_PROVIDER": "heygen"}, "AVATAR_PROVIDER=heygen needs HEYGEN_API_KEY."),
        ({"LLM_BASE_URL": "http://127.0.0.1:9/v1"}, "LLM_MODEL must be set"),
        ({"TRANSPORT": "livekit"}, "LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET must be set"),
    ],
)
def test_coach_serve_refuses_to_start_and_names_the_missing_variable(
    env: pytest.MonkeyPatch, variables: dict[str, str], named: str
) -> None:
    for name, value in variables.items():
        env.setenv(name, value)
    result = CliRunner().invoke(coach_cli, ["serve", "--port", "1"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: ") and named in result.output
    assert "Traceback" not in result.output


def test_an_unusable_voice_choice_is_refused_only_while_voice_is_on(settings: Settings) -> None:
    broken = settings.model_copy(update={"STT_PROVIDER": "deepgram", "DEEPGRAM_API_KEY": None})
    with pytest.raises(ConfigError, match="DEEPGRAM_API_KEY"):
        create_app(broken)
    app = create_app(broken.model_copy(update={"FEATURE_VOICE": False}))  # text practice needs no speech keys
    app.state.engine.dispose()

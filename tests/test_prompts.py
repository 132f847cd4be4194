from __future__ import annotations

import pytest
import yaml

from prompts import PromptError, available_prompts, load_prompt, placeholders, render_prompt


def test_every_prompt_file_loads_and_structured_ones_parse() -> None:
    names = available_prompts()
    assert "interviewer_system" in names and "interviewer/phrases.yaml" in names
    for name in names:
        text = load_prompt(name)
        assert text.strip(), f"{name} is empty"
        if name.endswith((".yaml", ".yml")):
            assert isinstance(yaml.safe_load(text), dict), f"{name} is not a YAML mapping"


@pytest.mark.parametrize("name", [n for n in available_prompts() if "." not in n.rsplit("/", 1)[-1]])
def test_every_text_prompt_renders_when_all_placeholders_are_given(name: str) -> None:
    values = {key: f"<{key}>" for key in placeholders(name)}
    rendered = render_prompt(name, **values)
    assert "{{" not in rendered
    for value in values.values():
        assert value in rendered


def test_unknown_prompt_name_is_a_clear_error() -> None:
    with pytest.raises(PromptError, match="unknown prompt 'no_such_prompt'.*interviewer_system"):
        load_prompt("no_such_prompt")


def test_prompt_names_cannot_escape_the_prompts_folder() -> None:
    with pytest.raises(PromptError, match="invalid prompt name"):
        load_prompt("../pyproject.toml")


def test_rendering_without_a_placeholder_value_names_the_missing_one() -> None:
    with pytest.raises(PromptError, match="tone"):
        render_prompt("interviewer_system", name="Alex", context="")


def test_interviewer_phrases_cover_every_tone_for_every_line() -> None:
    table = yaml.safe_load(load_prompt("interviewer/phrases.yaml"))
    for slot, tones in table.items():
        assert set(tones) == {"warm", "neutral", "tough"}, slot
        assert all(variants for variants in tones.values()), slot


def test_lines_said_after_weak_answers_contain_no_praise() -> None:
    from coach.interview.phrasing import contains_praise

    table = yaml.safe_load(load_prompt("interviewer/phrases.yaml"))
    for slot, tones in table.items():
        if slot == "ack_good":
            continue  # reserved for complete, specific answers
        for variants in tones.values():
            assert not [v for v in variants if contains_praise(v)], slot

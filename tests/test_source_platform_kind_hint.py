"""A platform download passed as a journal is pointed to --evidence, and no name is guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

import reflection_kit as rk
from reflection_kit.errors import PersonNeeded

DATA = Path(__file__).parent / "data" / "platform"


def _first(folder: str) -> Path:
    return sorted(p for p in (DATA / folder).iterdir() if p.is_file())[0]


def test_a_chat_passed_as_a_journal_points_to_evidence():
    with pytest.raises(rk.ReflectionKitError) as info:
        rk.read_journal(_first("whatsapp"))
    message = str(info.value)
    assert "platform download" in message
    assert "--evidence" in message and "--person" in message
    assert "--urges" not in message


def test_without_person_the_suggestion_names_no_one_from_the_export():
    with pytest.raises(PersonNeeded) as info:
        rk.read_urges(_first("whatsapp"))
    message = str(info.value)
    listed, _, suggestion = message.partition("Suggestion:")
    assert info.value.counterparts  # the names found are listed before the suggestion
    for name in info.value.counterparts:
        assert repr(name) in listed
        assert repr(name) not in suggestion

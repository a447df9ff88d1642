"""The README's quick start is exactly two commands, and CI runs the same test command."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_is_two_commands():
    commands = _quick_start()
    assert len(commands) == 2
    assert "--sample" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _quick_start()[1] in [line.strip() for line in ci]


def test_readme_lists_every_format():
    import reflection_kit as rk

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in set(rk.formats()["name"]):
        assert f"`{name}`" in text

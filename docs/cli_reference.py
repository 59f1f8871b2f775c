"""Generate docs/cli.md from the `--help` of every `pantau` command (Datasette's way: the
reference cannot drift from the code, because tests/unit/test_cli_docs.py compares them).

Regenerate: `uv run python docs/cli_reference.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pantau.cli import main

TARGET = Path(__file__).resolve().parent / "cli.md"
HEADER = """# `pantau` command reference

Generated from each command's `--help` by `docs/cli_reference.py`; do not edit by hand.
"""


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        context = click.Context(command, info_name=path[-1])
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is not None and not sub.hidden:
                found.extend(_walk(sub, [*path, name]))
    return found


def _help(path: list[str], command: click.Command) -> str:
    parent: click.Context | None = None
    for name in path[:-1]:
        parent = click.Context(main, info_name=name, parent=parent)
    context = click.Context(command, info_name=path[-1], parent=parent, terminal_width=100,
                            max_content_width=100)
    return command.get_help(context)


def render() -> str:
    """The whole reference as Markdown."""
    parts = [HEADER]
    for path, command in _walk(main, ["pantau"]):
        parts.append(f"\n## `{' '.join(path)}`\n\n```text\n{_help(path, command)}\n```\n")
    return "".join(parts)


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET}\n")

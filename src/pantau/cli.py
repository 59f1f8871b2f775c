"""The `pantau` command. Each command group lives in `pantau.commands.<name>`; this module
only assembles them, so that each group stays small and owns its own help text."""

from __future__ import annotations

import importlib

import click

from pantau import __version__

# name -> module that defines a click command or group called `command`
COMMAND_MODULES: dict[str, str] = {
    "batch": "pantau.commands.batch",
    "calendar": "pantau.commands.calendar",
    "case": "pantau.commands.case",
    "check": "pantau.commands.check",
    "export": "pantau.commands.export",
    "policy": "pantau.commands.policy",
    "classify": "pantau.commands.classify",
    "demo": "pantau.commands.web",
    "serve": "pantau.commands.web",
    "import": "pantau.commands.web",
    "audit": "pantau.commands.audit",
    "retention": "pantau.commands.retention",
    "worker": "pantau.commands.web",
    "report": "pantau.commands.report",
}


class LazyGroup(click.Group):
    """Subcommands imported only when used, so `pantau check` never loads Django."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMAND_MODULES if self._load(name) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        module_name = COMMAND_MODULES.get(name)
        if module_name is None:
            return None
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                return None
            raise
        command = getattr(module, f"{name}_command", None)
        return command if isinstance(command, click.Command) else None


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="pantau")
def main() -> None:
    """pantau: media-sosial ASN sesuai aturan, disiplin tepat waktu.

    The compliance and discipline system for the social-media conduct of Indonesian civil
    servants."""


__all__ = ["main"]

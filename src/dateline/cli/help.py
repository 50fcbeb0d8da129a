"""Help text for users: arguments by their names in capitals, no Python types, plain flags.

Typer's plain help shows arguments as ``{ID}`` and ``ID <str>``, lists as ``<list[str]>`` and
booleans as ``<bool>``; this command class writes usage lines and option lists the way a
user reads them (``dateline event [OPTIONS] ID``).
"""

from __future__ import annotations

import re

import click
from typer.core import TyperCommand

_TYPE = re.compile(r" <[^>]*>")


def _is_argument(param: click.Parameter) -> bool:
    return param.param_type_name == "argument"


def _argument_name(param: click.Parameter) -> str:
    name = (param.metavar or param.name or "").upper()
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if param.required else f"[{name}]"


class UserCommand(TyperCommand):
    """A command whose help shows arguments and options without Python type names."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        params = self.get_params(ctx)
        pieces = ["[OPTIONS]"] if any(not _is_argument(p) for p in params) else []
        return pieces + [_argument_name(p) for p in params if _is_argument(p)]

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            name, text = record
            if _is_argument(param):
                arguments.append((_argument_name(param).strip("[]"), text.replace("[required]", "").strip()))
            else:
                options.append((_TYPE.sub("", name), text))
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

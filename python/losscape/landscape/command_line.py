"""What the package's subcommands share (python3 -m losscape.landscape COMMAND): a bad command line, a
missing output folder or a failure in the user's setup file is one line on stderr and exit status 2."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Callable, NoReturn, Sequence

import torch

from losscape.landscape.setup_file import Setup, SetupError, load_checkpoint, load_setup



class UsageError(ValueError):
    """A command line argparse refuses; one line."""


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports a bad command line as one line (run_command prints it) instead of usage + error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see --help)")


def one_line(error: BaseException) -> str:
    """The first line of an exception's message (h5py's and torch's can run over several)."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def check_output(path: str, error: type[ValueError] = ValueError) -> None:
    """Refuses an output path whose folder does not exist (raising ERROR): the command line checks first."""
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        raise error(f"{path}: no such folder {folder}")


def run_command(parser: argparse.ArgumentParser, argv: Sequence[str],
                body: Callable[[argparse.Namespace], None]) -> int:
    """Parses ARGV and runs BODY; a ValueError or OSError is one line on stderr and exit status 2."""
    try:
        body(parser.parse_args(list(argv)))
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else 0
    except (ValueError, OSError) as error:
        print(f"{parser.prog}: {one_line(error)}", file=sys.stderr)
        return 2
    return 0


def command_parser(command: str, description: str) -> OneLineParser:
    """A subcommand's parser with the options every subcommand has: --setup and --checkpoint (the final weights)."""
    parser = OneLineParser(prog=f"python3 -m losscape.landscape {command}", description=description)
    parser.add_argument("--setup", required=True, help="the setup file (defines model() and data(split))")
    parser.add_argument("--checkpoint", required=True,
                        help="the final weights, the slice's centre (torch.save(model.state_dict(), PATH))")
    return parser


def final_model(setup_path: str, checkpoint: str) -> tuple[Setup, torch.nn.Module]:
    """The setup file's model with the final weights loaded: the slice's centre, for every subcommand."""
    setup = load_setup(setup_path)
    try:
        model = setup.model()
    except Exception as error:  # the user's code: any failure becomes one line
        raise SetupError(f"{setup_path}: model() failed: {type(error).__name__}: {one_line(error)}") from error
    if not isinstance(model, torch.nn.Module):
        raise SetupError(f"{setup_path}: model() returned a {type(model).__name__}, not a torch.nn.Module")
    return setup, load_checkpoint(model, checkpoint)

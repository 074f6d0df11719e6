"""python3 -m losscape.landscape COMMAND ...: one subcommand per module, each module's main(argv).

Launch ``surface`` under ``torchrun --nproc_per_node N`` to split the grid across N processes.
Errors are one line on stderr and exit status 2.
"""

from __future__ import annotations

import importlib
import sys

# command -> (module, one-line help); the module's main(argv) parses the rest.
COMMANDS = {
    "directions": ("directions", "write a direction file: random filter-normalised or PCA of checkpoints"),
    "surface": ("surface", "compute the loss surface on a grid of the slice (resumable, torchrun-aware)"),
    "project": ("trajectory", "project saved checkpoints onto the slice (a trajectory file)"),
}


def usage() -> str:
    lines = ["usage: python3 -m losscape.landscape COMMAND [--help] ...", "", "commands:"]
    lines += [f"  {name:<11} {help_line}" for name, (_, help_line) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0 if argv else 2
    command = COMMANDS.get(argv[0])
    if command is None:
        print(f"losscape.landscape: unknown command '{argv[0]}' (one of: {', '.join(COMMANDS)})", file=sys.stderr)
        return 2
    module = importlib.import_module(f"losscape.landscape.{command[0]}")
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

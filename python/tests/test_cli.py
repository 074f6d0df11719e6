"""The command line's dispatch: help, unknown commands, exit statuses."""

import subprocess
import sys

from losscape.landscape.__main__ import COMMANDS, main


def test_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out


def test_no_command_is_usage_and_status_2(capsys):
    assert main([]) == 2


def test_unknown_command_is_one_line(capsys):
    assert main(["surfac"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown command 'surfac'" in err[0] and "surface" in err[0]


def test_runs_as_module():
    done = subprocess.run([sys.executable, "-m", "losscape.landscape", "--help"], capture_output=True, text=True,
                          cwd=__file__.rsplit("/tests/", 1)[0])
    assert done.returncode == 0 and "project" in done.stdout

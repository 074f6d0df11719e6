"""What the engine's tests compare Python with: the losscape program of the same build (LOSSCAPE_BUILD_DIR)."""

import os
import subprocess

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BUILD_DIR = os.environ.get("LOSSCAPE_BUILD_DIR", os.path.join(REPO, "build"))
PROGRAM = os.path.join(BUILD_DIR, "losscape")


def run_cli(*arguments: str, check: bool = True) -> subprocess.CompletedProcess:
    """The program run headless with `arguments` (no display: the same EGL path as Python's pictures)."""
    environment = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([PROGRAM, *arguments], capture_output=True, text=True, env=environment, timeout=120)
    if check and done.returncode != 0:
        raise AssertionError(f"losscape {' '.join(arguments)} failed: {done.stderr}")
    return done


def error_line(*arguments: str) -> str:
    """The one line the program prints for a bad input, without its 'losscape: '."""
    done = run_cli(*arguments, check=False)
    assert done.returncode != 0, f"losscape {' '.join(arguments)} succeeded"
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("losscape: "), done.stderr
    return lines[0][len("losscape: "):]

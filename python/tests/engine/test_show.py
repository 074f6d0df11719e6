"""Scene.show opens the interactive window where a display exists, and says why in one line where none does.

With a display: a virtual X server (Xvfb, the display number it picks itself), Scene.show() in a process of its own,
the window found by its title, the X server's own picture of the screen (xwd) showing the panel and the lit terrain
(GLX on the software renderer, as a lecturer's laptop without a GPU draws it), then Ctrl+Q pressed through the X
server as a lecturer would press it (show() returns), or Ctrl-C in Python (KeyboardInterrupt, the window closed).
Needs xvfb, xdotool and x11-apps (scripts/test-python.sh installs them).
"""

from __future__ import annotations

import os
import shutil
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Iterator

import numpy as np
import pytest
from PIL import Image

import losscape
import losscape.scene

SCREEN = (1600, 900)  # the window's own default size: all of it on screen
TOOLS = ("Xvfb", "xdotool", "xwd")


def python_environment(display: str | None) -> dict[str, str]:
    """This process's environment with the module's package on the path and `display` (None: no display at all)."""
    environment = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environment["PYTHONPATH"] = os.path.dirname(os.path.dirname(losscape.scene._engine.__file__))
    if display is not None:
        environment["DISPLAY"] = display
    return environment


SHOW_HIMMELBLAU = "\n".join([
    "import losscape",
    "try:",
    "    print('returned', losscape.Scene(function='himmelblau').show())",
    "except RuntimeError as error:",
    "    print('RuntimeError:', error)",
    "except KeyboardInterrupt:",
    "    print('KeyboardInterrupt')",
])


def show_in_a_process(display: str | None, code: str = SHOW_HIMMELBLAU) -> subprocess.Popen:
    """`code` (by default: Scene(function="himmelblau").show(), printing what it returned or the RuntimeError's line)
    in a new python3.

    A process of its own: the window's GL context and GLFW's state stay out of the test's process, and a test that
    fails cannot leave a window open in it. cwd="/": not python/, whose package (no module) -c would find first.
    """
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=python_environment(display), cwd="/")


@pytest.fixture
def display() -> Iterator[str]:
    """A virtual X server for this test: Xvfb picks a free display number and writes it once it accepts clients."""
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install xvfb xdotool x11-apps)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24",
                               "-nolisten", "tcp"], pass_fds=[write_end], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()  # blocks until the server is ready (or gone: "")
        assert number.isdigit(), f"Xvfb did not start (exit status {server.poll()})"
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def x(display: str, *command: str, timeout: float = 10) -> bytes:
    """An X client's output (xdotool, xwd) on `display`; AssertionError with its stderr when it fails."""
    done = subprocess.run(command, capture_output=True, env={**os.environ, "DISPLAY": display}, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(command)}: {done.stderr.decode(errors='replace')}"
    return done.stdout


def screen_rgb(display: str) -> np.ndarray:
    """The whole screen as the X server holds it, (height, width, 3) uint8: xwd's dump of the root window.

    XWD is a 100-byte big-endian header (25 numbers), the window's name, a colour map, then the pixels; Xvfb's 24-bit
    screen stores each as 32 bits, blue first (byte order 0, LSBFirst).
    """
    data = x(display, "xwd", "-root", "-silent")
    (header_size, _, _, depth, width, height, _, byte_order, _, _, _, bits_per_pixel, bytes_per_line,
     *_, colours, _, _, _, _, _) = struct.unpack(">25I", data[:100])
    assert (depth, bits_per_pixel, byte_order) == (24, 32, 0), "not Xvfb's 24-bit screen"
    pixels = np.frombuffer(data, np.uint8, height * bytes_per_line, header_size + colours * 12)
    return pixels.reshape(height, bytes_per_line // 4, 4)[:, :width, 2::-1]


def terrain_drawn(rgb: np.ndarray) -> bool:
    """Whether the right of the screen (beside the panel) shows lit, coloured terrain, not an empty or black window.

    The sky and the panel are greys and dark blues; the colour map's purples, greens and yellows are saturated.
    """
    scene = rgb[:, SCREEN[0] // 3:].astype(np.int32)
    saturated = (scene.max(axis=-1) - scene.min(axis=-1) > 60).mean()
    colours = np.unique((scene[..., 0] << 16) | (scene[..., 1] << 8) | scene[..., 2]).size
    return saturated > 0.1 and colours > 1000


def panel_drawn(rgb: np.ndarray) -> bool:
    """Whether the panel's blue title bar is at the window's top left (ImGui shows it from its second frame on)."""
    title_bar = rgb[10:30, 20:400].reshape(-1, 3).astype(int)
    return (title_bar[:, 2] - title_bar[:, 0] > 40).mean() > 0.5


def expect_the_window_drawn(display: str, started: float, screenshot: str) -> None:
    """Waits for show()'s window (by its title, which names the scene), then for the X server's picture of it to show
    the terrain and the panel; saves that picture as `screenshot`, to look at when this fails."""
    # --sync waits for the window.
    window = x(display, "xdotool", "search", "--sync", "--name", "^losscape", timeout=30).split()[0].decode()
    assert x(display, "xdotool", "getwindowname", window).decode().strip() == "losscape - Himmelblau"
    rgb = screen_rgb(display)
    while not (terrain_drawn(rgb) and panel_drawn(rgb)) and time.monotonic() - started < 20:  # frames to come
        time.sleep(0.1)
        rgb = screen_rgb(display)
    Image.fromarray(rgb).save(screenshot)
    assert terrain_drawn(rgb), f"the window shows no terrain: {screenshot}"
    assert panel_drawn(rgb), f"no panel at the window's top left: {screenshot}"


def show_then_close(display: str, code: str, screenshot: str, close: str, rolling: float = 0.0) -> tuple[str, str]:
    """Runs `code` (which shows a window), waits for the window drawn, lets the balls roll `rolling` seconds, closes it
    by Ctrl+Q typed through the X server or by Ctrl-C in Python (`close`: "ctrl+q" or "interrupt") and returns what the
    process printed (stdout, stderr), once it has ended well."""
    started = time.monotonic()
    shown = show_in_a_process(display, code)
    try:
        expect_the_window_drawn(display, started, screenshot)
        time.sleep(rolling)
        if close == "ctrl+q":
            # Keys through the X server (XTEST), as typed: the pointer over the window, which has the focus then.
            x(display, "xdotool", "mousemove", str(SCREEN[0] * 2 // 3), str(SCREEN[1] // 2), "key", "ctrl+q")
        else:
            shown.send_signal(signal.SIGINT)
        out, err = shown.communicate(timeout=20)
    finally:
        if shown.poll() is None:
            shown.kill()
            shown.communicate()
    assert shown.returncode == 0, err
    return out, err


@pytest.mark.parametrize("close", ["ctrl+q", "interrupt"])
def test_show_opens_the_window_draws_the_scene_and_closes(display, tmp_path, close):
    """Ctrl+Q typed in the window returns from show(); Ctrl-C in Python (Jupyter's interrupt: SIGINT) closes the
    window and raises KeyboardInterrupt."""
    started = time.monotonic()
    out, err = show_then_close(display, SHOW_HIMMELBLAU, str(tmp_path / "screen.png"), close)
    # Scene.show returns None when the window closes.
    assert out == ("returned None\n" if close == "ctrl+q" else "KeyboardInterrupt\n"), out + err
    print(f"show(), the window drawn, {close}: {time.monotonic() - started:.1f} s")


@pytest.mark.parametrize("display_given, why", [
    (None, "no display: X11: The DISPLAY environment variable is missing"),
    (":4095", "no display: X11: Failed to open display :4095"),  # a display that is gone (ssh -X closed)
])
def test_show_without_a_display_is_a_runtime_error(display_given, why):
    out, err = show_in_a_process(display_given).communicate(timeout=60)
    assert out == f"RuntimeError: {why}\n", out + err


# A student's momentum beside built-in gd: its steps counted across copies (a list the copies share), its own object's
# counter left alone (the window steps copies, so the scene's balls stay as run() left them).
SHOW_A_PYTHON_OPTIMIZER = """
import losscape
steps = []
class Momentum:
    def __init__(self):
        self.velocity, self.calls, self.seen = 0.0, 0, steps
    def __deepcopy__(self, memo):
        copy = Momentum()
        copy.velocity = self.velocity
        return copy
    def step(self, position, gradient):
        self.calls += 1
        self.seen.append(1)
        self.velocity = 0.9 * self.velocity + gradient
        return position - 0.002 * self.velocity
mine = Momentum()
losscape.Scene(function='himmelblau', optimizer=['gd', mine]).show()
print('window stepped it', len(steps) > 10, 'its object untouched', mine.calls == 0)
"""


def test_show_races_a_python_optimizer(display, tmp_path):
    """The student's optimizer drives a ball in the window (issue 18: it races on screen), on a copy of the object."""
    out, err = show_then_close(display, SHOW_A_PYTHON_OPTIMIZER, str(tmp_path / "screen.png"), "ctrl+q", rolling=1.0)
    assert out == "window stepped it True its object untouched True\n", out + err

"""Type hints of losscape._engine, the compiled engine (engine/app/python/engine_module.cpp).

Use it through losscape.Scene (losscape/scene.py), which turns keywords into these arguments. Every error is one
line, the command line's (without its "losscape: "): ValueError, FileNotFoundError for a missing file, RuntimeError
where no picture or window can be made.
"""

import numpy as np
import numpy.typing as npt

def scene_flags() -> list[str]:
    """The command line's flags a scene may be given as keywords: "--function", "--start", "--contours", ..."""

def picture_context() -> str:
    """What draws the pictures ("EGL device: OpenGL 4.5 (Core Profile) Mesa 22.3.6 / llvmpipe"), once one was
    drawn; "" before."""

def picture_counts() -> dict[str, int]:
    """How many pictures this process drew ("drawn") and terrains it built for them ("terrains"); a picture
    render() kept (the same arguments on an unchanged scene) is not drawn again, a turned camera builds no terrain."""

def png_bytes(pixels: npt.ArrayLike) -> bytes:
    """An (H, W, 4) uint8 array as PNG file bytes, from the encoder --screenshot uses."""

class EngineScene:
    @staticmethod
    def from_arguments(arguments: list[str]) -> EngineScene:
        """A scene from the command line's arguments: a scene, deck or .h5 file (and --slide), or flags."""
    @staticmethod
    def from_json(text: str, directory: str) -> EngineScene:
        """A scene from a scene file's JSON text; relative data paths start at `directory`."""
    def to_json(self) -> str:
        """The scene as scene-file JSON."""
    def set_python_optimizers(self, optimizers: list[tuple[object, str]], replace_methods: bool) -> None:
        """Balls driven by Python objects with step(position, gradient) -> new position (and optional reset()):
        (object, label) pairs, one ball per start of the scene's balls, after them; `replace_methods` drops the
        scene's own balls. A failure in the object stops its ball with one line (run()'s last field)."""
    def run(self, steps: int) -> list[tuple[int, str, npt.NDArray[np.float64], str, str]]:
        """Runs `steps` steps from the starts: per ball but a swarm's, (number, optimizer, (n, 6) array of
        step, x, y, f, gx, gy, status, why it stopped: one line, "" unless a Python optimizer or solver failed)."""
    def render(self, size: str, camera: str, overlay: bool, transparent: bool, msaa: int) -> npt.NDArray[np.uint8]:
        """The scene as it stands, drawn headless as --screenshot draws it: an (H, W, 4) uint8 array.
        `size` "WxH"; `camera` as --camera ("" for the scene's); `msaa` -1 for --screenshot's 4. The last
        picture (up to 3840x2160) is kept: asked again unchanged, it is copied, not drawn."""
    def animate(self, path: str, flags: list[str]) -> None:
        """Records the scene from its starts into `path` (.mp4 or .gif) as --record PATH with `flags` (--seconds,
        --fps, --size, --orbit; read by the command line's parser) does: the same frame loop and ffmpeg settings.
        The scene stands at its end afterwards. ValueError for a bad setting (the command line's line),
        RuntimeError where ffmpeg is missing or fails."""
    def basins(self, flags: list[str], python: tuple[object, str, float | None] | None = None) -> dict[str, object]:
        """The basin map --basins computes with `flags` (--grid, --steps; read by the command line's parser):
        labels ((grid, grid) int32, -1 where no minimum), steps ((grid, grid) uint32), status (grid * grid
        strings), minima ((k, 2) float64), values (k,), starts (k,) int64, global (k bools), domain
        (x_min, x_max, y_min, y_max), png (the --basins picture's bytes), statistics (the statistics panel's
        numbers: starts, global_share, diverged_share, converged_share, mean_steps, median_steps, global_known),
        seconds and point_steps (what it cost). ValueError with the command line's line.

        `python`: (object, name, lr or None) maps a Python optimizer instead of the scene's first ball's: the same
        mapper and rules, a copy.deepcopy of `object` at every start (with `lr` set on it when given), one thread.
        Its first failure stops the map: RuntimeError("basin map: NAME at start (x, y), step N: ...") raised from
        its exception; KeyboardInterrupt as itself; TypeError("cannot copy NAME for each start (copy.deepcopy: ...)") where it cannot copy the object."""
    def sweep(
        self,
        flags: list[str],
        points: int,
        range: tuple[float, float] | None = None,
        python: tuple[object, str, float | None] | None = None,
    ) -> dict[str, object]:
        """The statistics panel's learning-rate sweep: `points` learning rates on a log scale, from lr/300 to 30 lr
        (inside the method's range) or over `range`, a basin map each (`flags`: --grid, --steps): optimizer (its
        name), lr (its own), lrs, statistics (one dict per lr, as basins()'), seconds. `python` as basins()'; its
        `lr` must be given. ValueError where the optimizer has no lr."""
    def show(self) -> int:
        """Opens the interactive window on the scene; returns its exit code when it closes. RuntimeError where none
        can open; Ctrl-C closes it and raises KeyboardInterrupt."""

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
    def basins(self, flags: list[str]) -> dict[str, object]:
        """The basin map --basins computes with `flags` (--grid, --steps; read by the command line's parser):
        labels ((grid, grid) int32, -1 where no minimum), steps ((grid, grid) uint32), status (grid * grid
        strings), minima ((k, 2) float64), values (k,), starts (k,) int64, global (k bools), domain
        (x_min, x_max, y_min, y_max) and png (the --basins picture's bytes). ValueError with the command line's line."""
    def show(self) -> int:
        """Opens the interactive window on the scene; returns its exit code when it closes. RuntimeError where none
        can open; Ctrl-C closes it and raises KeyboardInterrupt."""

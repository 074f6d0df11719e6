"""losscape.Animation: a recorded scene (Scene.animate) as bytes that Jupyter plays inline and that save to a file.

Kept apart from the engine: it holds only the file --record wrote, so it needs no compiled module and no IPython.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass

# The formats Scene.animate records, and the MIME type each is shown inline with.
MIME_TYPES = {"mp4": "video/mp4", "gif": "image/gif"}


@dataclass(frozen=True)
class Animation:
    """An MP4 or GIF recording: ``data`` the file's bytes, exactly what ``losscape --record`` writes for the scene."""

    data: bytes
    format: str  # "mp4" or "gif"
    width: int
    height: int
    fps: int
    seconds: float

    def __repr__(self) -> str:
        return (
            f"Animation({self.format}, {self.width}x{self.height}, {self.seconds:g} s at {self.fps} fps, "
            f"{len(self.data)} bytes)"
        )

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the recording to `path` (give it the format's extension, so that players know it)."""
        with open(path, "wb") as out:
            out.write(self.data)

    def _repr_html_(self) -> str:
        """How Jupyter shows it: the file inline as base64 (a looping, muted <video> for MP4, an <img> for GIF),
        so that the notebook carries it without a file beside it."""
        source = f"data:{MIME_TYPES[self.format]};base64,{base64.b64encode(self.data).decode('ascii')}"
        if self.format == "gif":
            return f'<img src="{source}" width="{self.width}" height="{self.height}">'
        return (
            f'<video width="{self.width}" height="{self.height}" controls autoplay loop muted playsinline>'
            f'<source src="{source}" type="video/mp4"></video>'
        )

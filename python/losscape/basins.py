"""losscape.BasinMap: a scene's basins of attraction (Scene.basins) as numpy arrays and the --basins picture.

Kept apart from the engine: it holds only what the engine computed (the numbers --basins-csv writes), so it needs
no compiled module.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np


@dataclass(frozen=True)
class BasinStatistics:
    """The statistics panel's numbers for one basin map, from the engine's summarize() (engine/sim/basin_statistics).

    Shares are of all starts: ``global_share`` ended in a global minimum (the function's known one, else the lowest
    found: ``global_known`` says which), ``diverged_share`` flew off, ``converged_share`` ended in any minimum. Steps
    to converge are over the starts that converged (0 when none did).
    """

    starts: int
    global_share: float
    diverged_share: float
    converged_share: float
    mean_steps: float
    median_steps: float
    global_known: bool

    @classmethod
    def from_engine(cls, numbers: Mapping[str, Any]) -> BasinStatistics:
        """The engine's dict of summarize()'s fields, with their types."""
        return cls(
            starts=int(numbers["starts"]),
            global_share=float(numbers["global_share"]),
            diverged_share=float(numbers["diverged_share"]),
            converged_share=float(numbers["converged_share"]),
            mean_steps=float(numbers["mean_steps"]),
            median_steps=float(numbers["median_steps"]),
            global_known=bool(numbers["global_known"]),
        )

    def __str__(self) -> str:
        """The panel's rows on one line."""
        reach = "reach the global minimum" if self.global_known else "reach the lowest minimum found"
        return (
            f"{self.global_share:.1%} {reach}, {self.diverged_share:.1%} diverge, {self.converged_share:.1%} converge "
            f"somewhere, steps to converge: mean {self.mean_steps:.0f}, median {self.median_steps:.0f}"
        )


@dataclass(frozen=True, eq=False)
class BasinMap:
    """Which minimum the scene's first optimizer reaches from each start of a grid x grid over the domain.

    ``labels[j, i]``: the minimum reached from column i, row j (row 0 at y = y_min, as --basins-csv's rows), -1 where
    none was (diverged, not converged within the step limit, undefined, left the domain: ``status`` says which);
    ``minima`` (k, 2) their locations, known minima first, ``values`` f there, ``shares`` the share of starts per
    minimum; ``steps[j, i]`` the steps taken; ``png`` the picture --basins writes (north up).
    """

    labels: np.ndarray
    steps: np.ndarray
    status: np.ndarray
    minima: np.ndarray
    values: np.ndarray
    starts: np.ndarray
    is_global: np.ndarray
    domain: tuple[float, float, float, float]
    png: bytes
    statistics: BasinStatistics
    seconds: float
    point_steps: int

    @property
    def grid(self) -> int:
        return int(self.labels.shape[0])

    @property
    def shares(self) -> np.ndarray:
        """The share of all starts that end in each minimum (k,); the rest (1 - sum) reached none."""
        return self.starts / float(self.labels.size)

    @property
    def point_steps_per_second(self) -> float:
        """Solver steps per second over all starts: the map's speed (the panel's "M steps/s")."""
        return self.point_steps / max(self.seconds, 1e-9)

    def start_points(self) -> np.ndarray:
        """The (grid, grid, 2) starts: cell centres of the grid over the domain, as --basins-csv's x0, y0."""
        x_min, x_max, y_min, y_max = self.domain
        n = self.grid
        cells = (np.arange(n) + 0.5) / n
        xs, ys = x_min + cells * (x_max - x_min), y_min + cells * (y_max - y_min)
        return np.stack(np.meshgrid(xs, ys), axis=-1)

    def image(self) -> np.ndarray:
        """The --basins picture as an (grid, grid, 4) uint8 array, top row first (north up)."""
        from PIL import Image  # only here: the arrays need no imaging library

        return np.asarray(Image.open(io.BytesIO(self.png)).convert("RGBA"))

    def _repr_png_(self) -> bytes:
        """How Jupyter shows it: the --basins picture."""
        return self.png

    def __repr__(self) -> str:
        shares = ", ".join(f"({x:.4g}, {y:.4g}): {s:.1%}" for (x, y), s in zip(self.minima, self.shares))
        return (
            f"BasinMap({self.grid}x{self.grid}, minima {shares or 'none'}; {self.statistics}; "
            f"{self.seconds:.3g} s, {self.point_steps_per_second:.3g} steps/s)"
        )

"""losscape.LearningRateSweep: the statistics panel's learning-rate sweep (Scene.sweep) as numpy arrays and a chart.

Kept apart from the engine, as losscape.BasinMap is: it holds only what the engine computed (one basin map's
statistics per learning rate), so it needs no compiled module; pandas and matplotlib only when asked for.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from losscape.basins import BasinStatistics

# The panel's colours (engine/app/panels/analysis_panel.cpp): gold reaches the global minimum, red diverges.
GOLD = "#ffc72e"
RED = "#eb5046"


@dataclass(frozen=True, eq=False)
class LearningRateSweep:
    """The share of a grid x grid map of starts that reaches the global minimum, diverges or converges, and the mean
    steps to converge, at each of ``lrs`` (a logarithmic scale): the sweet spot, the cliff where steps overshoot and
    the slope where they are too small to arrive. ``lr`` is the optimizer's own learning rate; ``seconds`` what the
    whole sweep took. In Jupyter it shows as the panel's chart (with matplotlib), else as text.
    """

    optimizer: str
    lr: float
    grid: int
    lrs: np.ndarray
    statistics: tuple[BasinStatistics, ...]
    seconds: float

    @classmethod
    def from_engine(cls, grid: int, swept: dict[str, Any]) -> LearningRateSweep:
        """The engine's dict (optimizer, lr, lrs, statistics, seconds) for a sweep of grid x grid maps."""
        return cls(
            optimizer=str(swept["optimizer"]),
            lr=float(swept["lr"]),
            grid=int(grid),
            lrs=np.asarray(swept["lrs"], dtype=np.float64),
            statistics=tuple(BasinStatistics.from_engine(s) for s in swept["statistics"]),
            seconds=float(swept["seconds"]),
        )

    def _field(self, name: str) -> np.ndarray:
        return np.array([getattr(s, name) for s in self.statistics], dtype=np.float64)

    global_share = property(lambda self: self._field("global_share"), doc="Share reaching the global minimum, per lr.")
    diverged_share = property(lambda self: self._field("diverged_share"), doc="Share diverging, per lr.")
    converged_share = property(lambda self: self._field("converged_share"), doc="Share ending in any minimum, per lr.")
    mean_steps = property(lambda self: self._field("mean_steps"), doc="Mean steps to converge, per lr.")

    @property
    def best_lr(self) -> float:
        """The learning rate with the largest share reaching the global minimum (the smallest such, on a tie)."""
        return float(self.lrs[int(np.argmax(self.global_share))])

    def dataframe(self) -> Any:
        """The sweep as a pandas DataFrame (lr, global_share, diverged_share, converged_share, mean_steps,
        median_steps). Needs pandas, which losscape itself never does."""
        try:
            import pandas
        except ImportError as missing:
            raise ImportError(
                "LearningRateSweep.dataframe needs pandas (Debian: python3-pandas); its fields are numpy arrays"
            ) from missing
        columns = ("global_share", "diverged_share", "converged_share", "mean_steps", "median_steps")
        return pandas.DataFrame({"lr": self.lrs, **{c: self._field(c) for c in columns}})

    def figure(self, size: Sequence[float] = (6.4, 3.2)) -> Any:
        """The panel's chart as a matplotlib Figure: gold the share reaching the global minimum, red the share
        diverging, against lr on a logarithmic axis; the white line the optimizer's own lr."""
        from matplotlib.figure import Figure  # no pyplot: no window, no global state

        figure = Figure(figsize=tuple(size), dpi=100, facecolor="#1e1e24")
        axes = figure.add_subplot()
        axes.set_facecolor("#1e1e24")
        axes.set_xscale("log")
        axes.axvline(self.lr, color="white", alpha=0.55, linewidth=1.5, label=f"lr = {self.lr:.3g}")
        axes.plot(self.lrs, self.global_share, color=GOLD, linewidth=2, label="reach the global minimum")
        axes.plot(self.lrs, self.diverged_share, color=RED, linewidth=2, label="diverge")
        axes.set_ylim(-0.03, 1.03)
        axes.set_xlabel("learning rate", color="white")
        axes.set_ylabel("share of starts", color="white")
        axes.set_title(f"{self.optimizer}: learning-rate sweep ({self.grid}x{self.grid} starts each)", color="white")
        axes.tick_params(colors="white")
        for spine in axes.spines.values():
            spine.set_color("#777777")
        axes.grid(True, axis="y", color="white", alpha=0.12)
        axes.legend(loc="best", fontsize=8, facecolor="#2a2a32", edgecolor="#555555", labelcolor="white")
        figure.tight_layout()
        return figure

    def _repr_png_(self) -> bytes | None:
        """How Jupyter shows it: the chart, or nothing (the text repr) where matplotlib is not installed."""
        try:
            figure = self.figure()
        except ImportError:
            return None
        out = io.BytesIO()
        figure.savefig(out, format="png", facecolor=figure.get_facecolor())
        return out.getvalue()

    def __repr__(self) -> str:
        rows = "\n".join(
            f"  lr {lr:<10.3g} {s.global_share:6.1%} global  {s.diverged_share:6.1%} diverged  "
            f"{s.converged_share:6.1%} converged  {s.mean_steps:6.0f} steps"
            for lr, s in zip(self.lrs, self.statistics)
        )
        return (
            f"LearningRateSweep({self.optimizer}, lr {self.lr:.3g}, {len(self.lrs)} rates of {self.grid}x{self.grid} "
            f"starts, {self.seconds:.3g} s)\n{rows}"
        )

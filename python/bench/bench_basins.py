"""Benchmark: one basin map from a Python optimizer against the built-in method with the same rule, in one run.

The map: Styblinski-Tang, a GRID x GRID grid of starts, at most 1000 steps each, momentum with lr 2^-6 and beta 0.9,
driven three ways: losscape's built-in momentum (C++, lockstep lanes on every core), a student's momentum class in
plain numpy, and losscape.TorchOptimizer(torch.optim.SGD, momentum=0.9). The three give the same map start for start
(python/tests/engine/test_python_basins.py), so their point-steps per second compare the drivers alone: the Python
ones run on one thread (each step holds the GIL) and pay a call into Python per step, a copy.deepcopy per start.

It prints figures; it asserts nothing but the maps' equality (a timed test would fail on a busy machine).
Usage (from the repository root): PYTHONPATH=build/python python3 python/bench/bench_basins.py [--grid N]
"""

from __future__ import annotations

import argparse
import os

import numpy as np

import losscape

FUNCTION = "styblinski_tang"
LR = 2.0**-6


class Momentum:
    """The students' momentum: v = beta v + g, x = x - lr v (the built-in's rule)."""

    def __init__(self, lr: float, beta: float = 0.9) -> None:
        self.lr, self.beta = lr, beta
        self.velocity = np.zeros(2)

    def step(self, position: np.ndarray, gradient: np.ndarray) -> np.ndarray:
        self.velocity = self.beta * self.velocity + gradient
        return position - self.lr * self.velocity


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", type=int, default=32, help="starts per side (default 32)")
    grid = parser.parse_args().grid
    drivers = {
        "built-in momentum": losscape.Scene(function=FUNCTION, optimizer="momentum", params={"lr": LR}),
        "Python momentum (numpy)": losscape.Scene(function=FUNCTION, optimizer=Momentum(LR)),
    }
    try:
        import torch

        torch_sgd = losscape.TorchOptimizer(torch.optim.SGD, lr=LR, momentum=0.9)
        drivers["torch.optim.SGD(momentum=0.9)"] = losscape.Scene(function=FUNCTION, optimizer=torch_sgd)
    except ImportError:
        print("(no torch: TorchOptimizer left out)")
    print(f"{FUNCTION}, {grid}x{grid} starts, at most 1000 steps each, on {os.cpu_count()} cores")
    reference = None
    for name, scene in drivers.items():
        found = scene.basins(grid=grid)
        reference = found if reference is None else reference
        assert (found.labels == reference.labels).all(), f"{name}'s map differs from the built-in's"
        per_second = found.point_steps_per_second
        print(f"  {name:30s} {found.seconds:8.3f} s  {per_second:12.4g} steps/s  {1e6 / per_second:8.3f} us/step  "
              f"x{reference.point_steps_per_second / per_second:,.0f}")


if __name__ == "__main__":
    main()

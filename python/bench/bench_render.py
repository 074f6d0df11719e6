"""Benchmark: one 1280x720 picture of a 200 x 200 surface from Python, losscape against matplotlib, in one run.

The surface is the seeds' sine-cosine wave, f = sin(x) cos(y) + (x^2 + y^2)/20 on [-6, 6]^2, sampled on a uniform
200 x 200 grid by both: losscape's terrain as a uniform mesh of 200 a side (resolution=200), matplotlib's
``plot_surface`` with every row and column of the same grid (rstride=cstride=1; its default draws only 50 x 50 of
them, timed too), rendered to pixels with the Agg backend at the same size. Each is timed from the call to an
(H, W, 4) array in hand, the median of several runs after one warm-up:

- losscape, a new scene: Scene(...) and render(), terrain built from the function included;
- losscape, the next frame: render() with the camera turned a degree (what an orbit or a camera slider pays: drawn
  anew, the terrain kept), with --screenshot's 4x multisampling and without (what recordings on a software renderer
  use);
- losscape, the same picture again: render() of the unchanged scene with the same arguments (what Jupyter showing a
  scene again pays): the kept picture, copied into a new array, not drawn;
- matplotlib: the figure, plot_surface and the draw.

Then render() calls per second in a loop, at 1280x720 and 1920x1080, for the next frame and the same picture.

It prints figures; it asserts nothing (a timed test would fail on a busy machine). Needs python3-matplotlib
(scripts/install-packages.sh python3-matplotlib) and the module (PYTHONPATH=build/python).
Usage (from the repository root): PYTHONPATH=build/python python3 python/bench/bench_render.py [--runs N]
"""

from __future__ import annotations

import argparse
import functools
import statistics
import time
from typing import Callable

import numpy as np

import losscape

WIDTH, HEIGHT, GRID = 1280, 720, 200
FORMULA = "sin(x)*cos(y) + (x^2 + y^2)/20"
DOMAIN = (-6.0, 6.0, -6.0, 6.0)


def median_seconds(work: Callable[[], np.ndarray], runs: int) -> float:
    """The median wall time of `runs` calls after one warm-up, each checked to give a whole picture."""
    assert work().shape[:2] == (HEIGHT, WIDTH)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def losscape_scene() -> losscape.Scene:
    return losscape.Scene(function=FORMULA, domain=DOMAIN, resolution=str(GRID), optimizer=["gd", "adam"])


def losscape_new_scene() -> np.ndarray:
    return losscape_scene().render(size=(WIDTH, HEIGHT))


def next_frames(scene: losscape.Scene, size: tuple[int, int], msaa: int | None = None) -> Callable[[], np.ndarray]:
    """render() with the camera a degree further round at each call: every call draws a new picture."""
    yaw = iter(range(10**9))
    return lambda: scene.render(size=size, camera=(next(yaw) % 360, 35), msaa=msaa)


def calls_per_second(work: Callable[[], np.ndarray], seconds: float = 2.0) -> float:
    """How many calls of `work` a loop makes in a second, over about `seconds` after one warm-up."""
    work()
    calls, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        work()
        calls += 1
    return calls / (time.perf_counter() - started)


def matplotlib_picture(stride: int) -> Callable[[], np.ndarray]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = np.linspace(DOMAIN[0], DOMAIN[1], GRID)
    y = np.linspace(DOMAIN[2], DOMAIN[3], GRID)
    xs, ys = np.meshgrid(x, y)
    zs = np.sin(xs) * np.cos(ys) + (xs**2 + ys**2) / 20

    def draw() -> np.ndarray:
        figure = plt.figure(figsize=(WIDTH / 100, HEIGHT / 100), dpi=100)
        axes = figure.add_subplot(projection="3d")
        if stride:
            axes.plot_surface(xs, ys, zs, cmap="viridis", rstride=stride, cstride=stride)
        else:
            axes.plot_surface(xs, ys, zs, cmap="viridis")  # matplotlib's default: 50 x 50 of the rows and columns
        figure.canvas.draw()
        pixels = np.asarray(figure.canvas.buffer_rgba()).copy()
        plt.close(figure)
        return pixels

    return draw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    runs = parser.parse_args().runs
    scene = losscape_scene()
    size = (WIDTH, HEIGHT)
    rows = [
        ("losscape: new scene + render", median_seconds(losscape_new_scene, runs)),
        ("losscape: render, next frame (camera turned)", median_seconds(next_frames(scene, size), runs)),
        ("losscape: render, next frame, no multisampling", median_seconds(next_frames(scene, size, 0), runs)),
        ("losscape: render, the same picture again", median_seconds(lambda: scene.render(size=size), runs)),
        (f"matplotlib plot_surface, all {GRID}x{GRID}", median_seconds(matplotlib_picture(1), runs)),
        ("matplotlib plot_surface, default 50x50", median_seconds(matplotlib_picture(0), runs)),
    ]
    print(f"{WIDTH}x{HEIGHT} picture of a {GRID}x{GRID} surface, median of {runs} runs; losscape drawn by "
          f"{losscape.scene._engine.picture_context()}:")
    for name, seconds in rows:
        print(f"  {name:48s} {seconds * 1000:9.1f} ms")
    full = rows[4][1]
    print(f"matplotlib (all {GRID}x{GRID}) / losscape: {full / rows[0][1]:.0f}x (new scene), "
          f"{full / rows[1][1]:.0f}x (next frame), {full / rows[2][1]:.0f}x (next frame, no multisampling); the same "
          f"picture again is a copy, not a drawing: no match for matplotlib's")
    print("render() calls per second in a loop:")
    for loop_size in ((1280, 720), (1920, 1080)):
        loops = [("next frame", next_frames(scene, loop_size)), ("no multisampling", next_frames(scene, loop_size, 0)),
                 ("the same picture", functools.partial(scene.render, size=loop_size))]
        figures = ", ".join(f"{name} {calls_per_second(work):.1f}" for name, work in loops)
        print(f"  {loop_size[0]}x{loop_size[1]}: {figures}")

if __name__ == "__main__":
    main()

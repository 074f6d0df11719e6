"""Issue 19's basin map done by numpy, for docs/performance.md's side-by-side figure.

The same work as ``build/tests/bench_basins --issue``'s built-in row: 512 x 512 starts on Himmelblau's domain
[-5, 5]^2 (cell centres), 1000 gradient-descent steps at lr 0.0005, each step judged by losscape's step rules
(take_step in engine/core/step_rules.cpp): diverged beyond the box two domain sizes out, undefined where f or its
gradient is not finite, converged when |grad| <= 1e-6 and the step <= 1e-9 domain sizes, left the domain after
200 steps in a row outside it. Written as one would in numpy: every array operation over all running starts at
once (the running ones compressed out as they finish, so finished starts cost nothing).

numpy rounds p - lr * g twice where losscape fuses it (torch's rounding), so single ends may differ in the last
bits; the outcomes and step counts printed are for a check by eye against the C++ map, not bit for bit.

Usage (from the repository root): /usr/bin/python3 python/bench/bench_basins_numpy.py [--grid N] [--steps N]
"""

from __future__ import annotations

import argparse
import time

import numpy as np


def himmelblau(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r1 = x * x + y - 11.0
    r2 = x + y * y - 7.0
    return r1 * r1 + r2 * r2, 4.0 * x * r1 + 2.0 * r2, 2.0 * r1 + 4.0 * y * r2


def basin_map(grid: int, steps: int, lr: float) -> dict[str, int]:
    lo, hi = -5.0, 5.0
    size = hi - lo
    box_lo, box_hi = lo - 2.0 * size, hi + 2.0 * size
    centres = lo + size * (np.arange(grid) + 0.5) / grid
    x, y = (a.ravel().copy() for a in np.meshgrid(centres, centres))
    f, gx, gy = himmelblau(x, y)
    outside = np.zeros_like(x)
    outcomes = {"converged": 0, "diverged": 0, "undefined": 0, "left_domain": 0, "running": 0}
    point_steps = 0
    with np.errstate(all="ignore"):
        for _ in range(steps):
            if x.size == 0:
                break
            nx, ny = x - lr * gx, y - lr * gy
            diverged = ~(np.isfinite(nx) & np.isfinite(ny) & (nx >= box_lo) & (nx <= box_hi) & (ny >= box_lo)
                         & (ny <= box_hi))
            nf, ngx, ngy = himmelblau(nx, ny)
            finite = np.isfinite(nf) & np.isfinite(ngx) & np.isfinite(ngy)
            undefined = ~diverged & ~finite & (np.isnan(nf) | np.isnan(ngx) | np.isnan(ngy))
            overflow = ~diverged & ~finite & ~undefined
            moved = ~diverged & finite
            inside = (nx >= lo) & (nx <= hi) & (ny >= lo) & (ny <= hi)
            outside = np.where(inside, 0.0, outside + 1.0)
            small = (np.hypot(ngx, ngy) <= 1e-6) & (np.hypot(nx - x, ny - y) <= 1e-9 * size)
            converged = moved & small & inside
            left = moved & ((small & ~inside) | (outside > 200))
            point_steps += int(moved.sum())
            outcomes["converged"] += int(converged.sum())
            outcomes["diverged"] += int((diverged | overflow).sum())
            outcomes["undefined"] += int(undefined.sum())
            outcomes["left_domain"] += int(left.sum())
            running = moved & ~converged & ~left
            x, y, f, gx, gy, outside = (a[running] for a in (nx, ny, nf, ngx, ngy, outside))
    outcomes["running"] = int(x.size)
    outcomes["point_steps"] = point_steps
    return outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", type=int, default=512)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--lr", type=float, default=0.0005)
    args = parser.parse_args()
    wall, cpu = time.perf_counter(), time.process_time()
    outcomes = basin_map(args.grid, args.steps, args.lr)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"numpy {np.__version__}: {args.grid}x{args.grid} starts x {args.steps} gd steps at lr {args.lr}: "
          f"{wall:.2f} s (CPU {cpu:.2f} s), {outcomes['point_steps']:.3g} point-steps, "
          f"{outcomes['point_steps'] / wall / 1e6:.1f} M point-steps/s")
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in outcomes.items() if k != "point_steps"))
    print(f"bench_basins_numpy: wall_s={wall:.3f} cpu_s={cpu:.3f} point_steps={outcomes['point_steps']}")


if __name__ == "__main__":
    main()

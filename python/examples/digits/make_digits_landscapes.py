#!/usr/bin/env python3
"""Makes the digits example's loss-surface files (the gallery's scenes 22 to 24) from a seed.

A 64-32-16-10 MLP (digits_setup.py) is trained twice on scikit-learn's handwritten digits from the
same initial weights: with batches of 8 and with the whole training set (SGD with momentum, both to about
the same training loss). Then, with the losscape.landscape package:

- around each run's final weights, two filter-normalised random directions (Li et al., NeurIPS 2018;
  the same Gaussian draw for both runs, rescaled to each network's filters) and the train and test
  loss and accuracy on a grid of that slice, the same range for both so that they compare: the
  small-batch minimum is wide and flat, the large-batch one narrow and sharp (Keskar et al., ICLR 2017);
- the sharpness of each: the mean rise of the training loss at radius 0.5 along the two directions;
- for the small-batch run, the first two principal components of its path (theta_t - theta_final),
  the path projected on them, and the surface of that plane: random directions would show almost
  nothing of the path, which moves in a tiny subspace of weight space (Li et al., section 7).

Usage (from the repository root; about ten seconds on two cores):

    /usr/bin/python3 python/examples/digits/make_digits_landscapes.py            # writes scenes/data/
    /usr/bin/python3 python/examples/digits/make_digits_landscapes.py --seed 3 --out /tmp/digits

The same seed gives the same files on the same machine, byte for byte (training runs in one
thread); another CPU or torch build may round float32 differently, and training carries that on.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import tempfile
from dataclasses import replace
from typing import Sequence

import h5py
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(REPO, "python"))
sys.path.insert(0, HERE)

from losscape.landscape.command_line import OneLineParser, run_command  # noqa: E402
from losscape.landscape.directions import pca_directions, random_direction, write_direction_file  # noqa: E402
from losscape.landscape.setup_file import Setup, load_setup  # noqa: E402
from losscape.landscape.surface import evaluate_surface  # noqa: E402
from losscape.landscape.trajectory import project_checkpoints, true_losses, write_trajectory_file  # noqa: E402
from train_runs import Run, checkpoint_path, train  # noqa: E402

DEFAULT_SEED = 0
# Both runs reach a training loss of about 4e-4 (seed 0), each with a learning rate that trains it well:
# the large batch is the whole training set (1437 images: gradient descent with momentum, one step an
# epoch), which takes a larger lr and more epochs to get as far as 180 steps an epoch of batches of 8.
RUNS = (Run("small-batch", batch_size=8, lr=0.01, momentum=0.9, epochs=40),
        Run("large-batch", batch_size=1437, lr=0.2, momentum=0.9, epochs=400))
PCA_RUN = "small-batch"  # the path shown on the PCA slice
SHARPNESS_RADIUS = 0.5  # in units of the filter-normalised directions: 0.5 = half of each filter's norm
Direction = Sequence[torch.Tensor]
OUTPUTS = {  # what the script writes into --out, by role
    "small-batch": "digits-small-batch.h5",
    "large-batch": "digits-large-batch.h5",
    "pca": "digits-pca.h5",
    "path": "digits-pca-path.h5",
}


def grid_size(text: str) -> tuple[int, int]:
    """'41x41' -> (41, 41): the grid's cells along x and y, at least 2 each."""
    try:
        nx, ny = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected NXxNY such as 41x41, got '{text}'") from None
    if nx < 2 or ny < 2:
        raise argparse.ArgumentTypeError(f"a grid needs at least 2 cells a side, got '{text}'")
    return nx, ny


def build_parser() -> OneLineParser:
    """The command line; a bad one is one line on stderr (the package's OneLineParser)."""
    parser = OneLineParser(prog="make_digits_landscapes.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="initial weights, batches and directions")
    parser.add_argument("--out", default=os.path.join(REPO, "scenes", "data"), help="where the .h5 files go")
    parser.add_argument("--scratch", help="keep the checkpoints and direction files here (default: a temporary "
                                          "folder, removed at the end)")
    parser.add_argument("--grid", type=grid_size, default=(41, 41), help="the random slices' grid (NXxNY)")
    parser.add_argument("--range", type=float, default=1.0, help="the random slices span [-R, R]^2")
    parser.add_argument("--pca-grid", type=grid_size, default=(41, 41), help="the PCA slice's grid (NXxNY)")
    parser.add_argument("--epochs", type=int, nargs=2, metavar=("SMALL", "LARGE"),
                        default=[run.epochs for run in RUNS], help="epochs of the two runs (tests: a few)")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    return parser


def check_args(args: argparse.Namespace) -> None:
    """What argparse cannot check, as one-line errors."""
    if not args.range > 0:
        raise ValueError(f"--range must be above 0, got {args.range}")
    if min(args.epochs) < 2:
        raise ValueError(f"--epochs must be at least 2 each (PCA needs 3 checkpoints), got {args.epochs}")


def axis(size: int, low: float, high: float) -> np.ndarray:
    """SIZE coordinates from LOW to HIGH, float64 as loss-landscape writes them."""
    return np.linspace(low, high, size, dtype=np.float64)


def pca_window(xs: np.ndarray, ys: np.ndarray) -> tuple[float, float, float, float]:
    """A window around the projected path (and the minimum at (0, 0)) with a margin of a fifth of its span on
    every side, so that the path's start is not on the edge and balls have room to roll."""
    low_x, high_x = min(xs.min(), 0.0), max(xs.max(), 0.0)
    low_y, high_y = min(ys.min(), 0.0), max(ys.max(), 0.0)
    margin = 0.2 * max(high_x - low_x, high_y - low_y)
    return low_x - margin, high_x + margin, low_y - margin, high_y + margin


def remove_outputs(folder: str) -> None:
    """Deletes this script's earlier files in FOLDER: evaluate_surface resumes a file it finds (its -1 cells),
    and a new run must start from nothing."""
    for name in OUTPUTS.values():
        path = os.path.join(folder, name)
        if os.path.exists(path):
            os.remove(path)


def sharpness(setup: Setup, model: torch.nn.Module, xdir: Direction, ydir: Direction, path: str,
              quiet: bool) -> tuple[float, float]:
    """(loss at the minimum, mean rise of the training loss at SHARPNESS_RADIUS along +-xdir and +-ydir),
    from a 3x3 surface at -r, 0, r whose middle row and column are those five points."""
    ticks = axis(3, -SHARPNESS_RADIUS, SHARPNESS_RADIUS)
    if os.path.exists(path):
        os.remove(path)  # a kept --scratch's file of an earlier run would be resumed, not computed again
    evaluate_surface(model, setup.loss_fn, setup.data("train"), xdir, ydir, ticks, ticks, path, progress=not quiet)
    with h5py.File(path, "r") as file:
        loss = np.asarray(file["train_loss"]).reshape(-1)  # flat index k = (x[k % 3], y[k // 3])
    centre = loss[4]
    return float(centre), float(np.mean(loss[[1, 3, 5, 7]]) - centre)


def random_slice(setup: Setup, model: torch.nn.Module, run: Run, args: argparse.Namespace, scratch: str) -> str:
    """Writes the surface of RUN's minimum on two filter-normalised random directions and returns its line of
    the report: the final train and test loss and accuracy, and the sharpness."""
    train_data, test_data = setup.data("train"), setup.data("test")
    final = [checkpoint_path(scratch, run, run.epochs)]
    (train_loss,), (train_acc,) = true_losses(model, setup.loss_fn, train_data, final)
    (test_loss,), (test_acc,) = true_losses(model, setup.loss_fn, test_data, final)
    draw = torch.Generator().manual_seed(args.seed)  # the same draw for both runs, rescaled to each one's filters
    xdir, ydir = random_direction(model, generator=draw), random_direction(model, generator=draw)
    dir_file = os.path.join(scratch, f"{run.name}-directions.h5")
    write_direction_file(dir_file, xdir, ydir)
    (nx, ny), r = args.grid, args.range
    evaluate_surface(model, setup.loss_fn, train_data, xdir, ydir, axis(nx, -r, r), axis(ny, -r, r),
                     os.path.join(args.out, OUTPUTS[run.name]), test_data=test_data,
                     dir_file=os.path.basename(dir_file), progress=not args.quiet)
    centre, rise = sharpness(setup, model, xdir, ydir, os.path.join(scratch, f"{run.name}-sharpness.h5"),
                             args.quiet)
    return (f"{run.name}: batch {run.batch_size}, lr {run.lr}, momentum {run.momentum}, {run.epochs} epochs: "
            f"train loss {train_loss:.4g}, acc {train_acc:.2f}%; test loss {test_loss:.4g}, acc {test_acc:.2f}%; "
            f"sharpness (loss rise at radius {SHARPNESS_RADIUS}) {rise:.4g} from {centre:.4g}")


def pca_slice(setup: Setup, checkpoints: list[str], args: argparse.Namespace, scratch: str) -> str:
    """Writes the PCA plane of a run's CHECKPOINTS (theta_final + x pc1 + y pc2), the path projected on it with
    the network's true loss at each checkpoint, and the plane's surface around the whole path; returns its line
    of the report."""
    model = setup.model()
    model.load_state_dict(torch.load(checkpoints[-1]))
    train_data = setup.data("train")
    xdir, ydir, info = pca_directions(model, checkpoints)
    write_direction_file(os.path.join(scratch, "pca-directions.h5"), xdir, ydir, **info)
    xs, ys = project_checkpoints(model, xdir, ydir, checkpoints)
    losses, accuracies = true_losses(model, setup.loss_fn, train_data, checkpoints)
    write_trajectory_file(os.path.join(args.out, OUTPUTS["path"]), xs, ys, train_loss=losses, train_acc=accuracies,
                          checkpoints=[f"epoch {i}" for i in range(len(checkpoints))])
    x0, x1, y0, y1 = pca_window(xs, ys)
    nx, ny = args.pca_grid
    evaluate_surface(model, setup.loss_fn, train_data, xdir, ydir, axis(nx, x0, x1), axis(ny, y0, y1),
                     os.path.join(args.out, OUTPUTS["pca"]), test_data=setup.data("test"),
                     dir_file="pca-directions.h5", progress=not args.quiet)
    ratio = info["explained_variance_ratio_"]
    return (f"pca of {PCA_RUN}: explained variance {ratio[0]:.3f} + {ratio[1]:.3f}; path from "
            f"({xs[0]:.3g}, {ys[0]:.3g}) at loss {losses[0]:.4g} to (0, 0) at {losses[-1]:.4g}; "
            f"window x [{x0:.3g}, {x1:.3g}], y [{y0:.3g}, {y1:.3g}]")


def run(args: argparse.Namespace) -> None:
    """Trains both runs and writes every file (see the module's docstring)."""
    check_args(args)
    torch.set_num_threads(1)  # one thread: the same sums in the same order, so the same files every time
    setup = load_setup(os.path.join(HERE, "digits_setup.py"))
    try:
        os.makedirs(args.out, exist_ok=True)
    except OSError as error:
        raise ValueError(f"--out {args.out}: cannot make the folder ({error.strerror})") from error
    remove_outputs(args.out)
    with tempfile.TemporaryDirectory(prefix="losscape-digits-") as temporary:
        scratch = args.scratch or temporary
        os.makedirs(scratch, exist_ok=True)
        torch.manual_seed(args.seed)
        initial = copy.deepcopy(setup.model().state_dict())  # both runs start here
        inputs, targets = setup.data("train")[0]
        paths: dict[str, list[str]] = {}
        for run, epochs in zip(RUNS, args.epochs):
            run = replace(run, epochs=epochs)
            model = setup.model()
            model.load_state_dict(initial)
            paths[run.name] = train(model, setup.loss_fn, inputs, targets, run, args.seed, scratch)
            print(random_slice(setup, model, run, args, scratch), flush=True)
        print(pca_slice(setup, paths[PCA_RUN], args, scratch), flush=True)


def main(argv: Sequence[str]) -> int:
    return run_command(build_parser(), argv, run)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

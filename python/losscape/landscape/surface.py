"""The loss surface on a grid of a 2D slice of weight space, written as loss-landscape's surface file.

The weights at grid cell (x, y) are theta + (x * dx + y * dy), tensor by tensor, with theta the model's parameters
and (dx, dy) the two directions (lists of tensors shaped like ``model.parameters()``, in that order). At each cell
the loss is loss-landscape's evaluation.eval_loss: the mean over samples (sum of batch loss * batch size over the
sample count), with the model in eval() mode; the accuracy is the percentage of samples whose argmax output is the
integer target (0 when the targets are not class indices).

``evaluate_surface`` is the fast path: the data are read once and kept as tensors (small batches merged into
bigger passes), each cell's weights are copied into the parameters and the model runs under inference_mode (no
DataLoader, no autograd, no Python per parameter but the copy), and on the CPU linear layers and max
pooling run on oneDNN (cpu_kernels.py). It resumes (only cells still at -1 are computed, and the file is flushed
after every chunk) and splits the cells across ``torchrun`` processes (see ranks.py). ``reference_surface`` is
loss-landscape's own loop (perturb the parameters, run the data loader, restore): the baseline for the tests and
the benchmark.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import math
import os
import sys
import time
from typing import Any, Callable, Iterable, Sequence

import numpy as np
import torch
from tqdm import tqdm

from .cpu_kernels import fast_cpu_kernels, onednn_available
from .command_line import check_output, command_parser, final_model, one_line, run_command
from .directions import check_like, read_direction_file
from .ranks import Ranks
from .setup_file import SetupError
from .surface_file import Surface, SurfaceFile, SurfaceFileError, cell_coordinates
from .trajectory import evaluate as evaluate_model

Direction = Sequence[torch.Tensor]
LossFn = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
Batch = tuple[torch.Tensor, torch.Tensor]

DEFAULT_BATCH_POINTS = 256  # at most this many cells per chunk and rank
DEFAULT_CHUNK_SECONDS = 2.0  # a chunk's aim: a killed run loses about this much work, and ranks meet this seldom
DEFAULT_PASS_BYTES = 8 << 20  # inputs per forward pass once batches are merged (all of digits; 680 CIFAR images)


def batch_score(outputs: torch.Tensor, targets: torch.Tensor) -> int:
    """How many samples of a batch are classified right (argmax over dim 1); 0 unless the outputs are
    (batch, classes) scores of integer class indices (trajectory.evaluate's rule, so both files agree)."""
    if outputs.dim() != 2 or targets.dim() != 1 or targets.is_floating_point() or targets.is_complex():
        return 0
    return int((outputs.argmax(dim=1) == targets).sum())


class SliceModel:
    """The model restricted to the slice: the weights at (x, y) and the loss and accuracy of the data there."""

    def __init__(self, model: torch.nn.Module, loss_fn: LossFn, xdir: Direction, ydir: Direction,
                 device: torch.device | None = None):
        self.params = list(model.parameters())
        check_like(xdir, self.params, "the x direction", "the model's parameters()")
        check_like(ydir, self.params, "the y direction", "the model's parameters()")
        self.model = model
        self.loss_fn = loss_fn
        self.device = device or self.params[0].device
        self.theta = [p.detach().to(self.device, copy=True) for p in self.params]
        self.dx = [d.detach().to(self.device, dtype=t.dtype) for d, t in zip(xdir, self.theta)]
        self.dy = [d.detach().to(self.device, dtype=t.dtype) for d, t in zip(ydir, self.theta)]

    def weights(self, x: float, y: float) -> list[torch.Tensor]:
        """theta + (x dx + y dy) per tensor: the same operations, in the same order, as loss-landscape's
        net_plotter.set_weights, so each cell's weights are bit for bit the reference's."""
        return [t + (x * a + y * b) for t, a, b in zip(self.theta, self.dx, self.dy)]

    def evaluate(self, batches: Sequence[Batch], coords: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Loss and accuracy (percent) at each (x, y) row of COORDS, over the cached BATCHES.

        The cells' weights are made once; each batch then goes through the model at every cell while it is hot in
        the cache, under inference_mode and (on the CPU) oneDNN's linear and max-pooling kernels. A cell's weights
        are copied into the model's parameters, which is 4 to 6 times cheaper than torch.nn.utils.stateless.
        functional_call's swap of every parameter (about 25 against 120 us a call for the benchmark's networks);
        theta is copied back at the end, whatever happens."""
        cells = [self.weights(float(x), float(y)) for x, y in coords]
        loss_sums = np.zeros(len(coords))
        correct = np.zeros(len(coords), dtype=np.int64)
        total = sum(inputs.size(0) for inputs, _ in batches)
        was_training = self.model.training
        self.model.eval()
        on_cpu = self.device.type == "cpu" and onednn_available()
        kernels = fast_cpu_kernels() if on_cpu else contextlib.nullcontext()
        try:
            with torch.inference_mode(), kernels:
                for inputs, targets in batches:
                    for i, weights in enumerate(cells):
                        self.load(weights)
                        outputs = self.model(inputs)
                        loss_sums[i] += float(self.loss_fn(outputs, targets)) * inputs.size(0)
                        correct[i] += batch_score(outputs, targets)
        finally:
            with torch.no_grad():
                self.load(self.theta)
            self.model.train(was_training)
        return loss_sums / total, 100.0 * correct / total

    def load(self, weights: Sequence[torch.Tensor]) -> None:
        for p, w in zip(self.params, weights):
            p.copy_(w)


def cache_batches(data: Iterable[Any], device: torch.device, pass_bytes: int = DEFAULT_PASS_BYTES) -> list[Batch]:
    """The data's (inputs, targets) batches as tensors on DEVICE, read once, so that no cell pays for a loader,
    and consecutive batches merged into passes of up to PASS_BYTES of inputs: a small network spends most of a
    small batch in Python and per-call overhead (on digits, one pass of 1797 samples is about 5 times faster than
    fourteen of 128). The loss of a pass is its mean times its size, as for a batch, so with a mean loss (the
    setup file's contract) merging changes the sum only by float rounding."""
    batches: list[Batch] = []
    pending: list[Batch] = []
    pending_bytes = 0

    def flush() -> None:
        if pending:
            batches.append(pending[0] if len(pending) == 1 else
                           (torch.cat([i for i, _ in pending]), torch.cat([t for _, t in pending])))
            pending.clear()

    for batch in data:
        if not isinstance(batch, (tuple, list)) or len(batch) < 2:
            raise ValueError("the data must yield (inputs, targets) batches")
        inputs, targets = torch.as_tensor(batch[0]).to(device), torch.as_tensor(batch[1]).to(device)
        size = inputs.numel() * inputs.element_size()
        fits = pending and pending_bytes + size <= pass_bytes and all(
            a.shape[1:] == b.shape[1:] and a.dtype == b.dtype for a, b in zip(pending[0], (inputs, targets)))
        if not fits:
            flush()
            pending_bytes = 0
        pending.append((inputs, targets))
        pending_bytes += size
    flush()
    if not batches or sum(inputs.size(0) for inputs, _ in batches) == 0:
        raise ValueError("the data yielded no samples")
    return batches


def evaluate_surface(model: torch.nn.Module, loss_fn: LossFn, data: Iterable[Any], xdir: Direction,
                     ydir: Direction, xcoords: Sequence[float], ycoords: Sequence[float], path: str, *,
                     test_data: Iterable[Any] | None = None, dir_file: str | None = None,
                     batch_points: int = DEFAULT_BATCH_POINTS, chunk_seconds: float | None = DEFAULT_CHUNK_SECONDS,
                     progress: bool = True, device: torch.device | None = None) -> int:
    """Computes the surfaces' cells still at -1 in PATH (created when missing) and returns how many this process
    computed. ``train_loss``/``train_acc`` come from DATA, ``test_loss``/``test_acc`` from TEST_DATA when given.

    The cells go in chunks, and rank 0 writes and flushes the file after each, so a killed run loses one chunk at
    most. A chunk has at most ``batch_points`` cells per rank and, with CHUNK_SECONDS, as many as take about that
    long (the first chunk has one cell per rank, to time them); with chunk_seconds=None every chunk has
    ``batch_points`` cells per rank. Under torchrun every rank calls this with the same arguments and computes its
    share of each chunk; rank 0 gathers and writes. The model is moved to the rank's device (its GPU under CUDA);
    its parameters hold each cell's weights in turn and theta again at the end.
    """
    if batch_points < 1:
        raise ValueError(f"batch_points is {batch_points}; it must be at least 1")
    if chunk_seconds is not None and not chunk_seconds > 0:
        raise ValueError(f"chunk_seconds is {chunk_seconds}; it must be above 0 (or None)")
    xcoords = np.asarray(xcoords, dtype=np.float64)
    ycoords = np.asarray(ycoords, dtype=np.float64)
    ranks = Ranks()
    try:
        device = device or ranks.device()
        model.to(device)
        slice_model = SliceModel(model, loss_fn, xdir, ydir, device)
        splits = {"train": data} if test_data is None else {"train": data, "test": test_data}
        file, surfaces, plan = None, {}, None
        if ranks.is_writer:
            try:
                file = SurfaceFile(path, xcoords, ycoords, dir_file)
                surfaces = {split: file.surface(split) for split in splits}
                plan = {split: surface.remaining() for split, surface in surfaces.items()}
            except Exception as error:  # every rank must hear of it, or the others would wait for rank 0 forever
                if file is not None:
                    file.close()
                plan = error
        shared = ranks.broadcast(one_line(plan) if isinstance(plan, Exception) else plan)
        if isinstance(plan, Exception):
            raise plan  # rank 0: the error itself
        if isinstance(shared, str):
            raise SurfaceFileError(shared)  # the other ranks: its line
        plan = shared
        try:
            return _crunch(slice_model, splits, plan, surfaces, file, xcoords, ycoords, ranks,
                           ChunkSizer(batch_points, chunk_seconds), progress)
        finally:
            if file is not None:
                file.close()
    finally:
        ranks.close()


class ChunkSizer:
    """How many cells each rank takes in the next chunk: at most MOST, and (with SECONDS) as many as the slowest
    rank computed in about SECONDS at its last chunk's pace. Every rank sees the same gathered timings, so every
    rank picks the same size and the chunks' boundaries agree."""

    def __init__(self, most: int, seconds: float | None):
        self.most = most
        self.seconds = seconds
        self.per_cell: float | None = None

    def cells(self) -> int:
        if self.seconds is None:
            return self.most
        if self.per_cell is None:
            return 1  # the first chunk times a cell
        return max(1, min(self.most, int(self.seconds / max(self.per_cell, 1e-9))))

    def timed(self, parts: list[tuple[int, float]]) -> None:
        """Takes each rank's (cells, seconds) of the chunk just computed."""
        paces = [seconds / count for count, seconds in parts if count > 0]
        if paces:
            self.per_cell = max(paces)


def _crunch(slice_model: SliceModel, splits: dict[str, Iterable[Any]], plan: dict[str, np.ndarray],
            surfaces: dict[str, Surface], file: SurfaceFile | None, xcoords: np.ndarray, ycoords: np.ndarray,
            ranks: Ranks, sizer: ChunkSizer, progress: bool) -> int:
    """The chunk loop of evaluate_surface: compute my share of each round, gather, let rank 0 write."""
    computed = 0
    cells_total = len(xcoords) * len(ycoords) * len(plan)
    todo = sum(len(cells) for cells in plan.values())
    # a resumed run's bar starts where the killed one stopped
    bar = tqdm(total=cells_total, initial=cells_total - todo, disable=not (progress and ranks.is_writer),
               file=sys.stderr, unit="cell", desc="surface", dynamic_ncols=True)
    try:
        for split, cells in plan.items():
            if len(cells) == 0:
                continue
            batches = cache_batches(splits[split], slice_model.device)
            start = 0
            while start < len(cells):
                chunk = cells[start:start + sizer.cells() * ranks.size]
                start += len(chunk)
                mine = ranks.share(chunk)
                began = time.perf_counter()
                loss, acc = slice_model.evaluate(batches, cell_coordinates(xcoords, ycoords, mine))
                computed += len(mine)
                parts = ranks.gather((mine, loss, acc, time.perf_counter() - began))
                sizer.timed([(len(part[0]), part[3]) for part in parts])
                if file is not None:
                    surface = surfaces[split]
                    for part_cells, part_loss, part_acc, _ in parts:
                        surface.store(part_cells, part_loss, part_acc)
                    file.write(surface)
                    bar.update(sum(len(part[0]) for part in parts))
    except BaseException:
        bar.leave = False  # on a terminal the bar is wiped, leaving the error's one line
        raise
    finally:
        bar.close()
    return computed


def reference_surface(model: torch.nn.Module, loss_fn: LossFn, loader: Iterable[Any], xdir: Direction,
                      ydir: Direction, xcoords: Sequence[float],
                      ycoords: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """loss-landscape's way, one cell at a time: set each parameter's data to theta + (x dx + y dy), run the whole
    LOADER through the model (eval_loss), then restore theta. Returns (loss, acc) in the file's (nx, ny) layout.
    The baseline that evaluate_surface is tested and benchmarked against."""
    nx, ny = len(xcoords), len(ycoords)
    losses, accs = -np.ones((nx, ny)), -np.ones((nx, ny))
    params = list(model.parameters())
    theta = [p.data.clone() for p in params]
    was_training = model.training
    try:
        for k, (x, y) in enumerate(cell_coordinates(np.asarray(xcoords), np.asarray(ycoords), np.arange(nx * ny))):
            for p, w, a, b in zip(params, theta, xdir, ydir):
                p.data = w + (float(x) * a + float(y) * b).type(w.dtype)
            loss, acc = evaluate_model(model, loss_fn, loader)
            losses.ravel()[k], accs.ravel()[k] = loss, 0.0 if acc is None else acc
    finally:
        for p, w in zip(params, theta):
            p.data = w
        model.train(was_training)
    return losses, accs


def parse_grid(text: str, flag: str) -> np.ndarray:
    """MIN:MAX:N as np.linspace(MIN, MAX, N) (plot_surface.py's --x/--y); anything else is one line naming FLAG."""
    parts = text.split(":")
    try:
        if len(parts) != 3:
            raise ValueError
        low, high, count = float(parts[0]), float(parts[1]), int(parts[2])
    except ValueError:
        raise ValueError(f"{flag} '{text}': not MIN:MAX:N (for example -1:1:51)") from None
    if not (math.isfinite(low) and math.isfinite(high)) or low >= high:
        raise ValueError(f"{flag} '{text}': MIN must be finite and below MAX")
    if count < 2:
        raise ValueError(f"{flag} '{text}': N must be at least 2")
    return np.linspace(low, high, num=count)


def build_parser() -> argparse.ArgumentParser:
    parser = command_parser("surface", "Compute the loss and accuracy on a grid of the slice theta + x dx + y dy "
                                       "and write loss-landscape's surface file. Resumes a file whose cells are "
                                       "partly -1. Under torchrun --nproc_per_node N the cells are split across "
                                       "N processes.")
    parser.add_argument("--directions", required=True, help="the direction file (from the directions command)")
    parser.add_argument("--x", required=True, metavar="MIN:MAX:N", help="the x grid, as np.linspace(MIN, MAX, N)")
    parser.add_argument("--y", required=True, metavar="MIN:MAX:N", help="the y grid, as np.linspace(MIN, MAX, N)")
    parser.add_argument("--test", action="store_true", help="also test_loss and test_acc, on data('test')")
    parser.add_argument("--batch-points", type=int, default=DEFAULT_BATCH_POINTS, metavar="K",
                        help=f"at most K cells per chunk and process (default {DEFAULT_BATCH_POINTS}); a chunk "
                             f"takes about {DEFAULT_CHUNK_SECONDS:g} s, and the file is written after each")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--out", required=True, help="the surface file (HDF5), created or resumed")
    return parser


def split_data(setup: Any, split: str) -> Iterable[Any]:
    """The setup file's batches of SPLIT; whatever its data() raises becomes one line naming the file."""
    try:
        return setup.data(split)
    except Exception as error:  # the user's code
        raise SetupError(f"{setup.path}: data('{split}') failed: {type(error).__name__}: {one_line(error)}") from error


def run(args: argparse.Namespace) -> None:
    xcoords, ycoords = parse_grid(args.x, "--x"), parse_grid(args.y, "--y")
    if args.batch_points < 1:
        raise ValueError(f"--batch-points {args.batch_points}: must be at least 1")
    check_output(args.out, SurfaceFileError)
    setup, model = final_model(args.setup, args.checkpoint)
    xdir, ydir = read_direction_file(args.directions, model)
    train = split_data(setup, "train")
    test = split_data(setup, "test") if args.test else None
    try:
        evaluate_surface(model, setup.loss_fn, train, xdir, ydir, xcoords, ycoords, args.out, test_data=test,
                         dir_file=args.directions, batch_points=args.batch_points, progress=not args.no_progress)
    except RuntimeError as error:  # torch's complaint about the user's model, loss or data
        raise ValueError(f"{args.setup}: evaluating the model failed: {one_line(error)}") from error


def main(argv: Sequence[str]) -> int:
    """The ``surface`` command: errors are one line on stderr, from rank 0 only under torchrun, and exit 2."""
    quiet = os.environ.get("RANK", "0") != "0"
    with contextlib.redirect_stderr(io.StringIO()) if quiet else contextlib.nullcontext():
        return run_command(build_parser(), glue_grids(argv), run)


def glue_grids(argv: Sequence[str]) -> list[str]:
    """``--x -1:1:51`` as ``--x=-1:1:51``: argparse takes a value that starts with '-' (and is not a plain number)
    for an option, and a grid usually starts at a negative MIN."""
    out: list[str] = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in ("--x", "--y") and args:
            arg = f"{arg}={args.pop(0)}"
        out.append(arg)
    return out

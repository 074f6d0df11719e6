"""The loss surface on a grid of a 2D slice of weight space, written as loss-landscape's surface file.

The weights at grid cell (x, y) are theta + (x * dx + y * dy), tensor by tensor, with theta the model's parameters
and (dx, dy) the two directions (lists of tensors shaped like ``model.parameters()``, in that order). At each cell
the loss is loss-landscape's evaluation.eval_loss: the mean over samples (sum of batch loss * batch size over the
sample count), with the model in eval() mode; the accuracy is the percentage of samples whose argmax output is the
integer target (0 when the targets are not class indices).

``evaluate_surface`` is the fast path: the data are cached as tensors once, and each cell's weights go through
``torch.nn.utils.stateless.functional_call`` under inference_mode, so no DataLoader, no parameter copies, no
autograd per cell. It resumes (only cells still at -1 are computed, and the file is flushed after every chunk)
and splits the cells across ``torchrun`` processes (see ranks.py). ``reference_surface`` is loss-landscape's
own loop (perturb the parameters, run the data loader, restore): the baseline for the tests and the benchmark.
"""

from __future__ import annotations

import argparse
import math
from contextlib import nullcontext
import os
import sys
from typing import Any, Callable, Iterable, Sequence

import numpy as np
import torch
from torch.nn.utils.stateless import functional_call

from .cpu_kernels import fast_cpu_kernels, onednn_available
from .ranks import Ranks
from .surface_file import SURFACES, Surface, SurfaceFile, SurfaceFileError, cell_coordinates

Direction = Sequence[torch.Tensor]
LossFn = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
Batch = tuple[torch.Tensor, torch.Tensor]

DEFAULT_BATCH_POINTS = 16  # cells per chunk and rank: a killed run loses at most this many cells per rank
DEFAULT_PASS_BYTES = 8 << 20  # inputs per forward pass once batches are merged (all of digits; 680 CIFAR images)


def check_directions(model: torch.nn.Module, xdir: Direction, ydir: Direction) -> None:
    """Refuses directions that do not match ``model.parameters()`` tensor for tensor, in one line."""
    shapes = [tuple(p.shape) for p in model.parameters()]
    for axis, direction in (("x", xdir), ("y", ydir)):
        if len(direction) != len(shapes):
            raise ValueError(f"the {axis} direction has {len(direction)} tensors, the model {len(shapes)} parameters")
        for index, (tensor, shape) in enumerate(zip(direction, shapes)):
            if tuple(tensor.shape) != shape:
                raise ValueError(f"the {axis} direction's tensor {index} is shaped {tuple(tensor.shape)}, "
                                 f"the model's parameter {index} {shape}")


def batch_score(outputs: torch.Tensor, targets: torch.Tensor) -> int:
    """How many samples of a batch are classified right (argmax over dim 1, as eval_loss); 0 for other targets."""
    if targets.dtype.is_floating_point or targets.dtype == torch.bool or outputs.dim() < 2:
        return 0
    return int(outputs.max(1)[1].eq(targets).sum())


class SliceModel:
    """The model restricted to the slice: the weights at (x, y) and the loss and accuracy of the data there."""

    def __init__(self, model: torch.nn.Module, loss_fn: LossFn, xdir: Direction, ydir: Direction,
                 device: torch.device | None = None):
        check_directions(model, xdir, ydir)
        self.model = model
        self.loss_fn = loss_fn
        self.device = device or next(model.parameters()).device
        self.names = [name for name, _ in model.named_parameters()]
        self.theta = [p.detach().to(self.device, copy=True) for p in model.parameters()]
        self.dx = [d.detach().to(self.device, dtype=t.dtype) for d, t in zip(xdir, self.theta)]
        self.dy = [d.detach().to(self.device, dtype=t.dtype) for d, t in zip(ydir, self.theta)]
        self.buffers = {name: b.to(self.device) for name, b in model.named_buffers()}

    def weights(self, x: float, y: float) -> list[torch.Tensor]:
        """theta + (x dx + y dy) per tensor: the same operations, in the same order, as loss-landscape's
        net_plotter.set_weights, so each cell's weights are bit for bit the reference's."""
        return [t + (x * a + y * b) for t, a, b in zip(self.theta, self.dx, self.dy)]

    def evaluate(self, batches: Sequence[Batch], coords: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Loss and accuracy (percent) at each (x, y) row of COORDS, over the cached BATCHES.

        The cells' weights are made once; each batch then goes through the model at every cell while it is hot in
        the cache, under inference_mode and (on the CPU) oneDNN's linear and max-pooling kernels."""
        states = []
        for x, y in coords:
            state = dict(zip(self.names, self.weights(float(x), float(y))))
            state.update(self.buffers)
            states.append(state)
        loss_sums = np.zeros(len(coords))
        correct = np.zeros(len(coords), dtype=np.int64)
        total = sum(inputs.size(0) for inputs, _ in batches)
        was_training = self.model.training
        self.model.eval()
        kernels = fast_cpu_kernels() if self.device.type == "cpu" and onednn_available() else nullcontext()
        try:
            with torch.inference_mode(), kernels:
                for inputs, targets in batches:
                    for i, state in enumerate(states):
                        outputs = functional_call(self.model, state, (inputs,))
                        loss_sums[i] += float(self.loss_fn(outputs, targets)) * inputs.size(0)
                        correct[i] += batch_score(outputs, targets)
        finally:
            self.model.train(was_training)
        return loss_sums / total, 100.0 * correct / total


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
                     batch_points: int = DEFAULT_BATCH_POINTS, progress: bool = True,
                     device: torch.device | None = None) -> int:
    """Computes the surfaces' cells still at -1 in PATH (created when missing) and returns how many this process
    computed. ``train_loss``/``train_acc`` come from DATA, ``test_loss``/``test_acc`` from TEST_DATA when given.

    Under torchrun every rank calls this with the same arguments; each computes its share of every chunk of
    ``batch_points`` cells per rank, and rank 0 gathers, writes and flushes the file after each chunk. The model
    is moved to the rank's device (its GPU under CUDA).
    """
    if batch_points < 1:
        raise ValueError(f"batch_points is {batch_points}; it must be at least 1")
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
            except SurfaceFileError as error:
                plan = str(error)
        plan = ranks.broadcast(plan)
        if isinstance(plan, str):
            raise SurfaceFileError(plan)
        try:
            return _crunch(slice_model, splits, plan, surfaces, file, xcoords, ycoords, ranks, batch_points,
                           progress)
        finally:
            if file is not None:
                file.close()
    finally:
        ranks.close()


def _crunch(slice_model: SliceModel, splits: dict[str, Iterable[Any]], plan: dict[str, np.ndarray],
            surfaces: dict[str, Surface], file: SurfaceFile | None, xcoords: np.ndarray, ycoords: np.ndarray,
            ranks: Ranks, batch_points: int, progress: bool) -> int:
    """The chunk loop of evaluate_surface: compute my share of each round, gather, let rank 0 write."""
    from tqdm import tqdm

    computed = 0
    todo_total = sum(len(cells) for cells in plan.values())
    with tqdm(total=todo_total, disable=not (progress and ranks.is_writer), file=sys.stderr, unit="cell",
              desc="surface", dynamic_ncols=True) as bar:
        for split, cells in plan.items():
            if len(cells) == 0:
                continue
            batches = cache_batches(splits[split], slice_model.device)
            round_size = batch_points * ranks.size
            for start in range(0, len(cells), round_size):
                mine = ranks.share(cells[start:start + round_size])
                loss, acc = slice_model.evaluate(batches, cell_coordinates(xcoords, ycoords, mine))
                computed += len(mine)
                parts = ranks.gather((mine, loss, acc))
                if file is not None:
                    surface = surfaces[split]
                    for part_cells, part_loss, part_acc in parts:
                        surface.store(part_cells, part_loss, part_acc)
                    file.write(surface)
                    bar.update(sum(len(part[0]) for part in parts))
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
    model.eval()
    try:
        for k, (x, y) in enumerate(cell_coordinates(np.asarray(xcoords), np.asarray(ycoords), np.arange(nx * ny))):
            for p, w, a, b in zip(params, theta, xdir, ydir):
                p.data = w + (float(x) * a + float(y) * b).type(w.dtype)
            total_loss, correct, total = 0.0, 0, 0
            with torch.no_grad():
                for inputs, targets in loader:
                    outputs = model(inputs)
                    total_loss += loss_fn(outputs, targets).item() * inputs.size(0)
                    correct += batch_score(outputs, targets)
                    total += inputs.size(0)
            losses.ravel()[k] = total_loss / total
            accs.ravel()[k] = 100.0 * correct / total
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


class _ArgumentError(ValueError):
    """argparse's complaint, raised instead of printed so that main() reports it as one line like the rest."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python3 -m losscape.landscape surface",
        description="Compute the loss (and accuracy) on a grid of the slice theta + x dx + y dy and write "
                    "loss-landscape's surface file. Resumes a file whose cells are partly -1. Launch under "
                    "torchrun --nproc_per_node N to split the cells across N processes.")
    parser.add_argument("--setup", required=True, help="setup file: model(), data(split), optional loss_fn")
    parser.add_argument("--checkpoint", required=True, help="the weights theta (torch.save(model.state_dict()))")
    parser.add_argument("--directions", required=True, help="direction file (python3 -m losscape.landscape "
                                                            "directions)")
    parser.add_argument("--x", required=True, help="x grid MIN:MAX:N")
    parser.add_argument("--y", required=True, help="y grid MIN:MAX:N")
    parser.add_argument("--test", action="store_true", help="also test_loss and test_acc, from data('test')")
    parser.add_argument("--batch-points", type=int, default=DEFAULT_BATCH_POINTS,
                        help=f"cells per chunk and process, written after each (default {DEFAULT_BATCH_POINTS})")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--out", required=True, help="the surface file (.h5), created or resumed")
    return parser


def _user_call(path: str, what: str, call: Callable[[], Any]) -> Any:
    """Calls the setup file's code; whatever it raises becomes one line naming the file and the call."""
    from .setup_file import SetupError

    try:
        return call()
    except Exception as error:
        raise SetupError(f"{path}: {what} raised {type(error).__name__}: {error}") from error


def main(argv: list[str]) -> int:
    """The ``surface`` command. Errors are one line on stderr (from rank 0 only) and exit status 2."""
    from .directions import read_direction_file
    from .setup_file import SetupError, load_checkpoint, load_setup

    try:
        args = _parser().parse_args(argv)
        xcoords = parse_grid(args.x, "--x")
        ycoords = parse_grid(args.y, "--y")
        if args.batch_points < 1:
            raise ValueError(f"--batch-points {args.batch_points}: must be at least 1")
        setup = load_setup(args.setup)
        model = load_checkpoint(_user_call(setup.path, "model()", setup.model), args.checkpoint)
        xdir, ydir = read_direction_file(args.directions, model)
        train = _user_call(setup.path, "data('train')", lambda: setup.data("train"))
        test = _user_call(setup.path, "data('test')", lambda: setup.data("test")) if args.test else None
        evaluate_surface(model, setup.loss_fn, train, xdir, ydir, xcoords, ycoords, args.out,
                         test_data=test, dir_file=args.directions,
                         batch_points=args.batch_points, progress=not args.no_progress)
    except (ValueError, SetupError, OSError) as error:
        if os.environ.get("RANK", "0") == "0":
            print(f"losscape.landscape surface: {error}", file=sys.stderr)
        return 2
    except RuntimeError as error:  # torch's complaint about the user's model, loss or data: its first line
        if os.environ.get("RANK", "0") == "0":
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            print(f"losscape.landscape surface: {first}", file=sys.stderr)
        return 2
    return 0

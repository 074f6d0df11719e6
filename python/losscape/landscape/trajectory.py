"""Saved checkpoints projected onto the slice, and the network's true loss at each: a trajectory file.

A checkpoint theta_t lands at the (x, y) of the slice theta_final + x dx + y dy nearest to it. The
height losscape draws there is the slice's loss at (x, y), which is not the network's loss at
theta_t (theta_t is off the slice); so the file also holds the true loss and accuracy of each
checkpoint, and losscape shows both.

The file is loss-landscape's projection.py layout (float64 ``proj_xcoord``, ``proj_ycoord``, in
checkpoint order) plus ``train_loss``, ``train_acc`` (one value per checkpoint) and ``checkpoints``
(their file names, strings). These names are fixed: losscape's replay reads them.
"""

from __future__ import annotations

import argparse
import copy
import os
from collections.abc import Mapping
from typing import Any, Callable, Iterable, Sequence

import h5py
import numpy as np
import torch

from losscape.landscape.command_line import (OneLineParser, check_output, command_parser, final_model, one_line,
                                             run_command)
from losscape.landscape.directions import (DirectionError, Weights, check_like, check_name, describe, final_parameters,
                                           flatten, parameters_of, read_direction_file, spans_plane)
from losscape.landscape.setup_file import SetupError, load_checkpoint

# method -> how a checkpoint's offset d = theta_t - theta_final becomes (x, y) (projection.py's project_2D).
METHODS = {
    "lstsq": "least squares: the (x, y) minimising |d - x dx - y dy|, exact on the slice for any two directions",
    "cos": "x = d.dx / |dx|, y = d.dy / |dy| (loss-landscape's default): exact only for orthonormal directions",
}
DATASETS = {"x": "proj_xcoord", "y": "proj_ycoord", "loss": "train_loss", "acc": "train_acc", "names": "checkpoints"}


class TrajectoryError(ValueError):
    """A trajectory that cannot be computed or written; the message is one line."""


def project_checkpoints(final: torch.nn.Module | Sequence[torch.Tensor], xdir: Sequence[torch.Tensor],
                        ydir: Sequence[torch.Tensor], checkpoints: Iterable[Weights], *,
                        method: str = "lstsq") -> tuple[np.ndarray, np.ndarray]:
    """The (x, y) of each checkpoint on the slice final + x xdir + y ydir, as float64 arrays.

    The default is "lstsq" because it puts a checkpoint that lies in the slice at exactly its (x, y)
    for any two independent directions; random filter-normalised directions are neither unit length
    nor exactly orthogonal, and there "cos" (loss-landscape's default, d.dx / |dx|) scales and shears
    the path off the contours it was computed on. "cos" is exact only for orthonormal directions
    (PCA's), where both agree; it is here to reproduce their files. Checkpoints are models, state_dicts,
    their files (FINAL must then be a model) or lists of tensors; only parameters() count.
    """
    check_name("method", method, METHODS)
    model = final if isinstance(final, torch.nn.Module) else None
    theta = final_parameters(final)
    check_like(xdir, theta, "xdirection", "the final model")
    check_like(ydir, theta, "ydirection", "the final model")
    dx, dy, base = flatten(xdir), flatten(ydir), flatten(theta)
    if method == "cos":
        lengths = np.array([np.linalg.norm(dx), np.linalg.norm(dy)])
        if not lengths.all():
            raise TrajectoryError("a direction is zero: nothing to project on")
        solve = np.stack([dx, dy]) / lengths[:, None]
    else:
        plane = np.stack([dx, dy], axis=1)
        singular = np.linalg.svd(plane, compute_uv=False)
        if not spans_plane(singular, xdir[0].dtype):
            raise TrajectoryError("xdirection and ydirection are parallel (or zero): they span no plane")
        solve = np.linalg.pinv(plane)  # pinv(A) @ d is np.linalg.lstsq(A, d)'s solution
    xs, ys = [], []
    for index, checkpoint in enumerate(checkpoints):
        params = parameters_of(checkpoint, model)
        check_like(params, theta, describe(checkpoint, index), "the final model")
        x, y = solve @ (flatten(params) - base)
        xs.append(x)
        ys.append(y)
    return np.array(xs, dtype=np.float64), np.array(ys, dtype=np.float64)


def load_into(model: torch.nn.Module, checkpoint: Weights) -> None:
    """Puts CHECKPOINT's weights (and buffers, such as batch norm's running statistics) into MODEL."""
    if isinstance(checkpoint, (str, os.PathLike)):
        load_checkpoint(model, os.fspath(checkpoint))
    elif isinstance(checkpoint, torch.nn.Module):
        model.load_state_dict(checkpoint.state_dict())
    elif isinstance(checkpoint, Mapping):
        model.load_state_dict(checkpoint)
    else:
        params = list(model.parameters())
        tensors = [torch.as_tensor(t) for t in checkpoint]
        check_like(tensors, params, "the checkpoint", "the model's parameters()")
        with torch.no_grad():
            for p, t in zip(params, tensors):
                p.copy_(t)


def evaluate(model: torch.nn.Module, loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
             data: Iterable[Any]) -> tuple[float, float | None]:
    """Mean loss over samples and accuracy in percent, as loss-landscape's evaluation.eval_loss.

    Each batch's mean loss counts batch-size times. Accuracy (argmax of the outputs against class
    indices) is None when the outputs are not (batch, classes) scores of integer targets.
    """
    device = next(iter(model.parameters()), torch.empty(0)).device
    model.eval()
    total, total_loss, correct, classifies = 0, 0.0, 0, True
    with torch.no_grad():
        for inputs, targets in data:
            inputs, targets = inputs.to(device), targets.to(device)
            outputs = model(inputs)
            size = int(targets.shape[0]) if targets.dim() > 0 else 1
            total_loss += float(loss_fn(outputs, targets)) * size
            total += size
            classifies = (classifies and outputs.dim() == 2 and targets.dim() == 1
                          and not targets.is_floating_point() and not targets.is_complex())
            if classifies:
                correct += int((outputs.argmax(dim=1) == targets).sum())
    if total == 0:
        raise TrajectoryError("the data yielded no samples")
    return total_loss / total, (100.0 * correct / total if classifies else None)


def true_losses(model: torch.nn.Module, loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
                data: Iterable[Any], checkpoints: Iterable[Weights]) -> tuple[np.ndarray, np.ndarray | None]:
    """The network's own mean loss and accuracy (percent) at each checkpoint, on DATA's (inputs, targets).

    These are the numbers training saw, not the slice's height at the projected point. DATA is read once
    per checkpoint, so it must be re-iterable (a list or a DataLoader, not a generator). MODEL is not
    changed (a copy takes each checkpoint). Accuracy is None when the model is not a classifier.
    """
    if iter(data) is data:
        raise TrajectoryError("the data is a one-shot iterator; pass a list or a DataLoader (read once per checkpoint)")
    scratch = copy.deepcopy(model)
    losses, accuracies = [], []
    for index, checkpoint in enumerate(checkpoints):
        name = describe(checkpoint, index)
        try:
            load_into(scratch, checkpoint)
        except RuntimeError as error:
            raise TrajectoryError(f"{name}: does not fit the model: {one_line(error)}") from error
        try:
            loss, accuracy = evaluate(scratch, loss_fn, data)
        except (TrajectoryError, SetupError, DirectionError):
            raise
        except Exception as error:  # the user's model, loss or data: any failure becomes one line
            raise TrajectoryError(f"{name}: evaluating the model failed: {type(error).__name__}: "
                                  f"{one_line(error)}") from error
        losses.append(loss)
        accuracies.append(accuracy)
    classifies = bool(accuracies) and all(a is not None for a in accuracies)
    return np.array(losses, dtype=np.float64), (np.array(accuracies, dtype=np.float64) if classifies else None)


def checked_values(path: str, name: str, values: Any, count: int | None) -> np.ndarray:
    """VALUES as a finite float64 vector of COUNT entries (any count when None), or a one-line error."""
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1 or (count is not None and len(array) != count):
        raise TrajectoryError(f"{path}: {name} needs {count if count is not None else 'a list of'} values, "
                              f"got shape {array.shape}")
    bad = np.flatnonzero(~np.isfinite(array))
    if bad.size:
        raise TrajectoryError(f"{path}: {name}[{bad[0]}] is {array[bad[0]]} (values must be finite)")
    return array


def write_trajectory_file(path: str | os.PathLike, x: Any, y: Any, *, train_loss: Any = None, train_acc: Any = None,
                          checkpoints: Sequence[str] | None = None) -> None:
    """Writes the trajectory file at PATH: proj_xcoord, proj_ycoord and the optional per-checkpoint data."""
    path = os.fspath(path)
    xs = checked_values(path, DATASETS["x"], x, None)
    if len(xs) == 0:
        raise TrajectoryError(f"{path}: a trajectory needs at least one checkpoint")
    datasets = {DATASETS["x"]: xs, DATASETS["y"]: checked_values(path, DATASETS["y"], y, len(xs))}
    for key, values in (("loss", train_loss), ("acc", train_acc)):
        if values is not None:
            datasets[DATASETS[key]] = checked_values(path, DATASETS[key], values, len(xs))
    if checkpoints is not None:
        names = [str(name) for name in checkpoints]
        if len(names) != len(xs):
            raise TrajectoryError(f"{path}: {DATASETS['names']} needs {len(xs)} names, got {len(names)}")
        datasets[DATASETS["names"]] = np.array(names, dtype=h5py.string_dtype())
    check_output(path, TrajectoryError)
    try:
        with h5py.File(path, "w") as file:
            for name, values in datasets.items():
                file.create_dataset(name, data=values)
    except OSError as error:
        raise TrajectoryError(f"{path}: cannot write: {one_line(error)}") from error


def build_parser() -> OneLineParser:
    parser = command_parser("project", "Project saved checkpoints onto the slice of a direction file and write a "
                                       "trajectory file (proj_xcoord, proj_ycoord, the true train_loss/train_acc).")
    parser.add_argument("--directions", required=True, help="the direction file (from the directions command)")
    parser.add_argument("--checkpoints", required=True, nargs="+", metavar="CKPT", help="the checkpoints, in order")
    parser.add_argument("--method", choices=list(METHODS), default="lstsq",
                        help="lstsq (default: exact for any directions) or cos (loss-landscape's; orthonormal only)")
    parser.add_argument("--no-loss", action="store_true", help="skip the true loss at each checkpoint (no data pass)")
    parser.add_argument("--out", required=True, help="the trajectory file to write (HDF5)")
    return parser


def train_data(setup_path: str, data: Callable[[str], Iterable[Any]]) -> Iterable[Any]:
    """The setup's training batches, re-iterable (a generator is read into a list once)."""
    try:
        batches = data("train")
        return list(batches) if iter(batches) is batches else batches
    except Exception as error:  # the user's code
        raise SetupError(f"{setup_path}: data('train') failed: {type(error).__name__}: {one_line(error)}") from error


def run(args: argparse.Namespace) -> None:
    check_output(args.out, TrajectoryError)
    setup, model = final_model(args.setup, args.checkpoint)
    xdir, ydir = read_direction_file(args.directions, model)
    x, y = project_checkpoints(model, xdir, ydir, args.checkpoints, method=args.method)
    loss = accuracy = None
    if not args.no_loss:
        loss, accuracy = true_losses(model, setup.loss_fn, train_data(setup.path, setup.data), args.checkpoints)
    names = [os.path.basename(name) for name in args.checkpoints]
    write_trajectory_file(args.out, x, y, train_loss=loss, train_acc=accuracy, checkpoints=names)
    for index, name in enumerate(names):
        truth = "" if loss is None else f"  loss {loss[index]:.6g}"
        truth += "" if accuracy is None else f"  acc {accuracy[index]:.2f}%"
        print(f"{name}  ({x[index]:.4f}, {y[index]:.4f}){truth}")
    print(f"{args.out}: {len(names)} checkpoints projected ({args.method})")


def main(argv: Sequence[str]) -> int:
    return run_command(build_parser(), argv, run)

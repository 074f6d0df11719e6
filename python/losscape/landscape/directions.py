"""The two directions that span a slice of weight space, and the direction files that store them.

A direction is a list of tensors shaped like ``model.parameters()``, in that order (what
loss-landscape calls ``dir_type='weights'``). Two kinds, as in Li et al. (NeurIPS 2018):

- ``random_direction``: Gaussian, then rescaled so that each filter (slice of the first dimension)
  has the norm of the same filter in the weights ("filter normalisation"); without it the slice's
  scale would follow each layer's scale, and two networks' surfaces could not be compared;
- ``pca_directions``: the first two principal components of theta_t - theta_final over saved
  checkpoints: the plane in which training moved the most, so that a projected path shows it.

Direction files use loss-landscape's layout (h5_util.write_list): groups ``xdirection`` and
``ydirection`` with one dataset per tensor named "0", "1", ...; PCA files also hold
``explained_variance_ratio_``, ``singular_values_`` and ``explained_variance_`` at the root.
Files written by their net_plotter.py / projection.py read here, and ours read there.
"""

from __future__ import annotations

import argparse
import copy
import os
from collections.abc import Mapping
from typing import Any, Iterable, Sequence, Union

import h5py
import numpy as np
import torch

from losscape.landscape.command_line import (OneLineParser, UsageError, check_output, command_parser, final_model,
                                             one_line, run_command)
from losscape.landscape.setup_file import load_checkpoint

Direction = list[torch.Tensor]
# A network's parameters: a model, a state_dict, the path of a state_dict saved by torch.save,
# or a list of tensors in parameters() order.
Weights = Union[torch.nn.Module, Mapping, str, os.PathLike, Sequence[torch.Tensor]]

# norm name -> what it does to the direction d of one parameter tensor w with 2 or more
# dimensions (loss-landscape's net_plotter.normalize_direction).
NORMS = {
    "filter": "each filter (slice of the first dimension) gets the norm of the same filter of the weights",
    "layer": "the whole tensor gets the norm of the weights' tensor",
    "weight": "each entry is multiplied by its weight",
    "dfilter": "each filter gets norm 1",
    "dlayer": "the whole tensor gets norm 1",
}
# ignore name -> what the direction holds for parameters with at most one dimension (biases, batch norm).
IGNORES = {
    "biasbn": "zero: biases and batch-norm parameters stay where the weights have them",
    "none": "a copy of the weights (loss-landscape's behaviour without xignore=biasbn)",
}
# the PCA statistics a direction file may hold beside the directions (sklearn's PCA attribute names).
INFO_KEYS = ("explained_variance_ratio_", "singular_values_", "explained_variance_")
GROUPS = ("xdirection", "ydirection")
# a second singular value below this many float epsilons of the first is rounding noise: no plane.
RANK_EPSILONS = 16


class DirectionError(ValueError):
    """A direction that cannot be made or used; the message is one line."""


class DirectionFileError(DirectionError):
    """A direction file that cannot be read or written; the message is one line naming the file."""


def check_name(kind: str, name: str, valid: Iterable[str]) -> None:
    """Refuses a mistyped option name, listing the valid ones."""
    valid = list(valid)
    if name not in valid:
        raise DirectionError(f"unknown {kind} '{name}' (one of: {', '.join(valid)})")


def describe(weights: Weights, index: int) -> str:
    """How an error names a checkpoint: its path, or its place in the list."""
    return os.fspath(weights) if isinstance(weights, (str, os.PathLike)) else f"checkpoint {index}"


def parameters_of(weights: Weights, model: torch.nn.Module | None = None) -> list[torch.Tensor]:
    """The parameter tensors of WEIGHTS in ``parameters()`` order, detached.

    A state_dict (or its file) is matched by ``named_parameters()`` names, so it needs MODEL; a file
    is loaded into a copy of MODEL so that the caller's model keeps its weights.
    """
    if isinstance(weights, torch.nn.Module):
        return [p.detach() for p in weights.parameters()]
    if isinstance(weights, (str, os.PathLike)):
        if model is None:
            raise DirectionError(f"{os.fspath(weights)}: a checkpoint file needs a model to load it into")
        return [p.detach() for p in load_checkpoint(copy.deepcopy(model), os.fspath(weights)).parameters()]
    if isinstance(weights, Mapping):
        if model is None:
            raise DirectionError("a state_dict needs a model to tell which of its entries are parameters")
        names = [name for name, _ in model.named_parameters()]
        missing = [name for name in names if name not in weights]
        if missing:
            raise DirectionError(f"the state_dict has no parameter '{missing[0]}' of the model")
        return [torch.as_tensor(weights[name]).detach() for name in names]
    return [torch.as_tensor(w).detach() for w in weights]


def final_parameters(final: torch.nn.Module | Sequence[torch.Tensor]) -> list[torch.Tensor]:
    """The parameters of the slice's centre; a model without any has no weight space to slice."""
    tensors = parameters_of(final)
    if not tensors:
        raise DirectionError("the model has no parameters: there is no weight space to slice")
    return tensors


def spans_plane(singular: np.ndarray, dtype: torch.dtype) -> bool:
    """Whether singular values (largest first) of vectors stored as DTYPE show two independent directions."""
    epsilon = torch.finfo(dtype if dtype.is_floating_point else torch.float32).eps
    return bool(singular[0] > 0 and singular[1] > RANK_EPSILONS * epsilon * singular[0])


def check_like(tensors: Sequence[torch.Tensor], like: Sequence[torch.Tensor], what: str, like_what: str) -> None:
    """Refuses TENSORS unless they have the count and shapes of LIKE; the message names both sides."""
    if len(tensors) != len(like):
        raise DirectionError(f"{what} has {len(tensors)} tensors but {like_what} has {len(like)}")
    for index, (tensor, reference) in enumerate(zip(tensors, like)):
        if tuple(tensor.shape) != tuple(reference.shape):
            raise DirectionError(f"{what}: tensor {index} has shape {tuple(tensor.shape)} "
                                 f"but {like_what}'s has {tuple(reference.shape)}")


def flatten(tensors: Sequence[torch.Tensor]) -> np.ndarray:
    """One float64 vector of all entries, tensor after tensor (the layout PCA and projections work in)."""
    if not tensors:
        return np.zeros(0)
    return np.concatenate([t.detach().cpu().double().reshape(-1).numpy() for t in tensors])


def unflatten(vector: np.ndarray, like: Sequence[torch.Tensor]) -> Direction:
    """The inverse of flatten: tensors shaped, typed and placed like LIKE."""
    tensors, start = [], 0
    for reference in like:
        piece = vector[start:start + reference.numel()].reshape(tuple(reference.shape))
        tensors.append(torch.from_numpy(np.ascontiguousarray(piece)).to(reference.dtype).to(reference.device))
        start += reference.numel()
    return tensors


def ignore_low_dimensional(direction: Direction, weights: Sequence[torch.Tensor], ignore: str) -> None:
    """Biases and batch-norm parameters (at most one dimension) of DIRECTION: zero, or the weights' copy."""
    for d, w in zip(direction, weights):
        if d.dim() <= 1:
            if ignore == "biasbn":
                d.zero_()
            else:
                d.copy_(w)


def filter_norms(t: torch.Tensor) -> torch.Tensor:
    """The norm of each filter (slice of the first dimension) of T, shaped to broadcast against T."""
    return t.reshape(t.shape[0], -1).norm(dim=1).reshape((-1,) + (1,) * (t.dim() - 1))


def normalize(d: torch.Tensor, w: torch.Tensor, norm: str) -> None:
    """Rescales the direction D of one parameter tensor W in place, as NORMS[norm] says."""
    if norm == "filter":
        d.mul_(filter_norms(w) / (filter_norms(d) + 1e-10))
    elif norm == "layer":
        d.mul_(w.norm() / d.norm())
    elif norm == "weight":
        d.mul_(w)
    elif norm == "dfilter":
        d.div_(filter_norms(d) + 1e-10)
    elif norm == "dlayer":
        d.div_(d.norm())


def random_direction(model: torch.nn.Module | Sequence[torch.Tensor], *, norm: str = "filter",
                     ignore: str = "biasbn", generator: torch.Generator | None = None) -> Direction:
    """A Gaussian direction rescaled per filter (or as NORM says), as net_plotter.create_random_direction.

    Tensors with at most one dimension (biases, batch norm) are zero with ignore="biasbn" and a copy of
    the weights with ignore="none". One draw per tensor in parameters() order, from GENERATOR (on the
    CPU) when given: the same seed gives the same direction.
    """
    check_name("norm", norm, NORMS)
    check_name("ignore", ignore, IGNORES)
    weights = final_parameters(model)
    direction = []
    for w in weights:
        dtype = w.dtype if w.is_floating_point() else torch.float32
        d = torch.randn(tuple(w.shape), generator=generator, dtype=dtype).to(w.device)
        if d.dim() > 1:
            normalize(d, w.to(dtype), norm)
        direction.append(d)
    ignore_low_dimensional(direction, weights, ignore)
    return direction


def pca_directions(final: torch.nn.Module | Sequence[torch.Tensor], checkpoints: Iterable[Weights], *,
                   ignore: str = "biasbn") -> tuple[Direction, Direction, dict[str, np.ndarray]]:
    """The first two principal components of theta_t - theta_final over CHECKPOINTS (projection.py's PCA).

    As sklearn's PCA: the rows are centred, the components are unit vectors, explained_variance_ is
    S**2 / (n - 1). Computed with an exact SVD in float64 (sklearn picks a randomized solver for big
    networks); each component's sign makes its largest entry positive. With ignore="biasbn" the biases
    and batch-norm parameters are zeroed before and after, as theirs. Include the final checkpoint in
    CHECKPOINTS to match plot_trajectory.py, which lists every saved epoch. Returns (xdir, ydir, info)
    with info holding INFO_KEYS for the first two components.
    """
    check_name("ignore", ignore, IGNORES)
    model = final if isinstance(final, torch.nn.Module) else None
    theta = final_parameters(final)
    rows = []
    for index, checkpoint in enumerate(checkpoints):
        params = parameters_of(checkpoint, model)
        check_like(params, theta, describe(checkpoint, index), "the final model")
        diff = [p.to(t.device, t.dtype) - t for p, t in zip(params, theta)]
        if ignore == "biasbn":
            ignore_low_dimensional(diff, theta, ignore)
        rows.append(flatten(diff))
    if len(rows) < 3:
        raise DirectionError(f"PCA of a trajectory needs at least 3 checkpoints, got {len(rows)}: "
                             "n centred checkpoints span at most n - 1 directions")
    matrix = np.stack(rows)
    matrix -= matrix.mean(axis=0)
    _, singular, components = np.linalg.svd(matrix, full_matrices=False)
    if not spans_plane(singular, theta[0].dtype):
        raise DirectionError("the checkpoints lie on one line (or are all equal): no second principal component")
    components = components[:2]
    components *= np.sign(components[np.arange(2), np.abs(components).argmax(axis=1)])[:, None]
    variance = singular**2 / (len(rows) - 1)
    info = {"explained_variance_ratio_": variance[:2] / variance.sum(), "singular_values_": singular[:2].copy(),
            "explained_variance_": variance[:2]}
    xdir, ydir = unflatten(components[0], theta), unflatten(components[1], theta)
    if ignore == "biasbn":
        ignore_low_dimensional(xdir, theta, ignore)
        ignore_low_dimensional(ydir, theta, ignore)
    return xdir, ydir, info


def write_direction_file(path: str | os.PathLike, xdir: Sequence[torch.Tensor], ydir: Sequence[torch.Tensor],
                         **info: Any) -> None:
    """Writes PATH in h5_util.write_list's layout; INFO (only INFO_KEYS) goes beside the groups as float64."""
    path = os.fspath(path)
    for key in info:
        if key not in INFO_KEYS:
            raise DirectionFileError(f"{path}: unknown direction file entry '{key}' (one of: {', '.join(INFO_KEYS)})")
    try:
        check_like(ydir, xdir, "ydirection", "xdirection")
        for group, direction in zip(GROUPS, (xdir, ydir)):
            for index, tensor in enumerate(direction):
                if not bool(torch.isfinite(torch.as_tensor(tensor)).all()):
                    raise DirectionError(f"{group}/{index} has NaN or inf")
    except DirectionError as error:
        raise DirectionFileError(f"{path}: {error}") from error
    check_output(path, DirectionFileError)
    try:
        with h5py.File(path, "w") as file:
            for group, direction in zip(GROUPS, (xdir, ydir)):
                datasets = file.create_group(group)
                for index, tensor in enumerate(direction):
                    datasets.create_dataset(str(index), data=torch.as_tensor(tensor).detach().cpu().numpy())
            for key, value in info.items():
                file[key] = np.asarray(value, dtype=np.float64)
    except OSError as error:
        raise DirectionFileError(f"{path}: cannot write: {one_line(error)}") from error


def read_group(file: h5py.File, name: str) -> Direction:
    """The tensors of group NAME, checked: datasets "0".."n-1", numeric, finite (messages without the path)."""
    group = file.get(name)
    if not isinstance(group, h5py.Group):
        raise DirectionError(f"has no group '{name}' (a direction file has groups {' and '.join(GROUPS)})")
    if len(group) == 0:
        raise DirectionError(f"group '{name}' is empty")
    expected = [str(index) for index in range(len(group))]
    for key in expected:
        if key not in group:
            raise DirectionError(f"group '{name}' has no dataset '{key}' (its members must be named "
                                 f"0 to {len(group) - 1}, one per parameter tensor)")
    tensors = []
    for key in expected:
        dataset = group[key]
        if not isinstance(dataset, h5py.Dataset) or not (np.issubdtype(dataset.dtype, np.floating)
                                                         or np.issubdtype(dataset.dtype, np.integer)):
            raise DirectionError(f"{name}/{key} is not a dataset of numbers")
        values = np.asarray(dataset[()])
        if not np.isfinite(values).all():
            raise DirectionError(f"{name}/{key} has NaN or inf")
        tensors.append(torch.from_numpy(np.ascontiguousarray(values)))
    return tensors


def read_direction_file(path: str | os.PathLike, model: torch.nn.Module | None = None) -> tuple[Direction, Direction]:
    """Reads (xdir, ydir) from PATH (ours or loss-landscape's), checked against MODEL's parameters when given.

    Every problem is a DirectionFileError with one line naming the file. With MODEL the tensors take
    the type and device of its parameters.
    """
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise DirectionFileError(f"{path}: no such direction file")
    try:
        file = h5py.File(path, "r")
    except OSError as error:
        raise DirectionFileError(f"{path}: not an HDF5 file") from error
    try:
        with file:
            xdir, ydir = (read_group(file, name) for name in GROUPS)
        if model is None:
            check_like(ydir, xdir, "ydirection", "xdirection")
        else:
            params = [p.detach() for p in model.parameters()]
            check_like(xdir, params, "xdirection", "the model's parameters()")
            check_like(ydir, params, "ydirection", "the model's parameters()")
            xdir, ydir = ([d.to(p.device, p.dtype) for d, p in zip(direction, params)] for direction in (xdir, ydir))
    except DirectionError as error:
        raise DirectionFileError(f"{path}: {error}") from error
    return xdir, ydir


def read_direction_info(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """The PCA statistics (INFO_KEYS) a direction file holds, float64; {} for random directions."""
    path = os.fspath(path)
    try:
        with h5py.File(path, "r") as file:
            return {key: np.asarray(file[key][()], dtype=np.float64) for key in INFO_KEYS
                    if isinstance(file.get(key), h5py.Dataset)}
    except (OSError, TypeError, ValueError) as error:
        raise DirectionFileError(f"{path}: cannot read its PCA statistics: {one_line(error)}") from error


# The command line: python3 -m losscape.landscape directions ...

def build_parser() -> OneLineParser:
    parser = command_parser("directions", "Write a direction file: two random filter-normalised directions, or the "
                                          "first two principal components of a training trajectory (--pca).")
    parser.add_argument("--pca", nargs="+", metavar="CKPT", help="checkpoints of the trajectory, in order (at least "
                        "3; include the final one to match loss-landscape's plot_trajectory.py)")
    parser.add_argument("--norm", choices=list(NORMS), help="random directions' normalisation (default: filter)")
    parser.add_argument("--ignore", choices=list(IGNORES), default="biasbn",
                        help="biases and batch-norm parameters: zero (biasbn, the default) or copied (none)")
    parser.add_argument("--seed", type=int, help="random directions' seed (default: 0, so that files reproduce)")
    parser.add_argument("--out", required=True, help="the direction file to write (HDF5)")
    return parser


def run(args: argparse.Namespace) -> None:
    check_output(args.out, DirectionFileError)
    _, model = final_model(args.setup, args.checkpoint)
    if args.pca:
        for option in ("norm", "seed"):
            if getattr(args, option) is not None:
                raise UsageError(f"--{option} applies to random directions, not to --pca")
        xdir, ydir, info = pca_directions(model, args.pca, ignore=args.ignore)
        write_direction_file(args.out, xdir, ydir, **info)
        ratio = ", ".join(f"{r:.4f}" for r in info["explained_variance_ratio_"])
        print(f"{args.out}: PCA of {len(args.pca)} checkpoints, explained variance ratio {ratio}")
        return
    norm, seed = args.norm or "filter", 0 if args.seed is None else args.seed
    generator = torch.Generator().manual_seed(seed)
    xdir = random_direction(model, norm=norm, ignore=args.ignore, generator=generator)
    ydir = random_direction(model, norm=norm, ignore=args.ignore, generator=generator)
    write_direction_file(args.out, xdir, ydir)
    print(f"{args.out}: random directions (norm {norm}, ignore {args.ignore}, seed {seed}), {len(xdir)} tensors each")


def main(argv: Sequence[str]) -> int:
    return run_command(build_parser(), argv, run)

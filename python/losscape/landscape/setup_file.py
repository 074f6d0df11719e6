"""The user's setup file: the one place the command line learns the network, its loss and data.

A setup file is plain Python that defines

    def model() -> torch.nn.Module            # the architecture; weights come from checkpoints
    def data(split: str) -> Iterable          # batches (inputs, targets) of "train" (and "test")
    def loss_fn(outputs, targets) -> Tensor   # optional: mean loss of a batch; default cross-entropy

Checkpoints are ``torch.save(model.state_dict(), PATH)`` files.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import torch


class SetupError(ValueError):
    """A setup file or checkpoint that cannot be used; the message is one line naming the file."""


@dataclass
class Setup:
    model: Callable[[], torch.nn.Module]
    data: Callable[[str], Iterable[Any]]
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
    path: str


def load_setup(path: str) -> Setup:
    """Loads the setup file at PATH; a missing file or a missing ``model``/``data`` is a SetupError."""
    if not os.path.isfile(path):
        raise SetupError(f"{path}: no such setup file")
    spec = importlib.util.spec_from_file_location("losscape_user_setup", path)
    if spec is None or spec.loader is None:
        raise SetupError(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # the user's code: any exception becomes one line
        raise SetupError(f"{path}: {type(error).__name__}: {error}") from error
    for name in ("model", "data"):
        if not callable(getattr(module, name, None)):
            raise SetupError(f"{path}: defines no function {name}() (a setup file needs model() and data(split))")
    loss_fn = getattr(module, "loss_fn", torch.nn.functional.cross_entropy)
    return Setup(model=module.model, data=module.data, loss_fn=loss_fn, path=path)


def load_checkpoint(model: torch.nn.Module, path: str) -> torch.nn.Module:
    """Loads the state_dict saved at PATH into MODEL (in place) and returns it."""
    try:
        state = torch.load(path, map_location="cpu")
    except Exception as error:
        raise SetupError(f"{path}: not a checkpoint torch can load ({type(error).__name__})") from error
    if not isinstance(state, dict):
        raise SetupError(f"{path}: not a state_dict (save checkpoints with torch.save(model.state_dict(), path))")
    try:
        model.load_state_dict(state)
    except RuntimeError as error:
        first = str(error).strip().splitlines()[0]
        raise SetupError(f"{path}: does not fit the setup's model: {first}") from error
    return model

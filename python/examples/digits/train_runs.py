"""The two training runs of the digits example: the same network from the same initial weights, trained
once with small batches and once with large ones, each epoch's weights saved as a checkpoint.

Keskar et al. (ICLR 2017, "On Large-Batch Training for Deep Learning: Generalization Gap and Sharp
Minima") found that small batches end in flat minima and large batches in sharp ones; the example
trains both to the same training loss so that the difference in the surfaces is the minimum's shape,
not how far each run got.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

import torch


@dataclass(frozen=True)
class Run:
    """One training run: its name (the files' names), batch size, SGD's learning rate and momentum, epochs."""

    name: str
    batch_size: int
    lr: float
    momentum: float
    epochs: int


def checkpoint_path(folder: str, run: Run, epoch: int) -> str:
    """Where RUN's weights after EPOCH epochs are saved (epoch 0: the initial weights)."""
    return os.path.join(folder, run.name, f"epoch-{epoch:04d}.pt")


def train(model: torch.nn.Module, loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
          inputs: torch.Tensor, targets: torch.Tensor, run: Run, seed: int, folder: str) -> list[str]:
    """Trains MODEL (in place, from the weights it has) with SGD as RUN says and returns the checkpoints,
    epoch 0 to the last. The batches are drawn by a generator seeded with SEED, so a run is the same
    every time on a given machine."""
    os.makedirs(os.path.join(folder, run.name), exist_ok=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=run.lr, momentum=run.momentum)
    shuffle = torch.Generator().manual_seed(seed)
    paths = [checkpoint_path(folder, run, 0)]
    torch.save(model.state_dict(), paths[0])
    for epoch in range(1, run.epochs + 1):
        order = torch.randperm(len(targets), generator=shuffle)
        for start in range(0, len(targets), run.batch_size):
            batch = order[start:start + run.batch_size]
            optimizer.zero_grad()
            loss_fn(model(inputs[batch]), targets[batch]).backward()
            optimizer.step()
        paths.append(checkpoint_path(folder, run, epoch))
        torch.save(model.state_dict(), paths[-1])
    return paths

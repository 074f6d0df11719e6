"""The setup file of the digits example (python/losscape/landscape/setup_file.py): a small MLP on
scikit-learn's 8x8 handwritten digits, which Debian's python3-sklearn ships, so nothing is downloaded.

The split is fixed (the same 360 test images on every machine) and the inputs are standardised with
the training images' mean and spread, so that the loss surface is that of a well-posed problem
rather than of badly scaled pixels. The network is small on purpose: 64-32-16-10 has 2,778
parameters, so training, the surfaces and the committed files all stay small.

    python3 -m losscape.landscape surface --setup python/examples/digits/digits_setup.py ...
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import torch
from sklearn.datasets import load_digits

LAYERS = (64, 32, 16, 10)  # input pixels, two hidden layers, ten classes
TEST_IMAGES = 360  # of 1797; the rest (1437) train
SPLIT_SEED = 0  # the split is part of the example, not of a run: never changes


def model() -> torch.nn.Module:
    """The architecture (weights come from checkpoints or from training): ReLU between linear layers."""
    layers: list[torch.nn.Module] = []
    for i, (n_in, n_out) in enumerate(zip(LAYERS, LAYERS[1:])):
        if i:
            layers.append(torch.nn.ReLU())
        layers.append(torch.nn.Linear(n_in, n_out))
    return torch.nn.Sequential(*layers)


@lru_cache(maxsize=None)
def tensors(split: str) -> tuple[torch.Tensor, torch.Tensor]:
    """The whole split as (inputs, targets): float32 standardised pixels and int64 labels."""
    if split not in ("train", "test"):
        raise ValueError(f"digits_setup: unknown split '{split}' (one of: train, test)")
    digits = load_digits()
    order = np.random.default_rng(SPLIT_SEED).permutation(len(digits.target))
    test, train = order[:TEST_IMAGES], order[TEST_IMAGES:]
    mean = digits.data[train].mean(axis=0)
    spread = digits.data[train].std(axis=0)
    spread[spread == 0] = 1.0  # pixels that are always blank (the corners) stay 0
    rows = train if split == "train" else test
    inputs = torch.from_numpy((digits.data[rows] - mean) / spread).float()
    return inputs, torch.from_numpy(digits.target[rows]).long()


def data(split: str) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """The split as one batch: it is small enough (1437 or 360 images) to evaluate in one pass."""
    return [tensors(split)]


def loss_fn(outputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """The mean cross-entropy of a batch, the loss both runs train on."""
    return torch.nn.functional.cross_entropy(outputs, targets)

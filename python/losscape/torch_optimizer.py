"""losscape.TorchOptimizer: any torch.optim.Optimizer driving a ball of a losscape.Scene.

The ball's point is a 2-element float64 tensor with requires_grad; each step sets its .grad to the engine's gradient
and calls the optimizer's step(), so the ball follows exactly what torch would do to a 2-parameter model (the
engine's built-in methods are torch 1.13's rules on float64: the two agree bit for bit, tests/engine). torch is
imported when a TorchOptimizer is made, never by ``import losscape``.
"""

from __future__ import annotations

from typing import Any

import numpy as np


class TorchOptimizer:
    """``TorchOptimizer(torch.optim.Adam, lr=0.01)``: the class and its keyword arguments (all but the parameters).

    The ball is labelled with the class's name ("Adam"), or `name` when given. A bad keyword raises here, as the
    class itself would (torch's own message).
    """

    def __init__(self, optimizer_class: type, name: str | None = None, **options: Any) -> None:
        import torch

        if not (isinstance(optimizer_class, type) and issubclass(optimizer_class, torch.optim.Optimizer)):
            raise TypeError(f"expected a torch.optim.Optimizer class (torch.optim.Adam), got {optimizer_class!r}")
        self.optimizer_class = optimizer_class
        self.options = options
        self.name = name or optimizer_class.__name__
        self.reset()

    def reset(self) -> None:
        """A fresh parameter and optimizer (state, step counter): the ball starts again."""
        import torch

        self._parameter = torch.zeros(2, dtype=torch.float64, requires_grad=True)
        self._optimizer = self.optimizer_class([self._parameter], **self.options)

    @property
    def lr(self) -> float:
        """The learning rate (the class's default when not given): a learning-rate sweep (Scene.sweep) sets it."""
        return float(self._optimizer.param_groups[0]["lr"])

    @lr.setter
    def lr(self, value: float) -> None:
        self.options["lr"] = value
        for group in self._optimizer.param_groups:
            group["lr"] = value

    def step(self, position: np.ndarray, gradient: np.ndarray) -> np.ndarray:
        """One optimizer step from `position` with the engine's `gradient` at it: the new position."""
        import torch

        with torch.no_grad():
            self._parameter.copy_(torch.from_numpy(np.asarray(position, dtype=np.float64)))
        self._parameter.grad = torch.tensor(np.asarray(gradient, dtype=np.float64))
        self._optimizer.step()
        return self._parameter.detach().numpy().copy()

    def __repr__(self) -> str:
        options = ", ".join(f"{k}={v!r}" for k, v in self.options.items())
        return f"TorchOptimizer(torch.optim.{self.optimizer_class.__name__}{', ' if options else ''}{options})"

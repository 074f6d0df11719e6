"""torch.distributed for the surface: which process this is, how cells are shared, how results come home.

Under ``torchrun --nproc_per_node N`` (WORLD_SIZE > 1 in the environment) the process group is initialised here
(gloo on CPUs, nccl when CUDA is available); otherwise everything is a one-process no-op, so the surface code has
one path. Rank 0 is the only one that touches the surface file.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import torch
import torch.distributed as dist


def world_size_from_env() -> int:
    """WORLD_SIZE as torchrun sets it; 1 when not launched by torchrun."""
    try:
        return max(1, int(os.environ.get("WORLD_SIZE", "1")))
    except ValueError:
        return 1


class Ranks:
    """This process's rank among ``size`` processes, and the few collectives the surface needs."""

    def __init__(self) -> None:
        self.owns_group = False
        if world_size_from_env() > 1 and dist.is_available() and not dist.is_initialized():
            dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
            self.owns_group = True
        self.distributed = dist.is_available() and dist.is_initialized()
        self.rank = dist.get_rank() if self.distributed else 0
        self.size = dist.get_world_size() if self.distributed else 1

    @property
    def is_writer(self) -> bool:
        """Rank 0 writes the file and shows the progress bar; the others only compute."""
        return self.rank == 0

    def device(self) -> torch.device:
        """The device this rank computes on: its own GPU (LOCAL_RANK) when CUDA is available, else the CPU."""
        if torch.cuda.is_available():
            index = int(os.environ.get("LOCAL_RANK", "0")) % torch.cuda.device_count()
            torch.cuda.set_device(index)
            return torch.device("cuda", index)
        return torch.device("cpu")

    def broadcast(self, value: Any) -> Any:
        """Rank 0's VALUE on every rank (a picklable object)."""
        if not self.distributed:
            return value
        box = [value]
        dist.broadcast_object_list(box, src=0)
        return box[0]

    def share(self, cells: np.ndarray) -> np.ndarray:
        """This rank's part of a round of CELLS: every size-th cell from its rank, so each rank gets an equal count
        (within one) and neighbouring cells, which cost about the same, are spread over the ranks."""
        return cells[self.rank::self.size]

    def gather(self, part: Any) -> list[Any]:
        """Every rank's PART, in rank order (on every rank; only rank 0 uses it)."""
        if not self.distributed:
            return [part]
        parts: list[Any] = [None] * self.size
        dist.all_gather_object(parts, part)
        return parts

    def close(self) -> None:
        """Tears down the process group if this object made it."""
        if self.owns_group and dist.is_initialized():
            dist.destroy_process_group()

"""evaluate_surface split across 2 torch.distributed processes (gloo) equals the 1-process file, resumes too.

The processes are started the way torchrun starts them (MASTER_ADDR/PORT, WORLD_SIZE, RANK in the environment) but
with the group initialised here, so both runs (whole, then resumed) share one start-up; test_surface_cli.py runs
the command under torchrun itself.
"""

import os
import socket

import h5py
import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from losscape.landscape.surface import evaluate_surface
from test_surface import XS, YS, make_problem

KEYS = ("train_loss", "train_acc", "test_loss", "test_acc")
FORGOTTEN = [1, 2, 13]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def evaluate(path: str, progress: bool = False) -> int:
    model, batches, xdir, ydir = make_problem(4)
    return evaluate_surface(model, torch.nn.functional.cross_entropy, batches, xdir, ydir, XS, YS, path,
                            test_data=batches[:2], batch_points=2, progress=progress)


def forget(path: str) -> None:
    """What a killed run leaves: some train cells still at -1."""
    with h5py.File(path, "r+") as f:
        loss = f["train_loss"][()]
        loss.ravel()[FORGOTTEN] = -1
        f["train_loss"][...] = loss


def rank_main(rank: int, size: int, port: int, folder: str) -> None:
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port), WORLD_SIZE=str(size), RANK=str(rank),
                      LOCAL_RANK=str(rank))
    torch.set_num_threads(1)
    dist.init_process_group("gloo")
    path = os.path.join(folder, "two.h5")
    whole = evaluate(path, progress=True)  # shown by rank 0 only
    dist.barrier()
    if rank == 0:
        forget(path)
    dist.barrier()
    resumed = evaluate(path)
    dist.destroy_process_group()
    with open(os.path.join(folder, f"counts{rank}"), "w") as f:
        f.write(f"{whole} {resumed}")


def read_all(path):
    with h5py.File(path, "r") as f:
        return {key: f[key][()] for key in KEYS}


def test_two_ranks_equal_one_and_resume(tmp_path, monkeypatch, capfd):
    monkeypatch.delenv("WORLD_SIZE", raising=False)
    one = str(tmp_path / "one.h5")
    assert evaluate(one) == 30
    expected = read_all(one)
    forget(one)
    assert evaluate(one) == len(FORGOTTEN)
    capfd.readouterr()
    mp.spawn(rank_main, args=(2, free_port(), str(tmp_path)), nprocs=2, join=True)
    err = capfd.readouterr().err
    assert err.count("| 0/30 [") == 1 and err.count("| 30/30 [") == 1, err  # one progress bar, rank 0's
    counts = [(tmp_path / f"counts{rank}").read_text() for rank in range(2)]
    # rounds of 2 cells per rank: the 15 train cells are 8 + 7, the 15 test cells too; the 3 forgotten 2 + 1
    assert counts == ["16 2", "14 1"]
    for key, value in read_all(str(tmp_path / "two.h5")).items():
        np.testing.assert_array_equal(value, expected[key])
    assert "WORLD_SIZE" not in os.environ

"""Benchmark of the surface evaluation, side by side in one run on the same model, data and grid.

For an MLP and a small CNN on sklearn's digits (1797 images of 8 x 8, no download), with a DataLoader of batches
of 128 (loss-landscape's default) and two random directions, it times

- the reference: loss-landscape's loop, one cell at a time (set the parameters, run the loader, restore);
- evaluate_surface in this process (the batched evaluation), and checks it gives the reference's values;
- evaluate_surface under ``torchrun --standalone --nproc_per_node 1`` and ``2`` (timed inside rank 0, from the
  call to its return, once both processes are up, so that start-up is left out; the wall time with start-up is
  printed too).

Usage (from the repository root): python3 python/bench/bench_surface.py [--grid N] [--models mlp,cnn] [--no-torchrun]
The workers are this file again, run by torchrun with --worker.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from losscape.landscape.surface import evaluate_surface, reference_surface  # noqa: E402

BATCH_SIZE = 128
# Debian's torchrun (torch 1.13 on Python 3.11) fails at start with "'NoneType' object has no attribute 'get'"
# unless --redirects and --tee are given in their map form (meta-llama/llama#86); 9:0 redirects nothing.
TORCHRUN = ["torchrun", "--standalone", "--redirects", "9:0", "--tee", "9:0"]


def make_model(name: str) -> torch.nn.Module:
    """The benchmark's networks, their weights drawn from a fixed seed (the timing does not depend on training)."""
    torch.manual_seed(0)
    nn = torch.nn
    if name == "mlp":
        return nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
    if name == "cnn":  # LeNet's shape, scaled to 8 x 8 images
        return nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Flatten(), nn.Linear(16 * 2 * 2, 10))
    raise ValueError(f"unknown model '{name}' (mlp or cnn)")


def make_problem(name: str, grid: int):
    """Model, loader, directions and grid, the same in every process."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    inputs = torch.tensor(digits.data / 16.0, dtype=torch.float32)
    if name == "cnn":
        inputs = inputs.view(-1, 1, 8, 8)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(inputs, torch.tensor(digits.target)),
                                         batch_size=BATCH_SIZE, shuffle=False)
    model = make_model(name)
    generator = torch.Generator().manual_seed(1)
    xdir = [torch.randn(p.shape, generator=generator) * 0.1 for p in model.parameters()]
    ydir = [torch.randn(p.shape, generator=generator) * 0.1 for p in model.parameters()]
    coords = np.linspace(-1.0, 1.0, grid)
    return model, loader, xdir, ydir, coords


def worker(name: str, grid: int, out: str) -> None:
    """One torchrun process: evaluate_surface, timed; rank 0 prints the time as JSON. The group is made (and
    waited for) before the clock starts, so that one process starting later than the other is not counted."""
    import torch.distributed as dist

    model, loader, xdir, ydir, coords = make_problem(name, grid)
    dist.init_process_group("gloo")
    dist.barrier()
    start, cpu = time.perf_counter(), time.process_time()
    evaluate_surface(model, torch.nn.functional.cross_entropy, loader, xdir, ydir, coords, coords, out,
                     progress=False)
    print(json.dumps({"rank": dist.get_rank(), "seconds": time.perf_counter() - start,
                      "cpu": time.process_time() - cpu}), flush=True)
    dist.destroy_process_group()


def run_torchrun(name: str, grid: int, nproc: int, out: str) -> tuple[float, list[float], float]:
    """(seconds inside rank 0, CPU seconds of each rank, wall seconds with start-up) of a torchrun of NPROC."""
    command = TORCHRUN + [f"--nproc_per_node={nproc}", os.path.abspath(__file__),
               "--worker", name, "--grid", str(grid), "--out", out]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"torchrun failed: {done.stderr.strip().splitlines()[-1:]}")
    reports = sorted((json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")),
                     key=lambda report: report["rank"])
    return reports[0]["seconds"], [report["cpu"] for report in reports], wall


def read_loss(path: str) -> np.ndarray:
    with h5py.File(path, "r") as f:
        return f["train_loss"][()]


def bench(name: str, grid: int, torchrun: bool, folder: str) -> None:
    cells = grid * grid
    model, loader, xdir, ydir, coords = make_problem(name, grid)
    print(f"\n{name}: {sum(p.numel() for p in model.parameters())} parameters, 1797 samples in batches of "
          f"{BATCH_SIZE}, grid {grid} x {grid} = {cells} cells, torch threads {torch.get_num_threads()}")

    start = time.perf_counter()
    expected, _ = reference_surface(model, torch.nn.functional.cross_entropy, loader, xdir, ydir, coords, coords)
    reference = time.perf_counter() - start
    print(f"  reference loop (one cell at a time)  {reference:7.2f} s  {cells / reference:8.1f} cells/s")

    path = os.path.join(folder, f"{name}-batched.h5")
    start = time.perf_counter()
    evaluate_surface(model, torch.nn.functional.cross_entropy, loader, xdir, ydir, coords, coords, path,
                     progress=False)
    batched = time.perf_counter() - start
    error = float(np.max(np.abs(read_loss(path) - expected) / np.abs(expected)))
    print(f"  evaluate_surface, 1 process          {batched:7.2f} s  {cells / batched:8.1f} cells/s  "
          f"speed-up {reference / batched:5.1f}x  (largest relative difference {error:.1e})")

    if not torchrun:
        return
    times = {}
    for nproc in (1, 2):
        out = os.path.join(folder, f"{name}-torchrun{nproc}.h5")
        inside, cpus, wall = run_torchrun(name, grid, nproc, out)
        times[nproc] = inside
        same = np.array_equal(read_loss(out), read_loss(path))
        cpu = " + ".join(f"{c:.2f}" for c in cpus)
        print(f"  torchrun --nproc_per_node {nproc}         {inside:7.2f} s  {cells / inside:8.1f} cells/s  "
              f"(CPU s per rank {cpu}; wall with start-up {wall:5.2f} s; file "
              f"{'equals' if same else 'DIFFERS from'} the 1-process one)")
    print(f"  torchrun 2 processes against 1: speed-up {times[1] / times[2]:4.2f}x (bounded by the cores other "
          f"programs leave free: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", type=int, default=21, help="N for an N x N grid on [-1, 1]^2 (default 21)")
    parser.add_argument("--models", default="mlp,cnn", help="comma-separated: mlp, cnn")
    parser.add_argument("--no-torchrun", action="store_true", help="leave out the torchrun runs")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.grid, args.out)
        return 0
    print(f"torch {torch.__version__}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.models.split(","):
            bench(name, args.grid, not args.no_torchrun, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

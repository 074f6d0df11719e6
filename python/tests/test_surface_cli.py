"""python3 -m losscape.landscape surface: end to end, under torchrun, bad input in one line, and the file opens in
losscape (the program in LOSSCAPE_BUILD_DIR, which scripts/test-python.sh sets)."""

import os
import subprocess
import sys

import h5py
import numpy as np
import pytest
import torch

from losscape.landscape.directions import random_direction, write_direction_file
from losscape.landscape.surface import evaluate_surface, main

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD_DIR = os.environ.get("LOSSCAPE_BUILD_DIR", "/work/wt-pysurface/build")
# Debian's torchrun (torch 1.13, Python 3.11) fails at start unless --redirects and --tee are maps (9:0: none).
TORCHRUN = ["torchrun", "--standalone", "--redirects", "9:0", "--tee", "9:0"]

SETUP = """
import torch
def model():
    return torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.Tanh(), torch.nn.Linear(6, 3))
def data(split):
    generator = torch.Generator().manual_seed(0 if split == "train" else 1)
    return [(torch.randn(8, 4, generator=generator), torch.arange(8) % 3) for _ in range(2)]
"""
X, Y = "-1:1:7", "-0.5:1:4"
KEYS = ("train_loss", "train_acc", "test_loss", "test_acc")


@pytest.fixture()
def files(tmp_path):
    """The setup file, a checkpoint, a direction file; returns them and the model with its directions."""
    (tmp_path / "setup.py").write_text(SETUP)
    namespace: dict = {}
    exec(SETUP, namespace)
    torch.manual_seed(3)
    net = namespace["model"]()
    torch.save(net.state_dict(), tmp_path / "final.pt")
    generator = torch.Generator().manual_seed(4)
    xdir, ydir = random_direction(net, generator=generator), random_direction(net, generator=generator)
    write_direction_file(tmp_path / "dirs.h5", xdir, ydir)
    args = ["--setup", str(tmp_path / "setup.py"), "--checkpoint", str(tmp_path / "final.pt"),
            "--directions", str(tmp_path / "dirs.h5"), "--x", X, "--y", Y]
    return args, net, namespace["data"], xdir, ydir


def read_all(path, keys=KEYS):
    with h5py.File(path, "r") as f:
        return {key: f[key][()] for key in keys}


def test_command_writes_what_the_function_writes(files, tmp_path, capsys):
    args, net, data, xdir, ydir = files
    out = str(tmp_path / "surface.h5")
    assert main(args + ["--test", "--batch-points", "5", "--out", out]) == 0
    assert "surface" in capsys.readouterr().err  # the progress bar, on stderr
    with h5py.File(out, "r") as f:
        assert f["dir_file"][()].decode() == str(tmp_path / "dirs.h5")
        np.testing.assert_array_equal(f["xcoordinates"][()], np.linspace(-1, 1, 7))
        np.testing.assert_array_equal(f["ycoordinates"][()], np.linspace(-0.5, 1, 4))
        assert all(f[key].shape == (7, 4) for key in KEYS)
    direct = str(tmp_path / "direct.h5")
    evaluate_surface(net, torch.nn.functional.cross_entropy, data("train"), xdir, ydir, np.linspace(-1, 1, 7),
                     np.linspace(-0.5, 1, 4), direct, test_data=data("test"), progress=False)
    for key, value in read_all(out).items():
        np.testing.assert_array_equal(value, read_all(direct)[key])
    assert not np.array_equal(read_all(out)["train_loss"], read_all(out)["test_loss"])
    assert main(args + ["--test", "--no-progress", "--out", out]) == 0  # resumed: nothing left to do
    assert capsys.readouterr().err == ""


def test_two_processes_under_torchrun_equal_one(files, tmp_path):
    args, *_ = files
    one = str(tmp_path / "one.h5")
    assert main(args + ["--no-progress", "--out", one]) == 0
    two = str(tmp_path / "two.h5")
    env = dict(os.environ, PYTHONPATH=PYTHON_DIR)
    done = subprocess.run(TORCHRUN + ["--nproc_per_node", "2", "-m", "losscape.landscape", "surface", *args,
                                      "--batch-points", "3", "--out", two], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    # one progress bar, rank 0's, from its start to its end
    assert done.stderr.count("| 0/28 [") == 1 and done.stderr.count("| 28/28 [") == 1, done.stderr[-2000:]
    for key, value in read_all(two, KEYS[:2]).items():
        np.testing.assert_array_equal(value, read_all(one, KEYS[:2])[key])


@pytest.mark.parametrize("change, words", [
    ({"--x": "-1:1"}, "--x '-1:1': not MIN:MAX:N"),
    ({"--y": "1:-1:5"}, "--y '1:-1:5': MIN must be finite and below MAX"),
    ({"--batch-points": "0"}, "--batch-points 0: must be at least 1"),
    ({"--directions": "nope.h5"}, "nope.h5: no such direction file"),
    ({"--setup": "nope.py"}, "nope.py: no such setup file"),
    ({"--frobnicate": "1"}, "unrecognized arguments: --frobnicate"),
    ({"--out": "/no/such/folder/s.h5"}, "no such folder"),
])
def test_bad_input_is_one_line_and_status_2(files, tmp_path, capsys, change, words):
    args, *_ = files
    args = args + ["--out", str(tmp_path / "s.h5")]
    for flag, value in change.items():
        if flag in args:
            args[args.index(flag) + 1] = value
        else:
            args += [flag, value]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("python3 -m losscape.landscape surface: ") and words in err[0], err


def test_resuming_with_another_grid_or_directions_is_refused(files, tmp_path, capsys):
    args, net, *_ = files
    out = str(tmp_path / "s.h5")
    assert main(args + ["--no-progress", "--out", out]) == 0
    assert main(args[:-1] + ["-0.5:1:5", "--no-progress", "--out", out]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "its y grid is -0.5:1:4, not the requested -0.5:1:5" in err[0]
    generator = torch.Generator().manual_seed(9)
    write_direction_file(tmp_path / "other.h5", random_direction(net, generator=generator),
                         random_direction(net, generator=generator))
    same = args[:]  # the same direction file by another path resumes
    same[same.index("--directions") + 1] = os.path.relpath(tmp_path / "dirs.h5")
    assert main(same + ["--no-progress", "--out", out]) == 0
    other = args[:]
    other[other.index("--directions") + 1] = str(tmp_path / "other.h5")
    assert main(other + ["--no-progress", "--out", out]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "was computed along the directions of" in err[0] and "other.h5" in err[0]


def test_a_model_that_fails_on_the_data_is_one_line(files, tmp_path, capsys):
    args, *_ = files
    (tmp_path / "setup.py").write_text(SETUP.replace("torch.randn(8, 4", "torch.randn(8, 5"))
    assert main(args + ["--no-progress", "--out", str(tmp_path / "s.h5")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "setup.py: evaluating the model failed: mat1 and mat2 shapes cannot be multiplied" \
        in err[0], err


def test_the_file_opens_in_losscape(files, tmp_path):
    args, *_ = files
    out = str(tmp_path / "surface.h5")
    assert main(args + ["--test", "--no-progress", "--out", out]) == 0
    program = os.path.join(BUILD_DIR, "losscape")
    assert os.access(program, os.X_OK), f"{program}: build losscape first (scripts/setup.sh)"
    shot = tmp_path / "shot.png"
    done = subprocess.run([program, out, "--screenshot", str(shot), "--size", "320x180", "--steps", "5"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 1000


KILLER = SETUP + """
import os, signal
calls = 0
def loss_fn(outputs, targets):  # SIGKILL (no cleanup, the file never closed) at the call KILL_AT names
    global calls
    calls += 1
    if calls == int(os.environ.get("KILL_AT", "0")):
        os.kill(os.getpid(), signal.SIGKILL)
    return torch.nn.functional.cross_entropy(outputs, targets)
"""


def test_a_killed_process_leaves_a_file_that_resumes_to_the_whole_one(files, tmp_path):
    args, *_ = files
    whole = str(tmp_path / "whole.h5")
    assert main(args + ["--no-progress", "--out", whole]) == 0
    (tmp_path / "setup.py").write_text(KILLER)
    part = str(tmp_path / "part.h5")
    command = [sys.executable, "-m", "losscape.landscape", "surface", *args, "--batch-points", "4", "--no-progress",
               "--out", part]
    env = dict(os.environ, PYTHONPATH=PYTHON_DIR, KILL_AT="11")  # one call a cell: dies in the third chunk
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    assert done.returncode == -9, done.stderr[-2000:]
    kept = read_all(part, ["train_loss"])["train_loss"].ravel()
    assert (kept[:8] != -1).all() and (kept[8:] == -1).all()
    np.testing.assert_array_equal(kept[:8], read_all(whole, ["train_loss"])["train_loss"].ravel()[:8])
    env["KILL_AT"] = "0"
    assert subprocess.run(command, capture_output=True, text=True, env=env).returncode == 0
    for key, value in read_all(part, KEYS[:2]).items():
        np.testing.assert_array_equal(value, read_all(whole, KEYS[:2])[key])

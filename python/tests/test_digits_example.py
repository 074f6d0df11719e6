"""The digits example (python/examples/digits) at a tiny size, so that the script that made the gallery's
files cannot rot: it runs, writes the four files with the grid asked for, and losscape opens them."""

import importlib.util
import os
import subprocess
import sys

import h5py
import numpy as np
import pytest

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(PYTHON_DIR, "examples", "digits", "make_digits_landscapes.py")
REPO = os.path.dirname(PYTHON_DIR)
SURFACES = ("digits-small-batch.h5", "digits-large-batch.h5", "digits-pca.h5")
PATH_FILE = "digits-pca-path.h5"
EPOCHS = (2, 3)  # small batch, large batch


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("digits")
    done = subprocess.run([sys.executable, SCRIPT, "--out", str(out), "--quiet", "--epochs", *map(str, EPOCHS),
                           "--grid", "5x4", "--pca-grid", "5x4"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return out, done.stdout


def test_writes_every_surface_on_the_grid_asked_for(tiny_run):
    out, _ = tiny_run
    for name in SURFACES:
        with h5py.File(out / name, "r") as file:
            assert file["xcoordinates"].shape == (5,) and file["ycoordinates"].shape == (4,), name
            for dataset in ("train_loss", "train_acc", "test_loss", "test_acc"):
                values = np.asarray(file[dataset])
                assert values.size == 20 and np.isfinite(values).all() and (values >= 0).all(), (name, dataset)
    with h5py.File(out / "digits-small-batch.h5", "r") as file:
        assert file["xcoordinates"][0] == -1.0 and file["xcoordinates"][-1] == 1.0  # the default --range


def test_the_path_is_the_small_batch_run_from_its_start_to_the_minimum(tiny_run):
    out, _ = tiny_run
    with h5py.File(out / PATH_FILE, "r") as file:
        xs, ys, loss = (np.asarray(file[name]) for name in ("proj_xcoord", "proj_ycoord", "train_loss"))
    with h5py.File(out / "digits-pca.h5", "r") as file:
        grid_x, grid_y = np.asarray(file["xcoordinates"]), np.asarray(file["ycoordinates"])
    assert len(xs) == EPOCHS[0] + 1  # the initial weights and one checkpoint an epoch
    assert abs(xs[-1]) < 1e-5 and abs(ys[-1]) < 1e-5, "the slice is centred on the final weights"
    assert loss[0] > 2.0 > loss[-1], "an untrained network is at chance (ln 10 = 2.3); training lowers it"
    assert grid_x[0] < xs.min() and xs.max() < grid_x[-1] and grid_y[0] < ys.min() and ys.max() < grid_y[-1]


def test_prints_both_runs_and_their_sharpness(tiny_run):
    _, stdout = tiny_run
    assert "small-batch: batch 8" in stdout and "large-batch: batch 1437" in stdout
    assert stdout.count("sharpness") == 2 and "explained variance" in stdout


@pytest.mark.parametrize("name", SURFACES)
def test_losscape_opens_the_files(tiny_run, name):
    binary = os.path.join(os.environ.get("LOSSCAPE_BUILD_DIR", os.path.join(REPO, "build")), "losscape")
    if not os.access(binary, os.X_OK):
        pytest.skip(f"no {binary}: build losscape (scripts/setup.sh) to open the files in it")
    out, _ = tiny_run
    picture = out / (name + ".png")
    done = subprocess.run([binary, str(out / name), "--screenshot", str(picture), "--size", "320x180", "--steps",
                           "3"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert picture.stat().st_size > 0


def load_script():
    """The script as a module, so that its command line is tested without a new Python each time."""
    spec = importlib.util.spec_from_file_location("make_digits_landscapes", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("args, words", [
    (["--grid", "5"], "--grid: expected NXxNY such as 41x41, got '5'"),
    (["--range", "0"], "--range must be above 0"),
    (["--epochs", "1", "3"], "--epochs must be at least 2 each"),
    (["--out", "/proc/no/such"], "--out /proc/no/such: cannot make the folder"),
])
def test_a_bad_command_line_is_one_line_and_status_2(args, words, capsys):
    assert load_script().main(["--quiet", *args]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and words in err, err

#!/usr/bin/env python3
"""Writes the tiny HDF5 files the loss-surface tests read, exactly as tomgoldstein/loss-landscape
writes them (plot_surface.py: setup_surface_file, crunch): float64 xcoordinates (nx) and
ycoordinates (ny); each surface starts as -np.ones((nx, ny)) and cell k of its ravel() gets the
value at the k-th point of np.meshgrid(x, y) raveled, i.e. (x[k % nx], y[k // nx]).
Run: /usr/bin/python3 tests/math/data/make_loss_surfaces.py (from the repository root)."""
import h5py
import numpy as np

HERE = "tests/math/data/"
BAD = "tests/bad-input/"


def surface_value(x, y):
    """Asymmetric in x and y, so a transposed read shows."""
    return 0.5 + x * x + 0.3 * y + 0.2 * x * y + 0.1 * y * y


def write(path, nx=9, ny=6, surfaces=("train_loss", "train_acc", "test_loss", "test_acc"), missing=(), edit=None,
          with_y=True, extras=False, x_range=(-1.0, 1.0)):
    """extras: what else a real file holds (plot_surface.py's dir_file string) and what a user might add
    (a group, a 1D array), none of which is a surface."""
    x = np.linspace(x_range[0], x_range[1], nx)
    y = np.linspace(-0.5, 2.0, ny)
    with h5py.File(path, "w") as f:
        if extras:
            f["dir_file"] = "cifar10/trained_nets/resnet56/model_300.t7_weights_xignore=biasbn_xnorm=filter.h5"
            f.create_group("notes")["epochs"] = np.arange(3.0)
            f["learning_rates"] = np.array([0.1, 0.01])
        f["xcoordinates"] = x
        if with_y:
            f["ycoordinates"] = y
        xm, ym = np.meshgrid(x, y)
        for s, name in enumerate(surfaces):
            values = -np.ones(shape=(nx, ny))
            flat = values.ravel()  # a view: loss-landscape writes through it
            for k in range(nx * ny):
                if k not in missing:
                    flat[k] = surface_value(xm.ravel()[k], ym.ravel()[k]) + s
            if edit:
                edit(name, values)
            f[name] = values


# Two cells not computed: flat 43 = (x[7], y[4]) and 53 = (x[8], y[5]), the last corner. Steps of
# 0.25 and 0.5 keep every node exactly representable.
write(HERE + "loss-surface.h5", missing=(43, 53), extras=True)
with open(BAD + "not-hdf5.h5", "w") as f:
    f.write("train_loss,1,2,3\n")
with h5py.File(BAD + "surface-no-coordinates.h5", "w") as f:
    f["train_loss"] = -np.ones((3, 3))
write(BAD + "surface-1d.h5", surfaces=("train_loss",), with_y=False)
write(BAD + "surface-mismatched.h5", surfaces=("train_loss",))
with h5py.File(BAD + "surface-mismatched.h5", "a") as f:
    del f["train_loss"]
    f["train_loss"] = np.zeros((4, 4))
write(BAD + "surface-nan.h5", surfaces=("train_loss",), edit=lambda name, v: v.__setitem__((3, 1), np.nan))
write(BAD + "surface-one-point.h5", nx=1, surfaces=("train_loss",))
write(BAD + "surface-one-row.h5", ny=1, surfaces=("train_loss",))
write(BAD + "surface-all-missing.h5", surfaces=("train_loss",), missing=range(54))
write(BAD + "surface-all-nan.h5", surfaces=("train_loss",), edit=lambda name, v: v.fill(np.nan))
write(BAD + "surface-decreasing.h5", surfaces=("train_loss",), x_range=(1.0, -1.0))
# Negative values, as a Hessian's smallest eigenvalue has: no log height (log(z + 0.1)) for them.
write(BAD + "surface-min-eig.h5", surfaces=("min_eig",), edit=lambda name, v: v.__isub__(3.0))
write(BAD + "surface-control-name.h5", surfaces=("train_loss", "bad\nname"))

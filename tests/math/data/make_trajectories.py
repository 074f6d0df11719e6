#!/usr/bin/env python3
"""Writes the tiny training-path files the replay tests read (engine/scene/training_path_file.hpp):
- trajectory-projection.h5 exactly as tomgoldstein/loss-landscape's projection.py writes one
  (project_trajectory: f['proj_xcoord'] = np.array(xcoord), f['proj_ycoord'] = np.array(ycoord),
  Python floats appended per checkpoint, so float64, in checkpoint order);
- trajectory-losscape.h5, the same plus what losscape's Python package adds: train_loss and
  train_acc (the network's true loss and accuracy at each checkpoint) and checkpoints (names);
- trajectory.csv, a CSV with columns x and y (and others, ignored or read as the true loss);
and the bad ones under tests/bad-input/. The points lie inside loss-surface.h5's slice
(x in [-1, 1], y in [-0.5, 2]) and away from its two cells not computed.
Run: /usr/bin/python3 tests/math/data/make_trajectories.py (from the repository root)."""
import h5py
import numpy as np

HERE = "tests/math/data/"
BAD = "tests/bad-input/"

# Checkpoint order: the first is where training started; projection.py's last is (0, 0), the
# final model the directions were taken around.
XS = [-0.8, -0.55, -0.35, -0.2, -0.08, 0.0]
YS = [1.7, 1.2, 0.8, 0.45, 0.2, 0.0]
LOSS = [2.302, 1.41, 0.87, 0.52, 0.31, 0.24]
ACC = [11.0, 52.0, 71.0, 83.0, 90.0, 93.0]  # percent, as loss-landscape and our package write it
NAMES = ["model_0.t7", "model_1.t7", "model_2.t7", "model_3.t7", "model_4.t7", "model_5.t7"]


def projection_py(path, xcoord, ycoord):
    """As project_trajectory writes it: lists of Python floats, then np.array of each."""
    f = h5py.File(path, "w")
    f["proj_xcoord"] = np.array(xcoord)
    f["proj_ycoord"] = np.array(ycoord)
    f.close()


projection_py(HERE + "trajectory-projection.h5", XS, YS)
projection_py(HERE + "trajectory-losscape.h5", XS, YS)
with h5py.File(HERE + "trajectory-losscape.h5", "a") as f:
    f["train_loss"] = np.array(LOSS)
    f["train_acc"] = np.array(ACC)
    f.create_dataset("checkpoints", data=NAMES, dtype=h5py.string_dtype())

with open(HERE + "trajectory.csv", "w") as f:
    f.write("epoch,x,y,loss\n")
    for k, (x, y, loss) in enumerate(zip(XS, YS, LOSS)):
        f.write(f"{k},{x!r},{y!r},{loss!r}\n")

with h5py.File(BAD + "trajectory-no-y.h5", "w") as f:
    f["proj_xcoord"] = np.array(XS)
projection_py(BAD + "trajectory-lengths.h5", XS, YS[:-1])
projection_py(BAD + "trajectory-empty.h5", [], [])
projection_py(BAD + "trajectory-nan.h5", XS, YS[:2] + [float("nan")] + YS[3:])
with open(BAD + "trajectory-no-y.csv", "w") as f:
    f.write("x,loss\n-0.8,2.3\n")
with open(BAD + "trajectory-bad-number.csv", "w") as f:
    f.write("x,y\n-0.8,1.7\n-0.55,1.2x\n")
with open(BAD + "trajectory-two-balls.csv", "w") as f:
    f.write("ball,optimizer,step,x,y,f,gx,gy\n0,gd,0,-0.8,1.7,1,0,0\n1,adam,0,0.5,0.5,1,0,0\n")

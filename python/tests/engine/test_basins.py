"""Scene.basins computes what --basins-csv writes, bit for bit, and draws what --basins draws (Python optimizers:
test_python_basins.py)."""

import csv

import numpy as np
import pytest

import losscape
from engine_cli import error_line, run_cli

# (Scene keywords, the same scene on the command line, steps): all four of Himmelblau's basins; a map where starts
# diverge or run out of steps
SCENES = {
    "himmelblau gd": (dict(function="himmelblau", optimizer="gd"), ["--function", "himmelblau"], 300),
    "himmelblau momentum, some fail": (
        dict(function="himmelblau", optimizer="momentum"), ["--function", "himmelblau", "--optimizer", "momentum"], 300
    ),
}


@pytest.mark.parametrize("name", SCENES)
def test_basins_equal_the_command_lines(tmp_path, name):
    keywords, flags, steps = SCENES[name]
    table, picture = tmp_path / "map.csv", tmp_path / "map.png"
    # On the CPU, as Scene.basins computes (--basins' auto would take a hardware GPU: docs/gpu.md).
    run_cli(*flags, "--basins", str(picture), "--basins-csv", str(table), "--grid", "32", "--steps", str(steps),
            "--basins-device", "cpu")
    found = losscape.Scene(**keywords).basins(grid=32, steps=steps)
    with open(table, newline="") as rows:
        rows = list(csv.DictReader(rows))
    assert found.labels.shape == (32, 32) and len(rows) == 32 * 32
    labels = found.labels.ravel()
    assert [int(row["minimum"]) for row in rows] == labels.tolist()
    assert [int(row["steps"]) for row in rows] == found.steps.ravel().tolist()
    assert [row["status"] for row in rows] == found.status.ravel().tolist()
    starts = found.start_points().reshape(-1, 2)
    assert [(float(r["x0"]), float(r["y0"])) for r in rows] == [tuple(s) for s in starts.tolist()]
    for row, label in zip(rows, labels):
        if label >= 0:  # "%.17g" reads back exactly
            assert (float(row["minimum_x"]), float(row["minimum_y"])) == tuple(found.minima[label])
    assert found._repr_png_() == picture.read_bytes()
    assert found.image().shape == (32, 32, 4)
    assert found.starts.sum() == (labels >= 0).sum()
    assert np.isclose(found.shares.sum(), (labels >= 0).mean())
    assert found.minima.shape == (len(found.values), 2) == (4, 2) and found.is_global.all()
    if "fail" in name:
        assert {"diverged", "running"} <= set(found.status.ravel()) and (labels == -1).any()
    else:
        assert (found.starts > 200).all() and (labels >= 0).all(), "each of the four minima has a quarter of the starts"


def test_bad_grid_is_the_command_lines_line(tmp_path):
    expected = error_line("--function", "himmelblau", "--basins", str(tmp_path / "m.png"), "--grid", "0")
    with pytest.raises(ValueError) as raised:
        losscape.Scene(function="himmelblau").basins(grid=0)
    assert str(raised.value) == expected

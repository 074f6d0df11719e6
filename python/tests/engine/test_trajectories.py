"""Scene.run equals the program's --export-trajectories bit for bit, for scenes made every way."""

import csv
import json
import os

import numpy as np
import pytest

import losscape
from engine_cli import REPO, run_cli

STEPS = 60
GALLERY = os.path.join(REPO, "scenes")

# (keywords for Scene, the same scene on the command line)
KEYWORD_SCENES = {
    "built-in race": (
        dict(function="himmelblau", optimizer=["gd", "adam", "momentum"], start=(-1.0, 1.0), params={"lr": 0.01}),
        ["--function", "himmelblau", "--race", "gd,adam,momentum", "--start=-1,1", "--param", "lr=0.01"],
    ),
    "formula": (
        dict(function="x^2 + 10*y^2", domain=(-3, 3, -2, 2), optimizer="adam", params={"adam.lr": 0.05},
             start=[(2.5, 1.5), (-2.0, 0.3)]),
        ["--function", "x^2 + 10*y^2", "--domain=-3,3,-2,2", "--optimizer", "adam", "--param", "adam.lr=0.05",
         "--start", "2.5,1.5", "--start=-2,0.3"],
    ),
    "seeded noise": (
        dict(function="rastrigin", optimizer=["gd", "nesterov"], noise=0.7, seed=11, start=(2.2, -1.3),
             params={"lr": 0.002}),
        ["--function", "rastrigin", "--race", "gd,nesterov", "--noise", "0.7", "--seed", "11", "--start=2.2,-1.3",
         "--param", "lr=0.002"],
    ),
    "seeded swarm": (
        dict(function="six_hump_camel", optimizer="rmsprop", swarm=25, swarm_layout="lhs", seed=5),
        ["--function", "six_hump_camel", "--optimizer", "rmsprop", "--swarm", "25", "--swarm-layout", "lhs",
         "--seed", "5"],
    ),
}
GALLERY_SCENES = ["08-adam-vs-sgd.json", "19-noise-escapes-a-local-minimum.json", "12-your-formula.json",
                  "22-a-real-networks-loss-surface.json"]


def exported(tmp_path, arguments):
    """--export-trajectories' rows per ball: its number, optimizer and an (n, 6) array, parsed exactly (%.17g)."""
    path = tmp_path / "trajectories.csv"
    run_cli(*arguments, "--steps", str(STEPS), "--export-trajectories", str(path))
    balls = {}
    with open(path, newline="") as file:
        for row in csv.DictReader(file):
            balls.setdefault(int(row["ball"]), (row["optimizer"], []))[1].append(
                [float(row[key]) for key in losscape.scene.COLUMNS])
    return [(ball, name, np.array(rows)) for ball, (name, rows) in sorted(balls.items())]


def assert_same_bits(runs, expected):
    assert len(runs) == len(expected) > 0
    for run, (ball, name, rows) in zip(runs, expected):
        assert (run.ball, run.optimizer) == (ball, name)
        assert run.data.shape == rows.shape and 1 < len(rows) <= STEPS + 1  # a ball that arrives stops
        # Bit for bit: -0.0 and 0.0, or two NaNs' payloads, would differ here.
        assert np.array_equal(run.data.view(np.uint64), rows.view(np.uint64))


@pytest.mark.parametrize("name", KEYWORD_SCENES)
def test_keyword_scene_runs_as_the_command_line(tmp_path, name):
    keywords, arguments = KEYWORD_SCENES[name]
    assert_same_bits(losscape.Scene(**keywords).run(STEPS), exported(tmp_path, arguments))


@pytest.mark.parametrize("file", GALLERY_SCENES)
def test_gallery_scene_runs_as_the_command_line(tmp_path, file):
    path = os.path.join(GALLERY, file)
    expected = exported(tmp_path, [path])
    assert_same_bits(losscape.Scene.from_file(path).run(STEPS), expected)
    # The same file as a dict, through the same reader; its data paths start at the file's folder.
    with open(path) as source:
        assert_same_bits(losscape.Scene.from_dict(json.load(source), directory=GALLERY).run(STEPS), expected)


def test_a_loss_surface_file_runs_as_the_command_line(tmp_path):
    path = os.path.join(GALLERY, "data", "digits-small-batch.h5")
    assert_same_bits(losscape.Scene.from_file(path).run(STEPS), exported(tmp_path, [path]))


def test_run_starts_again_and_columns_are_named():
    scene = losscape.Scene(function="bowl", optimizer="gd")
    first = scene.run(5)[0]
    again = scene.run(5)[0]
    assert np.array_equal(first.data, again.data)
    assert list(first.step) == [0, 1, 2, 3, 4, 5]
    assert first.f[-1] < first.f[0]  # gradient descent on a bowl goes down
    assert np.array_equal(first.x, first.data[:, 1]) and np.array_equal(first.gy, first.data[:, 5])


def test_a_scene_round_trips_through_its_dict():
    scene = losscape.Scene(function="rosenbrock", optimizer=["gd", "adam"], contours=True, colourbar=False)
    described = scene.to_dict()
    assert described["function"] == "rosenbrock"
    assert [ball["optimizer"] for ball in described["balls"]] == ["gd", "adam"]
    assert described["render"]["contours"] is True and described["render"]["colourbar"] is False
    assert np.array_equal(losscape.Scene.from_dict(described).run(20)[1].data, scene.run(20)[1].data)


def test_dataframe_has_the_export_columns_or_says_pandas_is_missing():
    scene = losscape.Scene(function="bowl", optimizer=["gd", "adam"])
    try:
        import pandas  # noqa: F401 (never required: the method says so without it)
    except ImportError:
        with pytest.raises(ImportError, match="needs pandas"):
            scene.dataframe(3)
        return
    frame = scene.dataframe(3)
    assert list(frame.columns) == ["ball", "optimizer", "step", "x", "y", "f", "gx", "gy"]
    assert len(frame) == 8 and list(frame.optimizer.unique()) == ["gd", "adam"]

"""A Python optimizer's basin map and learning-rate sweep: the engine's own code and rules, a fresh copy per start."""

import importlib.util
import re
import threading

import numpy as np
import pytest

import losscape
from engine_cli import error_line, run_cli

torch = pytest.importorskip("torch")

# Styblinski-Tang: one global minimum and three local ones; at this lr some starts diverge, so every rule shows.
FUNCTION = "styblinski_tang"
LR = 2.0**-5  # a power of two: p - lr * b equals the built-in's fused multiply-add (test_python_optimizers.py)
GRID, STEPS = 24, 400


class StudentMomentum:
    """The built-in momentum's rule (torch's SGD: b = g at the first step, then b = mu b + g; p - lr b), no reset()."""

    def __init__(self, lr: float, momentum: float = 0.9) -> None:
        self.lr = lr
        self.momentum = momentum
        self.buffer = None

    def step(self, position, gradient):
        self.buffer = gradient if self.buffer is None else self.momentum * self.buffer + gradient
        return position - self.lr * self.buffer


class LyingReset(StudentMomentum):
    """A reset() that forgets nothing: the map must not depend on it."""

    def reset(self) -> None:
        pass


def built_in(lr: float = LR):
    return losscape.Scene(function=FUNCTION, optimizer="momentum", params={"lr": lr})


def assert_same_map(mine, theirs):
    np.testing.assert_array_equal(mine.labels, theirs.labels)
    np.testing.assert_array_equal(mine.steps, theirs.steps)
    assert mine.status.tolist() == theirs.status.tolist()
    np.testing.assert_array_equal(mine.minima, theirs.minima)
    assert mine.statistics == theirs.statistics and mine.png == theirs.png


@pytest.fixture(scope="module")
def built_in_map():
    return built_in().basins(grid=GRID, steps=STEPS)


def test_a_students_momentum_maps_exactly_as_the_built_in_momentum(built_in_map):
    found = set(built_in_map.status.ravel())
    assert {"converged", "diverged"} <= found and 0 < built_in_map.statistics.global_share < 0.5, "every rule shows"
    mine = losscape.Scene(function=FUNCTION, optimizer=StudentMomentum(LR)).basins(grid=GRID, steps=STEPS)
    assert_same_map(mine, built_in_map)
    assert mine.point_steps == built_in_map.point_steps and mine.seconds > 0


def test_torch_sgd_with_momentum_maps_exactly_as_the_built_in_momentum():
    theirs = built_in().basins(grid=10, steps=STEPS)
    torch_sgd = losscape.TorchOptimizer(torch.optim.SGD, lr=LR, momentum=0.9)
    assert_same_map(losscape.Scene(function=FUNCTION, optimizer=torch_sgd).basins(grid=10, steps=STEPS), theirs)


def test_each_start_gets_a_fresh_copy_of_the_object_as_it_was_given(built_in_map):
    # No reset() to trust (StudentMomentum) or one that forgets nothing: state carried from start to start would
    # change the map; and the scene's own run first steps the object itself, which the map must not see either.
    student = LyingReset(LR)
    scene = losscape.Scene(function=FUNCTION, optimizer=student, start=(1.0, 1.0))
    scene.run(50)
    assert student.buffer is not None
    assert_same_map(scene.basins(grid=GRID, steps=STEPS), built_in_map)
    assert scene.run(50)[0].data.shape == (51, 6), "the balls run on after a map"


def test_a_leaking_state_would_show(built_in_map):
    """The test above can fail: one object stepped from start to start carries a diverged start's huge buffer on."""

    class Shared(StudentMomentum):
        def __deepcopy__(self, memo):
            return self  # every start steps the same object

    leaked = losscape.Scene(function=FUNCTION, optimizer=Shared(LR)).basins(grid=GRID, steps=STEPS)
    assert not np.array_equal(leaked.labels, built_in_map.labels)


def test_statistics_are_the_panels_numbers_from_the_labels(built_in_map):
    for found in (built_in_map, losscape.Scene(function="himmelblau").basins(grid=16, steps=200)):
        labels, steps, status = found.labels.ravel(), found.steps.ravel(), found.status.ravel()
        converged = labels >= 0
        s = found.statistics
        assert s.starts == labels.size and s.global_known
        assert s.global_share == np.mean(converged & found.is_global[labels.clip(0)])
        assert s.converged_share == np.mean(converged)
        assert s.diverged_share == np.mean(status == "diverged")
        assert s.mean_steps == np.mean(steps[converged]) and s.median_steps == np.median(steps[converged])
    assert str(built_in_map.statistics).startswith(f"{built_in_map.statistics.global_share:.1%} reach the global")


class Breaks(StudentMomentum):
    def step(self, position, gradient):
        if position[0] > 4.0:
            raise ZeroDivisionError("the student divided by zero")
        return super().step(position, gradient)


def test_an_exception_stops_the_map_naming_the_start_from_the_students_exception():
    with pytest.raises(RuntimeError) as raised:
        losscape.Scene(function=FUNCTION, optimizer=Breaks(LR)).basins(grid=GRID, steps=STEPS)
    message = str(raised.value)
    assert message.startswith("basin map: Breaks at start (") and "\n" not in message
    assert message.endswith("ZeroDivisionError: the student divided by zero")
    assert isinstance(raised.value.__cause__, ZeroDivisionError), "Jupyter shows the student's traceback"


@pytest.mark.parametrize("answer, said", [(None, "step() returned None: expected 2 numbers"),
                                          ((1.0, 2.0, 3.0), "step() returned (1.0, 2.0, 3.0): expected 2 numbers")])
def test_a_wrong_answer_stops_the_map(answer, said):
    class Answers:
        def step(self, position, gradient):
            return answer

    expected = "basin map: Answers at start (-3.75, -3.75), step 0: " + said
    with pytest.raises(RuntimeError, match="^" + re.escape(expected)):
        losscape.Scene(function=FUNCTION, optimizer=Answers()).basins(grid=4, steps=10)


def test_a_step_to_infinity_diverges_as_a_built_in_does():
    class Flies:
        def step(self, position, gradient):
            return np.array([np.inf, 0.0])

    found = losscape.Scene(function=FUNCTION, optimizer=Flies()).basins(grid=4, steps=10)
    assert found.status.ravel().tolist() == ["diverged"] * 16 and found.statistics.diverged_share == 1.0


def test_an_object_copy_deepcopy_cannot_copy_is_refused_with_one_line():
    class Locked(StudentMomentum):
        def __init__(self, lr: float) -> None:
            super().__init__(lr)
            self.lock = threading.Lock()

    scene = losscape.Scene(function=FUNCTION, optimizer=Locked(LR))
    assert scene.run(3)[0].status == "running", "a ball needs no copy"
    expected = "cannot copy Locked for each start (copy.deepcopy: TypeError: cannot pickle '_thread.lock' object)"
    with pytest.raises(TypeError, match="^" + re.escape(expected) + "$") as raised:
        scene.basins(grid=4)
    assert isinstance(raised.value.__cause__, TypeError)


def test_ctrl_c_stops_the_map():
    class Interrupted(StudentMomentum):
        def step(self, position, gradient):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        losscape.Scene(function=FUNCTION, optimizer=Interrupted(LR)).basins(grid=8)


def test_a_race_maps_its_first_built_in_method_and_swarms_stay_refused():
    scene = losscape.Scene(function=FUNCTION, optimizer=["momentum", StudentMomentum(LR)], params={"lr": LR})
    assert_same_map(scene.basins(grid=8, steps=STEPS), built_in().basins(grid=8, steps=STEPS))
    with pytest.raises(ValueError, match=r"^a Python optimizer \(StudentMomentum\) cannot drive a swarm or the pic"):
        losscape.Scene(function=FUNCTION, optimizer=StudentMomentum(LR), swarm=20)


def test_the_default_grid_is_smaller_for_a_python_optimizer():
    assert losscape.Scene(function="bowl", optimizer=StudentMomentum(0.25)).basins(steps=20).grid == 32
    assert losscape.Scene(function="bowl").basins(steps=20).grid == 128


# The learning-rate sweep: the statistics panel's (engine/sim/basin_statistics, LearningRateSweep)


def stats_from_csv(path, is_global):
    """What summarize() says, computed in numpy from a --basins-csv table and which minima are global."""
    table = np.genfromtxt(path, delimiter=",", names=True, dtype=None, encoding="utf-8")
    labels, steps = table["minimum"].astype(int), table["steps"].astype(float)
    converged = labels >= 0
    return (
        np.mean(converged & is_global[labels.clip(0)]),
        np.mean(table["status"] == "diverged"),
        np.mean(converged),
        np.mean(steps[converged]) if converged.any() else 0.0,
    )


def test_the_sweep_is_the_command_lines_basin_map_at_each_lr(tmp_path):
    swept = built_in().sweep(points=4, grid=12, steps=STEPS)
    assert swept.optimizer == "momentum" and swept.lr == LR and swept.grid == 12
    # the panel's range, lr/300 to 30 lr, logarithmic
    np.testing.assert_allclose(swept.lrs, np.geomspace(LR / 300, LR * 30, 4), rtol=1e-12)
    assert swept.lrs[-1] == LR * 30
    for lr, s in zip(swept.lrs, swept.statistics):
        table = tmp_path / f"{lr!r}.csv"
        run_cli("--function", FUNCTION, "--optimizer", "momentum", "--param", f"lr={lr!r}", "--grid", "12",
                "--steps", str(STEPS), "--basins", str(tmp_path / "map.png"), "--basins-csv", str(table))
        is_global = built_in(float(lr)).basins(grid=12, steps=STEPS).is_global
        assert (s.global_share, s.diverged_share, s.converged_share, s.mean_steps) == stats_from_csv(table, is_global)
    assert swept.diverged_share[-1] > 0.5 and swept.global_share.max() > 0, "the cliff shows"


def test_a_python_optimizers_sweep_sets_its_lr_on_each_copy():
    student = StudentMomentum(LR)
    mine = losscape.Scene(function=FUNCTION, optimizer=student).sweep(points=3, grid=8, steps=STEPS)
    theirs = built_in().sweep(points=3, grid=8, steps=STEPS)
    np.testing.assert_array_equal(mine.lrs, theirs.lrs)
    assert mine.statistics == theirs.statistics and mine.optimizer == "StudentMomentum"
    assert student.lr == LR, "the object itself is never changed"
    torch_sgd = losscape.TorchOptimizer(torch.optim.SGD, lr=LR, momentum=0.9)
    swept = losscape.Scene(function=FUNCTION, optimizer=torch_sgd).sweep(points=2, grid=4, lr_range=(1e-3, 0.5))
    assert swept.lrs[0] == pytest.approx(1e-3, rel=1e-15) and swept.lrs[1] == 0.5 and torch_sgd.lr == LR
    assert swept.statistics == built_in().sweep(points=2, grid=4, lr_range=(1e-3, 0.5)).statistics


def test_the_sweep_shows_as_the_panels_chart_or_as_text():
    swept = built_in().sweep(points=3, grid=4, steps=50)
    assert repr(swept).startswith("LearningRateSweep(momentum, lr 0.0312, 3 rates of 4x4 starts, ")
    assert len(repr(swept).splitlines()) == 4
    png = swept._repr_png_()
    if png is not None:  # matplotlib installed
        assert png.startswith(b"\x89PNG")
    if importlib.util.find_spec("pandas"):
        assert list(swept.dataframe().columns)[:2] == ["lr", "global_share"]
    else:
        with pytest.raises(ImportError, match="needs pandas"):
            swept.dataframe()


@pytest.mark.parametrize(
    "scene, arguments, error, said",
    [
        (dict(optimizer=StudentMomentum), {}, None, None),  # replaced below: an object without lr
        (dict(optimizer="ball"), {}, ValueError, "learning-rate sweep: ball has no learning rate (lr)"),
        (dict(optimizer="momentum"), dict(points=1), ValueError,
         "invalid points 1: expected a whole number, 2 or more"),
        (dict(optimizer="momentum"), dict(lr_range=(0.1, 0.01)), ValueError,
         "invalid lr_range (0.1, 0.01): expected (lr_min, lr_max) with 0 < lr_min < lr_max"),
        (dict(optimizer="momentum"), dict(grid=0), ValueError, None),
    ],
)
def test_bad_sweeps_are_refused_with_one_line(scene, arguments, error, said):
    if error is None:  # a Python optimizer without a numeric lr
        student = StudentMomentum(LR)
        student.lr = "fast"
        scene, error = dict(optimizer=student), ValueError
        said = "a Python optimizer (StudentMomentum) needs a numeric lr attribute for a learning-rate sweep: each " \
               "point sets it on a copy"
    if said is None:
        said = error_line("--function", FUNCTION, "--basins", "m.png", "--grid", "0")
    with pytest.raises(error) as raised:
        losscape.Scene(function=FUNCTION, **scene).sweep(**arguments)
    assert str(raised.value) == said


def test_a_copy_that_cannot_take_its_lr_stops_the_sweep_with_one_line():
    class ReadOnlyLR(StudentMomentum):
        def __setattr__(self, name, value):
            if name == "lr" and "lr" in self.__dict__:
                raise AttributeError("lr is read-only")
            super().__setattr__(name, value)

    with pytest.raises(RuntimeError) as raised:
        losscape.Scene(function=FUNCTION, optimizer=ReadOnlyLR(LR)).sweep(points=2, grid=4)
    assert str(raised.value) == ("learning-rate sweep: ReadOnlyLR failed making a start's copy (copy.deepcopy, then "
                                 "lr): AttributeError: lr is read-only")

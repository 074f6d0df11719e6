"""Bring your own optimizer: a Python object or a torch.optim class drives a ball, exactly, and fails alone."""

import gc
import sys
import weakref

import numpy as np
import pytest

import losscape

torch = pytest.importorskip("torch")

START = (-1.5, 2.0)
LR = 2.0**-10  # a power of two: lr * g is exact, so p - lr * g equals the built-in's fused multiply-add


class PlainGD:
    """The students' first optimizer; counts its resets."""

    def __init__(self, lr: float) -> None:
        self.lr = lr
        self.resets = 0

    def step(self, position, gradient):
        return position - self.lr * gradient

    def reset(self) -> None:
        self.resets += 1


class Breaks(PlainGD):
    """Raises at its third step."""

    def step(self, position, gradient):
        if self.calls == 2:
            raise ZeroDivisionError("the student divided by zero")
        self.calls += 1
        return super().step(position, gradient)

    def reset(self) -> None:
        self.calls = 0


def race(optimizers, steps=80, **keywords):
    scene = losscape.Scene(function="rosenbrock", optimizer=optimizers, start=START, **keywords)
    return scene, {run.optimizer: run for run in scene.run(steps)}


def test_plain_gd_equals_the_built_in_gd_bit_for_bit():
    _, runs = race(["gd", PlainGD(LR)], params={"lr": LR})
    assert runs["PlainGD"].data.shape == (81, 6)
    np.testing.assert_array_equal(runs["PlainGD"].data, runs["gd"].data)
    assert runs["PlainGD"].status == "running" and runs["PlainGD"].error == ""


def test_a_name_attribute_labels_the_ball_and_a_python_optimizer_alone_races_nothing_built_in():
    student = PlainGD(LR)
    student.name = "Ada's GD"
    scene = losscape.Scene(function="rosenbrock", optimizer=student, start=[START, (1.5, -0.5)])
    runs = scene.run(10)
    assert [run.optimizer for run in runs] == ["Ada's GD", "Ada's GD"]
    assert [tuple(run.data[0, 1:3]) for run in runs] == [START, (1.5, -0.5)]


@pytest.mark.parametrize(
    "method, options",
    [
        ("adam", dict(lr=0.01)),
        ("momentum", dict(lr=0.001, momentum=0.9)),
        ("nesterov", dict(lr=0.001, momentum=0.9, nesterov=True)),
    ],
)
def test_torch_optimizers_equal_the_engines_torch_exact_methods(method, options):
    torch_class = torch.optim.Adam if method == "adam" else torch.optim.SGD
    params = {f"{method}.lr": options["lr"]}
    if "momentum" in options:
        params[f"{method}.momentum"] = options["momentum"]
    _, runs = race([method, losscape.TorchOptimizer(torch_class, **options)], steps=200, params=params)
    mine = runs[torch_class.__name__].data
    assert mine.shape == (201, 6)
    np.testing.assert_array_equal(mine, runs[method].data)


def test_reset_is_called_when_the_ball_starts_again():
    student = PlainGD(LR)
    scene = losscape.Scene(function="rosenbrock", optimizer=student, start=START)
    before = student.resets
    scene.run(5)
    scene.run(5)
    assert student.resets == before + 2


def test_an_exception_stops_only_that_ball_with_its_message():
    _, runs = race(["adam", Breaks(LR), PlainGD(LR)], steps=20)
    broken = runs["Breaks"]
    assert broken.status == "stopped"
    assert broken.error == "step 2: ZeroDivisionError: the student divided by zero"
    assert broken.data.shape == (4, 6)  # the start, its two steps, and the failed one where it stayed
    np.testing.assert_array_equal(broken.data[3, 1:], broken.data[2, 1:])
    assert runs["adam"].data.shape == (21, 6) and runs["PlainGD"].data.shape == (21, 6)


class Answers:
    def __init__(self, answer) -> None:
        self.answer = answer

    def step(self, position, gradient):
        return self.answer


@pytest.mark.parametrize(
    "answer, said",
    [
        ((1.0, float("nan")), "step 0: step() returned (1.0, nan): not 2 finite numbers"),
        ([1.0, 2.0, 3.0], "step 0: step() returned [1.0, 2.0, 3.0]: expected 2 numbers (x, y)"),
        ("left", "step 0: step() returned 'left': expected 2 numbers (x, y)"),
        (None, "step 0: step() returned None: expected 2 numbers (x, y)"),
    ],
)
def test_a_wrong_answer_stops_only_that_ball(answer, said):
    _, runs = race(["gd", Answers(answer)], steps=10)
    assert (runs["Answers"].status, runs["Answers"].error) == ("stopped", said)
    assert runs["Answers"].data.shape == (2, 6)  # the start, and the failed step where it stayed
    assert runs["gd"].data.shape == (11, 6)


def test_tuples_are_answers_too():
    _, runs = race(["gd", Answers((0.5, 0.25))], steps=3)
    assert runs["Answers"].data[1:, 1:3].tolist() == [[0.5, 0.25]] * 3


def test_swarms_and_what_is_no_optimizer_are_refused_with_one_line():
    with pytest.raises(ValueError, match=r"^a Python optimizer \(PlainGD\) cannot drive a swarm or the picture.s basin overlay"):
        losscape.Scene(function="rosenbrock", optimizer=["gd", PlainGD(LR)], swarm=20)
    with pytest.raises(TypeError, match=r"^invalid optimizer entry 3: expected a method's name"):
        losscape.Scene(function="rosenbrock", optimizer=["gd", 3])
    with pytest.raises(TypeError, match=r"^invalid optimizer entry PlainGD: a class; pass an object, PlainGD\("):
        losscape.Scene(function="rosenbrock", optimizer=PlainGD)


def test_a_scene_with_a_python_ball_renders():
    scene, runs = race(["gd", PlainGD(LR)], steps=40)
    picture = scene.render(size=(160, 90))
    assert picture.shape == (90, 160, 4) and picture[..., :3].std() > 0


def test_no_reference_leaks_over_a_thousand_steps():
    student, failing = PlainGD(LR), Breaks(LR)
    scene = losscape.Scene(function="rosenbrock", optimizer=[student, failing], start=START)
    scene.run(10)
    gc.collect()
    before = (sys.getrefcount(student), sys.getrefcount(failing))
    for _ in range(3):
        scene.run(1000)
    gc.collect()
    after = (sys.getrefcount(student), sys.getrefcount(failing))
    assert after == before
    del scene
    gc.collect()
    assert sys.getrefcount(student) == 2  # the name here and getrefcount's argument: the engine let it go


class Watched(PlainGD):
    """Keeps weak references to what it was given and what it answered: the engine must let all of them go."""

    def __init__(self, lr: float) -> None:
        super().__init__(lr)
        self.seen = []

    def step(self, position, gradient):
        answer = super().step(position, gradient)
        self.seen += [weakref.ref(position), weakref.ref(gradient), weakref.ref(answer)]
        return answer


def test_the_arrays_of_every_step_are_freed():
    student = Watched(LR)
    losscape.Scene(function="rosenbrock", optimizer=student, start=START).run(1000)
    assert len(student.seen) == 3000
    assert not any(ref() is not None for ref in student.seen)


class BadReset(PlainGD):
    def reset(self) -> None:
        raise RuntimeError("no state to forget\nsecond line")


def test_an_exception_in_reset_stops_the_ball_too():
    _, runs = race(["gd", BadReset(LR)], steps=5)
    assert (runs["BadReset"].status, runs["BadReset"].error) == (
        "stopped", "reset: RuntimeError: no state to forget\\nsecond line")
    assert runs["gd"].data.shape == (6, 6)


class Interrupted(PlainGD):
    def step(self, position, gradient):
        raise KeyboardInterrupt


def test_ctrl_c_in_a_python_optimizer_interrupts_the_run():
    scene = losscape.Scene(function="rosenbrock", optimizer=["gd", Interrupted(LR), PlainGD(LR)], start=START)
    with pytest.raises(KeyboardInterrupt):
        scene.run(50)


class HeavyBall:
    """State that two balls must not share: v = beta v + g."""

    def __init__(self, lr: float) -> None:
        self.lr = lr
        self.reset()

    def reset(self) -> None:
        self.v = np.zeros(2)

    def step(self, position, gradient):
        self.v = 0.5 * self.v + gradient
        return position - self.lr * self.v


def test_each_start_gets_its_own_copy_of_the_optimizer():
    other = (1.5, -0.5)
    both = losscape.Scene(function="rosenbrock", optimizer=HeavyBall(LR), start=[START, other]).run(30)
    alone = losscape.Scene(function="rosenbrock", optimizer=HeavyBall(LR), start=other).run(30)
    np.testing.assert_array_equal(both[1].data, alone[0].data)

"""evaluate_surface: loss-landscape's file layout (nx != ny), equal to the reference loop, resumable, bad input."""

import copy

import h5py
import numpy as np
import pytest
import torch

from losscape.landscape.surface import cache_batches, evaluate_surface, parse_grid, reference_surface
from losscape.landscape.surface_file import SurfaceFileError

XS = np.linspace(-1.0, 1.0, 5)
YS = np.linspace(-0.5, 0.5, 3)


def make_problem(seed: int = 0):
    """A small MLP with a bias and a BatchNorm (buffers), data in 3 batches of unequal size, random directions."""
    generator = torch.Generator().manual_seed(seed)
    model = torch.nn.Sequential(torch.nn.Linear(6, 8), torch.nn.BatchNorm1d(8), torch.nn.Tanh(), torch.nn.Linear(8, 4))
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn(p.shape, generator=generator))
    model[1].running_mean.uniform_(-0.5, 0.5, generator=generator)
    inputs = torch.randn(50, 6, generator=generator)
    targets = torch.randint(0, 4, (50,), generator=generator)
    batches = [(inputs[:20], targets[:20]), (inputs[20:40], targets[20:40]), (inputs[40:], targets[40:])]
    xdir = [torch.randn(p.shape, generator=generator) for p in model.parameters()]
    ydir = [torch.randn(p.shape, generator=generator) for p in model.parameters()]
    return model, batches, xdir, ydir


class CountingLoss:
    """cross-entropy that counts its calls, to see how many cells were evaluated."""

    def __init__(self):
        self.calls = 0

    def __call__(self, outputs, targets):
        self.calls += 1
        return torch.nn.functional.cross_entropy(outputs, targets)


def direct_loss(model, batches, xdir, ydir, x, y):
    """The loss at (x, y) computed the plain way, on a copy of the model."""
    net = copy.deepcopy(model).eval()
    with torch.no_grad():
        for p, a, b in zip(net.parameters(), xdir, ydir):
            p.add_(x * a + y * b)
        total = sum(float(torch.nn.functional.cross_entropy(net(i), t)) * len(i) for i, t in batches)
    return total / sum(len(i) for i, _ in batches)


def read(path, key):
    with h5py.File(path, "r") as f:
        return f[key][()]


def test_layout_is_loss_landscapes_with_nx_not_ny(tmp_path):
    model, batches, xdir, ydir = make_problem()
    path = str(tmp_path / "s.h5")
    evaluate_surface(model, torch.nn.functional.cross_entropy, batches, xdir, ydir, XS, YS, path,
                     test_data=batches[:1], progress=False)
    with h5py.File(path, "r") as f:
        assert set(f.keys()) == {"xcoordinates", "ycoordinates", "train_loss", "train_acc", "test_loss", "test_acc"}
        assert f["xcoordinates"].dtype == np.float64 and f["ycoordinates"].dtype == np.float64
        np.testing.assert_array_equal(f["xcoordinates"][()], XS)
        np.testing.assert_array_equal(f["ycoordinates"][()], YS)
        for key in ("train_loss", "train_acc", "test_loss", "test_acc"):
            assert f[key].shape == (5, 3) and f[key].dtype == np.float64
        flat = f["train_loss"][()].ravel()
        acc = f["train_acc"][()]
    assert (flat > 0).all() and ((acc >= 0) & (acc <= 100)).all()
    for k in range(len(XS) * len(YS)):
        expected = direct_loss(model, batches, xdir, ydir, XS[k % 5], YS[k // 5])
        assert flat[k] == pytest.approx(expected, rel=1e-5), k
    # the (nx, ny) declaration is not the meshgrid's shape: cell [1, 0] is (x[1], y[0]), cell [0, 1] is (x[0], y[1])
    assert flat[1] != pytest.approx(direct_loss(model, batches, xdir, ydir, XS[0], YS[1]), rel=1e-5)


def test_batched_equals_reference_and_restores_the_model(tmp_path):
    model, batches, xdir, ydir = make_problem(1)
    before = [p.detach().clone() for p in model.parameters()]
    loss, acc = reference_surface(model, torch.nn.functional.cross_entropy, batches, xdir, ydir, XS, YS)
    path = str(tmp_path / "s.h5")
    evaluate_surface(model, torch.nn.functional.cross_entropy, batches, xdir, ydir, XS, YS, path, batch_points=4,
                     progress=False)
    np.testing.assert_allclose(read(path, "train_loss"), loss, rtol=1e-5)  # the 3 batches are one pass here
    np.testing.assert_allclose(read(path, "train_acc"), acc, rtol=0, atol=1e-9)
    assert model.training and all(torch.equal(p, q) for p, q in zip(model.parameters(), before))


def test_resume_computes_only_cells_at_minus_one(tmp_path):
    model, batches, xdir, ydir = make_problem(2)
    whole = str(tmp_path / "whole.h5")
    evaluate_surface(model, torch.nn.functional.cross_entropy, batches, xdir, ydir, XS, YS, whole, progress=False)
    part = str(tmp_path / "part.h5")
    evaluate_surface(model, torch.nn.functional.cross_entropy, batches, xdir, ydir, XS, YS, part, progress=False)
    with h5py.File(part, "r+") as f:  # "interrupt": forget four cells, one of them only in the accuracy
        loss = f["train_loss"][()]
        loss.ravel()[[0, 7, 14]] = -1
        f["train_loss"][...] = loss
        acc = f["train_acc"][()]
        acc.ravel()[9] = -1
        f["train_acc"][...] = acc
    counting = CountingLoss()
    done = evaluate_surface(model, counting, batches, xdir, ydir, XS, YS, part, batch_points=2, progress=False)
    assert done == 4 and counting.calls == 4  # one call per cell: the 3 small batches make one pass
    np.testing.assert_array_equal(read(part, "train_loss"), read(whole, "train_loss"))
    np.testing.assert_array_equal(read(part, "train_acc"), read(whole, "train_acc"))
    counting.calls = 0
    assert evaluate_surface(model, counting, batches, xdir, ydir, XS, YS, part, progress=False) == 0
    assert counting.calls == 0


class Interrupt(Exception):
    pass


def test_killed_run_keeps_its_chunks_and_resumes_to_the_same_file(tmp_path):
    model, batches, xdir, ydir = make_problem(3)
    whole = str(tmp_path / "whole.h5")
    evaluate_surface(model, torch.nn.functional.cross_entropy, batches, xdir, ydir, XS, YS, whole,
                     test_data=batches[1:], progress=False)
    counting = CountingLoss()

    def dying(outputs, targets):  # dies in the middle of the third chunk of 4 cells
        if counting.calls == 10:
            raise Interrupt()
        return counting(outputs, targets)

    part = str(tmp_path / "part.h5")
    with pytest.raises(Interrupt):
        evaluate_surface(model, dying, batches, xdir, ydir, XS, YS, part, test_data=batches[1:], batch_points=4,
                         progress=False)
    kept = read(part, "train_loss").ravel()
    assert (kept[:8] != -1).all() and (kept[8:] == -1).all()  # two chunks written, the third lost
    assert (read(part, "test_loss") == -1).all()
    counting.calls = 0
    done = evaluate_surface(model, counting, batches, xdir, ydir, XS, YS, part, test_data=batches[1:],
                            batch_points=4, progress=False)
    assert done == 7 + 15
    for key in ("train_loss", "train_acc", "test_loss", "test_acc"):
        np.testing.assert_array_equal(read(part, key), read(whole, key))


def test_a_file_of_another_grid_is_refused_in_one_line(tmp_path):
    model, batches, xdir, ydir = make_problem()
    path = str(tmp_path / "s.h5")
    evaluate_surface(model, torch.nn.functional.cross_entropy, batches[:1], xdir, ydir, XS, YS, path, progress=False)
    with pytest.raises(SurfaceFileError) as error:
        evaluate_surface(model, torch.nn.functional.cross_entropy, batches[:1], xdir, ydir, XS, YS[:2], path,
                         progress=False)
    message = str(error.value)
    assert message.startswith(path) and "y grid is -0.5:0.5:3" in message and "\n" not in message
    (tmp_path / "text.h5").write_text("hello")
    with pytest.raises(SurfaceFileError, match="not an HDF5 file"):
        evaluate_surface(model, torch.nn.functional.cross_entropy, batches[:1], xdir, ydir, XS, YS,
                         str(tmp_path / "text.h5"), progress=False)


def test_directions_that_do_not_fit_the_model_are_one_line(tmp_path):
    model, batches, xdir, ydir = make_problem()
    with pytest.raises(ValueError, match=r"the y direction has 5 tensors but the model's parameters\(\) has 6"):
        evaluate_surface(model, torch.nn.functional.cross_entropy, batches, xdir, ydir[:5], XS, YS,
                         str(tmp_path / "s.h5"), progress=False)
    xdir[2] = torch.zeros(3)
    with pytest.raises(ValueError, match=r"the x direction: tensor 2 has shape \(3,\) but .* has \(8,\)"):
        evaluate_surface(model, torch.nn.functional.cross_entropy, batches, xdir, ydir, XS, YS,
                         str(tmp_path / "s.h5"), progress=False)


@pytest.mark.parametrize("text, words", [
    ("-1:1", "not MIN:MAX:N"), ("a:1:3", "not MIN:MAX:N"), ("-1:1:2.5", "not MIN:MAX:N"),
    ("1:-1:5", "below MAX"), ("-1:inf:5", "finite"), ("-1:1:1", "at least 2"),
])
def test_bad_grids_are_one_line(text, words):
    with pytest.raises(ValueError) as error:
        parse_grid(text, "--x")
    assert str(error.value).startswith(f"--x '{text}'") and words in str(error.value)


def test_grid_is_linspace():
    np.testing.assert_array_equal(parse_grid("-1:1:51", "--x"), np.linspace(-1, 1, 51))


def test_batches_merge_into_passes_up_to_the_byte_budget():
    inputs = torch.arange(40.0).view(10, 4)  # 16 bytes a sample
    targets = torch.arange(10)
    data = [(inputs[:3], targets[:3]), (inputs[3:6], targets[3:6]), (inputs[6:], targets[6:])]
    merged = cache_batches(data, torch.device("cpu"), pass_bytes=6 * 16)
    assert [len(i) for i, _ in merged] == [6, 4]
    assert torch.equal(torch.cat([i for i, _ in merged]), inputs)
    assert torch.equal(torch.cat([t for _, t in merged]), targets)
    assert [len(i) for i, _ in cache_batches(data, torch.device("cpu"), pass_bytes=1)] == [3, 3, 4]
    with pytest.raises(ValueError, match=r"\(inputs, targets\) batches"):
        cache_batches([inputs], torch.device("cpu"))
    with pytest.raises(ValueError, match="no samples"):
        cache_batches([], torch.device("cpu"))

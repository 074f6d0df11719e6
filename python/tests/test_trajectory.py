"""Projected trajectories: points on the slice land where they were put, true losses, the file, the command line."""

import h5py
import numpy as np
import pytest
import torch

from losscape.landscape.directions import DirectionError, pca_directions, random_direction, write_direction_file
from losscape.landscape.trajectory import (METHODS, TrajectoryError, evaluate, main, project_checkpoints,
                                           true_losses, write_trajectory_file)

from test_directions import SETUP, conv_net, mlp, seeded, setup_files, trajectory

POINTS = [(0.0, 0.0), (0.5, -0.25), (-1.0, 0.75), (0.125, 2.0)]


def on_slice(net: torch.nn.Module, xdir, ydir, points=POINTS) -> list[list[torch.Tensor]]:
    """Checkpoints theta_final + a xdir + b ydir, as lists of tensors."""
    return [[p.detach() + a * dx + b * dy for p, dx, dy in zip(net.parameters(), xdir, ydir)] for a, b in points]


@pytest.mark.parametrize("make", [mlp, conv_net])
def test_lstsq_puts_points_of_the_slice_at_their_coordinates(make):
    net = make().double()
    xdir = random_direction(net, generator=seeded(1))
    ydir = random_direction(net, generator=seeded(2))  # filter-normalised: neither unit nor orthogonal
    x, y = project_checkpoints(net, xdir, ydir, on_slice(net, xdir, ydir))
    assert x.dtype == np.float64 and y.dtype == np.float64
    assert np.allclose(x, [a for a, _ in POINTS], atol=1e-12) and np.allclose(y, [b for _, b in POINTS], atol=1e-12)


def test_lstsq_in_float32_and_with_biasbn_off_the_slice():
    net = conv_net()
    xdir = random_direction(net, generator=seeded(1))
    ydir = random_direction(net, generator=seeded(2))
    checkpoints = on_slice(net, xdir, ydir)
    x, y = project_checkpoints(net, xdir, ydir, checkpoints)
    assert np.allclose(x, [a for a, _ in POINTS], atol=1e-5) and np.allclose(y, [b for _, b in POINTS], atol=1e-5)
    moved = [[t + 0.3 if t.dim() <= 1 else t for t in c] for c in checkpoints]  # biases, where directions are 0
    x2, y2 = project_checkpoints(net, xdir, ydir, moved)
    assert np.allclose(x2, x, atol=1e-5) and np.allclose(y2, y, atol=1e-5)


def test_cos_is_exact_for_pca_directions_and_not_for_random_ones():
    net = conv_net().double()
    xdir, ydir, _ = pca_directions(net, trajectory(net))
    xdir, ydir = [d.double() for d in xdir], [d.double() for d in ydir]
    for method in METHODS:
        x, y = project_checkpoints(net, xdir, ydir, on_slice(net, xdir, ydir), method=method)
        assert np.allclose(x, [a for a, _ in POINTS], atol=1e-9), method
        assert np.allclose(y, [b for _, b in POINTS], atol=1e-9), method
    rx = random_direction(net, generator=seeded(1))
    ry = random_direction(net, generator=seeded(2))
    x, _ = project_checkpoints(net, rx, ry, on_slice(net, rx, ry), method="cos")
    length = float(torch.cat([d.reshape(-1) for d in rx]).norm())
    assert abs(x[1] - 0.5 * length) < 0.05 * length  # d.dx / |dx|: scaled by |dx|, as projection.py's


def test_checkpoint_files_and_state_dicts_project_like_lists(tmp_path):
    net = mlp()
    xdir = random_direction(net, generator=seeded(1))
    ydir = random_direction(net, generator=seeded(2))
    lists = on_slice(net, xdir, ydir)
    names = [name for name, _ in net.named_parameters()]
    states = [dict(zip(names, c)) for c in lists]
    paths = []
    for index, state in enumerate(states):
        paths.append(tmp_path / f"c{index}.pt")
        torch.save(state, paths[-1])
    expected = project_checkpoints(net, xdir, ydir, lists)
    for checkpoints in (states, paths):
        assert np.array_equal(project_checkpoints(net, xdir, ydir, checkpoints)[0], expected[0])


def test_projection_refusals_are_one_line():
    net = mlp()
    xdir = random_direction(net, generator=seeded(1))
    with pytest.raises(DirectionError, match=r"unknown method 'lsq' \(one of: lstsq, cos\)"):
        project_checkpoints(net, xdir, xdir, [], method="lsq")
    with pytest.raises(TrajectoryError, match="parallel"):
        project_checkpoints(net, xdir, [2 * d for d in xdir], [net])
    with pytest.raises(DirectionError, match=r"checkpoint 1 has 2 tensors but the final model has 4"):
        project_checkpoints(net, xdir, random_direction(net), [net, list(net.parameters())[:2]])
    with pytest.raises(DirectionError, match="ydirection has 3 tensors"):
        project_checkpoints(net, xdir, xdir[:3], [net])


def batches():
    generator = torch.Generator().manual_seed(0)
    return [(torch.randn(size, 4, generator=generator), torch.arange(size) % 3) for size in (8, 5)]


def test_true_losses_weigh_batches_by_size_and_leave_the_model_alone():
    net = mlp()
    before = [p.detach().clone() for p in net.parameters()]
    other = mlp()
    with torch.no_grad():
        for p in other.parameters():
            p.mul_(0.5)
    data = batches()
    loss, acc = true_losses(net, torch.nn.functional.cross_entropy, data, [net.state_dict(), other])
    inputs, targets = torch.cat([b[0] for b in data]), torch.cat([b[1] for b in data])
    for index, model in enumerate((net, other)):
        with torch.no_grad():
            outputs = model(inputs)
        assert loss[index] == pytest.approx(float(torch.nn.functional.cross_entropy(outputs, targets)), rel=1e-6)
        assert acc[index] == pytest.approx(100.0 * float((outputs.argmax(1) == targets).float().mean()))
    assert loss[0] != loss[1]
    assert all(torch.equal(a, b) for a, b in zip(before, net.parameters()))


def test_true_losses_use_batch_norm_statistics_of_each_checkpoint():
    net = conv_net()
    data = [(torch.randn(4, 2, 6, 6, generator=seeded(4)), torch.arange(4) % 5)]
    shifted = {k: v.clone() for k, v in net.state_dict().items()}
    shifted["1.running_mean"] += 3.0
    loss, _ = true_losses(net, torch.nn.functional.cross_entropy, data, [net.state_dict(), shifted])
    assert loss[0] != loss[1]


def test_true_losses_regression_has_no_accuracy_and_refusals():
    net = torch.nn.Linear(4, 1)
    data = [(torch.randn(6, 4, generator=seeded(1)), torch.zeros(6, 1))]
    loss, acc = true_losses(net, torch.nn.functional.mse_loss, data, [net])
    assert acc is None and loss.shape == (1,)
    with pytest.raises(TrajectoryError, match="one-shot iterator"):
        true_losses(net, torch.nn.functional.mse_loss, iter(data), [net])
    with pytest.raises(TrajectoryError, match="no samples"):
        evaluate(net, torch.nn.functional.mse_loss, [])
    with pytest.raises(TrajectoryError, match=r"^checkpoint 0: evaluating the model failed: RuntimeError: "):
        true_losses(net, torch.nn.functional.mse_loss, [(torch.zeros(2, 3), torch.zeros(2, 1))], [net])


def test_trajectory_file_layout(tmp_path):
    path = tmp_path / "path.h5"
    write_trajectory_file(path, [0.5, -1], np.array([2, 3], dtype=np.float32), train_loss=[1.5, 0.25],
                          train_acc=[40, 90.5], checkpoints=["epoch0.pt", "épo1.pt"])
    with h5py.File(path, "r") as file:
        assert sorted(file.keys()) == ["checkpoints", "proj_xcoord", "proj_ycoord", "train_acc", "train_loss"]
        for name in ("proj_xcoord", "proj_ycoord", "train_loss", "train_acc"):
            assert file[name].dtype == np.float64 and file[name].shape == (2,)
        assert list(file["proj_ycoord"][()]) == [2.0, 3.0]
        assert [n.decode() for n in file["checkpoints"][()]] == ["epoch0.pt", "épo1.pt"]
    write_trajectory_file(path, [0.5], [1.0])
    with h5py.File(path, "r") as file:
        assert sorted(file.keys()) == ["proj_xcoord", "proj_ycoord"]


@pytest.mark.parametrize("kwargs, words", [
    ({"x": [], "y": []}, "a trajectory needs at least one checkpoint"),
    ({"y": [1.0]}, "proj_ycoord needs 2 values, got shape (1,)"),
    ({"x": [0.0, float("nan")]}, "proj_xcoord[1] is nan (values must be finite)"),
    ({"train_loss": [1.0, float("inf")]}, "train_loss[1] is inf (values must be finite)"),
    ({"train_acc": [[1.0, 2.0]]}, "train_acc needs 2 values, got shape (1, 2)"),
    ({"checkpoints": ["a.pt"]}, "checkpoints needs 2 names, got 1"),
])
def test_bad_trajectories_are_one_line_naming_the_file(tmp_path, kwargs, words):
    arguments = {"x": [0.0, 1.0], "y": [0.0, 1.0], **kwargs}
    path = str(tmp_path / "t.h5")
    with pytest.raises(TrajectoryError) as error:
        write_trajectory_file(path, arguments.pop("x"), arguments.pop("y"), **arguments)
    assert str(error.value) == f"{path}: {words}"


def test_command_line_end_to_end(tmp_path, capsys):
    net, setup, final, paths = setup_files(tmp_path)
    directions = str(tmp_path / "dirs.h5")
    xdir = random_direction(net, generator=seeded(1))
    ydir = random_direction(net, generator=seeded(2))
    write_direction_file(directions, xdir, ydir)
    out = str(tmp_path / "path.h5")
    assert main(["--setup", setup, "--directions", directions, "--checkpoint", final, "--checkpoints", *paths,
                 "--out", out]) == 0
    printed = capsys.readouterr().out
    assert "epoch0.pt" in printed and "checkpoints projected (lstsq)" in printed
    x, y = project_checkpoints(net, xdir, ydir, paths)
    namespace: dict = {}
    exec(SETUP, namespace)
    loss, acc = true_losses(net, torch.nn.functional.cross_entropy, namespace["data"]("train"), paths)
    with h5py.File(out, "r") as file:
        assert np.array_equal(file["proj_xcoord"][()], x) and np.array_equal(file["proj_ycoord"][()], y)
        assert np.allclose(file["train_loss"][()], loss) and np.allclose(file["train_acc"][()], acc)
        assert [n.decode() for n in file["checkpoints"][()]] == [f"epoch{i}.pt" for i in range(len(paths))]
    assert main(["--setup", setup, "--directions", directions, "--checkpoint", final, "--checkpoints", *paths,
                 "--method", "cos", "--no-loss", "--out", out]) == 0
    with h5py.File(out, "r") as file:
        assert "train_loss" not in file and "proj_xcoord" in file


@pytest.mark.parametrize("change, words", [
    ({"--method": "lsq"}, "argument --method: invalid choice: 'lsq'"),
    ({"--directions": "nope.h5"}, "nope.h5: no such direction file"),
    ({"--directions": "other.h5"}, "other.h5: xdirection has 2 tensors but the model's parameters() has 4"),
    ({"--checkpoints": "junk.pt"}, "junk.pt: not a checkpoint torch can load"),
    ({"--out": "no/path.h5"}, "no/path.h5: no such folder no"),
])
def test_command_line_errors_are_one_line(tmp_path, capsys, monkeypatch, change, words):
    net, setup, final, paths = setup_files(tmp_path, 3)
    monkeypatch.chdir(tmp_path)
    xdir = random_direction(net, generator=seeded(1))
    write_direction_file("dirs.h5", xdir, random_direction(net, generator=seeded(2)))
    write_direction_file("other.h5", xdir[:2], xdir[:2])
    (tmp_path / "junk.pt").write_bytes(b"junk")
    options = {"--setup": setup, "--directions": "dirs.h5", "--checkpoint": final, "--checkpoints": paths[0],
               "--out": "path.h5", **change}
    argv = [item for option, value in options.items() for item in (option, value)]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("python3 -m losscape.landscape project: ") and words in err[0]

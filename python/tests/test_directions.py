"""Directions: filter normalisation, biasbn, seeds, PCA against sklearn, direction files both ways, the command line."""

import h5py
import numpy as np
import pytest
import torch
from sklearn.decomposition import PCA

from losscape.landscape.directions import (DirectionError, DirectionFileError, IGNORES, NORMS, main,
                                           pca_directions, random_direction, read_direction_file, read_direction_info,
                                           write_direction_file)


def conv_net() -> torch.nn.Module:
    """A tiny CNN with batch norm: 4-D, 1-D and 2-D parameters."""
    torch.manual_seed(1)
    return torch.nn.Sequential(torch.nn.Conv2d(2, 3, 3), torch.nn.BatchNorm2d(3), torch.nn.ReLU(),
                               torch.nn.Flatten(), torch.nn.Linear(3 * 4 * 4, 5))


def mlp() -> torch.nn.Module:
    torch.manual_seed(2)
    return torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.Tanh(), torch.nn.Linear(6, 3))


def seeded(seed: int = 0) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def per_filter_norms(t: torch.Tensor) -> torch.Tensor:
    return t.reshape(t.shape[0], -1).norm(dim=1)


@pytest.mark.parametrize("make", [conv_net, mlp, lambda: torch.nn.Linear(3, 2)])
def test_filter_norms_match_the_weights_and_biasbn_is_zero(make):
    net = make()
    direction = random_direction(net, generator=seeded())
    params = list(net.parameters())
    assert [d.shape for d in direction] == [p.shape for p in params]
    for d, p in zip(direction, params):
        if p.dim() > 1:
            assert torch.allclose(per_filter_norms(d), per_filter_norms(p.detach()), rtol=1e-5)
            assert not torch.allclose(d, p.detach())  # random, not a copy
        else:
            assert torch.count_nonzero(d) == 0


def test_ignore_none_copies_biases_and_batch_norm():
    net = conv_net()
    direction = random_direction(net, ignore="none", generator=seeded())
    low = [(d, p) for d, p in zip(direction, net.parameters()) if p.dim() <= 1]
    assert len(low) == 4  # conv bias, bn weight, bn bias, linear bias
    for d, p in low:
        assert torch.equal(d, p.detach())


def test_other_norms_follow_net_plotter():
    net = mlp()
    w = net[0].weight.detach()
    layer = random_direction(net, norm="layer", generator=seeded())[0]
    assert torch.isclose(layer.norm(), w.norm(), rtol=1e-5)
    dlayer = random_direction(net, norm="dlayer", generator=seeded())[0]
    assert torch.isclose(dlayer.norm(), torch.tensor(1.0), rtol=1e-5)
    dfilter = random_direction(net, norm="dfilter", generator=seeded())[0]
    assert torch.allclose(per_filter_norms(dfilter), torch.ones(w.shape[0]), rtol=1e-5)
    raw = torch.randn(tuple(w.shape), generator=seeded())  # the first draw is the first tensor's
    weight = random_direction(net, norm="weight", generator=seeded())[0]
    assert torch.allclose(weight, raw * w)


def test_same_seed_same_direction_other_seed_other():
    net = conv_net()
    first = random_direction(net, generator=seeded(7))
    again = random_direction(net, generator=seeded(7))
    other = random_direction(net, generator=seeded(8))
    assert all(torch.equal(a, b) for a, b in zip(first, again))
    assert not torch.equal(first[0], other[0])


@pytest.mark.parametrize("kwargs, words", [
    ({"norm": "filters"}, "unknown norm 'filters' (one of: " + ", ".join(NORMS) + ")"),
    ({"ignore": "bias"}, "unknown ignore 'bias' (one of: " + ", ".join(IGNORES) + ")"),
])
def test_unknown_names_are_refused_with_the_valid_ones(kwargs, words):
    with pytest.raises(DirectionError) as error:
        random_direction(mlp(), **kwargs)
    assert str(error.value) == words


def trajectory(net: torch.nn.Module, count: int = 6) -> list[dict]:
    """Checkpoints (state_dicts) along a curved path ending near NET's weights."""
    generator = seeded(3)
    steps = [torch.randn(tuple(p.shape), generator=generator) for p in net.parameters()]
    bends = [torch.randn(tuple(p.shape), generator=generator) for p in net.parameters()]
    names = [name for name, _ in net.named_parameters()]
    states = []
    for t in range(count):
        s, state = (count - 1 - t) / count, {k: v.clone() for k, v in net.state_dict().items()}
        for name, step, bend in zip(names, steps, bends):
            state[name] = state[name] + s * step + s * s * bend + 0.01 * torch.randn(step.shape, generator=generator)
        states.append(state)
    return states


@pytest.mark.parametrize("ignore", ["biasbn", "none"])
def test_pca_equals_sklearn_up_to_sign(ignore):
    net = conv_net()
    checkpoints = trajectory(net)
    xdir, ydir, info = pca_directions(net, checkpoints, ignore=ignore)
    params = [p.detach() for p in net.parameters()]
    rows = []
    for state in checkpoints:
        diff = [state[name] - p for (name, _), p in zip(net.named_parameters(), params)]
        if ignore == "biasbn":
            diff = [d if d.dim() > 1 else torch.zeros_like(d) for d in diff]
        rows.append(torch.cat([d.reshape(-1) for d in diff]).double().numpy())
    pca = PCA(n_components=2, svd_solver="full").fit(np.array(rows))
    for ours, theirs in zip((xdir, ydir), pca.components_):
        vector = torch.cat([d.reshape(-1) for d in ours]).double().numpy()
        sign = np.sign(vector @ theirs)
        assert np.allclose(vector, sign * theirs, atol=1e-6)
        assert abs(np.linalg.norm(vector) - 1) < 1e-5
        assert vector[np.abs(vector).argmax()] > 0  # our sign convention
    for key in ("explained_variance_ratio_", "singular_values_", "explained_variance_"):
        assert np.allclose(info[key], getattr(pca, key), rtol=1e-9)
    assert all(torch.count_nonzero(d) == 0 for d in xdir + ydir if d.dim() <= 1) == (ignore == "biasbn")


def test_pca_accepts_checkpoint_files_and_lists(tmp_path):
    net = mlp()
    states = trajectory(net, 4)
    paths = []
    for index, state in enumerate(states):
        paths.append(str(tmp_path / f"c{index}.pt"))
        torch.save(state, paths[-1])
    names = [name for name, _ in net.named_parameters()]
    lists = [[state[name] for name in names] for state in states]
    from_files = pca_directions(net, paths)[0]
    from_lists = pca_directions(list(net.parameters()), lists)[0]
    assert all(torch.allclose(a, b) for a, b in zip(from_files, from_lists))


def test_pca_refuses_too_few_or_collinear_checkpoints():
    net = mlp()
    with pytest.raises(DirectionError, match="at least 3 checkpoints, got 2"):
        pca_directions(net, trajectory(net, 2))
    line = [{k: v * (1 + t) for k, v in net.state_dict().items()} for t in range(4)]
    with pytest.raises(DirectionError, match="lie on one line"):
        pca_directions(net, line)
    with pytest.raises(DirectionError, match=r"checkpoint 1: tensor 0 has shape \(6, 5\) but the final model's has"):
        pca_directions(net, [list(net.parameters()), [torch.zeros(6, 5)] + list(net.parameters())[1:]])


def test_direction_file_round_trip_with_info(tmp_path):
    net = conv_net()
    xdir, ydir, info = pca_directions(net, trajectory(net))
    path = tmp_path / "dirs.h5"
    write_direction_file(path, xdir, ydir, **info)
    x2, y2 = read_direction_file(path, net)
    assert all(torch.equal(a, b) and a.dtype == b.dtype for a, b in zip(xdir + ydir, x2 + y2))
    assert read_direction_info(path).keys() == info.keys()
    assert all(np.array_equal(read_direction_info(path)[key], info[key]) for key in info)
    with h5py.File(path, "r") as file:
        assert sorted(file.keys()) == sorted(["xdirection", "ydirection", *info])
        assert sorted(file["xdirection"].keys(), key=int) == [str(i) for i in range(len(xdir))]
        assert np.array_equal(file["singular_values_"][()], info["singular_values_"])
        group = file["ydirection"]  # read as h5_util.read_list reads
        assert all(np.array_equal(group[str(i)][()], d.numpy()) for i, d in zip(range(len(group)), ydir))


def test_without_a_generator_the_draws_are_net_plotters():
    """Seeded through torch's global generator, the direction is the one their per-filter loop makes."""
    net = conv_net()
    torch.manual_seed(11)
    ours = random_direction(net)
    torch.manual_seed(11)
    draws = [torch.randn(p.size()) for p in net.parameters()]  # one draw per tensor, in order
    for d, draw, p in zip(ours, draws, net.parameters()):
        if p.dim() <= 1:
            continue
        expected = torch.stack([f * (w.norm() / (f.norm() + 1e-10)) for f, w in zip(draw, p.detach())])
        assert torch.allclose(d, expected, rtol=1e-6, atol=1e-7)


def write_like_h5_util(path, directions: dict) -> None:
    """A direction file written exactly as loss-landscape's h5_util.write_list does."""
    with h5py.File(path, "w") as file:
        for name, direction in directions.items():
            group = file.create_group(name)
            for index, tensor in enumerate(direction):
                group.create_dataset(str(index), data=tensor.numpy())


def test_reads_a_file_written_as_h5_util_writes_it(tmp_path):
    net = conv_net()
    xdir = random_direction(net, generator=seeded(1))
    ydir = random_direction(net, generator=seeded(2))
    path = tmp_path / "theirs.h5"
    write_like_h5_util(path, {"xdirection": xdir, "ydirection": ydir})
    x2, y2 = read_direction_file(path, net)
    assert all(torch.equal(a, b) for a, b in zip(xdir + ydir, x2 + y2))
    assert read_direction_info(path) == {}
    assert read_direction_file(str(path))[0][0].shape == xdir[0].shape  # no model: no checks, stored types


def bad_file(tmp_path, case: str):
    """A direction file (or not) with one thing wrong."""
    net = mlp()
    xdir = [p.detach().clone() for p in net.parameters()]
    ydir = [p.detach().clone() for p in net.parameters()]
    path = tmp_path / f"{case}.h5"
    if case == "not_hdf5":
        path.write_text("xdirection 0 1 2\n")
    elif case == "no_ydirection":
        write_like_h5_util(path, {"xdirection": xdir})
    elif case == "wrong_count":
        write_like_h5_util(path, {"xdirection": xdir[:3], "ydirection": ydir[:3]})
    elif case == "wrong_shape":
        write_like_h5_util(path, {"xdirection": xdir[:2] + [torch.zeros(3, 7)] + xdir[3:], "ydirection": ydir})
    elif case == "nan":
        ydir[1][2] = float("nan")
        write_like_h5_util(path, {"xdirection": xdir, "ydirection": ydir})
    elif case == "inf":
        xdir[0][0, 0] = float("inf")
        write_like_h5_util(path, {"xdirection": xdir, "ydirection": ydir})
    elif case == "x_y_differ":
        write_like_h5_util(path, {"xdirection": xdir, "ydirection": ydir[:3]})
    elif case == "gap_in_names":
        with h5py.File(path, "w") as file:
            for name in ("xdirection", "ydirection"):
                file.create_group(name).create_dataset("1", data=np.zeros(3))
    return net, str(path)


@pytest.mark.parametrize("case, words", [
    ("not_hdf5", "not an HDF5 file"),
    ("no_ydirection", "has no group 'ydirection' (a direction file has groups xdirection and ydirection)"),
    ("wrong_count", "xdirection has 3 tensors but the model's parameters() has 4"),
    ("wrong_shape", "xdirection: tensor 2 has shape (3, 7) but the model's parameters()'s has (3, 6)"),
    ("nan", "ydirection/1 has NaN or inf"),
    ("inf", "xdirection/0 has NaN or inf"),
    ("x_y_differ", "ydirection has 3 tensors but the model's parameters() has 4"),
    ("gap_in_names", "group 'xdirection' has no dataset '0' (its members must be named 0 to 0, one per parameter"),
])
def test_bad_direction_files_are_one_line_naming_the_file(tmp_path, case, words):
    net, path = bad_file(tmp_path, case)
    with pytest.raises(DirectionFileError) as error:
        read_direction_file(path, net)
    message = str(error.value)
    assert isinstance(error.value, ValueError) and "\n" not in message
    assert message.startswith(f"{path}: {words}")


def test_missing_file_and_unknown_info_key(tmp_path):
    with pytest.raises(DirectionFileError, match="nope.h5: no such direction file"):
        read_direction_file(tmp_path / "nope.h5")
    (tmp_path / "text.h5").write_text("not HDF5")
    with pytest.raises(DirectionFileError, match="text.h5: cannot read its PCA statistics: "):
        read_direction_info(tmp_path / "text.h5")
    direction = [torch.zeros(2, 2)]
    with pytest.raises(DirectionFileError, match="unknown direction file entry 'singular_values' "
                                                 r"\(one of: explained_variance_ratio_, singular_values_, "):
        write_direction_file(tmp_path / "d.h5", direction, direction, singular_values=[1.0])
    with pytest.raises(DirectionFileError, match="no such folder"):
        write_direction_file(tmp_path / "no" / "d.h5", direction, direction)
    with pytest.raises(DirectionFileError, match=r"d.h5: ydirection: tensor 0 has shape \(2, 3\) but xdirection's"):
        write_direction_file(tmp_path / "d.h5", direction, [torch.zeros(2, 3)])
    with pytest.raises(DirectionFileError, match=r"d.h5: xdirection/0 has NaN or inf"):
        write_direction_file(tmp_path / "d.h5", [torch.full((2, 2), float("nan"))], direction)


SETUP = """
import torch
def model():
    return torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.Tanh(), torch.nn.Linear(6, 3))
def data(split):
    generator = torch.Generator().manual_seed(0)
    return [(torch.randn(8, 4, generator=generator), torch.arange(8) % 3) for _ in range(2)]
"""


def setup_files(tmp_path, count: int = 4):
    """A tiny setup file, its final checkpoint and COUNT trajectory checkpoints, in TMP_PATH."""
    (tmp_path / "setup.py").write_text(SETUP)
    net = mlp()
    final = tmp_path / "final.pt"
    torch.save(net.state_dict(), final)
    paths = []
    for index, state in enumerate(trajectory(net, count)):
        paths.append(str(tmp_path / f"epoch{index}.pt"))
        torch.save(state, paths[-1])
    return net, str(tmp_path / "setup.py"), str(final), paths


def test_command_line_random_and_pca(tmp_path, capsys):
    net, setup, final, paths = setup_files(tmp_path)
    out = str(tmp_path / "random.h5")
    assert main(["--setup", setup, "--checkpoint", final, "--seed", "5", "--out", out]) == 0
    xdir, ydir = read_direction_file(out, net)
    generator = seeded(5)
    assert all(torch.equal(a, b) for a, b in zip(xdir, random_direction(net, generator=generator)))
    assert all(torch.equal(a, b) for a, b in zip(ydir, random_direction(net, generator=generator)))
    pca_out = str(tmp_path / "pca.h5")
    assert main(["--setup", setup, "--checkpoint", final, "--pca", *paths, "--out", pca_out]) == 0
    assert "explained variance ratio" in capsys.readouterr().out
    expected = pca_directions(net, paths)[0]
    assert all(torch.allclose(a, b) for a, b in zip(read_direction_file(pca_out, net)[0], expected))
    with h5py.File(pca_out, "r") as file:
        assert file["explained_variance_ratio_"].shape == (2,)


@pytest.mark.parametrize("extra, words", [
    (["--norm", "filters"], "argument --norm: invalid choice: 'filters'"),
    (["--pca", "PATHS", "--seed", "3"], "--seed applies to random directions, not to --pca"),
    (["--pca", "epoch0.pt", "epoch1.pt"], "PCA of a trajectory needs at least 3 checkpoints, got 2"),
    (["--checkpoint", "missing.pt"], "missing.pt: not a checkpoint torch can load"),
])
def test_command_line_errors_are_one_line(tmp_path, capsys, monkeypatch, extra, words):
    _, setup, final, paths = setup_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    extra = [item for arg in extra for item in (paths if arg == "PATHS" else [arg])]
    argv = ["--setup", setup, "--checkpoint", final, "--out", "d.h5"] + extra
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("python3 -m losscape.landscape directions: ") and words in err[0]

"""The setup file and checkpoint loader: good files load, bad ones are one line naming the file."""

import pytest
import torch

from losscape.landscape.setup_file import SetupError, load_checkpoint, load_setup

GOOD = """
import torch
def model():
    return torch.nn.Linear(2, 3)
def data(split):
    return [(torch.zeros(4, 2), torch.zeros(4, dtype=torch.long))]
"""


def write(tmp_path, text):
    path = tmp_path / "setup.py"
    path.write_text(text)
    return str(path)


def test_good_setup_loads_with_default_loss(tmp_path):
    setup = load_setup(write(tmp_path, GOOD))
    assert isinstance(setup.model(), torch.nn.Linear)
    assert setup.loss_fn is torch.nn.functional.cross_entropy


@pytest.mark.parametrize("text, words", [
    ("def model(): pass\n", "defines no function data()"),
    ("raise RuntimeError('boom')\n", "RuntimeError: boom"),
    ("def model(:\n", "SyntaxError"),
])
def test_bad_setup_is_one_line_naming_the_file(tmp_path, text, words):
    path = write(tmp_path, text)
    with pytest.raises(SetupError) as error:
        load_setup(path)
    assert str(error.value).startswith(path) and words in str(error.value) and "\n" not in str(error.value)


def test_missing_setup(tmp_path):
    with pytest.raises(SetupError, match="no such setup file"):
        load_setup(str(tmp_path / "nope.py"))


def test_checkpoint_round_trip_and_mismatch(tmp_path):
    net = torch.nn.Linear(2, 3)
    path = str(tmp_path / "w.pt")
    torch.save(net.state_dict(), path)
    other = load_checkpoint(torch.nn.Linear(2, 3), path)
    assert torch.equal(other.weight, net.weight)
    with pytest.raises(SetupError, match="does not fit the setup's model"):
        load_checkpoint(torch.nn.Linear(3, 3), path)
    (tmp_path / "junk.pt").write_bytes(b"not a checkpoint")
    with pytest.raises(SetupError, match="not a checkpoint"):
        load_checkpoint(net, str(tmp_path / "junk.pt"))

"""Every bad argument is a Python exception whose message is the command line's one line."""

import os
import subprocess
import sys

import pytest

import losscape
from engine_cli import PROGRAM, REPO, error_line

# (Scene keywords, the same mistake on the command line, the exception)
BAD_KEYWORDS = [
    (dict(function="nope"), ["--function", "nope"], ValueError),
    (dict(function="x^2 + sin(", domain=(-1, 1, -1, 1)), ["--function", "x^2 + sin(", "--domain=-1,1,-1,1"],
     ValueError),
    (dict(optimizer="adamm"), ["--optimizer", "adamm"], ValueError),
    (dict(optimizer=["gd", "adamm"]), ["--race", "gd,adamm"], ValueError),
    (dict(params={"lrr": 0.1}), ["--param", "lrr=0.1"], ValueError),
    (dict(optimizer="adam", params={"adam.lr": -1}), ["--optimizer", "adam", "--param=adam.lr=-1"], ValueError),
    (dict(start=(1,)), ["--start", "1"], ValueError),
    (dict(domain=(1, 0, 0, 1)), ["--domain", "1,0,0,1"], ValueError),
    (dict(colormap="rainbowz"), ["--colormap", "rainbowz"], ValueError),
    (dict(swarm_layout="hex", swarm=10), ["--swarm-layout", "hex", "--swarm", "10"], ValueError),
    (dict(schedule="cosine:warm=3"), ["--schedule", "cosine:warm=3"], ValueError),
    (dict(camera=(0, 100)), ["--camera", "0,100"], ValueError),
    (dict(noise=-1), ["--noise=-1"], ValueError),
    (dict(trajectory="/no/such/path.csv"), ["--trajectory", "/no/such/path.csv"], FileNotFoundError),
    (dict(function="h5:/no/such/surface.h5"), ["--function", "h5:/no/such/surface.h5"], FileNotFoundError),
]


@pytest.mark.parametrize("keywords, arguments, exception", BAD_KEYWORDS, ids=lambda v: str(v)[:40])
def test_bad_keyword_says_the_command_lines_line(keywords, arguments, exception):
    with pytest.raises(exception) as raised:
        losscape.Scene(**keywords)
    assert str(raised.value) == error_line(*arguments)


def test_bad_files_say_the_command_lines_line(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"function": "himmelblau", "balls": [{"optimizer": {"name": "adam", "lr": -1}}]}')
    not_json = tmp_path / "not.json"
    not_json.write_text("{ this is not json")
    missing = [(tmp_path / "missing.json", FileNotFoundError), (tmp_path / "missing.h5", FileNotFoundError)]
    for path, exception in [(broken, ValueError), (not_json, ValueError), *missing]:
        with pytest.raises(exception) as raised:
            losscape.Scene.from_file(path)
        assert str(raised.value) == error_line(str(path))
    deck = os.path.join(REPO, "scenes", "decks", os.listdir(os.path.join(REPO, "scenes", "decks"))[0])
    with pytest.raises(ValueError) as raised:
        losscape.Scene.from_file(deck, slide=99)
    assert str(raised.value) == error_line(deck, "--slide", "99")


def test_a_bad_dict_names_the_key_as_a_file_would():
    with pytest.raises(ValueError, match=r"balls\[0\]\.optimizer\.lr"):
        losscape.Scene.from_dict({"function": "bowl", "balls": [{"optimizer": {"name": "adam", "lr": -1}}]})
    with pytest.raises(ValueError, match="unknown"):
        losscape.Scene.from_dict({"function": "bowl", "bals": []})


def test_bad_picture_and_keyword_arguments():
    scene = losscape.Scene()
    with pytest.raises(ValueError) as raised:
        scene.render(size=(0, 10))
    assert str(raised.value) == error_line("--size", "0x10")
    with pytest.raises(ValueError) as raised:
        scene.render(size=(64, 48), camera="under")
    assert str(raised.value) == error_line("--camera", "under")
    with pytest.raises(ValueError, match=r"unknown Scene keyword 'optimiser' \(valid: .*optimizer"):
        losscape.Scene(optimiser="adam")
    with pytest.raises(ValueError, match="invalid steps -1"):
        scene.run(-1)


def test_a_mistyped_formula_jit_path_is_refused_on_import_as_the_command_line_refuses_it():
    environment = dict(os.environ, LOSSCAPE_JIT="fast")
    package_folder = os.path.dirname(os.path.dirname(losscape.__file__))  # this test's losscape, with _engine
    done = subprocess.run([sys.executable, "-c", "import losscape._engine"], capture_output=True, text=True,
                          env=dict(environment, PYTHONPATH=package_folder), cwd=package_folder, timeout=120)
    # pybind11 raises a module's failure to start as ImportError "initialization failed", from the
    # ValueError with the line (printed first).
    lines = done.stderr.strip().splitlines()
    assert done.returncode != 0 and lines[-1] == "ImportError: initialization failed"
    assert lines[0] == "ValueError: LOSSCAPE_JIT 'fast' is not a formula JIT path (valid: 0, avx2, avx512)"
    # Through the package, the line itself is what the user sees last (not "build losscape ...").
    done = subprocess.run([sys.executable, "-c", "import losscape; losscape.Scene"], capture_output=True, text=True,
                          env=dict(environment, PYTHONPATH=package_folder), cwd=package_folder, timeout=120)
    last = done.stderr.strip().splitlines()[-1]
    assert last == "ValueError: LOSSCAPE_JIT 'fast' is not a formula JIT path (valid: 0, avx2, avx512)"
    cli = subprocess.run([PROGRAM, "--steps", "1"], capture_output=True, text=True, env=environment, timeout=120)
    assert cli.stderr.strip() == "losscape: LOSSCAPE_JIT 'fast' is not a formula JIT path (valid: 0, avx2, avx512)"

"""Executes every docs/notebooks/*.ipynb as a reader would, so that the committed lessons never rot.

Each notebook runs with nbclient on a kernel made here, explicitly: Debian's /usr/bin/python3 (never whatever python
is first on PATH) with the build folder's package (LOSSCAPE_ENGINE_PATH, which scripts/test-python.sh sets to
BUILD/python) as PYTHONPATH, in the notebook's own folder, as Jupyter starts it. Any cell's error fails the test,
a cell that hangs fails it after CELL_TIMEOUT_S, and the notebooks assert their own numbers (the lesson's notebook:
gradient descent on the bowl against the closed form 6 * 0.8^n; write your own optimizer: the student's momentum
against the built-in one, ball and basin map), which the test also reads back from the outputs.

Run as a script, it executes the notebooks and writes them back with their outputs, which is how the committed
notebooks get theirs (GitHub shows them so):
    LOSSCAPE_ENGINE_PATH=build/python /usr/bin/python3 python/tests/engine/test_notebooks.py --write
"""

from __future__ import annotations

import functools
import glob
import json
import os
import sys
import tempfile
import time

import nbformat
import pytest
from nbclient import NotebookClient

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
NOTEBOOKS = sorted(glob.glob(os.path.join(REPO, "docs", "notebooks", "*.ipynb")))
PYTHON = "/usr/bin/python3"
KERNEL_NAME = "losscape-test"
# Seconds a single cell may take (the whole lesson runs in a few seconds on 2 cores).
CELL_TIMEOUT_S = 120


def engine_path() -> str:
    """The folder holding the build's losscape package (with the compiled _engine)."""
    return os.environ.get("LOSSCAPE_ENGINE_PATH") or os.path.join(REPO, "build", "python")


def write_kernel_spec(jupyter_dir: str) -> None:
    """A kernel spec under jupyter_dir/kernels: /usr/bin/python3's ipykernel with the build's package on its path."""
    spec_dir = os.path.join(jupyter_dir, "kernels", KERNEL_NAME)
    os.makedirs(spec_dir, exist_ok=True)
    spec = {
        "argv": [PYTHON, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "losscape (build)",
        "language": "python",
        "env": {"PYTHONPATH": engine_path(), "MPLBACKEND": "module://matplotlib_inline.backend_inline"},
    }
    with open(os.path.join(spec_dir, "kernel.json"), "w", encoding="utf-8") as out:
        json.dump(spec, out)


@functools.lru_cache(maxsize=None)
def execute(path: str) -> nbformat.NotebookNode:
    """The notebook at path executed top to bottom in its own folder (once per test run: the tests only read it);
    raises CellExecutionError on a cell's error."""
    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as jupyter_dir:
        write_kernel_spec(jupyter_dir)
        saved = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = jupyter_dir  # where the kernel manager looks for KERNEL_NAME
        try:
            client = NotebookClient(notebook, timeout=CELL_TIMEOUT_S, kernel_name=KERNEL_NAME, record_timing=False,
                                    resources={"metadata": {"path": os.path.dirname(path)}})
            client.execute()
        finally:
            if saved is None:
                del os.environ["JUPYTER_PATH"]
            else:
                os.environ["JUPYTER_PATH"] = saved
    # Written back as a reader's Jupyter would have it, not under the test's kernel name.
    notebook.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    return notebook


def outputs_text(notebook: nbformat.NotebookNode) -> str:
    """Everything the cells printed."""
    return "".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                   for output in cell.get("outputs", []) if output.output_type == "stream")


def pictures(notebook: nbformat.NotebookNode) -> int:
    """How many PNG pictures the cells showed."""
    return sum("image/png" in output.get("data", {}) for cell in notebook.cells if cell.cell_type == "code"
               for output in cell.get("outputs", []))


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "no docs/notebooks/*.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=os.path.basename)
def test_notebook_runs(path: str) -> None:
    notebook = execute(path)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not any(output.output_type == "error" for output in cell.outputs), cell.source
    assert pictures(notebook) > 0, "no pictures came out"


def test_lesson_matches_the_closed_form() -> None:
    """The lesson's bowl: losscape's gd from 6 with lr 0.1 prints 6 * 0.8^n, here read from the outputs again."""
    notebook = execute(os.path.join(REPO, "docs", "notebooks", "01-gradient-descent-lesson.ipynb"))
    text = outputs_text(notebook)
    assert f"step 30: θ = {6 * 0.8 ** 30:.6f}" in text, text
    assert pictures(notebook) == 4


def test_students_momentum_is_the_built_in_rule() -> None:
    """Write your own optimizer: the student's momentum ball and basin map equal the built-in momentum's (the notebook
    asserts both), and the map's cost is said."""
    notebook = execute(os.path.join(REPO, "docs", "notebooks", "02-write-your-own-optimizer.ipynb"))
    text = outputs_text(notebook)
    assert "largest difference over 300 steps: 0.0" in text, text
    assert "your Momentum took" in text and "times as long for the same" in text, text
    assert pictures(notebook) == 4


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(f"usage: {sys.argv[0]} --write   (executes docs/notebooks/*.ipynb and writes their outputs back)")
    for notebook_path in NOTEBOOKS:
        start = time.monotonic()
        executed = execute(notebook_path)
        nbformat.write(executed, notebook_path)
        print(f"{os.path.relpath(notebook_path, REPO)}: {time.monotonic() - start:.1f} s, "
              f"{os.path.getsize(notebook_path) / 1e6:.2f} MB")

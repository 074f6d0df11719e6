"""The surface file: loss-landscape's HDF5 layout (plot_surface.py's setup_surface_file and crunch), kept exact.

A surface file holds float64 ``xcoordinates`` (nx) and ``ycoordinates`` (ny), the string ``dir_file`` when the
directions came from a file, and one float64 dataset per surface (``train_loss``, ``train_acc``, ``test_loss``,
``test_acc``) declared (nx, ny) and created as -1 everywhere. Cell k of a surface's ravel() holds the value at
(x[k % nx], y[k // nx]): loss-landscape fills the cells in np.meshgrid(x, y) order although the dataset is declared
(nx, ny), and every reader (losscape's included) relies on that. A cell still at -1 is not computed yet, which is
what makes a run resumable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import h5py
import numpy as np

# split -> the (loss, accuracy) datasets that hold it, as loss-landscape names them.
SURFACES = {"train": ("train_loss", "train_acc"), "test": ("test_loss", "test_acc")}
NOT_COMPUTED = -1.0


class SurfaceFileError(ValueError):
    """A surface file that cannot be written or resumed; the message is one line naming the file."""


def cell_coordinates(xcoords: np.ndarray, ycoords: np.ndarray, cells: np.ndarray) -> np.ndarray:
    """The (x, y) of flat cells: cell k is (x[k % nx], y[k // nx]), np.meshgrid(x, y)'s order. Shape (len, 2)."""
    cells = np.asarray(cells, dtype=np.int64)
    nx = len(xcoords)
    return np.stack([np.asarray(xcoords)[cells % nx], np.asarray(ycoords)[cells // nx]], axis=1)


def describe_grid(coords: np.ndarray) -> str:
    """MIN:MAX:N of a linspace grid, for messages."""
    return f"{coords[0]:g}:{coords[-1]:g}:{len(coords)}" if len(coords) else "empty"


@dataclass
class Surface:
    """One split's two surfaces in memory (float64, shape (nx, ny)), and the cells still to compute."""

    split: str
    loss: np.ndarray
    acc: np.ndarray

    @property
    def keys(self) -> tuple[str, str]:
        return SURFACES[self.split]

    def remaining(self) -> np.ndarray:
        """Flat indices of the cells where the loss or the accuracy is still -1, in increasing order."""
        todo = (self.loss.ravel() == NOT_COMPUTED) | (self.acc.ravel() == NOT_COMPUTED)
        return np.flatnonzero(todo)

    def store(self, cells: np.ndarray, loss: np.ndarray, acc: np.ndarray) -> None:
        """Puts computed values at flat CELLS (views through ravel(), so the (nx, ny) arrays change)."""
        self.loss.ravel()[cells] = loss
        self.acc.ravel()[cells] = acc


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one existing file (dirs.h5 and /abs/dirs.h5 resume the same surface)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


class SurfaceFile:
    """An open surface file: set up (or checked against) one grid, its surfaces read, rewritten chunk by chunk."""

    def __init__(self, path: str, xcoords: np.ndarray, ycoords: np.ndarray, dir_file: str | None = None):
        self.path = path
        self.xcoords = np.asarray(xcoords, dtype=np.float64)
        self.ycoords = np.asarray(ycoords, dtype=np.float64)
        if os.path.exists(path) and not h5py.is_hdf5(path):
            raise SurfaceFileError(f"{path}: exists and is not an HDF5 file (choose another output path)")
        try:
            self.file = h5py.File(path, "a")
        except OSError as error:
            raise SurfaceFileError(f"{path}: cannot be opened for writing ({error})") from error
        try:
            self._set_up(dir_file)
        except Exception:
            self.file.close()
            raise

    def _set_up(self, dir_file: str | None) -> None:
        """Writes the coordinates and dir_file of a new file, or refuses a file made for another grid."""
        for key, wanted in (("xcoordinates", self.xcoords), ("ycoordinates", self.ycoords)):
            if key not in self.file:
                self.file[key] = wanted
                continue
            have = np.asarray(self.file[key][()], dtype=np.float64).ravel()
            if have.shape != wanted.shape or not np.allclose(have, wanted, rtol=0, atol=1e-12):
                axis = key[0]
                raise SurfaceFileError(
                    f"{self.path}: its {axis} grid is {describe_grid(have)}, not the requested "
                    f"{describe_grid(wanted)} (resume with the same grid, or write another file)")
        if dir_file is not None:
            if "dir_file" not in self.file:
                self.file["dir_file"] = dir_file
            else:
                have_dir = self.file["dir_file"][()]
                have_dir = have_dir.decode() if isinstance(have_dir, bytes) else str(have_dir)
                if have_dir != dir_file and not same_file(have_dir, dir_file):
                    raise SurfaceFileError(f"{self.path}: was computed along the directions of {have_dir}, "
                                           f"not {dir_file} (resume with the same directions, or write another file)")

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.xcoords), len(self.ycoords)

    def surface(self, split: str) -> Surface:
        """The split's loss and accuracy, created as -1 everywhere when the file lacks them."""
        arrays = []
        for key in SURFACES[split]:
            if key not in self.file:
                self.file[key] = -np.ones(self.shape)
            data = np.array(self.file[key][()], dtype=np.float64)
            if data.shape != self.shape:
                raise SurfaceFileError(f"{self.path}: dataset {key} is shaped {data.shape}, not (nx, ny) = "
                                       f"{self.shape} as its coordinates say")
            arrays.append(data)
        return Surface(split, arrays[0], arrays[1])

    def write(self, surface: Surface) -> None:
        """Rewrites the split's two datasets and flushes, so a run killed later loses nothing written here."""
        for key, data in zip(surface.keys, (surface.loss, surface.acc)):
            self.file[key][...] = data
        self.file.flush()

    def close(self) -> None:
        self.file.close()

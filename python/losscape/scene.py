"""losscape.Scene: the engine's scenes, runs and pictures, from Python and Jupyter.

A thin Pythonic face on the compiled module ``losscape._engine``: keywords become the command line's flags and a
dict becomes a scene file's JSON, so a scene, its trajectories, its pictures and its error messages are exactly the
command line's (``losscape --function rosenbrock --race gd,adam --steps 100 --export-trajectories t.csv``).
"""

from __future__ import annotations

import copy
import json
import numbers
import os
import tempfile
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from losscape.animation import MIME_TYPES, Animation
from losscape.basins import BasinMap, BasinStatistics
from losscape.sweep import LearningRateSweep

try:
    from losscape import _engine
except ImportError as missing:  # the package is importable without it (losscape.landscape needs none)
    if isinstance(missing.__cause__, ValueError):
        # The module is there but refused to start (a mistyped LOSSCAPE_JIT): pybind11 says only
        # "initialization failed", so its own one-line ValueError is what the user needs to see.
        raise missing.__cause__ from None
    raise ImportError(
        "losscape.Scene needs the compiled module losscape._engine: build losscape with CMake "
        "(-DLOSSCAPE_PYTHON=ON, the default where Debian's pybind11-dev and python3-dev are installed, as "
        "scripts/setup.sh does) and put BUILD/python on PYTHONPATH, or `cmake --install` it (README, 'In Python')"
    ) from missing

# The columns of run()'s arrays: those of --export-trajectories after its ball and optimizer.
COLUMNS = ("step", "x", "y", "f", "gx", "gy")
# The picture a scene shows itself as in Jupyter (_repr_png_).
NOTEBOOK_SIZE = (960, 540)
# Default grids (starts per side) of basins() and sweep(): the panel's for a built-in method (--grid's 128 for a
# map, 64 per sweep point), smaller for a Python optimizer, whose every step is a call into Python on one thread
# (about 6 us against a built-in's 0.02 us: python/engine.md, "Basins of attraction").
BASIN_GRID = {"built-in": 128, "python": 32}
SWEEP_GRID = {"built-in": 64, "python": 16}


def _flag_keywords() -> dict[str, str]:
    """The keywords Scene() takes, each the command line's flag of the same name ('swarm_layout': '--swarm-layout').

    '--param' is taken as 'params' (a dict); the engine's table (_engine.scene_flags) is the one list of them.
    """
    keywords = {}
    for flag in _engine.scene_flags():
        name = flag[2:].replace("-", "_")
        keywords["params" if name == "param" else name] = flag
    return keywords


_KEYWORDS = _flag_keywords()


def _number(value: Any) -> str:
    """A number as the command line reads it back exactly (repr round-trips a float)."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"expected a number, got {value!r}")
    return repr(float(value)) if isinstance(value, (float, np.floating)) else str(value)


def _joined(value: Any) -> str:
    """A point, a domain or camera angles as 'A,B[,...]'; a string as it is."""
    if isinstance(value, str):
        return value
    return ",".join(_number(v) for v in value)


def _points(value: Any) -> list[Any]:
    """start=: one point ((x, y) or "x,y") or a list of them."""
    if isinstance(value, str) or all(np.isscalar(v) for v in value):
        return [value]
    return list(value)


def _arguments(keywords: Mapping[str, Any]) -> list[str]:
    """Scene()'s keywords as the command line's arguments; unknown keywords are refused, naming the valid ones."""
    arguments = []
    for key, value in keywords.items():
        if key not in _KEYWORDS:
            raise ValueError(f"unknown Scene keyword '{key}' (valid: {', '.join(sorted(_KEYWORDS))})")
        if value is None:
            continue
        flag = _KEYWORDS[key]
        if key == "params":
            arguments += [f"{flag}={name}={_number(v)}" for name, v in dict(value).items()]
        elif key == "start":
            arguments += [f"{flag}={_joined(point)}" for point in _points(value)]
        elif key in ("optimizer", "race") and not isinstance(value, str):
            arguments.append(f"--race={','.join(value)}")
        elif isinstance(value, (bool, np.bool_)):
            arguments.append(f"{flag}={'true' if value else 'false'}")
        elif isinstance(value, str):
            arguments.append(f"{flag}={value}")
        elif np.isscalar(value):
            arguments.append(f"{flag}={_number(value)}")
        else:
            arguments.append(f"{flag}={_joined(value)}")
    return arguments


def _optimizer_name(optimizer: Any) -> str:
    """A Python optimizer's label: its `name` attribute, else its class's name."""
    name = getattr(optimizer, "name", None)
    return name if isinstance(name, str) and name else type(optimizer).__name__


def _split_optimizers(keywords: dict[str, Any]) -> list[tuple[Any, str]]:
    """Takes the Python objects out of optimizer=/race= (leaving the built-in methods' names there) and returns them
    with their labels. An object needs a step(position, gradient) method; the swarm and the picture's basin overlay
    run the scene's built-in method on thousands of starts in threads, so a Python optimizer refuses them
    (Scene.basins() maps a Python optimizer's basins).
    """
    found: list[tuple[Any, str]] = []
    for key in ("optimizer", "race"):
        value = keywords.get(key)
        if value is None or isinstance(value, str):
            continue
        entries = [value] if callable(getattr(value, "step", None)) or isinstance(value, type) else list(value)
        names = []
        for entry in entries:
            if isinstance(entry, str):
                names.append(entry)
            elif isinstance(entry, type):
                raise TypeError(f"invalid {key} entry {entry.__name__}: a class; pass an object, {entry.__name__}(...)")
            elif callable(getattr(entry, "step", None)):
                found.append((entry, _optimizer_name(entry)))
            else:
                raise TypeError(
                    f"invalid {key} entry {entry!r}: expected a method's name (\"adam\") or an object with "
                    "step(position, gradient) -> new position"
                )
        keywords[key] = names or None
    if found:
        analysis = [k for k in ("swarm", "show_basins") if keywords.get(k)]
        analysis += ["colour_by"] if str(keywords.get("colour_by", "")).startswith("basin") else []
        if analysis:
            raise ValueError(
                f"a Python optimizer ({found[0][1]}) cannot drive a swarm or the picture's basin overlay: drop "
                f"{analysis[0]}= and race it as a single ball (Scene.basins() maps its basins)"
            )
    return found


def _as_given(optimizer: Any) -> Any:
    """A copy of a Python optimizer as it was given, for the basin map's starts (the ball steps the object itself);
    the object itself where copy.deepcopy cannot copy it (basins() then says so, and run() needs no copy)."""
    try:
        return copy.deepcopy(optimizer)
    except Exception:  # pylint: disable=broad-except  (any failure: basins() reports it with its one line)
        return optimizer


def _numeric_lr(optimizer: Any) -> float | None:
    """The optimizer's `lr` attribute where it is a number (a learning-rate sweep sets it), else None."""
    lr = getattr(optimizer, "lr", None)
    return float(lr) if isinstance(lr, numbers.Real) and not isinstance(lr, bool) else None


def _size_text(size: tuple[int, int] | str) -> str:
    return size if isinstance(size, str) else f"{int(size[0])}x{int(size[1])}"


@dataclass(frozen=True)
class Trajectory:
    """One ball's run: its optimizer and an (n, 6) float64 array of step, x, y, f, gx, gy (row 0: the start).

    The numbers are the engine's own doubles, equal bit for bit to what --export-trajectories writes.
    """

    ball: int
    optimizer: str
    data: np.ndarray
    # How the ball ended ("running", "converged", "diverged", "stopped", ...) and, for a ball whose Python
    # optimizer (or --solver process) failed, why, in one line ("step 3: ZeroDivisionError: division by zero").
    status: str = "running"
    error: str = ""

    def column(self, name: str) -> np.ndarray:
        """One of COLUMNS as a 1-D view."""
        return self.data[:, COLUMNS.index(name)]

    step = property(lambda self: self.column("step"))
    x = property(lambda self: self.column("x"))
    y = property(lambda self: self.column("y"))
    f = property(lambda self: self.column("f"))
    gx = property(lambda self: self.column("gx"))
    gy = property(lambda self: self.column("gy"))


class Scene:
    """A cost function, balls driven by optimizers, a view: what the losscape program shows.

    Keywords have the command line's meanings (``losscape --help``), named as its flags with '_' for '-':
    ``Scene(function="rosenbrock", optimizer=["gd", "adam"], start=(-1.5, 2), params={"lr": 0.001})``;
    ``function`` is a built-in name or a formula in x and y, ``optimizer`` one name or a list to race,
    ``start`` a point or a list of points, ``params`` {"lr": 0.01} or {"adam.lr": 0.01}; and ``domain``,
    ``seed``, ``noise``, ``batch_size``, ``swarm``, ``schedule``, ``trajectory``, ``camera`` and the view's
    flags (``contours=True``, ``colormap="magma"``, ...). A bad value raises ValueError (FileNotFoundError for a
    missing file) with the command line's one line.

    Bring your own optimizer: an entry of ``optimizer`` may be any object with ``step(position, gradient) ->
    new_position`` (numpy arrays of 2 floats in, 2 numbers out) and optionally ``reset()``, or
    ``losscape.TorchOptimizer(torch.optim.Adam, lr=0.01)``: ``optimizer=["adam", MyMomentum(lr=1e-3)]``. It
    drives one ball per start, after the built-in methods' balls, labelled with its ``name`` or class name
    (python/engine.md). An exception in it, or a wrong answer, stops that ball only: Trajectory.error says why.
    """

    def __init__(self, **keywords: Any) -> None:
        keywords = dict(keywords)
        python_optimizers = _split_optimizers(keywords)
        only_python = bool(python_optimizers) and not keywords.get("optimizer") and not keywords.get("race")
        if only_python:  # the scene's own ball gives the starts only; the engine drops it
            keywords["optimizer"] = "gd"
        self._engine = _engine.EngineScene.from_arguments(_arguments(keywords))
        self._python_optimizer_names = [name for _, name in python_optimizers]
        # basins() and sweep() map the scene's first ball's optimizer: a Python one when no built-in races
        self._mapped: tuple[Any, str] | None = None
        if only_python:
            self._mapped = (_as_given(python_optimizers[0][0]), python_optimizers[0][1])
        if python_optimizers:
            self._engine.set_python_optimizers(python_optimizers, only_python)
        self._last_run: list[Trajectory] = []

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], slide: int = 1) -> Scene:
        """A scene file (JSON), a deck's scene number `slide` (1: the first), or a loss-surface file (.h5)."""
        return cls._wrap(_engine.EngineScene.from_arguments([os.fspath(path), f"--slide={int(slide)}"]))

    @classmethod
    def from_dict(cls, scene: Mapping[str, Any], directory: str | os.PathLike[str] = ".") -> Scene:
        """A scene in the scene files' schema (docs/scenes.md), read by the same reader; data paths from `directory`."""
        text = json.dumps(scene, indent=2)
        return cls._wrap(_engine.EngineScene.from_json(text, os.fspath(directory)))

    @classmethod
    def _wrap(cls, engine_scene: Any) -> Scene:
        scene = cls.__new__(cls)
        scene._engine = engine_scene
        scene._last_run = []
        scene._python_optimizer_names = []
        scene._mapped = None
        return scene

    def __repr__(self) -> str:
        described = self.to_dict()
        return f"losscape.Scene(function={described.get('function')!r}, balls={len(described.get('balls', []))})"

    def to_dict(self) -> dict[str, Any]:
        """The scene in the scene files' schema (what from_dict and `losscape FILE.json` read)."""
        return json.loads(self._engine.to_json())

    def run(self, steps: int) -> list[Trajectory]:
        """Runs every ball `steps` solver steps from its start (again from the start on each call): one Trajectory
        per ball, in the scene's order (a swarm's balls keep no path: they are left out, as --export-trajectories
        leaves them). A ball that arrives or diverges stops, so its array may be shorter than steps + 1. render()
        then draws the balls where they ended, like --steps N --screenshot.
        """
        if steps < 0:
            raise ValueError(f"invalid steps {steps}: expected 0 or more")
        runs = self._engine.run(int(steps))
        self._last_run = [Trajectory(*run) for run in runs]
        return self._last_run

    def swarm(self, steps: int) -> dict[str, Any]:
        """Runs the scene `steps` solver steps from its starts (as run() does) and says where its swarm's members
        are: 'where' (the line the program prints for a swarm of more than 10,000: on the GPU, or on the CPU in
        vectorised lanes or as balls; empty for a smaller one), 'total', 'running', 'diverged', 'other' (left the
        domain or undefined) and 'minima', a list of (x, y, f, is_global, members) per minimum found or known: the
        numbers behind the --swarm summary the program prints, for a plot of the shares.
        """
        self.run(steps)
        return dict(self._engine.swarm())

    def dataframe(self, steps: int | None = None) -> Any:
        """The trajectories as a pandas DataFrame with --export-trajectories' columns (ball, optimizer, step, x, y,
        f, gx, gy): of run(steps) when given, else of the last run. Needs pandas, which losscape itself never does.
        """
        try:
            import pandas
        except ImportError as missing:
            raise ImportError(
                "Scene.dataframe needs pandas (Debian: python3-pandas); Scene.run gives the same numbers as numpy "
                "arrays"
            ) from missing
        runs = self.run(steps) if steps is not None else self._last_run
        frames = []
        for run in runs:
            frame = pandas.DataFrame(run.data, columns=COLUMNS).astype({"step": "int64"})
            frame.insert(0, "optimizer", run.optimizer)
            frame.insert(0, "ball", run.ball)
            frames.append(frame)
        if not frames:
            return pandas.DataFrame(columns=("ball", "optimizer") + COLUMNS)
        return pandas.concat(frames, ignore_index=True)

    def render(
        self,
        size: tuple[int, int] | str = (1280, 720),
        camera: str | Sequence[float] | None = None,
        overlay: bool = True,
        transparent: bool = False,
        msaa: int | None = None,
    ) -> np.ndarray:
        """The scene as it stands drawn headless, as --screenshot draws it: an (height, width, 4) uint8 array.

        `size` (width, height) or "WIDTHxHEIGHT"; `camera` a view's name ("top") or (yaw, pitch[, distance]) in
        degrees, as --camera; `overlay` the title, legends and colour bar; `msaa` the multisampling (None: 4).
        One EGL context serves the whole process, on the thread that drew the first picture. The last picture is
        kept: asked again with the same arguments before the scene changes, it is copied, not drawn again.
        """
        camera_text = "" if camera is None else _joined(camera)
        return self._engine.render(_size_text(size), camera_text, overlay, transparent, -1 if msaa is None else msaa)

    def png(self, size: tuple[int, int] | str = NOTEBOOK_SIZE, **render_options: Any) -> bytes:
        """render()'s picture as PNG file bytes (the encoder --screenshot uses)."""
        return _engine.png_bytes(self.render(size, **render_options))

    def _repr_png_(self) -> bytes:
        """How Jupyter shows a scene: its picture now."""
        return self.png(NOTEBOOK_SIZE)

    def animate(
        self,
        seconds: float = 4.0,
        fps: int = 20,
        size: tuple[int, int] | str = (640, 360),
        orbit: float = 0.0,
        format: str = "mp4",  # pylint: disable=redefined-builtin
    ) -> Animation:
        """The scene recorded from its starts, as ``losscape ... --record FILE.mp4 --seconds S --fps F --size WxH
        --orbit DEG`` records it (the same frame loop and ffmpeg settings: the same file), each frame 1/fps of
        simulated time; the scene stands at the recording's end afterwards. Shows inline in Jupyter.

        `format` "mp4" (H.264, plays in browsers and PowerPoint) or "gif"; `orbit` degrees the camera turns around
        the terrain over the recording. ValueError for a bad setting (the command line's line), RuntimeError where
        ffmpeg is not installed.
        """
        if format not in MIME_TYPES:
            raise ValueError(f"invalid format {format!r}: expected one of {', '.join(map(repr, MIME_TYPES))}")
        size_text = _size_text(size)
        with tempfile.TemporaryDirectory(prefix="losscape-") as folder:
            path = os.path.join(folder, f"animation.{format}")
            try:
                flags = ["--seconds", _number(seconds), "--fps", _number(fps), "--size", size_text, "--orbit", _number(orbit)]
                self._engine.animate(path, flags)
            except (ValueError, RuntimeError) as failed:  # name the recording, not our temporary file
                raise type(failed)(str(failed).replace(path, f"the {format.upper()} animation")) from None
            with open(path, "rb") as recorded:
                data = recorded.read()
        width, height = (int(n) for n in size_text.split("x"))
        return Animation(data, format, width, height, int(fps), float(seconds))

    def _python_mapped(self, lr: float | None = None) -> tuple[Any, str, float | None] | None:
        """The engine's (object, name, lr) for a map of the Python optimizer the scene's first ball runs, else None."""
        if self._mapped is None:
            return None
        optimizer, name = self._mapped
        return (optimizer, name, _numeric_lr(optimizer) if lr is None else lr)

    def basins(self, grid: int | None = None, steps: int = 1000) -> BasinMap:
        """The basins of attraction of the scene's first optimizer, as ``losscape ... --basins MAP.png --basins-csv
        MAP.csv --grid N --steps S`` computes them (the same numbers, bit for bit, and the same picture): a start
        at each cell centre of a grid x grid over the domain, at most `steps` steps each. Shows inline in Jupyter;
        ``statistics`` holds the statistics panel's numbers.

        A Python optimizer (the scene's only method: ``Scene(optimizer=MyMomentum(...))``) is mapped by the same
        engine code and rules, a fresh ``copy.deepcopy`` of the object as it was given at every start, on one
        thread: hundreds of times slower than a built-in method, so its default grid is 32 (128 for a built-in).
        An exception in it stops the map: RuntimeError naming the start, from the exception itself.
        """
        python = self._python_mapped()
        if grid is None:
            grid = BASIN_GRID["python" if python else "built-in"]
        found = self._engine.basins(["--grid", _number(grid), "--steps", _number(steps)], python)
        return BasinMap(
            labels=found["labels"],
            steps=found["steps"],
            status=np.array(found["status"], dtype=object).reshape(found["labels"].shape),
            minima=found["minima"],
            values=found["values"],
            starts=found["starts"],
            is_global=np.array(found["global"], dtype=bool),
            domain=tuple(found["domain"]),
            png=found["png"],
            statistics=BasinStatistics.from_engine(found["statistics"]),
            seconds=float(found["seconds"]),
            point_steps=int(found["point_steps"]),
        )

    def sweep(
        self,
        points: int = 25,
        grid: int | None = None,
        steps: int = 1000,
        lr_range: tuple[float, float] | None = None,
    ) -> LearningRateSweep:
        """The statistics panel's learning-rate sweep of the scene's first optimizer: a grid x grid basin map (at most
        `steps` steps per start) at each of `points` learning rates on a logarithmic scale, from lr/300 to 30 lr
        around its own (the panel's range, inside the method's) or over `lr_range` (lr_min, lr_max). Shows in
        Jupyter as the panel's chart. Default grid: 64, the panel's; 16 for a Python optimizer (see basins()),
        which needs a numeric ``lr`` attribute: each point's copy gets it set.
        """
        if isinstance(points, bool) or not isinstance(points, numbers.Integral) or points < 2:
            raise ValueError(f"invalid points {points!r}: expected a whole number, 2 or more")
        if lr_range is not None:
            lo, hi = (float(v) for v in lr_range)
            if not (0.0 < lo < hi < float("inf")):
                raise ValueError(
                    f"invalid lr_range {tuple(lr_range)!r}: expected (lr_min, lr_max) with 0 < lr_min < lr_max"
                )
            lr_range = (lo, hi)
        python = self._python_mapped()
        if python is not None and python[2] is None:
            raise ValueError(
                f"a Python optimizer ({python[1]}) needs a numeric lr attribute for a learning-rate sweep: each "
                "point sets it on a copy"
            )
        if grid is None:
            grid = SWEEP_GRID["python" if python else "built-in"]
        swept = self._engine.sweep(["--grid", _number(grid), "--steps", _number(steps)], int(points), lr_range, python)
        return LearningRateSweep.from_engine(int(grid), swept)

    def show(self) -> None:
        """Opens the interactive window on this scene and returns when it is closed; RuntimeError where no window
        can open (no display: a server, CI, a remote Jupyter), saying why. Ctrl-C (Jupyter's interrupt) closes the
        window and raises KeyboardInterrupt. Python optimizers race in the window on copy.deepcopy copies of their
        objects, so the scene's own balls stay as run() left them."""
        self._engine.show()

"""Scene.render draws what --screenshot draws, pixel for pixel; pictures do not leak; Jupyter gets a PNG."""

import gc
import io
import os
import sys
import threading
import time

import numpy as np
import pytest
from PIL import Image

import losscape
from engine_cli import REPO, run_cli

# (Scene, the same scene on the command line, steps run first, picture options)
PICTURES = {
    "race with overlay": (
        lambda: losscape.Scene(function="himmelblau", optimizer=["gd", "adam"], start=(-1.0, 1.0), contours=True),
        ["--function", "himmelblau", "--race", "gd,adam", "--start=-1,1", "--contours"],
        40, dict(size=(320, 180)), [],
    ),
    "gallery scene from the top": (
        lambda: losscape.Scene.from_file(os.path.join(REPO, "scenes", "05-rosenbrock-valley.json")),
        [os.path.join(REPO, "scenes", "05-rosenbrock-valley.json")],
        25, dict(size=(256, 200), camera="top", overlay=False), ["--camera", "top", "--no-overlay"],
    ),
}


@pytest.mark.parametrize("name", PICTURES)
def test_render_equals_the_screenshot(tmp_path, name):
    make, arguments, steps, options, flags = PICTURES[name]
    width, height = options["size"]
    path = tmp_path / "screenshot.png"
    run_cli(*arguments, *flags, "--steps", str(steps), "--size", f"{width}x{height}", "--screenshot", str(path))
    scene = make()
    scene.run(steps)
    pixels = scene.render(**options)
    assert pixels.shape == (height, width, 4) and pixels.dtype == np.uint8
    # The same pixels, and the same PNG bytes from the same encoder.
    with Image.open(path) as screenshot:
        expected = np.asarray(screenshot.convert("RGBA"))
    assert np.array_equal(pixels, expected)
    assert np.array_equal(scene.render(**options), expected)  # asked again: the picture kept, the same
    assert losscape.scene._engine.png_bytes(pixels) == path.read_bytes()
    assert len(np.unique(pixels.reshape(-1, 4), axis=0)) > 50  # a picture, not a blank


def test_a_legend_that_appears_in_the_next_scene_is_drawn_and_the_title_unwrapped(tmp_path):
    """Scene after scene in one process share one overlay context: a legend appearing for the first time (several
    balls after a single one) is laid out hidden on ImGui's first pass, and the title wrapped short of its unknown
    edge. The picture must still be --screenshot's, whatever was drawn before."""
    single = losscape.Scene(function="x^2 + y^2", start=(3.0, 1.0))
    single.run(5)
    single.render(size=(320, 180))
    path = tmp_path / "race.png"
    run_cli("--function", "himmelblau", "--race", "gd,adam", "--start=-1,1", "--steps", "40", "--size", "320x180",
            "--screenshot", str(path))
    race = losscape.Scene(function="himmelblau", optimizer=["gd", "adam"], start=(-1.0, 1.0))
    race.run(40)
    with Image.open(path) as screenshot:
        assert np.array_equal(race.render(size=(320, 180)), np.asarray(screenshot.convert("RGBA")))


def test_an_unchanged_scene_is_copied_not_drawn_and_a_turned_camera_builds_no_terrain():
    """What makes a notebook's pictures cheap: the same arguments on an unchanged scene copy the last picture (a
    new array each time), a new camera draws without building the terrain again, and a run draws anew."""
    counts = losscape.scene._engine.picture_counts
    scene = losscape.Scene(function="himmelblau", optimizer=["gd", "adam"], start=(-1.0, 1.0))
    scene.run(10)
    first = scene.render(size=(160, 90))
    before = counts()
    again = scene.render(size=(160, 90))
    assert counts() == before, "an unchanged scene was drawn again"
    assert np.array_equal(again, first) and again is not first
    again[:] = 0
    assert np.array_equal(scene.render(size=(160, 90)), first), "the kept picture was handed out, not a copy"
    turned = scene.render(size=(160, 90), camera=(60, 30))
    assert counts() == {"drawn": before["drawn"] + 1, "terrains": before["terrains"]}
    assert not np.array_equal(turned, first)
    for changed in (dict(overlay=False), dict(msaa=0), dict(transparent=True), dict(size=(161, 90))):
        scene.render(**{"size": (160, 90), **changed})
    assert counts()["drawn"] == before["drawn"] + 5, "another argument, the same picture"
    assert np.array_equal(scene.render(size=(160, 90)), first)  # drawn again: the same pixels
    scene.run(30)
    assert not np.array_equal(scene.render(size=(160, 90)), first), "the picture of the scene before its run"
    assert counts() == {"drawn": before["drawn"] + 7, "terrains": before["terrains"] + 1}


def test_render_shows_the_run_and_the_camera():
    scene = losscape.Scene(function="bowl", optimizer="gd", start=(2.0, 2.0))
    before = scene.render(size=(96, 64), overlay=False)
    scene.run(30)
    assert not np.array_equal(before, scene.render(size=(96, 64), overlay=False))  # the ball moved
    assert not np.array_equal(scene.render(size=(96, 64), overlay=False, camera=(0, 80)),
                              scene.render(size=(96, 64), overlay=False, camera=(45, 30)))
    assert scene.render(size="40x30", transparent=True)[0, 0, 3] == 0  # no sky


def test_repr_png_is_a_png_of_the_notebook_size():
    png = losscape.Scene(function="rastrigin")._repr_png_()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.size == losscape.scene.NOTEBOOK_SIZE


def resident_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def test_a_thousand_renders_keep_memory_and_references_flat():
    scene = losscape.Scene(function="himmelblau", optimizer=["gd", "adam"])
    scene.run(20)
    # A camera of its own each time: every picture drawn (the same one again would be the kept one, copied).
    for yaw in range(100):  # warm: the context, the buffers, the allocator's pools
        scene.render(size=(64, 48), camera=(yaw, 30))
    gc.collect()
    rss, objects, references = resident_kb(), len(gc.get_objects()), sys.getrefcount(scene)
    started = time.perf_counter()
    for yaw in range(1000):
        pixels = scene.render(size=(64, 48), camera=(yaw % 360, 35))
    elapsed = time.perf_counter() - started
    gc.collect()
    assert sys.getrefcount(pixels) == 2  # this name and getrefcount's argument: the engine keeps none
    assert sys.getrefcount(scene) == references
    assert len(gc.get_objects()) - objects < 50
    grown = resident_kb() - rss
    assert grown < 4096, f"resident memory grew {grown} kB over 1,000 renders"
    print(f"1,000 renders of 64x48: {elapsed:.1f} s, resident memory {grown:+d} kB")


def test_pictures_from_another_thread_say_why_not():
    scene = losscape.Scene(function="bowl")
    scene.render(size=(32, 24))  # the context is made (and current) here, if no test made it before
    raised = []

    def draw():
        try:
            scene.render(size=(32, 25))  # not the picture kept: one to draw
        except RuntimeError as error:
            raised.append(str(error))

    worker = threading.Thread(target=draw)
    worker.start()
    worker.join()
    assert raised == ["pictures are drawn on the thread that drew the first one (its GL context is current there)"]
    assert scene.run(3)[0].data.shape == (4, 6)  # running needs no context: any thread may

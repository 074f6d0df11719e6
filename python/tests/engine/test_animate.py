"""Scene.animate records what --record records, byte for byte; it shows inline and saves; bad settings are one line."""

import base64
import os

import pytest

import losscape
from engine_cli import error_line, run_cli

SCENE = dict(function="himmelblau", optimizer=["gd", "adam"], start=(-1.0, 1.0))
FLAGS = ["--function", "himmelblau", "--race", "gd,adam", "--start=-1,1"]


@pytest.mark.parametrize("format, orbit", [("mp4", 0.0), ("gif", 30.0)])
def test_animate_equals_the_recording(tmp_path, format, orbit):
    path = tmp_path / f"recording.{format}"
    run_cli(*FLAGS, "--record", str(path), "--seconds", "1", "--fps", "6", "--size", "160x96", "--orbit", str(orbit))
    animation = losscape.Scene(**SCENE).animate(seconds=1, fps=6, size=(160, 96), orbit=orbit, format=format)
    assert animation.data == path.read_bytes()
    assert (animation.width, animation.height, animation.fps, animation.format) == (160, 96, 6, format)
    saved = tmp_path / f"saved.{format}"
    animation.save(saved)
    assert saved.read_bytes() == animation.data


def test_animate_runs_the_scene_forward_as_a_recording_does():
    scene = losscape.Scene(**SCENE)
    first = scene.render((96, 64))
    scene.animate(seconds=1, fps=5, size=(96, 64))
    assert (scene.render((96, 64)) != first).any(), "the balls stand where the recording ended"
    # a second recording starts again from the starts: the same file
    assert scene.animate(seconds=1, fps=5, size=(96, 64)).data == scene.animate(seconds=1, fps=5, size=(96, 64)).data


def test_animation_shows_inline():
    scene = losscape.Scene(**SCENE)
    video = scene.animate(seconds=0.4, fps=5, size=(64, 48))
    html = video._repr_html_()
    assert html.startswith("<video") and base64.b64encode(video.data).decode() in html
    gif = scene.animate(seconds=0.4, fps=5, size=(64, 48), format="gif")
    assert gif.data.startswith(b"GIF8") and gif._repr_html_().startswith('<img src="data:image/gif;base64,')
    assert "64x48" in repr(gif)


@pytest.mark.parametrize("settings, flags", [
    (dict(fps=0), ["--fps", "0"]),
    (dict(seconds=-1), ["--seconds=-1"]),
    (dict(size="64y48"), ["--size", "64y48"]),
])
def test_bad_settings_are_the_command_lines_line(tmp_path, settings, flags):
    expected = error_line(*FLAGS, "--record", str(tmp_path / "x.mp4"), *flags)
    with pytest.raises(ValueError) as raised:
        losscape.Scene(**SCENE).animate(**settings)
    assert str(raised.value) == expected


def test_a_bad_format_names_the_valid_ones():
    with pytest.raises(ValueError, match="invalid format 'avi': expected one of 'mp4', 'gif'"):
        losscape.Scene(**SCENE).animate(format="avi")


def test_no_ffmpeg_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a folder without ffmpeg
    with pytest.raises(RuntimeError) as raised:
        losscape.Scene(**SCENE).animate(seconds=0.2, fps=5, size=(64, 48))
    message = str(raised.value)
    assert message.startswith("cannot record the MP4 animation: ffmpeg is not installed") and "\n" not in message
    assert "losscape-" not in message


class Momentum:
    """A student's momentum (the built-in momentum's rule: v <- 0.9 v + g, x <- x - lr v)."""

    def __init__(self, lr):
        self.lr, self.velocity = lr, 0.0

    def step(self, position, gradient):
        self.velocity = 0.9 * self.velocity + gradient
        return position - self.lr * self.velocity


def test_a_python_optimizer_races_in_a_recording():
    """Issue 18: the student's optimizer in a recording. Its rule is the built-in momentum's, its label the same, so
    the recording is the built-in one's, frame for frame (the same MP4 bytes)."""
    lr = 2.0 ** -7
    built_in = losscape.Scene(function="himmelblau", optimizer="momentum", params={"lr": lr}, start=(-1.0, 1.0))
    student = losscape.Scene(function="himmelblau", optimizer=Momentum(lr), start=(-1.0, 1.0))
    settings = dict(seconds=1, fps=6, size=(160, 96))
    recorded = student.animate(**settings)
    assert recorded.data == built_in.animate(**settings).data
    assert recorded.data != losscape.Scene(function="himmelblau", optimizer=Momentum(lr / 2), start=(-1.0, 1.0)
                                           ).animate(**settings).data, "a different rule records differently"

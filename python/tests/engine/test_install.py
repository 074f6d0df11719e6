"""`cmake --install BUILD --prefix P` gives a package that imports from P's site folder alone and draws."""

import os
import subprocess
import sys

import losscape
from engine_cli import BUILD_DIR

CHECK = """
import ctypes, losscape
scene = losscape.Scene(function="rosenbrock", optimizer=["gd", "adam"])
assert len(scene.run(10)) == 2 and scene.render(size=(48, 32)).shape == (32, 48, 4)
libc = ctypes.CDLL(None)
libc.getenv.restype = ctypes.c_char_p
print(losscape.scene._engine.__file__, libc.getenv(b"LOSSCAPE_DATA").decode())
"""


def test_installed_package_imports_and_finds_its_data(tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run(["cmake", "--install", BUILD_DIR, "--prefix", str(prefix)], check=True, capture_output=True)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    site = prefix / "lib" / version / "site-packages"
    package = sorted(os.listdir(site / "losscape"))
    assert "scene.py" in package and "_engine.pyi" in package and "landscape" in package
    assert any(name.startswith("_engine") and name.endswith(".so") for name in package)
    environment = dict(os.environ, PYTHONPATH=str(site))
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, env=environment, cwd="/",
                          timeout=60)
    assert done.returncode == 0, done.stderr
    module, data = done.stdout.split()
    assert module.startswith(str(site)) and data == str(prefix / "share" / "losscape")
    assert module != losscape.scene._engine.__file__  # the installed copy, not the build folder's

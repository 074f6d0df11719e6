"""pytest for the python/ package: run as scripts/test-python.sh does, with /usr/bin/python3."""

import os
import sys

# The package from the source tree alone (no compiled module), or, for the engine's tests (tests/engine, run by
# scripts/test-python.sh with LOSSCAPE_ENGINE_PATH=BUILD/python), the build folder's package: the compiled
# losscape._engine with the source tree's Python files (its generated __init__.py lists both).
sys.path.insert(0, os.environ.get("LOSSCAPE_ENGINE_PATH") or os.path.join(os.path.dirname(__file__), ".."))

"""pytest for the python/ package: run as scripts/test-python.sh does, with /usr/bin/python3."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

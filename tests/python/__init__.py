"""Python tests for the bridge nodes (unittest; the services' locked packages importable).

Run from the repository root:
    python3 -m unittest discover -s tests/python -t . -v
This package puts src/ and tools/bridge-devtools/src on sys.path itself, so no
install and no PYTHONPATH is needed.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE_PATHS = [str(ROOT / "src"), str(ROOT / "tools" / "bridge-devtools" / "src")]
for _path in reversed(SOURCE_PATHS):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import logging

# Expected warnings (failing reducers) would otherwise reach logging's
# last-resort handler and interleave with the test runner's output.
logging.getLogger("omninode_bridge").addHandler(logging.NullHandler())

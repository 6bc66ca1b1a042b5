"""Where the benchmark finds the repository it measures, with the domain importable.

The benchmark's entry points (measure.py, synthetic.py, ci.py, pdf_stage.py, finder.py) and
the modules that use the domain import this before `showcase`: it puts the repository's hooks/
on sys.path, so the benchmark uses the same domain code (`showcase`) as the build it measures.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
HOOKS = REPO / "hooks"

if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))

"""Every scenario of every feature file in features/ (one feature per diagram), or in
NRM_FEATURES_DIR when the scenario gate runs only the features of changed diagrams."""

from __future__ import annotations

import os
from pathlib import Path

from pytest_bdd import scenarios

FEATURES = Path(os.environ.get("NRM_FEATURES_DIR") or Path(__file__).parents[2] / "features")

scenarios(*sorted(str(p) for p in FEATURES.glob("*.feature")))

"""Every scenario of every feature file in features/ (one feature per diagram), bound by the
installed scenario suite (scenario_suite/run.py: NRM_FEATURES_DIR when set)."""

from __future__ import annotations

from scenario_suite.run import *  # noqa: F403  (the scenarios' test functions)

"""Every scenario of every feature file in NRM_FEATURES_DIR (the deploy gate: the features of
the changed processes), else in the repository's features/ (tests/features imports this)."""

from __future__ import annotations

from pytest_bdd import scenarios

from scenario_suite.steps import FEATURES

scenarios(*sorted(str(p) for p in FEATURES.glob("*.feature")))

"""Every scenario of every feature file in features/ (one feature per diagram)."""

from __future__ import annotations

from pathlib import Path

from pytest_bdd import scenarios

FEATURES = Path(__file__).resolve().parents[2] / "features"

scenarios(*sorted(str(p) for p in FEATURES.glob("*.feature")))

"""The HTCDS export (engine/htcds.py, engine/kanon.py): one de-identified row per case, the
quasi-identifiers generalised until every combination covers at least k cases."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from bench.population import populate
from engine.config import load_settings
from engine.facade import Engine
from engine.htcdsmap import (
    COLUMNS,
    CONTROL,
    EXPLOITATION,
    LABOUR_SECTORS,
    QUASI_IDENTIFIERS,
    RECRUITMENT_METHODS,
    VULNERABILITIES,
    row_of,
)
from engine.kanon import ANY, Ladder, anonymise
from tests.conftest import SIMPLE

HTCDS_FIELDS = ("exploitation_other_types", "labour_sector", "means_of_control",
                "recruitment_method", "vulnerabilities", "recruitment_country",
                "transit_countries")  # fmt: skip


def _read(file: str) -> tuple[str, list[dict[str, str]]]:
    first, rest = file.split("\n", 1)
    return first, list(csv.DictReader(io.StringIO(rest)))


def test_generalising_stops_at_k_and_leaves_out_the_last_few() -> None:
    records = [{"a": str(i % 10), "b": "x"} for i in range(40)] + [{"a": "rare", "b": "y"}]
    ladder = Ladder("a", (lambda v: "low" if v in "01234" else "high", lambda _: ANY))
    result = anonymise(records, [ladder, Ladder("b", (lambda _: ANY,))], k=5, suppress_share=0.05)
    assert result.levels == {"a": 1, "b": 0}  # a's ten values became two groups
    assert result.suppressed == 1 and result.k == 20  # the one "rare" record is left out
    assert {r["a"] for r in result.records} == {"low", "high"}


def test_a_case_becomes_htcds_flags() -> None:
    facts = {"exploitation_type": "sexual", "sex": "female", "region": "chui",
             "recruitment_method": "marriage_broker", "labour_sector": "mining",
             "identification_decision": "confirmed"}  # fmt: skip
    members = {"exploitation_other_types": {"labour"}, "means_of_control": {"debt_bondage"},
               "vulnerabilities": {"disability_or_physical_health"}}  # fmt: skip
    row = row_of(facts, members, {"referred"}, year="2026", sector="ngo", closed=False,
                 age_group="14-17")  # fmt: skip
    assert list(row) == list(COLUMNS)
    assert (row["isSexualExploit"], row["isForcedLabour"], row["isSexAndLabour"]) == ("1", "1", "1")
    assert row["typeOfLabourMiningOrDrilling"] == "1"
    assert row["meansOfControlDebtBondage"] == "1" and row["meansOfControlNotSpecified"] == "0"
    assert row["MethodOfRecruitment"] == "InternationalMarriageBroker"
    assert row["vulnerabilityDisabilityAndPhysicalHealth"] == "1"
    assert (row["nrmReferred"], row["nrmIdentified"], row["nrmFirstService"]) == ("1", "1", "0")
    assert (row["gender"], row["ageBroad"], row["citizenship"]) == ("Female", "14-17", "-99")


def test_ten_thousand_cases_export_with_k_at_least_5(
    make_test_engine: Callable[..., Engine],
) -> None:
    engine = make_test_engine(*SIMPLE)
    populate(engine.db, 10_000, seed=7)
    found = engine.htcds_export(actor="test")
    first, rows = _read(found.csv())
    assert first.startswith(f"# HTCDS export; k={found.k};") and found.k is not None
    assert found.k >= 5
    groups = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in rows)
    assert min(groups.values()) == found.k  # the header tells the truth
    assert len(rows) + found.suppressed == 10_000 and found.suppressed <= 100
    assert list(rows[0]) == list(COLUMNS)
    text_ = found.csv()
    assert "GEN-" not in text_  # no case number (nor any name: none is a fact)
    for column in ("CountryOfExploitation", "CountryOfRecruitment"):
        countries = Counter(r[column] for r in rows)
        assert all(n >= 5 for c, n in countries.items() if c not in ("other", "-99")), column
    with engine.db.connect() as conn:
        action = conn.execute(text("SELECT action FROM audit_event ORDER BY id DESC")).first()
    assert action is not None and action[0] == "statistics.exported"


def _codes(prop: dict[str, Any]) -> set[str]:
    source = prop["items"] if prop["type"] == "array" else prop
    return {o["const"] for o in source.get("oneOf", [])}


def test_the_forms_ask_every_field_the_export_maps() -> None:
    """Screening asks the HTCDS fields (optional, counted), the report its countries; every
    code a form offers has its HTCDS column."""
    forms = load_settings({}).forms_dir
    marked: dict[str, dict[str, Any]] = {}
    for name in ("case_report", "identification_screening"):
        schema = json.loads((forms / f"{name}.schema.json").read_text("utf-8"))
        for field, prop in schema["properties"].items():
            if prop.get("x-statistic"):
                marked[field] = prop
            if name == "identification_screening" and field in HTCDS_FIELDS:
                assert field not in schema["required"], field
    assert set(HTCDS_FIELDS) | {"citizenship", "exploitation_country"} <= set(marked)
    assert _codes(marked["exploitation_other_types"]) == set(EXPLOITATION)
    assert _codes(marked["labour_sector"]) == set(LABOUR_SECTORS)
    assert _codes(marked["means_of_control"]) == set(CONTROL)
    assert _codes(marked["recruitment_method"]) == set(RECRUITMENT_METHODS)
    assert _codes(marked["vulnerabilities"]) == set(VULNERABILITIES)
    assert marked["recruitment_country"]["x-codes"] == "country"
    assert "other" in _codes(marked["transit_countries"])

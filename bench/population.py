"""A generated population of cases with facts and tasks, written straight into the tables
(bulk inserts, no workflow): for the statistics benchmark and the export's k test.

Values follow the report form's codes with a plausible spread (most cases in Bishkek and
Chui, most labour exploitation, a few rare citizenships and countries), so small groups
exist for the disclosure control and the k-anonymity to work on.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine as Database

REGIONS = ["bishkek_city"] * 5 + ["chui"] * 4 + ["osh_city"] * 3 + ["osh_region"] * 2 + [
    "jalal_abad", "batken", "issyk_kul", "naryn", "talas"]  # fmt: skip
AGENCIES = ["ngo"] * 6 + ["police"] * 2 + ["iom", "border", "labour_inspection", "consular"]
CITIZENSHIPS = ["KG"] * 40 + ["UZ", "UZ", "TJ", "KZ", "RU", "AF", "IN", "CN"]
COUNTRIES = ["RU"] * 6 + ["KZ"] * 3 + ["TR", "AE", "KR", "KG", "DE", "UA"]
MILESTONES = {"reasonable_grounds": 0.8, "identification_decision": 0.5, "referred": 0.7,
              "referral_accepted": 0.6, "referral_declined": 0.1, "first_service": 0.55,
              "arrived_home": 0.2, "passport_issued": 0.1, "proceedings_opened": 0.05,
              "crime_registered": 0.04, "compensation_claimed": 0.01}  # fmt: skip
LISTS = {
    "exploitation_other_types": ["sexual", "labour", "domestic_servitude", "forced_begging"],
    "means_of_control": ["threats", "debt_bondage", "withholds_documents", "false_promises",
                         "physical_abuse", "restricts_movement"],
    "vulnerabilities": ["poverty", "migration", "education", "abuse_physical"],
    "rehab_service": ["shelter", "medical", "psychological", "legal_aid_documents"],
    "rehab_service_funding": ["state_budget", "donor", "ngo_own", "iom"],
}  # fmt: skip
CASE_COLUMNS = ("id", "number", "process_id", "process_version_id", "status", "outcome",
                "reporting_agency", "created_by", "created_at", "updated_at", "closed_at",
                "serializer_version", "version", "state")  # fmt: skip


def _facts(pick: random.Random, start: datetime) -> Iterator[tuple[str, str, datetime]]:
    age = pick.choice(["0-13", "14-17", "14-17", "18-24", "18-24", "25-34", "25-34", "35-49",
                       "50+", "unknown"])  # fmt: skip
    yield "region", pick.choice(REGIONS), start
    yield "sex", pick.choice(["female", "female", "male", "other"]), start
    yield "age_group", age, start
    yield "citizenship", pick.choice(CITIZENSHIPS), start
    yield "exploitation_type", pick.choice(["labour", "labour", "sexual", "forced_begging"]), start
    yield "exploitation_country", pick.choice(COUNTRIES), start
    yield "detection_channel", pick.choice(["police", "ngo_hotline", "border", "consular"]), start
    yield "consent_referral", pick.choice(["true"] * 9 + ["false"]), start
    if pick.random() < 0.5:
        yield (
            "identification_decision",
            pick.choice(["confirmed", "confirmed", "not_confirmed"]),
            start,
        )
    for name, values in LISTS.items():
        for value in pick.sample(values, pick.randint(0, 2)):
            yield f"{name}:{value}", "true", start
    for milestone, share in MILESTONES.items():
        if pick.random() < share:
            at = start + timedelta(days=pick.random() * 40)
            yield f"milestone:{milestone}", at.isoformat(), at


def rows(
    n: int, version_id: int, *, seed: int = 1, first_year: int = 2016, first: int = 0
) -> Iterator[Any]:
    """(case row, its facts, its tasks) for n cases reported over ten years, numbered from
    `first`."""
    pick = random.Random(seed)
    span = int(timedelta(days=365 * 10).total_seconds())
    for i in range(n):
        start = datetime(first_year, 1, 1) + timedelta(seconds=pick.randrange(span))
        case_id = str(uuid.UUID(int=pick.getrandbits(128)))
        closed = pick.random() < 0.6
        number = f"GEN-{first + i:07d}"
        case = (case_id, number, "nrm_case", version_id, "completed" if closed else "open",
                "rehabilitation_completed" if closed else None, pick.choice(AGENCIES), "bench",
                start, start, start if closed else None, "bench", 1, b"")  # fmt: skip
        facts = [(case_id, name, value, at) for name, value, at in _facts(pick, start)]
        tasks = []
        for t in range(3):
            due = start + timedelta(days=5 * (t + 1))
            done = start + timedelta(days=pick.random() * 20) if closed or t < 2 else None
            agency = pick.choice(["police", "ngo", "social"])
            tasks.append((str(uuid.UUID(int=pick.getrandbits(128))), case_id, "nrm_case",
                          f"task_{t}", f"Task {t}", agency, agency,
                          "completed" if done else "ready", start, due, done))  # fmt: skip
        yield case, facts, tasks


def populate(db: Database, n: int, *, seed: int = 1, batch: int = 5_000, first: int = 0) -> None:
    """Write n generated cases, their facts and three tasks each (on a migrated database
    with at least one deployed process version)."""
    with db.begin() as conn:
        version_id = conn.execute(text("SELECT min(id) FROM process_version")).scalar_one()
    cases: list[Any] = []
    facts: list[Any] = []
    tasks: list[Any] = []
    for case, case_facts, case_tasks in rows(n, version_id, seed=seed, first=first):
        cases.append(case)
        facts += case_facts
        tasks += case_tasks
        if len(cases) >= batch:
            _write(db, cases, facts, tasks)
            cases, facts, tasks = [], [], []
    _write(db, cases, facts, tasks)


def _write(db: Database, cases: list[Any], facts: list[Any], tasks: list[Any]) -> None:
    if not cases:
        return
    raw = db.raw_connection()
    try:
        cursor = raw.cursor()
        mark = "%s" if db.dialect.name == "postgresql" else "?"

        def insert(table: str, columns: tuple[str, ...], values: list[Any]) -> None:
            marks = ", ".join([mark] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values
            )

        insert("nrm_case", CASE_COLUMNS, cases)
        insert("case_fact", ("case_id", "name", "value", "at"), facts)
        insert("human_task", ("id", "case_id", "process_id", "bpmn_id", "name", "lane", "agency",
                              "status", "created_at", "due_at", "completed_at"), tasks)  # fmt: skip
        raw.commit()
    finally:
        raw.close()

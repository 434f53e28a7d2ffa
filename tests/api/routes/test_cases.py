"""Cases: start, list, read, history, access log."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from api.models import AccessRecord
from api.services import access_log
from api.services.policy import Caller
from engine import trail
from engine.facade import Engine
from engine.models import Case
from tests.api.conftest import PROBLEM_JSON, REPORT, AsUser, complete, only, start_case


def test_start_case_returns_201_with_number_status_and_open_tasks(as_user: AsUser) -> None:
    body = start_case(as_user("border"))
    case = body["case"]
    assert case["number"] == "NRM-2026-000001"
    assert (case["status"], case["reporting_agency"], case["process_id"]) == (
        "open",
        "border",
        "api_case",
    )
    [task] = case["open_tasks"]
    assert (task["name"], task["agency"], task["status"]) == (
        "Identify the person",
        "police",
        "ready",
    )
    assert body["opened"] == case["open_tasks"]
    assert body["completed"] is None


def test_start_case_with_invalid_report_is_422_naming_each_field(
    as_user: AsUser, api_engine: Engine
) -> None:
    response = as_user("ngo").post(
        "/cases", json={"process_id": "api_case", "data": {"age": "old", "nickname": "x"}}
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"age", "nickname", "pseudonym"}
    with Session(api_engine.db) as session:
        assert session.execute(select(func.count()).select_from(Case)).scalar_one() == 0


def test_start_case_with_malformed_body_is_422(as_user: AsUser) -> None:
    ngo = as_user("ngo")
    cases = [
        {"data": {}},
        {"process_id": "api_case", "data": []},
        {"process_id": "bad id!", "data": {}},
        {"process_id": "api_case", "data": {}, "extra": 1},
    ]
    for body in cases:
        assert ngo.post("/cases", json=body).status_code == 422, body
    response = ngo.post(
        "/cases", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_start_case_with_non_finite_or_deep_data_is_422(as_user: AsUser) -> None:
    ngo = as_user("ngo")
    nan = b'{"process_id": "api_case", "data": {"pseudonym": "x", "age": NaN}}'
    response = ngo.post("/cases", content=nan, headers={"content-type": "application/json"})
    assert response.status_code == 422
    deep: dict[str, object] = {}
    for _ in range(40):
        deep = {"x": deep}
    assert ngo.post("/cases", json={"process_id": "api_case", "data": deep}).status_code == 422


def test_start_case_of_unknown_process_is_404(as_user: AsUser) -> None:
    response = as_user("ngo").post("/cases", json={"process_id": "nope", "data": {}})
    assert response.status_code == 404
    assert response.json()["title"] == "Unknown process"


def test_start_case_by_agency_that_is_no_first_responder_is_403(as_user: AsUser) -> None:
    response = as_user("prosecutor").post("/cases", json={"process_id": "api_case", "data": REPORT})
    assert response.status_code == 403


def test_start_case_with_idempotency_key_starts_once(as_user: AsUser) -> None:
    border = as_user("border")
    body = {"process_id": "api_case", "data": REPORT}
    first = border.post("/cases", json=body, headers={"Idempotency-Key": "report-1"})
    again = border.post("/cases", json=body, headers={"Idempotency-Key": "report-1"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json() == again.json()
    assert len(border.get("/cases").json()["data"]) == 1


def test_list_cases_shows_only_cases_the_agency_takes_part_in(as_user: AsUser) -> None:
    first = start_case(as_user("border"))["case"]
    second = start_case(as_user("ngo"))["case"]
    assert [c["id"] for c in as_user("border").get("/cases").json()["data"]] == [first["id"]]
    assert [c["id"] for c in as_user("ngo").get("/cases").json()["data"]] == [second["id"]]
    police = [c["id"] for c in as_user("police").get("/cases").json()["data"]]
    assert sorted(police) == sorted([first["id"], second["id"]])
    assert as_user("social").get("/cases").json()["data"] == []
    listed = as_user("police").get("/cases").json()["data"][0]
    assert listed["data"] is None
    assert listed["open_tasks"][0]["name"] == "Identify the person"


def test_list_cases_filters_and_pages(as_user: AsUser) -> None:
    border = as_user("border")
    ids = [start_case(border)["case"]["id"] for _ in range(3)]
    page = border.get("/cases", params={"limit": 2}).json()
    assert [c["id"] for c in page["data"]] == list(reversed(ids))[:2]
    rest = border.get("/cases", params={"limit": 2, "offset": 2}).json()
    assert [c["id"] for c in rest["data"]] == [ids[0]]
    assert border.get("/cases", params={"status": "completed"}).json()["data"] == []
    assert border.get("/cases", params={"status": "weird"}).status_code == 422
    assert border.get("/cases", params={"limit": 0}).status_code == 422


def test_read_case_of_unknown_id_is_404(as_user: AsUser) -> None:
    for case_id in ("00000000-0000-0000-0000-000000000000", "x" * 80, "a%00b"):
        response = as_user("police").get(f"/cases/{case_id}")
        assert response.status_code == 404, case_id
        assert response.headers["content-type"] == PROBLEM_JSON


def test_read_case_of_another_agency_is_403(as_user: AsUser) -> None:
    case = start_case(as_user("border"))["case"]
    response = as_user("health").get(f"/cases/{case['id']}")
    assert response.status_code == 403
    assert response.json()["title"] == "Case of other agencies"


def test_read_history_lists_who_did_what_when(as_user: AsUser) -> None:
    case = start_case(as_user("border"))["case"]
    police = as_user("police")
    task = only(case["open_tasks"], "Identify the person")
    assert police.post(f"/tasks/{task['id']}/claim").status_code == 200
    assert complete(police, task["id"], {"identification_result": "not_victim"}).status_code == 200
    events = as_user("border").get(f"/cases/{case['id']}/history").json()["data"]
    assert [(e["action"], e["actor"], e["agency"]) for e in events] == [
        ("case.started", "border", "border"),
        ("task.claimed", "police", "police"),
        ("task.completed", "police", "police"),
        ("case.completed", "police", "police"),
    ]
    assert events[2]["task_name"] == "Identify the person"
    assert set(events[0]) == {"at", "actor", "agency", "action", "task_id", "task_name", "detail"}
    assert events[0]["detail"] is None  # names and rungs only, never data
    assert as_user("ngo").get(f"/cases/{case['id']}/history").status_code == 403


def test_a_supervisor_reads_their_own_agencys_access_records_and_admin_reads_all(
    as_user: AsUser, api_engine: Engine
) -> None:
    case = start_case(as_user("border"))["case"]
    assert as_user("police").get(f"/cases/{case['id']}").status_code == 200
    border_user = Caller(0, "border", "border", frozenset({"caseworker"}))
    access_log.record(
        engine=api_engine,
        caller=border_user,
        case_id=case["id"],
        fields=["full_name"],
        endpoint="GET /cases/{id}",
    )
    log = as_user("police_supervisor").get(f"/cases/{case['id']}/access-log")
    assert log.status_code == 200
    [record] = log.json()["data"]
    assert (record["username"], record["agency"]) == ("police", "police")
    assert record["endpoint"] == "GET /cases/{id}"
    assert record["fields"] == ["date_of_birth", "full_name"]
    border = as_user("border_supervisor").get(f"/cases/{case['id']}/access-log").json()["data"]
    assert [r["username"] for r in border] == ["border"]  # not the police's record
    every = as_user("admin").get(f"/cases/{case['id']}/access-log").json()["data"]
    assert [r["agency"] for r in every] == ["police", "border"]
    assert as_user("admin").get("/cases/nope/access-log").status_code == 404
    assert as_user("police").get(f"/cases/{case['id']}/access-log").status_code == 403
    assert as_user("ngo_supervisor").get(f"/cases/{case['id']}/access-log").status_code == 403
    with Session(api_engine.db) as session:
        assert session.execute(select(func.count()).select_from(AccessRecord)).scalar_one() == 2


def test_access_records_of_a_case_form_one_intact_chain(
    as_user: AsUser, api_engine: Engine
) -> None:
    case = start_case(as_user("border"))["case"]
    for reader in ("police", "police_supervisor", "police"):
        assert as_user(reader).get(f"/cases/{case['id']}").status_code == 200
    with api_engine.db.connect() as conn:
        report = trail.verify(conn)
        [(key, rows)] = trail.chains_of(conn, "access_record")
    assert report.intact
    assert key == case["id"]
    assert [r["username"] for r in rows] == ["police", "police_supervisor", "police"]

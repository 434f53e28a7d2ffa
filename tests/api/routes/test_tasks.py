"""The inbox and one task: read, claim, release, complete (with idempotency)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from api.models import AccessRecord
from engine.facade import Engine
from engine.models import AuditEvent
from engine.spiff.clock import FakeClock
from tests.api.conftest import PROBLEM_JSON, AsUser, complete, only, start_case

PRESUMED = {"identification_result": "presumed_victim", "referral_receiver": "ngo"}


def identify_task(as_user: AsUser) -> dict[str, object]:
    case = start_case(as_user("border"))["case"]
    return only(case["open_tasks"], "Identify the person")


def test_list_tasks_shows_the_agency_inbox(as_user: AsUser) -> None:
    task = identify_task(as_user)
    inbox = as_user("police").get("/tasks").json()
    [listed] = inbox["data"]
    assert listed["id"] == task["id"]
    assert set(listed) >= {
        "id",
        "case_id",
        "case_number",
        "name",
        "title",
        "agency",
        "created_at",
        "due_at",
        "claimed_by",
        "form",
    }
    assert listed["title"] == "Identification decision"
    assert inbox["next_cursor"] is None
    assert as_user("ngo").get("/tasks").json()["data"] == []


def test_list_tasks_sorts_by_due_date_then_age(
    as_user: AsUser, clock: FakeClock, api_engine: Engine
) -> None:
    first = identify_task(as_user)
    clock.advance(timedelta(hours=1))
    second = identify_task(as_user)
    clock.advance(timedelta(hours=23, minutes=30))
    names = [(t["case_id"], t["name"]) for t in as_user("police").get("/tasks").json()["data"]]
    assert names == [
        (first["case_id"], "Identify the person"),
        (second["case_id"], "Identify the person"),
    ]
    # The first deadline passes: the engine opens an escalation; the first task keeps its
    # (now past) deadline, so it stays first and overdue; the escalation is due in 3 working
    # days (its dueParameter), so it comes last.
    api_engine.fire_due_timers()
    inbox = as_user("police").get("/tasks").json()["data"]
    names = [(t["case_id"], t["name"]) for t in inbox]
    assert names == [
        (first["case_id"], "Identify the person"),
        (second["case_id"], "Identify the person"),
        (first["case_id"], "Review overdue identification"),
    ]
    assert [t["overdue"] for t in inbox] == [True, False, False]
    # the relative due date: 30 minutes late, due in 30 minutes
    assert [t["due_in_seconds"] for t in inbox[:2]] == [-30 * 60, 30 * 60]
    assert inbox[2]["due_in_seconds"] > 3 * 24 * 3600


def test_list_tasks_filters(as_user: AsUser, clock: FakeClock) -> None:
    police = as_user("police")
    first = identify_task(as_user)
    clock.advance(timedelta(minutes=1))
    second = identify_task(as_user)
    police.post(f"/tasks/{first['id']}/claim")

    def ids(**params: str) -> list[object]:
        response = police.get("/tasks", params=params)
        assert response.status_code == 200, response.text
        return [t["id"] for t in response.json()["data"]]

    assert ids(status="claimed") == [first["id"]]
    assert ids(status="ready") == [second["id"]]
    assert ids(assignee="me") == [first["id"]]
    assert (
        as_user("police_supervisor").get("/tasks", params={"assignee": "me"}).json()["data"] == []
    )
    assert ids(case_id=str(second["case_id"])) == [second["id"]]
    assert ids(process_id="api_case") == [first["id"], second["id"]]
    assert ids(process_id="simple") == []
    assert ids(status="overdue") == []
    clock.advance(timedelta(hours=24, minutes=2))
    assert ids(status="overdue") == [first["id"], second["id"]]
    assert police.get("/tasks").json()["data"][0]["overdue"] is True
    for bad in ({"status": "done"}, {"assignee": "you"}, {"limit": "0"}, {"limit": "201"}):
        assert police.get("/tasks", params=bad).status_code == 422, bad


def test_list_tasks_pages_by_cursor_and_offset(as_user: AsUser, clock: FakeClock) -> None:
    police = as_user("police")
    expected = []
    for _ in range(5):
        expected.append(identify_task(as_user)["id"])
        clock.advance(timedelta(minutes=1))
    seen, cursor = [], None
    while True:
        params = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        page = police.get("/tasks", params=params).json()
        seen += [t["id"] for t in page["data"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == expected
    by_offset = police.get("/tasks", params={"limit": "2", "offset": "3"}).json()["data"]
    assert [t["id"] for t in by_offset] == expected[3:]
    assert police.get("/tasks", params={"cursor": "not-a-cursor"}).status_code == 422


def test_read_task_gives_form_schema_and_needed_data(as_user: AsUser) -> None:
    task = identify_task(as_user)
    detail = as_user("police").get(f"/tasks/{task['id']}").json()
    assert detail["form_schema"]["title"] == "Identification decision"
    assert detail["data"] == {
        "pseudonym": "Aigul",
        "full_name": "Asel Toktogulova",
        "date_of_birth": "2001-02-03",
        "age": 24,
        "intake_note": "Met at the bus station",
    }


def test_read_task_of_another_agency_is_403_and_unknown_is_404(as_user: AsUser) -> None:
    task = identify_task(as_user)
    response = as_user("ngo").get(f"/tasks/{task['id']}")
    assert response.status_code == 403
    assert response.headers["content-type"] == PROBLEM_JSON
    assert as_user("police").get("/tasks/00000000-0000-0000-0000-000000000000").status_code == 404


def test_claim_task_reserves_it_and_release_returns_it(as_user: AsUser) -> None:
    task = identify_task(as_user)
    police, other = as_user("police"), as_user("police_supervisor")
    claimed = police.post(f"/tasks/{task['id']}/claim").json()
    assert (claimed["status"], claimed["claimed_by"]) == ("claimed", "police")
    assert police.post(f"/tasks/{task['id']}/claim").status_code == 200  # again: harmless
    response = other.post(f"/tasks/{task['id']}/claim")
    assert response.status_code == 409
    assert response.json()["title"] == "Task claimed by someone else"
    released = police.post(f"/tasks/{task['id']}/release").json()
    assert (released["status"], released["claimed_by"]) == ("ready", None)


def test_complete_task_claimed_by_someone_else_is_409_but_supervisor_may(
    as_user: AsUser, client: object
) -> None:
    task = identify_task(as_user)
    as_user("police").post(f"/tasks/{task['id']}/claim")
    from tests.api.conftest import sign_in

    assert sign_in(client, "police_supervisor").status_code == 200  # type: ignore[arg-type]
    supervisor = as_user("police_supervisor")
    asked = complete(supervisor, str(task["id"]), PRESUMED)
    assert asked.status_code == 409 and asked.headers["content-type"] == PROBLEM_JSON
    assert asked.json()["title"] == "Confirm completing a task someone else claimed"
    assert "claimed by police" in asked.json()["detail"]
    assert "confirm_override" in asked.json()["detail"]
    response = supervisor.post(
        f"/tasks/{task['id']}/complete", json={"data": PRESUMED, "confirm_override": True}
    )
    assert response.status_code == 200
    assert response.json()["completed"]["completed_by"] == "police_supervisor"
    # The claimant reads in the case history who completed the task they held.
    history = as_user("police").get(f"/cases/{task['case_id']}/history").json()["data"]
    [done] = [e for e in history if e["action"] == "task.completed"]
    assert (done["actor"], done["detail"]) == ("police_supervisor", {"over_claim_of": "police"})


def test_a_supervisor_assigns_a_task_to_a_named_caseworker_of_the_agency(
    as_user: AsUser,
) -> None:
    task = identify_task(as_user)
    supervisor = as_user("police_supervisor")
    refused = as_user("police").post(f"/tasks/{task['id']}/assign", json={"username": "police"})
    assert refused.status_code == 403 and "Only supervisors assign" in refused.json()["detail"]
    for wrong in ("ngo", "nobody", "rapporteur"):
        response = supervisor.post(f"/tasks/{task['id']}/assign", json={"username": wrong})
        assert response.status_code == 422, wrong
        assert response.json()["errors"][0]["field"] == "username"
        assert "no active caseworker of the police agency" in response.json()["detail"]
    as_user("police_head").post(f"/tasks/{task['id']}/claim")
    assigned = supervisor.post(f"/tasks/{task['id']}/assign", json={"username": "police"})
    assert assigned.status_code == 200, assigned.text
    assert (assigned.json()["status"], assigned.json()["claimed_by"]) == ("claimed", "police")
    mine = as_user("police").get("/tasks", params={"assignee": "me"}).json()["data"]
    assert [t["id"] for t in mine] == [task["id"]]
    history = as_user("police").get(f"/cases/{task['case_id']}/history").json()["data"]
    [event] = [e for e in history if e["action"] == "task.assigned"]
    assert (event["actor"], event["detail"]) == (
        "police_supervisor",
        {"assignee": "police", "was_claimed_by": "police_head"},
    )
    assert complete(as_user("police"), str(task["id"]), PRESUMED).status_code == 200
    late = supervisor.post(f"/tasks/{task['id']}/assign", json={"username": "police"})
    assert late.status_code == 409


def test_complete_task_by_a_caseworker_not_claimant_is_409(
    as_user: AsUser, api_engine: Engine
) -> None:
    task = identify_task(as_user)
    api_engine.claim_task(str(task["id"]), actor="officer_2", agency="police")
    response = complete(as_user("police"), str(task["id"]), PRESUMED)
    assert response.status_code == 409
    assert as_user("police").post(f"/tasks/{task['id']}/release").status_code == 409
    assert as_user("police_supervisor").post(f"/tasks/{task['id']}/release").status_code == 200


def test_complete_task_returns_case_and_tasks_opened_next(as_user: AsUser) -> None:
    task = identify_task(as_user)
    response = complete(as_user("police"), str(task["id"]), PRESUMED)
    assert response.status_code == 200
    body = response.json()
    assert body["completed"]["status"] == "completed"
    assert [(t["name"], t["agency"]) for t in body["opened"]] == [("Provide shelter", "ngo")]
    assert body["case"]["status"] == "open"
    assert body["case"]["data"]["identification_result"] == "presumed_victim"


def test_complete_task_twice_is_409(as_user: AsUser) -> None:
    task = identify_task(as_user)
    police = as_user("police")
    assert complete(police, str(task["id"]), PRESUMED).status_code == 200
    response = complete(police, str(task["id"]), PRESUMED)
    assert response.status_code == 409
    assert response.json()["title"] == "Task not open"


def test_complete_task_with_invalid_data_is_422_naming_each_field(as_user: AsUser) -> None:
    task = identify_task(as_user)
    response = complete(
        as_user("police"),
        str(task["id"]),
        {"identification_result": "maybe", "referral_receiver": "police", "x": 1},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    errors = response.json()["errors"]
    assert {e["field"] for e in errors} == {"identification_result", "referral_receiver", "x"}
    assert all(e["message"] for e in errors)
    assert {e["field"]: e["code"] for e in errors} == {
        "identification_result": "enum", "referral_receiver": "enum", "x": "unknown",
    }  # fmt: skip
    assert as_user("police").post(f"/tasks/{task['id']}/complete", json={}).status_code == 422
    assert (
        as_user("police").post(f"/tasks/{task['id']}/complete", json={"data": 3}).status_code == 422
    )


def test_complete_task_with_idempotency_key_replays_first_result(
    as_user: AsUser, api_engine: Engine
) -> None:
    task = identify_task(as_user)
    police = as_user("police")
    headers = {"Idempotency-Key": "k-1"}
    first = complete(police, str(task["id"]), PRESUMED, headers=headers)
    again = complete(police, str(task["id"]), PRESUMED, headers=headers)
    assert (first.status_code, again.status_code) == (200, 200)
    assert first.json() == again.json()
    with Session(api_engine.db) as session:
        actions = session.execute(
            select(AuditEvent.action).where(AuditEvent.task_id == task["id"])
        ).scalars()
        assert list(actions) == ["task.completed"]
        # The replay showed identity fields again: it is recorded like the first response.
        records = session.execute(select(AccessRecord.endpoint)).scalars().all()
        assert records == ["POST /tasks/{id}/complete"] * 2


def test_complete_task_with_reused_idempotency_key_and_other_body_is_422(
    as_user: AsUser,
) -> None:
    task = identify_task(as_user)
    police = as_user("police")
    headers = {"Idempotency-Key": "k-2"}
    assert complete(police, str(task["id"]), PRESUMED, headers=headers).status_code == 200
    other = complete(
        police, str(task["id"]), {"identification_result": "not_victim"}, headers=headers
    )
    assert other.status_code == 422
    assert other.json()["title"] == "Idempotency key reused"


def test_complete_task_failed_first_attempt_is_not_replayed(as_user: AsUser) -> None:
    task = identify_task(as_user)
    police = as_user("police")
    headers = {"Idempotency-Key": "k-3"}
    bad = complete(police, str(task["id"]), {"identification_result": "maybe"}, headers=headers)
    assert bad.status_code == 422
    assert (
        complete(police, str(task["id"]), PRESUMED, headers={"Idempotency-Key": "k-4"}).status_code
        == 200
    )


def test_complete_task_with_malformed_idempotency_key_is_422(as_user: AsUser) -> None:
    task = identify_task(as_user)
    for key in ("", "x" * 256, "has space"):
        response = complete(
            as_user("police"), str(task["id"]), PRESUMED, headers={"Idempotency-Key": key}
        )
        assert response.status_code == 422, key


def test_an_overdue_task_reaches_the_supervisors_escalated_view_then_the_head(
    as_user: AsUser, clock: FakeClock, api_engine: Engine
) -> None:
    task = identify_task(as_user)  # the identifying authority's decision (police), due in 24 h
    supervisor, head = as_user("police_supervisor"), as_user("police_head")

    def escalated(actor: Any) -> list[tuple[object, object]]:
        response = actor.get("/tasks", params={"status": "escalated"})
        assert response.status_code == 200, response.text
        return [(t["id"], (t["escalation"] or {}).get("rung")) for t in response.json()["data"]]

    assert escalated(supervisor) == [] and task["escalation"] is None
    clock.advance(timedelta(hours=24))
    api_engine.fire_due_timers()
    api_engine.fire_due_escalations()
    assert escalated(supervisor) == [(task["id"], 1)]
    assert escalated(head) == [(task["id"], 1)]  # a head is a supervisor too
    assert escalated(as_user("commission_supervisor")) == []
    listed = only(as_user("police").get("/tasks").json()["data"], "Identify the person")
    assert listed["escalation"] == {
        "rung": 1,
        "agency": "police",
        "role": "supervisor",
        "fired_at": "2026-01-06T09:00:00Z",
    }
    refused = as_user("police").get("/tasks", params={"status": "escalated"})
    assert refused.status_code == 403 and refused.headers["content-type"] == PROBLEM_JSON
    assert "supervisors and heads" in refused.json()["detail"]
    # A decision goes up to the head of the identifying authority, not to the commission.
    clock.advance(timedelta(days=7))
    api_engine.fire_due_escalations()
    detail = as_user("police").get(f"/tasks/{task['id']}").json()
    assert detail["escalation"]["rung"] == 2 and detail["escalation"]["role"] == "head"
    assert escalated(as_user("commission_supervisor")) == []
    assert (task["id"], 2) in escalated(head)
    history = as_user("police").get(f"/cases/{task['case_id']}/history").json()["data"]
    assert [e["action"] for e in history].count("task.escalated") >= 2
    # Done: it leaves every escalated view.
    assert complete(as_user("police"), str(task["id"]), PRESUMED).status_code == 200
    assert task["id"] not in [t for t, _ in escalated(head)]

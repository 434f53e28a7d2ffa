"""Messages to a waiting case over the API: GET/POST /cases/{id}/messages, refusals that
change nothing (409, 403, 422), Idempotency-Key, need-to-know and access records."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine as Database
from sqlmodel import Session

from api.models import AccessRecord
from engine.config import Settings
from engine.facade import Engine
from engine.models import AuditEvent, Case
from engine.sources import read_paths
from engine.spiff.clock import FakeClock
from tests.api.conftest import PROBLEM_JSON, AsUser, complete, create_users, only

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "messages"
DOCUMENTS = {"document_number": "AN 123456", "issued_on": "2026-01-06"}


@pytest.fixture
def api_engine(db: Database, api_settings: Settings, clock: FakeClock) -> Engine:
    """An engine with the message fixtures (msg_parent calls msg_child) and users."""
    engine = Engine(db, settings=api_settings, clock=clock)
    engine.deploy(read_paths([FIXTURES]), deployed_by="test")
    create_users(db, clock.now())
    return engine


def waiting_for_documents(api_engine: Engine, as_user: AsUser) -> str:
    """A case whose consulate requested the travel documents: it waits for them."""
    case_id = api_engine.start_case(
        "msg_parent", {"pseudonym": "Aigul"}, agency="social", actor="social"
    ).case.id
    consular = as_user("consular")
    [task] = consular.get("/tasks", params={"case_id": case_id}).json()["data"]
    assert complete(consular, task["id"], {}).status_code == 200
    return case_id


def version(db: Database, case_id: str) -> int:
    with Session(db) as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.version


def test_get_lists_what_the_case_waits_for_and_who_may_send(
    api_engine: Engine, as_user: AsUser
) -> None:
    case_id = waiting_for_documents(api_engine, as_user)
    response = as_user("consular").get(f"/cases/{case_id}/messages")
    assert response.status_code == 200, response.text
    items = {m["name"]: m for m in response.json()["items"]}
    assert sorted(items) == ["consent_withdrawn", "travel_documents_issued"]
    documents = items["travel_documents_issued"]
    assert documents["senders"] == ["consular"]
    assert documents["may_send"] is True
    assert documents["form"] == "msg_documents.schema.json"
    assert documents["form_schema"]["required"] == ["document_number", "issued_on"]
    assert items["consent_withdrawn"]["may_send"] is False
    # An agency that takes no part in the case does not see it.
    assert as_user("police").get(f"/cases/{case_id}/messages").status_code == 403


def test_post_delivers_the_message_and_the_case_moves_on(
    api_engine: Engine, as_user: AsUser, db: Database
) -> None:
    case_id = waiting_for_documents(api_engine, as_user)
    consular = as_user("consular")
    headers = {"Idempotency-Key": "docs-1"}
    body = {"name": "travel_documents_issued", "data": DOCUMENTS}
    first = consular.post(f"/cases/{case_id}/messages", json=body, headers=headers)
    assert first.status_code == 200, first.text
    step = first.json()
    assert [t["name"] for t in step["opened"]] == ["Organise travel"]
    assert step["case"]["data"]["document_number"] == "AN 123456"  # the sender sees it
    again = consular.post(f"/cases/{case_id}/messages", json=body, headers=headers)
    assert again.status_code == 200
    assert again.json()["opened"] == step["opened"]
    with Session(db) as session:
        delivered = session.execute(
            select(AuditEvent.action).where(AuditEvent.action == "message.delivered")
        ).all()
        records = session.execute(select(AccessRecord.endpoint, AccessRecord.fields)).all()
    assert len(delivered) == 1  # the replay did not act twice
    assert [r.endpoint for r in records] == ["POST /cases/{id}/messages"] * 2
    assert all("document_number" in r.fields for r in records)
    # The social services (no task showing it, not its message) do not see the document.
    case = as_user("social").get(f"/cases/{case_id}").json()
    assert "document_number" not in case["data"]


@pytest.mark.parametrize(
    ("user", "body", "status", "title"),
    [
        ("consular", {"name": "documents_refused", "data": {}}, 409, "Message not awaited"),
        ("consular", {"name": "no_such", "data": {}}, 409, "Message not awaited"),
        ("social", {"name": "travel_documents_issued", "data": DOCUMENTS}, 403, None),
        ("police", {"name": "travel_documents_issued", "data": DOCUMENTS}, 403, None),
        (
            "consular",
            {"name": "travel_documents_issued", "data": {"issued_on": "soon"}},
            422,
            "Invalid data",
        ),
    ],
)
def test_a_refused_message_is_a_problem_and_changes_nothing(
    api_engine: Engine,
    as_user: AsUser,
    db: Database,
    user: str,
    body: dict[str, object],
    status: int,
    title: str | None,
) -> None:
    case_id = waiting_for_documents(api_engine, as_user)
    before = version(db, case_id)
    response = as_user(user).post(f"/cases/{case_id}/messages", json=body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    problem = response.json()
    if title:
        assert problem["title"] == title
    if status == 409:
        assert body["name"] in problem["detail"]
        assert "travel_documents_issued" in problem["detail"]
    if status == 422:
        fields = {e["field"] for e in problem["errors"]}
        assert fields == {"document_number", "issued_on"}
    assert version(db, case_id) == before
    with Session(db) as session:
        assert not session.execute(
            select(AuditEvent.id).where(AuditEvent.action == "message.delivered")
        ).all()


def test_a_sender_that_took_no_part_yet_may_send_what_the_case_waits_for(
    api_engine: Engine, as_user: AsUser
) -> None:
    case_id = api_engine.start_case(
        "msg_parent", {"pseudonym": "Aigul"}, agency="consular", actor="consular"
    ).case.id
    # The NGO has no task in the case, but the diagram lets it report a withdrawn consent.
    ngo = as_user("ngo")
    assert ngo.get(f"/cases/{case_id}").status_code == 403
    response = ngo.post(
        f"/cases/{case_id}/messages",
        json={"name": "consent_withdrawn", "data": {"withdrawn_on": "2026-01-05"}},
    )
    assert response.status_code == 200, response.text
    assert [t["name"] for t in response.json()["opened"]] == ["Settle the withdrawal"]
    assert only(response.json()["case"]["open_tasks"], "Settle the withdrawal")["agency"] == (
        "social"
    )


def test_no_personal_data_for_an_agency_the_person_withdrew_consent_from() -> None:
    from api.services.visibility import may_see_personal

    data = {
        "referral_receiver": "ngo",
        "referral_decision": "accepted",
        "consent_withdrawn_from": ["consular", "police"],
    }
    params = {"identifying_authority": "police"}
    assert not may_see_personal(agency="consular", data=data, serving=[], params=params)
    assert not may_see_personal(agency="police", data=data, serving=[], params=params)
    assert may_see_personal(agency="ngo", data=data, serving=[], params=params)
    assert may_see_personal(agency="consular", data={}, serving=[], params=params)

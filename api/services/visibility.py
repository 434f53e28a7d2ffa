"""Need to know: which agencies take part in a case, and which case fields each may see.

- An agency takes part in a case when it reported it or one of its lanes has or had a
  task in it (any human_task row, open or done).
- It sees CASE_CORE_FIELDS and the outcome of the status decision (OUTCOME_FIELDS: what was
  decided and when, on the first decision and on its review, never its basis nor the
  official: the police file), plus the fields (`properties` and `x-context`) of the forms of
  its own tasks in the case and of the messages the diagram lets it send (`messageSenders`
  naming its role: it wrote what they carry); the reporting agency also sees its report
  form's fields.
- Personal fields (`x-personal` in any form of the case's version) only go to: the agency
  serving the person now (an open task in the case outside the deciding lanes, or the
  `referral_receiver` once it may hold her identity: a child's, one she agreed to share her
  data with, or one that accepted the referral — not a receiver named while she is still being
  asked about it), `consular` (whose forms hold identity and travel data), and the
  identifying authority (parameter `identifying_authority`) only for a child
  (`presumed_child`) or an adult who consented to a police report (`consent_police_report`,
  not withdrawn since): without that consent the police and the deciding authority work on
  pseudonymised data (brief §7 rule 2). An open task in a deciding lane (the identifying
  authority's decisions, the review of a negative decision) decides about the person and
  does not make its agency a serving one; nor does an open task of law enforcement (the
  police's witness protection): the police see her identity only where they may know it
  (`police_may_know`), so a protection task opened before she took back her police report
  never shows it again (review 4, N-11). Always within the fields above.
- Never to an agency the person withdrew consent from (`consent_withdrawn_from`, recorded
  by the message `consent_withdrawn` or `consent_limited`): sharing with it stops from then
  on — except child protection in a child's case (review R5-6). Such an agency keeps what it
  had (the trail up to the limitation, its own steps and
  decisions, its own open tasks) but no longer follows the case (page review P-2): no later
  step of other agencies, no open task of theirs, no SOP it is in now, no diagram
  (api/services/limitation.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import bindparam, exists, or_
from sqlalchemy import select as core_select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, SQLModel, col, select

from api.errors import NotParticipantError
from api.services.childsafety import CHILD_PEOPLE, child_safety_fields
from api.services.limitation import withdrawn_from
from engine.agencies import resolve_lane
from engine.facade import Engine
from engine.forms import declared_fields, personal_fields
from engine.library import LoadedVersion
from engine.models import Case, HumanTask, TaskStatus

# Non-identifying case fields every participating agency sees.
CASE_CORE_FIELDS = frozenset(
    {
        "pseudonym",
        "region",
        "presumed_child",
        "is_foreign",
        "exploitation_type",
        "reporting_agency",
    }
)
# The outcome of the formal status decision and of its review: what the serving agency tells
# the person and what her help depends on (page review F-F), so every agency taking part sees
# it; the basis, reasons and officials stay with the deciding lanes' forms.
OUTCOME_FIELDS = frozenset(
    {
        "identification_decision",
        "identification_decision_date",
        "status_review_outcome",
        "status_review_date",
    }
)
# The case field naming the agencies the person withdrew consent from (no more personal data).
# Agencies that may see identity fields besides the identifying authority and the serving one.
IDENTITY_AGENCIES = frozenset({"consular"})
# Lanes whose tasks decide about the person instead of serving her: an open task there does not
# make its agency one that serves the person now.
DECIDING_LANES = frozenset({"lane_identifying_authority", "lane_decision_reviewer"})
# Lanes of law enforcement: an open task there does not make its agency a serving one either;
# the police see identity only where they may know it (`police_may_know`, review 4 N-11/N-13).
LAW_ENFORCEMENT_LANES = frozenset({"lane_police"})
LAW_ENFORCEMENT = frozenset({"police"})
# Lanes whose open tasks never make their agency one serving the person now.
NOT_SERVING_LANES = DECIDING_LANES | LAW_ENFORCEMENT_LANES


class OpenTaskLike(Protocol):
    """What the serving test needs of an open task: its agency and its lane."""

    @property
    def agency(self) -> str | None: ...

    @property
    def lane(self) -> str | None: ...


class CaseLike(Protocol):
    """What projection needs of a case: a `Case` row, or a `CaseKey` read in a step."""

    @property
    def id(self) -> str: ...

    @property
    def reporting_agency(self) -> str: ...

    @property
    def process_version_id(self) -> int: ...


@dataclass(frozen=True)
class Projection:
    """Case data cut to what one agency may see, and the personal fields it contains."""

    data: dict[str, Any]
    personal: list[str]


_TASKS = SQLModel.metadata.tables["human_task"]
_OPEN_AGENCIES = (
    core_select(_TASKS.c.agency)
    .where(
        _TASKS.c.case_id == bindparam("case_id"),
        _TASKS.c.status == TaskStatus.READY.value,
        or_(_TASKS.c.lane.is_(None), _TASKS.c.lane.not_in(sorted(NOT_SERVING_LANES))),
    )
    .distinct()
)


def takes_part(agency: str) -> ColumnElement[bool]:
    """SQL condition: the agency reported the case or has (had) a task in it."""
    return or_(
        col(Case.reporting_agency) == agency,
        exists().where(col(HumanTask.case_id) == col(Case.id), col(HumanTask.agency) == agency),
    )


def require_participant(session: Session, case: Case, agency: str) -> None:
    """403 unless the agency takes part in the case."""
    found = session.exec(select(Case.id).where(Case.id == case.id, takes_part(agency))).first()
    if found is None:
        raise NotParticipantError(
            f"Your agency takes no part in case {case.number}.", case_id=case.id
        )


def version_of(engine: Engine, session: Session, case: CaseLike) -> LoadedVersion:
    """The parsed process version a case runs on (cached by the library)."""
    return engine.library.version(session, case.process_version_id)


# Field sets computed from a version's forms, kept per parsed version (its id, the object
# kept alive so the id is not reused): parsed versions are shared and read-only.
_FIELD_SETS: dict[tuple[Any, ...], tuple[LoadedVersion, frozenset[str]]] = {}
_MAX_FIELD_SETS = 4096


def _field_set(
    loaded: LoadedVersion, key: tuple[Any, ...], build: Callable[[], set[str]]
) -> frozenset[str]:
    cached = _FIELD_SETS.get((id(loaded), *key))
    if cached is not None and cached[0] is loaded:
        return cached[1]
    fields = frozenset(build())
    if len(_FIELD_SETS) >= _MAX_FIELD_SETS:
        _FIELD_SETS.clear()
    _FIELD_SETS[(id(loaded), *key)] = (loaded, fields)
    return fields


def case_personal_fields(loaded: LoadedVersion) -> frozenset[str]:
    """Every field any form of the case's version marks `x-personal`."""

    def build() -> set[str]:
        found: set[str] = set()
        for form in loaded.bundle.forms.values():
            found |= personal_fields(form)
        return found

    return _field_set(loaded, ("personal",), build)


def agency_case_fields(
    session: Session,
    loaded: LoadedVersion,
    case: CaseLike,
    agency: str,
    data: Mapping[str, Any] | None = None,
    params: Mapping[str, Any] | None = None,
) -> frozenset[str]:
    """The case fields an agency's own forms in this case declare, plus the core fields and
    the status decision's outcome. The messages it may send are those whose senders name
    its role, a role of the case (`first_responder`, `receiver`) resolved from the case's
    `data` as the engine resolves it (without `data`, only fixed roles)."""
    forms = Engine.agency_forms(session, case.id, agency)
    reporting = agency == case.reporting_agency
    sent = tuple(
        sorted(
            {
                str(message.schema)
                for message in loaded.bundle.messages.values()
                if message.schema and _sends(agency, message.senders, data, params)
            }
        )
    )

    def build() -> set[str]:
        fields = set(CASE_CORE_FIELDS | OUTCOME_FIELDS)
        for name in (*forms, *sent):
            fields |= declared_fields(loaded.bundle.form(name))
        if reporting:
            fields |= declared_fields(loaded.bundle.form(loaded.definition.start_form))
        return fields

    return _field_set(loaded, ("agency", agency, reporting, forms, sent), build)


def _sends(
    agency: str,
    senders: Iterable[str],
    data: Mapping[str, Any] | None,
    params: Mapping[str, Any] | None,
) -> bool:
    """True when one of a message's sender roles is the agency in this case."""
    for role in senders:
        if role == agency:
            return True
        if data is not None and resolve_lane(f"lane_{role}", data, params or {}) == agency:
            return True
    return False


def serving_agencies(tasks: Iterable[OpenTaskLike]) -> frozenset[str]:
    """The agencies serving the person now: those with an open task outside the deciding
    and law-enforcement lanes."""
    return frozenset(t.agency for t in tasks if t.agency and t.lane not in NOT_SERVING_LANES)


def open_agencies(session: Session, case_id: str) -> frozenset[str]:
    """Agencies with an open task in the case outside the deciding and law-enforcement lanes
    (the ones serving the person now)."""
    rows = session.connection().execute(_OPEN_AGENCIES, {"case_id": case_id}).scalars()
    return frozenset(a for a in rows if a)


def may_see_personal(
    *,
    agency: str,
    data: Mapping[str, Any],
    serving: Iterable[str],
    params: Mapping[str, Any],
) -> bool:
    """True for the serving agency, consular, and the identifying authority or the police in a
    child's case or with consent to a police report — unless the person withdrew consent to
    share with that agency."""
    if withdrawn_from(data, agency) and not _child_protection_of_a_child(agency, data):
        return False
    if agency in IDENTITY_AGENCIES or agency == agreed_receiver(data):
        return True
    if agency in set(serving):
        return True
    knowing = LAW_ENFORCEMENT | {params.get("identifying_authority")}
    return agency in knowing and police_may_know(data)


def _child_protection_of_a_child(agency: str, data: Mapping[str, Any]) -> bool:
    """Child protection in a child's case: a withdrawal (sent by her guardian, who may be a
    suspect) never cuts it off — a child's case needs no consent (brief §7 rule 8, review R5-6)."""
    return agency == "child_protection" and data.get("presumed_child") is True


def agreed_receiver(data: Mapping[str, Any]) -> str | None:
    """The referral's receiver when it may hold the person's identity: a child's (the law sends
    a child's referral to child protection), one in the receivers she agreed to share her data
    with, or one that accepted the referral (it reached the receiver only with her consent).
    A receiver named (by the first responder or the commission) while she is still being
    asked about it is not one (referral.bpmn `task_ask_consent`)."""
    receiver = data.get("referral_receiver")
    if not isinstance(receiver, str):
        return None
    agreed = data.get("referral_consent_receivers")
    if (
        data.get("presumed_child") is True
        or data.get("referral_decision") == "accepted"
        or (isinstance(agreed, list) and receiver in agreed)
    ):
        return receiver
    return None


def police_may_know(data: Mapping[str, Any]) -> bool:
    """A child's case (reported whatever she says), or an adult who consented to a police
    report and has not withdrawn that consent — or who withdrew it but answered that the
    police may keep her identity (proceedings.bpmn `task_police_report_withdrawn`)."""
    if data.get("presumed_child") is True:
        return True
    if data.get("consent_police_report") is not True:
        return False
    if not data.get("consent_police_report_withdrawn"):
        return True
    return data.get("police_report_withdrawal_police_excluded") is False


def project(
    data: Mapping[str, Any],
    *,
    fields: Iterable[str],
    personal: frozenset[str],
    personal_allowed: bool,
) -> Projection:
    """Keep only `fields`, and personal ones only when allowed."""
    kept = {
        name: data[name]
        for name in sorted(set(fields))
        if name in data and (personal_allowed or name not in personal)
    }
    return Projection(kept, sorted(name for name in kept if name in personal))


def projected_data(
    *,
    engine: Engine,
    session: Session,
    case: CaseLike,
    agency: str,
    data: Mapping[str, Any],
    serving: Iterable[str] | None = None,
) -> Projection:
    """The case data an agency may see, with the personal fields it contains; `serving`
    (the agencies with an open task) is read from the task table when not given."""
    loaded = version_of(engine, session, case)
    allowed = may_see_personal(
        agency=agency,
        data=data,
        serving=open_agencies(session, case.id) if serving is None else serving,
        params=engine.settings.params,
    )
    return project(
        data,
        fields=agency_case_fields(
            session, loaded, case, agency, data=data, params=engine.settings.params
        ),
        personal=case_personal_fields(loaded),
        personal_allowed=allowed,
    )


def child_people(
    *, engine: Engine, session: Session, case: CaseLike, agency: str, data: Mapping[str, Any]
) -> Projection:
    """The people a child's case knows around the child (`CHILD_PEOPLE`), for the form that
    records who withdrew the child's consent (pages review 4, P4-3: it offered "the guardian
    or a parent" without saying which guardian, nor that a parent is suspected); names only
    to an agency that may see personal data. Nothing in an adult's case."""
    if data.get("presumed_child") is not True:
        return Projection({}, [])
    return _gated(engine, session, case, agency, data, CHILD_PEOPLE)


def _gated(
    engine: Engine,
    session: Session,
    case: CaseLike,
    agency: str,
    data: Mapping[str, Any],
    fields: Iterable[str],
) -> Projection:
    """These fields of the case data, personal ones only where the agency may see them."""
    allowed = may_see_personal(
        agency=agency,
        data=data,
        serving=open_agencies(session, case.id),
        params=engine.settings.params,
    )
    personal = case_personal_fields(version_of(engine, session, case))
    return project(data, fields=fields, personal=personal, personal_allowed=allowed)


def form_data(
    *,
    engine: Engine,
    session: Session,
    case: CaseLike,
    agency: str,
    form: str | None,
    data: Mapping[str, Any],
) -> Projection:
    """The case data one task's form needs (its fields and x-context, and in a child's case
    what the agency must know of the child's safety), personal ones gated."""
    declared = declared_fields(version_of(engine, session, case).bundle.form(form))
    fields = declared | set(child_safety_fields(agency, data))
    return _gated(engine, session, case, agency, data, fields)

"""Who may do what: roles per user, agencies per lane. One place, checked by the services.

Roles: `caseworker` and `supervisor` work cases in their agency's lanes (a supervisor also
sees the tasks escalated to the agency's supervisors, reassigns and overrides claims);
`head` heads an agency's casework and sees what its ladder takes past the supervisors;
`policy` deploys diagrams and moves open cases to a new version; `reviewer` reads process
definitions and checks proposed ones (validation, migration preview); `admin` administers
accounts (the `/users` routes, api/services/users.py);
`rapporteur` reads statistics only (policy staff read them too: aggregates, small counts
withheld). Only caseworkers and supervisors of an agency that has lanes see cases, tasks or
any case data; every other role is refused (403).
"""

from __future__ import annotations

from dataclasses import dataclass

from api.errors import RoleRequiredError
from engine.agencies import ROLES

CASEWORK_ROLES = frozenset({"caseworker", "supervisor", "head"})
ESCALATION_ROLES = frozenset({"supervisor", "head"})
PROCESS_READER_ROLES = CASEWORK_ROLES | {"policy", "reviewer", "admin"}
PROCESS_CHECKER_ROLES = frozenset({"policy", "reviewer"})
STATISTICS_ROLES = frozenset({"rapporteur", "policy"})
LANE_AGENCIES = frozenset(r.code for r in ROLES if r.has_tasks)
FIRST_RESPONDERS = frozenset(r.code for r in ROLES if r.first_responder and r.has_tasks)


@dataclass(frozen=True)
class Caller:
    """The signed-in user of a request."""

    user_id: int
    username: str
    agency: str | None
    roles: frozenset[str]

    @property
    def is_supervisor(self) -> bool:
        """True for a supervisor (may complete or release a task another user claimed)."""
        return "supervisor" in self.roles


def casework_agency(caller: Caller) -> str:
    """The caller's agency, if the caller works cases in it; else 403."""
    if caller.roles & CASEWORK_ROLES and caller.agency in LANE_AGENCIES:
        return caller.agency
    raise RoleRequiredError(
        "Only caseworkers and supervisors of an agency with lanes work cases and tasks.",
        roles=sorted(caller.roles),
    )


def starting_agency(caller: Caller) -> str:
    """The caller's agency, if it may report a presumed victim (start a case); else 403."""
    agency = casework_agency(caller)
    if agency not in FIRST_RESPONDERS:
        raise RoleRequiredError(
            f"The {agency} agency does not report cases (it is no first responder).",
            agency=agency,
        )
    return agency


def escalation_roles(caller: Caller) -> tuple[str, frozenset[str]]:
    """The caller's agency and the roles escalations reach them by; else 403."""
    agency = casework_agency(caller)
    roles = caller.roles & ESCALATION_ROLES
    if not roles:
        raise RoleRequiredError(
            "Escalations go to supervisors and heads; your roles see your agency's inbox.",
            roles=sorted(caller.roles),
        )
    return agency, roles


def supervising_agency(
    caller: Caller, refusal: str = "Only supervisors read access records."
) -> str:
    """The caller's agency, if the caller supervises in it; else 403 saying `refusal`."""
    agency = casework_agency(caller)
    if not caller.is_supervisor:
        raise RoleRequiredError(refusal, roles=sorted(caller.roles))
    return agency


def require_process_reader(caller: Caller) -> None:
    """Process definitions are for caseworkers, supervisors, policy, reviewers and admins."""
    if not caller.roles & PROCESS_READER_ROLES:
        raise RoleRequiredError("Your role reads statistics only.", roles=sorted(caller.roles))


def require_process_checker(caller: Caller) -> None:
    """Validating diagrams and previewing a migration are for policy staff and reviewers."""
    if not caller.roles & PROCESS_CHECKER_ROLES:
        raise RoleRequiredError(
            "Only policy staff and reviewers check diagrams and migrations.",
            roles=sorted(caller.roles),
        )


def require_policy(caller: Caller) -> None:
    """Deploying diagrams and moving open cases to a new version are for policy staff."""
    if "policy" not in caller.roles:
        raise RoleRequiredError(
            "Only policy staff deploy diagrams and migrate cases.", roles=sorted(caller.roles)
        )


def require_rapporteur(caller: Caller) -> None:
    """Case-level files, even de-identified, are for the national rapporteur alone."""
    if "rapporteur" not in caller.roles:
        raise RoleRequiredError(
            "Only the national rapporteur exports case-level statistics.",
            roles=sorted(caller.roles),
        )


def require_statistics_reader(caller: Caller) -> None:
    """Monitoring figures are for the national rapporteur and policy staff."""
    if not caller.roles & STATISTICS_ROLES:
        raise RoleRequiredError(
            "Only the national rapporteur and policy staff read statistics.",
            roles=sorted(caller.roles),
        )

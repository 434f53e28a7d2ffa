"""What an API request reads and writes beside a step: its caller, its task and case, the
key columns of a case, an agency's forms in it, access records (engine.rowsql's SQL)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.engine import Engine as Database
from sqlmodel import Session

from engine import rowsql, store, trail
from engine.driversql import reading
from engine.rowsql import CaseKey, CaseRow, TaskRow, TokenRow


class RequestRows:
    """The facade's reads for requests (mixed into `engine.facade.Engine`)."""

    db: Database

    def read_token(self, token_id: str) -> TokenRow | None:
        """A bearer token and its user, or None (on a pooled connection, no transaction)."""
        with reading(self.db) as sql:
            return rowsql.token(sql, token_id)

    def read_token_and_task(
        self, token_id: str, task_id: str
    ) -> tuple[TokenRow | None, tuple[TaskRow, CaseRow] | None]:
        """The token and its user, and the task and its case, in one statement."""
        with reading(self.db) as sql:
            return rowsql.token_and_task(sql, token_id, task_id)

    def read_task_and_case(self, task_id: str) -> tuple[TaskRow, CaseRow] | None:
        """A task and its case (without its state), or None."""
        with reading(self.db) as sql:
            return rowsql.task_and_case(sql, task_id)

    @staticmethod
    def token_in(session: Session, token_id: str) -> TokenRow | None:
        """A bearer token and its user, read in the session's transaction."""
        return rowsql.token(store.sql(session), token_id)

    @staticmethod
    def case_key(session: Session, case_id: str) -> CaseKey:
        """The key columns of a case that exists, in the session's transaction."""
        return rowsql.case_key(store.sql(session), case_id)

    @staticmethod
    def agency_forms(session: Session, case_id: str, agency: str) -> frozenset[str | None]:
        """The forms of the agency's tasks (open or done) in a case."""
        return rowsql.agency_forms(store.sql(session), case_id, agency)

    @staticmethod
    def add_access_record(
        session: Session,
        *,
        at: datetime,
        username: str,
        agency: str | None,
        case_id: str,
        task_id: str | None,
        endpoint: str,
        fields: Sequence[str],
    ) -> None:
        """Insert one access record (api.models.AccessRecord) in the session's transaction."""
        row = {
            "at": at,
            "username": username,
            "agency": agency,
            "case_id": case_id,
            "task_id": task_id,
            "endpoint": endpoint,
            "fields": sorted(fields),
        }
        trail.append(store.sql(session), "access_record", row)

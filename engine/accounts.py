"""Agencies and user accounts: password hashing and the demo set-up."""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from engine.agencies import ROLES
from engine.errors import ProductionRefusedError
from engine.models import Agency, User

_HASHER = PasswordHasher()

# Users who belong to no agency lane, with what they do.
STAFF_USERS: dict[str, tuple[str | None, list[str]]] = {
    "policy": (None, ["policy"]),
    "reviewer": (None, ["reviewer"]),
    "rapporteur": ("rapporteur", ["rapporteur"]),
    "admin": (None, ["admin"]),
}


def hash_password(password: str) -> str:
    """An argon2 hash of a password."""
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when the password matches the hash."""
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def ensure_agencies(session: Session, now: datetime) -> int:
    """Create the agency rows of the brief that are missing; returns how many were added."""
    existing = set(session.exec(select(Agency.code)).all())
    added = [
        Agency(code=r.code, name=r.name, holder=r.holder, valid_from=now)
        for r in ROLES
        if r.code not in existing
    ]
    session.add_all(added)
    return len(added)


def upsert_user(
    session: Session,
    *,
    username: str,
    password: str,
    agency: str | None,
    roles: list[str],
    now: datetime,
) -> User:
    """Create a user, or reset an existing one's password, agency and roles."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        user = User(
            username=username,
            password_hash=hash_password(password),
            agency=agency,
            roles=roles,
            created_at=now,
        )
    else:
        user.password_hash, user.agency, user.roles = hash_password(password), agency, roles
    session.add(user)
    return user


def create_demo(session: Session, *, password: str, production: bool, now: datetime) -> list[str]:
    """One caseworker per agency role (username = role code), a supervisor (`<code>_supervisor`)
    and a head (`<code>_head`) per agency, and the staff users; refused in production."""
    if production:
        raise ProductionRefusedError("Demo users are refused when NRM_ENV=production.")
    ensure_agencies(session, now)
    session.flush()
    names = []
    for role in ROLES:
        if not role.has_tasks:
            continue
        upsert_user(
            session,
            username=role.code,
            password=password,
            agency=role.code,
            roles=["caseworker"],
            now=now,
        )
        upsert_user(
            session,
            username=f"{role.code}_supervisor",
            password=password,
            agency=role.code,
            roles=["caseworker", "supervisor"],
            now=now,
        )
        upsert_user(
            session,
            username=f"{role.code}_head",
            password=password,
            agency=role.code,
            roles=["caseworker", "supervisor", "head"],
            now=now,
        )
        names += [role.code, f"{role.code}_supervisor", f"{role.code}_head"]
    for username, (agency, roles) in STAFF_USERS.items():
        upsert_user(
            session, username=username, password=password, agency=agency, roles=roles, now=now
        )
        names.append(username)
    return names

"""A sign-in that lasts while the user works: past half its life, the session's API token is
swapped for a fresh one of the same user (api.security.renew_token) and the cookie updated.

The old token ends a moment later rather than at once, so a request already under way
with it (another tab) still passes. Sliding stops a working day after the password was
last given: then the sign-in ends with its token, and the next page asks for it again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from api.security import renew_token
from api.services.policy import Caller
from engine.config import Settings
from engine.facade import Engine
from forms.web.session import WebSession

GRACE = timedelta(seconds=60)
LONGEST_SIGN_IN = timedelta(hours=12)


def due(session: WebSession, lifetime: timedelta, now: datetime) -> bool:
    """True when the session's token is past half its life (or its end is not recorded)."""
    expires = session.token_expires
    return expires is None or expires - now < lifetime / 2


def slide(engine: Engine, settings: Settings, session: WebSession, caller: Caller) -> bool:
    """Renew the session's token when it is past half its life; True when renewed."""
    now = engine.clock.now()
    lifetime = timedelta(minutes=settings.token_minutes)
    started = session.signed_in_at
    if session.token is None or not due(session, lifetime, now):
        return False
    if started is not None and now - started >= LONGEST_SIGN_IN:
        return False
    fresh = renew_token(
        db=engine.db,
        settings=settings,
        token=session.token,
        user_id=caller.user_id,
        now=now,
        grace=min(GRACE, lifetime / 4),
    )
    if fresh is None:
        return False
    session.hold(fresh, now, fresh_sign_in=False)
    return True

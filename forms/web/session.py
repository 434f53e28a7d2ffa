"""The browser session: a signed cookie (HttpOnly, SameSite=Lax, Secure outside development)
holding the user's API token (and when it ends), a CSRF token and the chosen language.

Signing in goes through the API's own password check and lockout and issues an ordinary
API token, so expiry and revocation work exactly as for the API; signing out revokes it.
While the user works the token is swapped for a fresh one (forms.web.sliding).
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

from api.schemas import TokenPublic
from engine.config import Settings
from forms.translate import language

COOKIE = "nrm_session"
SALT = "nrm.web.session"
# The cookie outlives no token: a token's own expiry ends the sign-in sooner.
MAX_AGE_SECONDS = 12 * 3600


@dataclass
class WebSession:
    """What the session cookie carries; `changed` when it must be sent again."""

    data: dict[str, Any] = field(default_factory=dict)
    changed: bool = False

    @property
    def csrf(self) -> str:
        """The CSRF token every form of this session posts back."""
        return str(self.data.get("csrf", ""))

    @property
    def token(self) -> str | None:
        """The signed-in user's API token, if any."""
        token = self.data.get("token")
        return token if isinstance(token, str) else None

    @property
    def token_expires(self) -> datetime | None:
        """When the session's token ends (None for a session from before it was recorded)."""
        return _moment(self.data.get("token_expires"))

    @property
    def signed_in_at(self) -> datetime | None:
        """When the user last gave their password in this session."""
        return _moment(self.data.get("signed_in_at"))

    def hold(self, token: TokenPublic, now: datetime, *, fresh_sign_in: bool) -> None:
        """Keep an API token (and when it ends); `fresh_sign_in` when a password was given."""
        ends = int(now.timestamp()) + token.expires_in
        self.update(token=token.access_token, token_expires=ends)
        if fresh_sign_in or self.signed_in_at is None:
            self.update(signed_in_at=int(now.timestamp()))

    def drop_token(self) -> None:
        """Forget the token (signed out, or it ended)."""
        self.update(token=None, token_expires=None, signed_in_at=None)

    @property
    def lang(self) -> str:
        """The chosen language (Russian by default)."""
        return language(self.data.get("lang"))

    def update(self, **values: Any) -> None:
        """Change values (None removes one)."""
        for key, value in values.items():
            if value is None:
                self.data.pop(key, None)
            else:
                self.data[key] = value
        self.changed = True

    def csrf_matches(self, sent: str | None) -> bool:
        """True when a posted CSRF token is this session's."""
        return bool(sent) and bool(self.csrf) and hmac.compare_digest(str(sent), self.csrf)


def _moment(value: Any) -> datetime | None:
    return datetime.fromtimestamp(value, UTC) if isinstance(value, int) else None


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.secret_key, salt=SALT)


def load(request: Request, settings: Settings) -> WebSession:
    """The request's session (a new one, with a fresh CSRF token, if none or tampered)."""
    raw = request.cookies.get(COOKIE)
    data: dict[str, Any] = {}
    if raw:
        try:
            loaded = _serializer(settings).loads(raw, max_age=MAX_AGE_SECONDS)
            data = loaded if isinstance(loaded, dict) else {}
        except BadSignature:
            data = {}
    session = WebSession(data)
    if not session.csrf:
        session.update(csrf=secrets.token_urlsafe(32))
    return session


def renew(session: WebSession) -> None:
    """A new CSRF token (after signing in or out, so none carries across users)."""
    session.update(csrf=secrets.token_urlsafe(32))


def save(response: Response, session: WebSession, settings: Settings) -> None:
    """Send the cookie again when the session changed."""
    if not session.changed:
        return
    response.set_cookie(
        COOKIE,
        _serializer(settings).dumps(session.data),
        max_age=MAX_AGE_SECONDS,
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings.env.lower() != "development",
    )

"""Signing in and out: the session cookie's flags, CSRF on every form, the API's lockout,
revocation on sign-out, and redirects that stay on this site."""

from __future__ import annotations

from dataclasses import replace

from fastapi.testclient import TestClient

from api.app import create_app
from engine.config import Settings
from engine.facade import Engine
from forms.web.session import COOKIE
from tests.forms.conftest import Browser, OpenBrowser


def test_sign_in_sets_an_httponly_samesite_cookie(browser: OpenBrowser) -> None:
    b = browser(None)
    response = b.post("/login", {"username": "ngo", "password": "demo"})
    assert (response.status_code, response.headers["location"]) == (303, "/")
    cookie = response.headers["set-cookie"].lower()
    assert f"{COOKIE}=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie  # development serves plain http
    assert b.get("/").headers["location"] == "/inbox"


def test_session_cookie_is_secure_outside_development(
    web_engine: Engine, web_settings: Settings
) -> None:
    settings = replace(web_settings, env="staging", secret_key="s" * 40)
    b = Browser(create_app(settings, web_engine))
    response = b.post("/login", {"username": "ngo", "password": "demo"})
    assert "secure" in response.headers["set-cookie"].lower()


def test_post_without_csrf_token_is_refused(browser: OpenBrowser) -> None:
    b = browser(None)
    response = b.post("/login", {"username": "ngo", "password": "demo"}, csrf=False)
    assert response.status_code == 403
    assert "Форма устарела" in response.text
    wrong = b.post("/login", {"username": "ngo", "password": "demo", "csrf_token": "x"}, csrf=False)
    assert wrong.status_code == 403


def test_csrf_token_of_another_session_is_refused(browser: OpenBrowser) -> None:
    mallory, victim = browser("police"), browser("ngo")
    token = mallory.csrf("/inbox")
    response = victim.post("/language", {"lang": "en", "csrf_token": token}, csrf=False)
    assert response.status_code == 403


def test_sign_in_with_wrong_password_says_so_and_locks_out_after_five(
    browser: OpenBrowser,
) -> None:
    b = browser(None)
    for _ in range(5):
        response = b.post("/login", {"username": "ngo", "password": "wrong"})
        assert response.status_code == 401
        assert "Неверное имя пользователя или пароль." in response.text
    locked = b.post("/login", {"username": "ngo", "password": "demo"})
    assert locked.status_code == 429 and "Слишком много неудачных попыток" in locked.text


def test_pages_redirect_to_sign_in_and_back(browser: OpenBrowser) -> None:
    b = browser(None)
    response = b.get("/inbox?mine=true")
    assert response.headers["location"] == "/login?next=/inbox%3Fmine%3Dtrue"
    assert 'name="next" value="/inbox?mine=true"' in b.get(response.headers["location"]).text
    signed = b.post("/login", {"username": "ngo", "password": "demo", "next": "/inbox?mine=true"})
    assert signed.headers["location"] == "/inbox?mine=true"


def test_next_never_leaves_the_site(browser: OpenBrowser) -> None:
    b = browser(None)
    for target in ("//evil.example/x", "https://evil.example", "/\\evil.example"):
        response = b.post("/login", {"username": "ngo", "password": "demo", "next": target})
        assert response.headers["location"] == "/"
        b.post("/logout")


def test_sign_out_revokes_the_session_token(browser: OpenBrowser) -> None:
    b = browser("ngo")
    stolen = b.client.cookies.get(COOKIE)
    assert b.post("/logout").headers["location"] == "/login"
    assert b.get("/inbox").status_code == 303
    thief = TestClient(b.client.app, follow_redirects=False)
    thief.cookies.set(COOKIE, stolen or "")
    assert thief.get("/inbox").headers["location"].startswith("/login")


def test_tampered_cookie_is_a_new_anonymous_session(browser: OpenBrowser) -> None:
    b = browser("ngo")
    b.client.cookies.set(COOKIE, (b.client.cookies.get(COOKIE) or "") + "x")
    assert b.get("/inbox").headers["location"].startswith("/login")


def test_pages_send_security_headers(browser: OpenBrowser) -> None:
    response = browser(None).get("/login")
    assert response.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"

"""A sign-in that slides while the user works, and a form posted after it ended that is kept
and given back after signing in again (short token lifetimes on the fake clock)."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from itsdangerous import URLSafeTimedSerializer

from engine.config import Settings
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from forms.web.session import COOKIE, SALT
from tests.forms.conftest import Browser, OpenBrowser, ShortBrowser, to_screening
from tests.forms.test_tasks import SCREENING_OK, screening_task


def token_of(b: Browser, settings: Settings) -> str:
    """The API token the browser's session cookie holds."""
    serializer = URLSafeTimedSerializer(settings.secret_key, salt=SALT)
    token: str = serializer.loads(b.client.cookies.get(COOKIE) or "")["token"]
    return token


def api_status(b: Browser, token: str) -> int:
    """What the API answers to `GET /me` with this bearer token."""
    client = TestClient(b.client.app)
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code


def drafts_stored(engine: Engine) -> int:
    with engine.db.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM form_draft").scalar() or 0)


def test_page_past_half_the_token_life_renews_it_and_retires_the_old_one(
    short_browser: ShortBrowser, clock: FakeClock, web_settings: Settings
) -> None:
    b = short_browser("ngo", 10)
    first = token_of(b, web_settings)
    clock.advance(timedelta(minutes=4))
    assert b.get("/inbox").status_code == 200 and token_of(b, web_settings) == first
    clock.advance(timedelta(minutes=2))  # six of ten minutes: past half its life
    response = b.get("/inbox")
    assert response.status_code == 200 and COOKIE in response.headers["set-cookie"]
    second = token_of(b, web_settings)
    assert second != first
    assert (api_status(b, first), api_status(b, second)) == (200, 200)  # a moment's grace
    clock.advance(timedelta(minutes=2))
    assert (api_status(b, first), api_status(b, second)) == (401, 200)


def test_sign_in_lasts_while_the_user_works_past_the_token_lifetime(
    short_browser: ShortBrowser, clock: FakeClock
) -> None:
    b = short_browser("ngo", 10)
    for _ in range(10):  # an hour of work with ten-minute tokens
        clock.advance(timedelta(minutes=6))
        assert b.get("/inbox").status_code == 200


def test_idle_past_the_token_lifetime_asks_to_sign_in_again_calmly(
    short_browser: ShortBrowser, clock: FakeClock
) -> None:
    b = short_browser("ngo", 10)
    clock.advance(timedelta(minutes=11))
    response = b.get("/inbox")
    assert response.headers["location"] == "/login?next=/inbox"
    assert "Срок входа истёк. Войдите снова" in b.get(response.headers["location"]).text


def test_sign_in_stops_sliding_a_working_day_after_the_password(
    short_browser: ShortBrowser, clock: FakeClock, web_settings: Settings
) -> None:
    b = short_browser("ngo", 600)
    first = token_of(b, web_settings)
    clock.advance(timedelta(hours=6))
    assert b.get("/inbox").status_code == 200
    renewed = token_of(b, web_settings)
    assert renewed != first
    clock.advance(timedelta(hours=6))  # twelve hours since the password: no more renewal
    assert b.get("/inbox").status_code == 200 and token_of(b, web_settings) == renewed
    clock.advance(timedelta(hours=4, minutes=1))
    assert b.get("/inbox").headers["location"].startswith("/login")


def test_task_form_posted_after_the_sign_in_ended_is_kept_and_restored(
    short_browser: ShortBrowser, clock: FakeClock, web_engine: Engine
) -> None:
    task_id = screening_task(to_screening(web_engine))
    b = short_browser("ngo", 10)
    assert b.get(f"/tasks/{task_id}").status_code == 200
    clock.advance(timedelta(minutes=40))  # a long interview, typed without a request
    typed = {**SCREENING_OK, "screening_notes": "Typed for forty minutes", "action": "submit"}
    response = b.post(f"/tasks/{task_id}", typed)
    assert response.headers["location"] == f"/login?next=/tasks/{task_id}"
    login = b.get(response.headers["location"]).text
    assert "Введённое сохранено" in login and f'name="next" value="/tasks/{task_id}"' in login
    signed = b.post("/login", {"username": "ngo", "password": "demo", "next": "/inbox"})
    assert signed.headers["location"] == f"/tasks/{task_id}"
    page = b.get(f"/tasks/{task_id}").text
    assert "Typed for forty minutes</textarea>" in page and "снова в форме" in page
    assert 'value="true" id="f-screening_act" checked' in page
    assert web_engine.get_task(task_id).status == "ready"  # nothing was sent


def test_kept_form_is_given_back_to_its_author_only(
    short_browser: ShortBrowser, clock: FakeClock, web_engine: Engine
) -> None:
    task_id = screening_task(to_screening(web_engine))
    b = short_browser("ngo", 10)
    clock.advance(timedelta(minutes=11))
    b.post(f"/tasks/{task_id}", {**SCREENING_OK, "screening_notes": "Mine", "action": "draft"})
    signed = b.post("/login", {"username": "ngo_supervisor", "password": "demo"})
    assert signed.headers["location"] == "/"
    assert "Mine" not in b.get(f"/tasks/{task_id}").text
    assert drafts_stored(web_engine) == 1  # the author's, for when they sign in


def test_form_posted_with_a_signed_out_session_keeps_nothing(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    task_id = screening_task(to_screening(web_engine))
    ngo = browser("ngo")
    stolen = ngo.client.cookies.get(COOKIE) or ""
    ngo.post("/logout")
    thief = Browser(ngo.client.app)
    thief.client.cookies.set(COOKIE, stolen)
    response = thief.post(f"/tasks/{task_id}", {**SCREENING_OK, "action": "draft"})
    assert response.headers["location"] == "/login"
    assert drafts_stored(web_engine) == 0


def test_form_posted_to_another_agencys_task_after_expiry_keeps_nothing(
    short_browser: ShortBrowser, clock: FakeClock, web_engine: Engine
) -> None:
    task_id = screening_task(to_screening(web_engine))
    police = short_browser("police", 10)
    clock.advance(timedelta(minutes=11))
    response = police.post(f"/tasks/{task_id}", {**SCREENING_OK, "action": "submit"})
    assert response.headers["location"] == "/login"
    assert drafts_stored(web_engine) == 0

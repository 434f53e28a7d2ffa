"""A report posted after its author's sign-in ended is kept for that author and given back
after signing in again, until it is sent; nobody else gets it, and it does not outlive a
working day."""

from __future__ import annotations

from datetime import timedelta

from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.forms.conftest import REPORT, ShortBrowser

TYPED = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in REPORT.items()}
TYPED["detection_place"] = "Typed during a long interview"


def kept_reports(engine: Engine) -> int:
    with engine.db.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM report_draft").scalar() or 0)


def cases(engine: Engine) -> int:
    with engine.db.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM nrm_case").scalar() or 0)


def test_a_report_sent_after_the_sign_in_ended_is_kept_and_given_back_until_sent(
    short_browser: ShortBrowser, clock: FakeClock, web_engine: Engine
) -> None:
    b = short_browser("ngo", 10)
    assert b.get("/report", follow_redirects=True).status_code == 200
    clock.advance(timedelta(minutes=40))
    response = b.post("/report", TYPED)
    assert response.headers["location"] == "/login?next=/report"
    assert "Введённое сохранено" in b.get(response.headers["location"]).text
    assert cases(web_engine) == 0 and kept_reports(web_engine) == 1
    signed = b.post("/login", {"username": "ngo", "password": "demo", "next": "/inbox"})
    assert signed.headers["location"] == "/report"
    page = b.get("/report", follow_redirects=True).text
    assert 'value="Typed during a long interview"' in page and "снова в форме" in page
    assert 'value="Asel Toktogulova"' in page
    assert kept_reports(web_engine) == 1  # kept until sent (review F-Y): a reload keeps it
    assert 'value="Typed during a long interview"' in b.get("/report", follow_redirects=True).text
    sent = b.post("/report", TYPED)
    assert sent.status_code == 303 and sent.headers["location"].startswith("/cases/")
    assert cases(web_engine) == 1 and kept_reports(web_engine) == 0


def test_a_kept_report_goes_to_its_author_only_and_not_for_ever(
    short_browser: ShortBrowser, clock: FakeClock, web_engine: Engine
) -> None:
    b = short_browser("ngo", 10)
    clock.advance(timedelta(minutes=11))
    b.post("/report", TYPED)
    other = b.post("/login", {"username": "ngo_supervisor", "password": "demo"})
    assert other.headers["location"] == "/"
    assert "Typed during a long interview" not in b.get("/report", follow_redirects=True).text
    assert kept_reports(web_engine) == 1  # still the author's
    clock.advance(timedelta(hours=13))
    author = short_browser("ngo", 10)
    assert "Typed during a long interview" not in author.get("/report", follow_redirects=True).text
    assert kept_reports(web_engine) == 0


def test_nothing_is_kept_for_a_user_who_may_not_report(
    short_browser: ShortBrowser, clock: FakeClock, web_engine: Engine
) -> None:
    b = short_browser("prosecutor", 10)
    clock.advance(timedelta(minutes=11))
    response = b.post("/report", TYPED)
    assert response.headers["location"] == "/login"
    assert kept_reports(web_engine) == 0

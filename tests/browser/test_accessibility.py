"""axe-core (tests/browser/axe, installed by `make install-test`) on every page in Russian, and
on every page in Kyrgyz or English (the two share the pages between them, so each language's
words meet each kind of page): no violation of any rule axe runs by default nor of WCAG
2.2's touch-target size (24 px), on the pages as they first open and as they come back with errors.

The pages visited (PAGES, with the user who opens them): sign-in (as it opens, after a
refused password), inbox, case list, case page, an open task's form (as it opens, refused),
a completed task read-only, the report form (as it opens, refused), the account page,
"record an answer", statistics, the library, a process's page and a deployment's (its
failing scenarios), the scenarios and one feature's page, users, and the "not found" page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, sign_in
from tests.browser.test_library import failed_deployment
from tests.browser.test_pages import case_at_screening

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# Every rule axe runs by default, plus the WCAG 2.2 target size (off by default in axe 4.10).
# Only the violations are worked out in full: for passes and the rest axe names one element per
# rule instead of building a selector for every element it checked (the walk's slow part).
AXE_RUN = (
    "axe.run(document, {rules: {'target-size': {enabled: true}}, resultTypes: ['violations']})"
)


def violations(page: Any) -> list[str]:
    """axe-core's violations of the page as it is now: rule, impact and where."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(AXE_RUN)
    assert result["passes"], "axe-core checked nothing"
    return [
        f"{page.url} [{v['id']}, {v['impact']}] {v['help']}: "
        + "; ".join(node["target"][0] for node in v["nodes"][:4])
        for v in result["violations"]
    ]


def refused(page: Any) -> None:
    """Send the form on the page empty but for nothing, and wait for its error summary."""
    page.click("main form button.primary >> nth=-1")
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"


Visit = tuple[str, str, Callable[[Any], None] | None]


def pages_of(server: LiveServer) -> list[Visit]:
    """(user, path, what to do on it before checking) for each page; user "" = signed out."""
    engine = server.engine
    step = case_at_screening(server, "Axe")
    case = step.case
    task = step.opened[0].id
    completed = engine.case_tasks(case.id, status="completed")[0].id
    awaited = engine.awaited_messages(case.id)
    visits: list[Visit] = [
        ("", "/login", None),
        ("", "/login", wrong_password),
        ("ngo", "/inbox", None),
        ("ngo", "/cases", None),
        ("ngo", f"/cases/{case.id}", None),
        ("ngo", f"/tasks/{task}", None),
        ("ngo", f"/tasks/{task}", refused),
        ("ngo", f"/tasks/{completed}", None),
        ("ngo", "/report", None),
        ("ngo", "/report", refused),
        ("ngo", "/account", None),
        ("ngo", "/cases/999999", None),
        ("rapporteur", "/statistics", None),
        ("policy", "/library", None),
        ("policy", "/library/referral", None),
        ("policy", f"/library/deployments/{failed_deployment(server)}", None),
        ("reviewer", "/scenarios", None),
        ("reviewer", "/scenarios/referral", None),
        ("admin", "/users", None),
    ]
    if awaited:
        visits.append(("ngo", f"/cases/{case.id}/messages/{awaited[0].name}", None))
    return visits


def wrong_password(page: Any) -> None:
    """A refused sign-in."""
    page.fill("#username", "ngo")
    page.fill("#password", "not the password")
    page.click("button.primary")
    page.wait_for_selector(".error-summary")


@pytest.fixture(scope="module")
def visits(live_server: LiveServer) -> list[Visit]:
    """The pages, made once for every language (visiting them changes no case)."""
    return pages_of(live_server)


LANGS = ("ru", "ky", "en")


def in_language(visits: list[Visit], lang: str) -> list[Visit]:
    """The pages checked in that language: all of them in Russian, every other one in Kyrgyz
    and the rest in English."""
    if lang == "ru":
        return visits
    return visits[LANGS.index(lang) - 1 :: 2]


def test_every_page_is_checked_in_russian_and_in_another_language() -> None:
    pages = [("", f"/{n}", None) for n in range(7)]
    ky, en = in_language(pages, "ky"), in_language(pages, "en")
    assert in_language(pages, "ru") == pages
    assert sorted(ky + en) == sorted(pages) and not set(ky) & set(en)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_no_axe_violation(new_page: Any, visits: list[Visit], lang: str) -> None:
    found: list[str] = []
    pages: dict[str, Any] = {}
    for user, path, action in in_language(visits, lang):
        if user not in pages:
            pages[user] = page = new_page(bypass_csp=True)
            if user:
                sign_in(page, user)
            page.goto("/login" if not user else "/account")
            page.click(f"button[name=lang][value={lang}]")
        page = pages[user]
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == lang
        if action is not None:
            action(page)
        found += violations(page)
    assert found == [], "\n".join(found)


def test_the_check_finds_a_violation_when_there_is_one(
    new_page: Any, live_server: LiveServer
) -> None:
    del live_server
    page = new_page(bypass_csp=True)
    page.goto("/login")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert any("[image-alt," in found for found in violations(page))

"""The pages changed for issue 18's review items F-Y, F-L, F-M, F-Q, F-N, F-P/F-R in Chromium
on a phone (360 px) in ru and ky, and at 1280 px in en (the phone is where a page breaks, and
each language's words meet each page): nothing scrolls sideways at 360 px, the new parts are
visible, and a screenshot of each goes to tests/artifacts for people to look at."""

from __future__ import annotations

from typing import Any

import pytest

from engine.scenario_gate import GateReport
from engine.sources import read_library
from tests.browser.conftest import CHROMIUM, SKIP_REASON, LiveServer, screenshot, sign_in
from tests.browser.test_pages import no_horizontal_scroll
from tests.engine.test_scenario_gate import RecordingGate
from tests.forms.test_task_context_gaps import PLAN, do, open_task, rehabilitation
from tests.library import form_with_optional_field

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)]

SHOWN = [(360, 740, "ru"), (360, 740, "ky"), (1280, 900, "en")]
SAVE = {"ru": "Сохранить черновик", "ky": "Черновикти сактоо", "en": "Save draft"}
FILES = {"ru": "файл", "ky": "файл", "en": "file"}  # any plural form
CLI = {"ru": "из командной строки", "ky": "буйрук сабынан", "en": "from the command line"}


def as_user(new_page: Any, user: str, lang: str, width: int, height: int) -> Any:
    page = new_page(width, height)
    sign_in(page, user)
    if lang != "ru":
        page.locator(f'button[name="lang"][value="{lang}"]').first.click()
        page.wait_for_load_state()
    return page


@pytest.fixture(scope="module")
def deployment(live_server: LiveServer) -> int:
    """A whole-library deployment from the command line, its gate recorded."""
    engine = live_server.engine
    files = read_library(engine.settings.bpmn_dir, engine.settings.forms_dir)
    changed = form_with_optional_field()
    files = [changed if f.name == changed.name else f for f in files]
    job = engine.queue_deployment(files, requested_by="cli", whole_library=True)
    features = ("referral.feature", "case_closure.feature")
    engine.run_next_deployment(
        "runner", gate=RecordingGate(GateReport(("referral",), features, (), (), 95.9))
    )
    return job.id


@pytest.fixture(scope="module")
def served_case(live_server: LiveServer) -> str:
    """A rehabilitation whose plan is approved: two services open for the social services."""
    engine = live_server.engine
    case_id = rehabilitation(engine)
    plan = {
        **PLAN,
        "rehab_services_planned": ["psychological", "legal_aid_documents"],
        "rehab_provider_psychological": "social",
        "rehab_provider_legal_aid_documents": "social",
    }
    do(engine, case_id, "Draft individual rehabilitation plan", plan)
    assert open_task(engine, case_id, "Approve rehabilitation plan")
    return case_id


@pytest.mark.parametrize(("width", "height", "lang"), SHOWN)
def test_report_library_deployment_and_scenarios(
    new_page: Any, live_server: LiveServer, deployment: int, lang: str, width: int, height: int
) -> None:
    ngo = as_user(new_page, "ngo", lang, width, height)
    ngo.goto("/report")
    ngo.fill("#f-detection_place", "Typed, then saved")
    ngo.get_by_role("button", name=SAVE[lang]).click()
    ngo.wait_for_load_state()
    assert ngo.input_value("#f-detection_place") == "Typed, then saved"
    ngo.goto("/report")  # "Report" again: the draft comes back
    assert ngo.input_value("#f-detection_place") == "Typed, then saved"
    assert ngo.locator(".draft-note").is_visible() and no_horizontal_scroll(ngo)
    ngo.locator(".draft-note").scroll_into_view_if_needed()
    screenshot(ngo, f"pagesB-report-draft-{lang}-{width}", full_page=False)
    ngo.locator('button[value="discard"]').click()
    ngo.wait_for_load_state()
    assert ngo.input_value("#f-detection_place") == ""

    policy = as_user(new_page, "policy", lang, width, height)
    policy.goto("/library")
    assert policy.locator(".cases-inside").first.is_visible() and no_horizontal_scroll(policy)
    assert CLI[lang] in policy.locator("#jobs-title + ul").text_content()  # not "cli"
    screenshot(policy, f"pagesB-library-{lang}-{width}", full_page=False)
    policy.goto(f"/library/deployments/{deployment}")
    files = policy.locator("details.job-files")
    assert FILES[lang] in files.locator("summary").text_content()
    assert not files.locator("ul").is_visible()  # folded
    assert no_horizontal_scroll(policy)
    screenshot(policy, f"pagesB-deployment-{lang}-{width}")

    reviewer = as_user(new_page, "reviewer", lang, width, height)
    reviewer.goto("/scenarios")
    assert no_horizontal_scroll(reviewer)
    screenshot(reviewer, f"pagesB-scenarios-{lang}-{width}", full_page=False)
    assert CLI[lang] in reviewer.locator("#deploy-run-title + p").text_content()
    reviewer.goto("/scenarios/case_closure")
    assert reviewer.locator("details.gherkin").first.is_visible() and no_horizontal_scroll(reviewer)
    screenshot(reviewer, f"pagesB-scenario-feature-{lang}-{width}", full_page=False)


@pytest.mark.parametrize(("width", "height", "lang"), SHOWN)
def test_plan_approval_context_and_case_data_groups(
    new_page: Any, live_server: LiveServer, served_case: str, lang: str, width: int, height: int
) -> None:
    approve = open_task(live_server.engine, served_case, "Approve rehabilitation plan")
    commission = as_user(new_page, "commission", lang, width, height)
    commission.goto(f"/tasks/{approve.id}")
    context = commission.locator("section.context")
    assert context.is_visible() and no_horizontal_scroll(commission)
    context.scroll_into_view_if_needed()
    screenshot(commission, f"pagesB-approve-context-{lang}-{width}", full_page=False)
    social = as_user(new_page, "social", lang, width, height)
    social.goto(f"/cases/{served_case}")
    groups = social.locator("section.data-group")
    assert groups.count() >= 2 and groups.first.locator("h3").is_visible()
    assert no_horizontal_scroll(social)
    groups.first.scroll_into_view_if_needed()
    screenshot(social, f"pagesB-case-data-{lang}-{width}", full_page=False)

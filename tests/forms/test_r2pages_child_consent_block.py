"""Second page review P-4 (rest): on a child's "Compile the referral" page the adult consent
per receiver (receivers agreed, date and way of consent) is not asked; an adult's page asks
it. The answers stay optional for a child, so the page's submission completes the task."""

from __future__ import annotations

from engine.facade import Engine
from tests.forms.conftest import OpenBrowser
from tests.forms.test_pagesD_child_referral import compile_task

ADULT_ONLY = ("referral_consent_receivers", "referral_consent_date", "referral_consent_method")


def test_a_childs_referral_page_does_not_ask_the_adult_consent_per_receiver(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    police = browser("police")
    _case, child_task = compile_task(web_engine, child=True)
    _case, adult_task = compile_task(web_engine, child=False)
    for lang in ("ru", "ky", "en"):
        police.post("/language", {"lang": lang, "next": "/inbox"})
        child = police.get(f"/tasks/{child_task}").text
        adult = police.get(f"/tasks/{adult_task}").text
        for name in ADULT_ONLY:
            assert f'name="{name}"' not in child, name
            assert f'name="{name}"' in adult, name
        assert 'name="referral_child_views"' in child and 'name="referral_needs"' in child


def test_the_childs_page_sent_without_the_consent_block_completes_the_task(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    case_id, task_id = compile_task(web_engine, child=True)
    police = browser("police")
    police.post(f"/tasks/{task_id}/claim", {})
    sent = police.post(
        f"/tasks/{task_id}",
        {
            "referral_needs": ["shelter"],
            "referral_urgency": "urgent",
            "referral_child_views": "Wants to stay with her aunt",
            "submission": "child-1",
        },
    )
    assert sent.status_code == 303, sent.text[:3000]
    assert web_engine.get_case(case_id).data["referral_receiver"] == "child_protection"
    assert task_id not in [t.id for t in web_engine.case_tasks(case_id)]

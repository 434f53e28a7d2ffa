"""The library's pages name processes as drawn, in the page language (issue 18, review 7):
a deployment's versions and its scenarios by the process's name, not its id."""

from __future__ import annotations

import re

from engine.facade import Engine
from engine.scenario_gate import GateReport
from tests.engine.test_scenario_gate import RecordingGate
from tests.forms.conftest import OpenBrowser
from tests.library import form_with_optional_field, send_to_library


def test_a_deployment_names_the_processes_it_deployed(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    policy = browser("policy")
    changed = form_with_optional_field()
    response = send_to_library(policy, "deploy", changed)
    location = response.headers["location"]
    gate = RecordingGate(GateReport(("referral",), ("referral.feature",), (), (), 1.0))
    web_engine.run_next_deployment("runner", gate=gate)
    page = policy.get(location).text
    deployed = page.split('id="done-title"')[1].split("</section>")[0]
    assert '<a href="/library/referral">СОП 2 — Перенаправление</a> — версия 2' in deployed
    assert not re.search(r"<li>[a-z_]+ —", deployed)  # no bare process id
    assert "(СОП 2 — Перенаправление)" in page  # the scenarios run, by their process
    policy.post("/language", {"lang": "en", "next": location})
    assert ">SOP 2 - Referral</a> — version 2" in policy.get(location).text

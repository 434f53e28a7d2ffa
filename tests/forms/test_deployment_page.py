"""The deployment page says the outcome first and folds the files under their count (review
F-M): a whole-library deployment from the command line lists ~100 files, which used to fill
four phone screens before "Deployed"; the requester "cli" is said in words, the gate's
seconds with the page language's decimal mark."""

from __future__ import annotations

import re

import pytest

from engine.facade import Engine
from engine.scenario_gate import GateReport
from engine.sources import read_library
from tests.engine.test_scenario_gate import RecordingGate
from tests.forms.conftest import OpenBrowser
from tests.library import form_with_optional_field

WORDS = {
    "ru": ("из командной строки", "файл", "схем", "форм", "95,9 с", "Развёрнуто"),
    "ky": ("буйрук сабынан", "файл", "схема", "форма", "95,9 секундада", "Колдонууга киргизилди"),
    "en": ("from the command line", "file", "diagrams", "forms", "95.9 s", "Deployed"),
}


def whole_library_job(engine: Engine) -> int:
    """`nrm deploy` of the whole library on disk (one form changed), run by a runner."""
    files = read_library(engine.settings.bpmn_dir, engine.settings.forms_dir)
    changed = form_with_optional_field()
    files = [changed if f.name == changed.name else f for f in files]
    job = engine.queue_deployment(files, requested_by="cli", note="", whole_library=True)
    gate = RecordingGate(GateReport(("referral",), ("referral.feature",), (), (), 95.94))
    engine.run_next_deployment("runner", gate=gate)
    return job.id


@pytest.mark.parametrize("lang", ["ru", "ky", "en"])
def test_the_deployment_page_folds_its_files_and_says_who_in_words(
    browser: OpenBrowser, web_engine: Engine, lang: str
) -> None:
    job_id = whole_library_job(web_engine)
    policy = browser("policy")
    policy.post("/language", {"lang": lang})
    page = policy.get(f"/library/deployments/{job_id}").text
    cli, files, diagrams, forms, seconds, deployed = WORDS[lang]
    folded = re.search(r'<details class="job-files">\s*<summary>([^<]*)</summary>', page)
    assert folded is not None, "the files are not folded"
    summary = folded.group(1)
    count = len(read_library(web_engine.settings.bpmn_dir, web_engine.settings.forms_dir))
    assert summary.startswith(f"{count} {files}") and diagrams in summary and forms in summary
    assert "nrm_case.bpmn" not in page.split('<details class="job-files">')[0]  # no wall
    assert page.index(deployed) < page.index('class="job-files"')  # the outcome first
    assert cli in page and ">cli," not in page and " cli," not in page
    assert seconds in page


@pytest.mark.parametrize("lang", ["ru", "ky", "en"])
def test_the_versions_tables_say_a_command_line_deployment_in_words(
    browser: OpenBrowser, web_engine: Engine, lang: str
) -> None:
    """Page review P-12: /library's and a process's versions tables said "Кем: cli"."""
    whole_library_job(web_engine)
    policy = browser("policy")
    policy.post("/language", {"lang": lang})
    cli = WORDS[lang][0]
    for path in ("/library", "/library/nrm_case"):
        page = policy.get(path).text
        assert "<td>cli</td>" not in page and f"<td>{cli}" in page, (lang, path)

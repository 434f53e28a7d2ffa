"""The scenarios (reviewers): the feature files with their last results, the path coverage
and the last deploy-time run; then one feature at a time — its scenarios, their steps with
field names as the forms' labels, each run's result and the path it took on its diagram —
and a button that runs the scenarios again."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import RedirectResponse, Response

from api.deps import EngineDep, SettingsDep
from api.errors import RoleRequiredError
from api.process_schemas import DeploymentJobPublic
from api.services import processes
from api.services.policy import Caller
from engine.config import Settings
from engine.coverage import ProcessCoverage, ScenarioRecord, from_json
from engine.db import read_session
from engine.errors import NotFoundError
from engine.facade import Engine
from forms import fieldlabels
from forms.features import Feature, Step, parse, read_all
from forms.fieldlabels import FieldIndex
from forms.scenario_runner import ScenarioRunner
from forms.translate import Translator
from forms.web.deps import PostedForm, WebUser
from forms.web.library import STATE_KEYS, SVG_HEADERS
from forms.web.render import page, translator
from forms.web.routing import PageRoute
from scenario_suite.world import AGENCIES

router = APIRouter(route_class=PageRoute, include_in_schema=False)
READER_ROLES = frozenset({"reviewer", "policy"})
FeatureName = Annotated[str, Path(pattern=r"^[a-z][a-z0-9_]{0,99}$")]
# Deployments looked through for the newest that ran scenarios.
RECENT_DEPLOYMENTS = 20


def require_reader(caller: Caller) -> None:
    """The scenarios are for reviewers (and policy staff, who change the diagrams)."""
    if not caller.roles & READER_ROLES:
        raise RoleRequiredError("The scenarios are for reviewers.")


def runner_of(request: Request) -> ScenarioRunner:
    """The app's scenario runner."""
    runner: ScenarioRunner = request.app.state.scenario_runner
    return runner


def report_text(settings: Settings) -> str | None:
    """The scenario report the feature suite wrote last (None before the first run)."""
    path = settings.reports_dir / "scenarios.json"
    return path.read_text("utf-8") if path.is_file() else None


def last_report(settings: Settings) -> tuple[list[ProcessCoverage], list[ScenarioRecord]] | None:
    """The scenario results the feature suite wrote last (None before the first run)."""
    text = report_text(settings)
    return from_json(text) if text is not None else None


def results_by_name(records: list[ScenarioRecord]) -> dict[tuple[str, str], ScenarioRecord]:
    """(feature file, run name) -> its record."""
    return {(r.feature, r.name): r for r in records}


def last_deploy_run(engine: Engine, caller: Caller) -> DeploymentJobPublic | None:
    """The newest finished deployment whose scenario gate ran feature files."""
    jobs = processes.deployment_jobs(engine=engine, caller=caller, limit=RECENT_DEPLOYMENTS)
    for job in jobs.data:
        gate = job.report.gate if job.report is not None else None
        if gate is not None and gate.features:
            return job
    return None


def process_titles(engine: Engine, caller: Caller) -> dict[str, str]:
    """Process id (a feature file's name) -> the process's name as drawn (the catalogue has
    it in every language; a feature's own title is English, as written)."""
    found = processes.list_latest(engine=engine, caller=caller).data
    return {p.id: p.name for p in found if p.name}


def deploy_counts(job: DeploymentJobPublic | None) -> dict[str, dict[str, int]]:
    """Feature file -> its scenarios that failed at the last deployment's gate run (0: all
    passed), for the features that run ran."""
    gate = job.report.gate if job and job.report else None
    if gate is None:
        return {}
    return {f: {"failed": sum(s.feature == f for s in gate.failed)} for f in gate.features}


def _counts(feature: Feature, results: dict[tuple[str, str], ScenarioRecord]) -> dict[str, int]:
    runs = [results.get((feature.file, n)) for s in feature.scenarios for n in s.run_names()]
    return {
        "runs": len(runs),
        "passed": sum(r is not None and r.status == "passed" for r in runs),
        "failed": sum(r is not None and r.status != "passed" for r in runs),
    }


@router.get("/scenarios")
def show_scenarios(
    request: Request, settings: SettingsDep, engine: EngineDep, caller: WebUser
) -> Response:
    """The feature files with their last results, the path coverage, the last deploy run."""
    require_reader(caller)
    report = last_report(settings)
    results = results_by_name(report[1]) if report else {}
    features = [
        {"feature": f, "name": f.file.removesuffix(".feature"), **_counts(f, results)}
        for f in read_all(settings.features_dir)
    ]
    records = report[1] if report else []
    deployed = last_deploy_run(engine, caller)
    return page(
        request,
        "scenarios.html",
        features=features,
        titles=process_titles(engine, caller),
        at_deploy=deploy_counts(deployed),
        coverage=report[0] if report else None,
        passed=sum(r.status == "passed" for r in records),
        failed=sum(r.status != "passed" for r in records),
        deployed=deployed,
        state_keys=STATE_KEYS,
        run=runner_of(request),
        may_run="reviewer" in caller.roles,
    )


def _feature(settings: Settings, name: str) -> Feature:
    path = settings.features_dir / f"{name}.feature"
    if not path.is_file():
        raise NotFoundError(f"No feature file {name}.feature.")
    return parse(path.read_text("utf-8"), path.name)


def _value(t: Translator, index: FieldIndex, field: str, cell: str) -> str:
    """A table cell in words: JSON values (true, lists, numbers) as the case page says them."""
    try:
        value: Any = json.loads(cell)
    except ValueError:
        value = cell
    return fieldlabels.display(t, index, field, value)


def field_rows(t: Translator, index: FieldIndex, step: Step) -> list[tuple[str, str, str]] | None:
    """A `| field | value |` table as (label, value in words, the cell as written); None
    for any other table."""
    if not step.table or [c.lower() for c in step.table[0]] != ["field", "value"]:
        return None
    rows = [r for r in step.table[1:] if len(r) == 2]
    return [(fieldlabels.label(t, index, f), _value(t, index, f, v), f"{f} = {v}") for f, v in rows]


# `field = "value"` (or a bare value) inside a step's sentence.
_WRITTEN = re.compile(r'\b([a-z][a-z0-9_]*) = ("[^"]*"|[A-Za-z0-9_.:-]+)')


def step_text(t: Translator, index: FieldIndex, text: str) -> str:
    """A step's sentence with each `field = "value"` of a form field said as its label and
    the value in words (the written form stays in the page as the step's title)."""

    def said(match: re.Match[str]) -> str:
        field, cell = match.group(1), match.group(2)
        if fieldlabels.label(t, index, field) == field:
            return match.group(0)  # not a form field this process knows
        return f"«{fieldlabels.label(t, index, field)}» = «{_value(t, index, field, cell)}»"

    return _WRITTEN.sub(said, text)


# The step sentences the scenario suite binds (scenario_suite/steps.py), each with its words
# in the catalogue: a step is shown in the page language, its sentence as written beside it.
_AGENCY = r"(?P<agency>(?:the |)[A-Za-z\- ]+?|IOM)"
_UNIT = r"(?P<unit>hours?|days?|weeks?|working days?)"
STEP_SENTENCES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern + r"$"), key)
    for pattern, key in (
        (rf"a presumed victim reported by {_AGENCY}", "scenarios.step.reported"),
        (rf'a "(?P<process>[\w-]+)" case reported by {_AGENCY}', "scenarios.step.case_reported"),
        (r"the parameter (?P<name>\w+) is (?P<value>.+)", "scenarios.step.parameter"),
        (r"today is (?P<day>\d{4}-\d{2}-\d{2})", "scenarios.step.today"),
        (rf'{_AGENCY} completes? "(?P<task>[^"]+)"(?: with)?:?', "scenarios.step.completes"),
        (rf'{_AGENCY} tries to complete "(?P<task>[^"]+)"(?: with)?:?', "scenarios.step.tries"),
        (
            rf'{_AGENCY} sends? the message "(?P<message>[\w-]+)"(?: with)?:?',
            "scenarios.step.sends",
        ),
        (rf"(?P<count>\d+) {_UNIT} pass(?:es)?", "scenarios.step.time_passes"),
        (
            rf'{_AGENCY} (?:has|have) an? (?:open )?task "(?P<task>[^"]+)"',
            "scenarios.step.has_task",
        ),
        (rf'{_AGENCY} cannot send the message "(?P<message>[\w-]+)"', "scenarios.step.cannot_send"),
        (r'the case waits for the message "(?P<message>[\w-]+)"', "scenarios.step.waits"),
        (
            r'the case does not wait for the message "(?P<message>[\w-]+)"',
            "scenarios.step.not_waits",
        ),
        (rf'{_AGENCY} (?:has|have) no task "(?P<task>[^"]+)"', "scenarios.step.no_task"),
        (rf"{_AGENCY} (?:has|have) no open tasks?", "scenarios.step.no_open_tasks"),
        (
            r'the task "(?P<task>[^"]+)" is due on (?P<day>\d{4}-\d{2}-\d{2})',
            "scenarios.step.due_on",
        ),
        (rf'the task "(?P<task>[^"]+)" is due in (?P<count>\d+) {_UNIT}', "scenarios.step.due_in"),
        (r'"(?P<task>[^"]+)" is not escalated', "scenarios.step.not_escalated"),
        (r'the case is closed with outcome "(?P<outcome>[\w-]+)"', "scenarios.step.closed"),
        (r"the case is closed", "scenarios.step.closed_any"),
        (r"the case is open", "scenarios.step.open"),
        (
            rf'{_AGENCY} (?:has|have) (?P<count>\d+) (?:open )?tasks "(?P<task>[^"]+)"',
            "scenarios.step.n_tasks",
        ),
        (r"the answers are refused for (?P<fields>\w+(?:, \w+)*)", "scenarios.step.refused"),
        (r"the case data has no (?P<field>\w+)", "scenarios.step.data_has_no"),
        (r"the case data has (?P<field>\w+) = (?P<value>.+)", "scenarios.step.data_has"),
        (
            rf"{_AGENCY} (?:is|are) shown none of (?P<fields>\w+(?:, \w+)*) in this case",
            "scenarios.step.shown_none",
        ),
        (
            rf"{_AGENCY} (?:is|are) shown personal data of this case",
            "scenarios.step.shown_personal",
        ),
        (
            rf"{_AGENCY} (?:is|are) shown no personal data of this case",
            "scenarios.step.shown_no_personal",
        ),
        (
            rf'the case history records "(?P<task>[^"]+)" moved from {_AGENCY} to '
            r"(?P<to>(?:the |)[A-Za-z\- ]+?|IOM)",
            "scenarios.step.task_moved",
        ),
    )
)
UNIT_KEYS = {
    "hour": "scenarios.unit.hours",
    "day": "scenarios.unit.days",
    "week": "scenarios.unit.weeks",
    "working day": "scenarios.unit.working_days",
}
KEYWORD_KEYS = {
    "Given": "scenarios.kw.given",
    "When": "scenarios.kw.when",
    "Then": "scenarios.kw.then",
    "And": "scenarios.kw.and",
    "But": "scenarios.kw.but",
}


def step_words(t: Translator, index: FieldIndex, names: dict[str, str], text: str) -> str | None:
    """A step's sentence in the page language — agencies, tasks, processes, outcomes and
    fields in the catalogue's words — or None when the sentence is not one the suite binds
    (or names an agency it does not know): then only the sentence as written is shown."""
    for pattern, key in STEP_SENTENCES:
        found = pattern.match(text)
        if found is None:
            continue
        parts = found.groupdict()
        said: dict[str, Any] = {}
        for part, value in parts.items():
            if part in ("agency", "to"):
                code = AGENCIES.get(value.strip().lower())
                if code is None:  # not an agency: maybe another sentence ("… tries to")
                    break
                said[part] = t(f"agency.{code}")
            elif part == "task":
                said[part] = t.task_name(value)
            elif part == "process":
                said[part] = t.form(names[value]) if value in names else value
            elif part == "outcome":
                outcome = f"outcome.{value}"
                said[part] = t(outcome) if t.has(outcome) else value
            elif part in ("field", "name") and key != "scenarios.step.parameter":
                said[part] = fieldlabels.label(t, index, value)
            elif part == "fields":
                labels = [fieldlabels.label(t, index, f.strip()) for f in value.split(",")]
                said[part] = ", ".join(labels)
            elif part == "value" and "field" in parts:
                said[part] = _value(t, index, parts["field"], value.strip('"'))
            elif part == "unit":
                continue
            else:
                said[part] = value
        else:
            if "unit" in parts:
                unit = UNIT_KEYS[parts["unit"].removesuffix("s")]
                said["unit"] = t(unit, n=int(parts["count"]))
            return str(t(key, **said))
    return None


@router.get("/scenarios/{name}")
def show_feature(
    request: Request, name: FeatureName, settings: SettingsDep, engine: EngineDep, caller: WebUser
) -> Response:
    """One feature file: its scenarios, steps (field names as labels), last results, and a
    link to each run's path on its diagram."""
    require_reader(caller)
    feature = _feature(settings, name)
    report = last_report(settings)
    results = results_by_name(report[1]) if report else {}
    t = translator(request)
    with read_session(engine.db) as session:  # the forms of the deployed library
        index = fieldlabels.field_index(dict(engine.library.latest(session, name).bundle.forms))
    names = process_titles(engine, caller)

    def said(step: Step) -> str:
        return step_words(t, index, names, step.text) or step_text(t, index, step.text)

    scenarios = [
        {
            "scenario": s,
            "runs": [(n, results.get((feature.file, n))) for n in s.run_names()],
            "tables": [field_rows(t, index, step) for step in s.steps],
            "texts": [said(step) for step in s.steps],
        }
        for s in feature.scenarios
    ]
    background = [field_rows(t, index, step) for step in feature.background]
    background_texts = [said(step) for step in feature.background]
    deployed = last_deploy_run(engine, caller)
    gate = deployed.report.gate if deployed and deployed.report else None
    return page(
        request,
        "scenario_feature.html",
        name=name,
        title=names.get(name),
        titles=names,
        keywords=KEYWORD_KEYS,
        feature=feature,
        background=background,
        background_texts=background_texts,
        scenarios=scenarios,
        deployed=deployed if gate is not None and feature.file in gate.features else None,
        deploy_failed=[s for s in (gate.failed if gate else []) if s.feature == feature.file],
        state_keys=STATE_KEYS,
    )


@router.get("/scenarios/{name}/path.svg")
def scenario_path(
    request: Request,
    name: FeatureName,
    run: Annotated[str, Query(max_length=500)],
    settings: SettingsDep,
    engine: EngineDep,
    caller: WebUser,
) -> Response:
    """The feature's process drawn with the path one scenario run took, in the page's
    language (the newest version; the run's own elements and flows)."""
    require_reader(caller)
    feature = _feature(settings, name)
    report = report_text(settings) or '{"scenarios": [], "processes": []}'
    svg = engine.process_diagram(
        name, coverage=report, scenario=f"{feature.file}: {run}", names=translator(request).form
    )
    return Response(svg, media_type="image/svg+xml", headers=SVG_HEADERS)


@router.post("/scenarios/run")
def run_scenarios(
    request: Request, form: PostedForm, engine: EngineDep, caller: WebUser
) -> Response:
    """Start a run of every scenario against the deployed library in the background, as
    the deploy gate runs them (reviewers), then come back to the page."""
    del form
    if "reviewer" not in caller.roles:
        raise RoleRequiredError("Only reviewers run the scenarios.")
    runner_of(request).start(engine)
    return RedirectResponse("/scenarios", status_code=303)

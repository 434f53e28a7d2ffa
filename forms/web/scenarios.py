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
    return page(
        request,
        "scenarios.html",
        features=features,
        coverage=report[0] if report else None,
        passed=sum(r.status == "passed" for r in records),
        failed=sum(r.status != "passed" for r in records),
        deployed=last_deploy_run(engine, caller),
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
    scenarios = [
        {
            "scenario": s,
            "runs": [(n, results.get((feature.file, n))) for n in s.run_names()],
            "tables": [field_rows(t, index, step) for step in s.steps],
            "texts": [step_text(t, index, step.text) for step in s.steps],
        }
        for s in feature.scenarios
    ]
    background = [field_rows(t, index, step) for step in feature.background]
    background_texts = [step_text(t, index, step.text) for step in feature.background]
    deployed = last_deploy_run(engine, caller)
    gate = deployed.report.gate if deployed and deployed.report else None
    return page(
        request,
        "scenario_feature.html",
        name=name,
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

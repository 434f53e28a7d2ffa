"""The scenarios (reviewers): every feature file as text, each scenario's last result, the
path coverage per diagram, and a button that runs the scenarios again."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from api.deps import EngineDep, SettingsDep
from api.errors import RoleRequiredError
from api.services.policy import Caller
from engine.config import Settings
from engine.coverage import ProcessCoverage, ScenarioRecord, from_json
from forms.features import read_all
from forms.scenario_runner import ScenarioRunner
from forms.web.deps import PostedForm, WebUser
from forms.web.render import page
from forms.web.routing import PageRoute

router = APIRouter(route_class=PageRoute, include_in_schema=False)
READER_ROLES = frozenset({"reviewer", "policy"})


def require_reader(caller: Caller) -> None:
    """The scenarios are for reviewers (and policy staff, who change the diagrams)."""
    if not caller.roles & READER_ROLES:
        raise RoleRequiredError("The scenarios are for reviewers.")


def runner_of(request: Request) -> ScenarioRunner:
    """The app's scenario runner."""
    runner: ScenarioRunner = request.app.state.scenario_runner
    return runner


def last_report(settings: Settings) -> tuple[list[ProcessCoverage], list[ScenarioRecord]] | None:
    """The scenario results the feature suite wrote last (None before the first run)."""
    path = settings.reports_dir / "scenarios.json"
    if not path.is_file():
        return None
    return from_json(path.read_text("utf-8"))


def results_by_name(records: list[ScenarioRecord]) -> dict[tuple[str, str], ScenarioRecord]:
    """(feature file, run name) -> its record."""
    return {(r.feature, r.name): r for r in records}


@router.get("/scenarios")
def show_scenarios(request: Request, settings: SettingsDep, caller: WebUser) -> Response:
    """Feature files with their scenarios' last results and the path coverage."""
    require_reader(caller)
    report = last_report(settings)
    results = results_by_name(report[1]) if report else {}
    features: list[dict[str, Any]] = []
    for feature in read_all(settings.features_dir):
        scenarios = [
            {"scenario": s, "runs": [(n, results.get((feature.file, n))) for n in s.run_names()]}
            for s in feature.scenarios
        ]
        features.append({"feature": feature, "scenarios": scenarios})
    records = report[1] if report else []
    return page(
        request,
        "scenarios.html",
        features=features,
        coverage=report[0] if report else None,
        passed=sum(r.status == "passed" for r in records),
        failed=sum(r.status != "passed" for r in records),
        run=runner_of(request),
        may_run="reviewer" in caller.roles,
    )


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

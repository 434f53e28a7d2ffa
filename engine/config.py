"""Settings from the environment: one place, read once, passed down explicitly."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.params import load_parameters
from engine.workdays import WorkCalendar, load_calendar

ROOT = Path(__file__).resolve().parents[1]
# Instances one multi-instance activity may create (checked at validation and when it runs).
DEFAULT_MAX_INSTANCES = 100
TEXT_MAX_LENGTH = 10_000


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with development defaults."""

    database_url: str = "sqlite:///./nrm.db"
    env: str = "development"
    bpmn_dir: Path = ROOT / "bpmn"
    forms_dir: Path = ROOT / "forms" / "schemas"
    features_dir: Path = ROOT / "features"
    reports_dir: Path = ROOT / "reports"  # scenario results (coverage overlay on diagrams)
    secret_key: str = "dev-only-secret-change-me"
    demo_password: str = "demo"
    script_time_limit: float = 1.0
    # Diagram code and form data: bytes of JSON a step may add to a case's stored state (and a
    # script's variables may come to); instances a multi-instance activity may create.
    max_step_data_bytes: int = 1_048_576
    max_instances: int = DEFAULT_MAX_INSTANCES
    # Characters a form's text field accepts when the form gives no maxLength.
    text_max_length: int = TEXT_MAX_LENGTH
    worker_interval: float = 15.0
    token_minutes: int = 60
    # API: request body limit, login lockout, in-process timer worker.
    max_body_bytes: int = 1_048_576
    login_max_failures: int = 5
    login_window_seconds: int = 300
    inprocess_worker: bool = True
    # Deployment jobs: run by a thread of each server process (and by `nrm worker`) unless
    # off; a runner holds a job this many seconds at a time, renewing while its gate runs.
    deployment_runner: bool = True
    deployment_lease: float = 60.0
    # API: threads for database work and synchronous routes (more only thrash under one GIL:
    # bench/RESULTS.md); requests that may wait for a turn beyond those in flight (then 503).
    api_threads: int = 2
    max_queued_requests: int = 100
    # Server: steps run in this many child processes ("step hosts", 0: in the server process);
    # one that runs longer than the time limit (s) is killed, its step rolled back; a host's
    # address space is held to the memory limit (MB, 0: none).
    step_processes: int = 2
    step_time_limit: float = 5.0
    step_memory_mb: int = 2048
    # Live workflows of open cases kept per process (0: every step restores from the database).
    workflow_cache: int = 256
    # Statistics counted this long ago are served even if cases changed since (0: never).
    statistics_max_age: float = 0.0
    params: Mapping[str, Any] = field(default_factory=load_parameters)
    # Kyrgyz working days, with the one-off decree days the settings add.
    calendar: WorkCalendar = field(default_factory=WorkCalendar)

    @property
    def production(self) -> bool:
        """True when running as production (development helpers are refused)."""
        return self.env.lower() in PRODUCTION_NAMES


PRODUCTION_NAMES = frozenset({"production", "prod"})


def _is_production(env: Mapping[str, str]) -> bool:
    return env.get("NRM_ENV", "").lower() in PRODUCTION_NAMES


def _flag(raw: str | None, *, default: bool) -> bool:
    """A boolean environment variable: 1/true/yes/on (any case) is true."""
    if raw is None or not raw.strip():
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _number(raw: str | None, default: int) -> int:
    """An integer environment variable; unset or blank: the default."""
    return int(raw) if raw is not None and raw.strip() else default


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from `NRM_*` environment variables."""
    env = os.environ if environ is None else environ
    base = Settings(params=load_parameters(env))
    return Settings(
        database_url=env.get("NRM_DATABASE_URL", base.database_url),
        env=env.get("NRM_ENV", base.env),
        bpmn_dir=Path(env.get("NRM_BPMN_DIR", str(base.bpmn_dir))),
        forms_dir=Path(env.get("NRM_FORMS_DIR", str(base.forms_dir))),
        features_dir=Path(env.get("NRM_FEATURES_DIR", str(base.features_dir))),
        reports_dir=Path(env.get("NRM_REPORTS_DIR", str(base.reports_dir))),
        secret_key=env.get("NRM_SECRET_KEY", base.secret_key),
        demo_password=env.get("NRM_DEMO_PASSWORD", base.demo_password),
        script_time_limit=float(env.get("NRM_SCRIPT_TIME_LIMIT", base.script_time_limit)),
        max_step_data_bytes=int(env.get("NRM_MAX_STEP_DATA_BYTES", base.max_step_data_bytes)),
        max_instances=int(env.get("NRM_MAX_INSTANCES", base.max_instances)),
        worker_interval=float(env.get("NRM_WORKER_INTERVAL", base.worker_interval)),
        token_minutes=int(env.get("NRM_TOKEN_MINUTES", base.token_minutes)),
        max_body_bytes=int(env.get("NRM_MAX_BODY_BYTES", base.max_body_bytes)),
        text_max_length=int(env.get("NRM_TEXT_MAX_LENGTH", base.text_max_length)),
        login_max_failures=int(env.get("NRM_LOGIN_MAX_FAILURES", base.login_max_failures)),
        login_window_seconds=int(env.get("NRM_LOGIN_WINDOW_SECONDS", base.login_window_seconds)),
        inprocess_worker=_flag(env.get("NRM_INPROCESS_WORKER"), default=not _is_production(env)),
        deployment_runner=_flag(env.get("NRM_DEPLOYMENT_RUNNER"), default=True),
        deployment_lease=max(
            3.0, float(env.get("NRM_DEPLOYMENT_LEASE_SECONDS", base.deployment_lease))
        ),
        api_threads=max(1, _number(env.get("NRM_API_THREADS"), base.api_threads)),
        max_queued_requests=max(
            0, _number(env.get("NRM_MAX_QUEUED_REQUESTS"), base.max_queued_requests)
        ),
        step_processes=max(0, _number(env.get("NRM_STEP_PROCESSES"), base.step_processes)),
        step_time_limit=float(env.get("NRM_STEP_TIME_LIMIT", base.step_time_limit)),
        step_memory_mb=max(0, _number(env.get("NRM_STEP_MEMORY_MB"), base.step_memory_mb)),
        workflow_cache=max(0, int(env.get("NRM_WORKFLOW_CACHE", base.workflow_cache))),
        statistics_max_age=max(
            0.0, float(env.get("NRM_STATISTICS_MAX_AGE", base.statistics_max_age))
        ),
        params=base.params,
        calendar=load_calendar(env),
    )

"""Fault 4 of issue 18: no page a person reads shows an internal key. Cases are driven
through every SOP (the stored-state fixtures' reports and answers); at each step the task
page, the case page, the inbox and the case list of the agency that works the case are
rendered in each language, and their visible text must hold no identifier-looking token
(`presumed_victim`, `assistance_shelter_free_days`) and no raw JSON."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from html.parser import HTMLParser

from engine.errors import InvalidDataError
from engine.facade import Engine
from engine.spiff.clock import FakeClock
from tests.api.conftest import demo_users
from tests.forms.conftest import Browser, OpenBrowser
from tests.state_fixtures import MAX_STEPS, REPORTS, Step, answers, apply, start

KEY = re.compile(r"(?<![\w.@/-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/-])")
JSON = re.compile(r"[\[{]\s*\"|\"\s*:\s*[\[{\"\d]")
USERNAMES = frozenset(name for name, _agency, _roles in demo_users())
HIDDEN = frozenset({"script", "style"})


class VisibleText(HTMLParser):
    """The text a person reads or hears: text nodes (not scripts or styles), the page
    title, and the accessible names and hints written in attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self._hidden += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "alt", "placeholder") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.parts


def bare_keys(html: str) -> set[str]:
    """Identifier-looking tokens and raw JSON in a page's visible text (usernames allowed)."""
    found: set[str] = set()
    for text in visible_text(html):
        found |= {k for k in KEY.findall(text) if k not in USERNAMES}
        if JSON.search(text):
            found.add(f"JSON: {text[:80]}")
    return found


def test_the_checker_finds_keys_and_json_but_not_words() -> None:
    page = (
        '<p>screening_result presumed_victim</p><p title="rehab_exit_reason">x</p>'
        '<script>var a_b = 1;</script><dd>[{"service": "shelter"}]</dd>'
        "<p>Срок 15 дней, ngo_supervisor, NRM-2026-000001, e-mail a_b@x.kg</p>"
    )
    assert bare_keys(page) == {
        "screening_result",
        "presumed_victim",
        "rehab_exit_reason",
        'JSON: [{"service": "shelter"}]',
    }


# The child's exit approved (the stored-state answers leave it refused, and the plan is
# reviewed again for ever); its conditionally required answers.
CHILD_EXIT = {
    "rehab_child_exit_approved": True,
    "rehab_child_exit_care": "family",
    "rehab_child_exit_views": "The child wants to go home",
}
LANGS = ("ru", "ky", "en")
# The SOPs a case goes through on the four reports.
SOPS = {"nrm_case", "identification", "identification_decision", "referral"}
SOPS |= {"social_rehabilitation", "repatriation", "proceedings"}


def drive_pages(engine: Engine, clock: FakeClock, case_id: str) -> Iterator[tuple[str, str]]:
    """Run the case to its end as tests/state_fixtures.py does, yielding before each task
    is completed (its agency and id), and once at the end (the reporting agency, '')."""
    for _ in range(MAX_STEPS):
        if engine.get_case(case_id).status != "open":
            break
        tasks = engine.case_tasks(case_id)
        if not tasks:
            due = engine.next_timer([case_id])
            assert due is not None, "an open case with no task and no timer"
            apply(engine, clock, case_id, Step(max(due, clock.now()).isoformat()))
            continue
        task = tasks[0]
        yield str(task.agency), task.id
        form = engine.task_form(task.id)
        moment = clock.now() + timedelta(hours=1)
        data = answers(dict(form) if form else None, moment)
        if "rehab_child_exit_approved" in data:
            data.update(CHILD_EXIT)
        try:
            apply(engine, clock, case_id, Step(moment.isoformat(), task.agency, task.name, data))
        except InvalidDataError as refused:
            # While SOP 3 runs beside 4B, IOM records the departure with the message, which
            # closes the rehabilitation too: the task's form refuses a direct completion.
            if task.name != DEPARTED_BY_MESSAGE or {e.field for e in refused.errors} != {
                "return_beside_rehabilitation"
            }:
                raise
            engine.deliver_message(
                case_id, "person_departed", data, actor=task.agency, agency=task.agency
            )
    assert engine.get_case(case_id).status != "open", f"not finished in {MAX_STEPS} steps"
    yield engine.get_case(case_id).reporting_agency, ""


DEPARTED_BY_MESSAGE = "Organise assisted return"


def test_no_page_of_a_case_through_every_sop_shows_a_bare_key(
    browser: OpenBrowser, web_engine: Engine, clock: FakeClock
) -> None:
    """Each task page and the case page at every step, in one language a step (in turn),
    the inbox and case list at the start and the end, every page in all three at the end."""
    found: dict[str, set[str]] = {}
    processes: set[str] = set()

    def read(user: Browser, lang: str, paths: list[str]) -> None:
        user.post("/language", {"lang": lang, "next": "/inbox"})
        for path in paths:
            response = user.get(path)
            assert response.status_code == 200, (path, response.status_code)
            for key in bare_keys(response.text):
                found.setdefault(key, set()).add(f"{lang} {path}")

    for report in sorted(REPORTS):
        case_id = start(web_engine, clock, REPORTS[report])
        users: dict[str, Browser] = {}
        for n, (agency, task_id) in enumerate(drive_pages(web_engine, clock, case_id)):
            user = users.get(agency) or users.setdefault(agency, browser(agency))
            paths = [f"/cases/{case_id}"]
            if task_id:
                paths.insert(0, f"/tasks/{task_id}")
                processes.add(web_engine.get_task(task_id).process_id)
            if n == 0:
                paths += ["/inbox", "/cases"]
            for lang in LANGS if not task_id else [LANGS[n % 3]]:
                read(user, lang, paths if task_id else [*paths, "/inbox", "/cases"])
    assert processes >= SOPS
    assert not found, "\n".join(f"{k}: {sorted(v)[:3]}" for k, v in sorted(found.items()))


def test_every_choice_of_every_form_is_shown_by_its_title() -> None:
    """Review F-U: a field two forms hold with different choices ("return_receiving_agency":
    a child's reception offers child protection only) showed the other form's answers as
    their code ("social"); the case page names every choice of every form in words."""
    import json
    from pathlib import Path

    from forms import fieldlabels
    from forms.formview import choices_of, editable
    from forms.translate import Translator

    folder = Path(__file__).parents[2] / "forms" / "schemas"
    forms = {
        p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(folder.glob("*.schema.json"))
    }
    index = fieldlabels.field_index(forms)
    raw: set[tuple[str, str, str]] = set()
    for lang in LANGS:
        t = Translator(lang)
        for form, schema in forms.items():
            for name, prop in editable(schema).items():
                for c in choices_of(prop):
                    if c.value not in ("true", "false") and (
                        fieldlabels.display(t, index, name, c.value) == c.value
                    ):
                        raw.add((form, name, c.value))
    assert not raw, sorted(raw)

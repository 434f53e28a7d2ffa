"""What a task page tells from earlier steps (its form's `x-context`), for the page review's
context gaps (issue 18): the social worker drafting the rehabilitation plan (F-P) and the
one delivering a service (F-Q's addendum) are told who serves the person, since when, what
help she already had and her language; the commission approving the plan sees each service's
executor and the plan's date (F-R); the social worker meeting a returnee sees the travel plan
as IOM entered it, the risk level, language and home region (F-V); the consul interviewing
sees where and how the person was found (F-I). Every page in ru, ky and en."""

from __future__ import annotations

import re
from typing import Any

import pytest

from engine.facade import Engine
from engine.views import TaskView
from forms.translate import Translator
from scenario_suite.world import fill_form
from tests.forms.conftest import OpenBrowser

LANGS = ["ru", "ky", "en"]


def do(engine: Engine, case_id: str, name: str, given: dict[str, Any] | None = None) -> None:
    """Complete the case's open task of that name (required fields the test leaves out get
    the scenarios' example values)."""
    task = open_task(engine, case_id, name)
    schema = engine.task_form(task.id)
    data = fill_form(dict(schema) if schema else None, given or {}, engine.clock.now().date())
    engine.complete_task(task.id, data, actor=task.agency or "", agency=task.agency)


def open_task(engine: Engine, case_id: str, name: str) -> TaskView:
    found = [t for t in engine.case_tasks(case_id) if t.name == name and t.status == "ready"]
    assert found, f"no open task {name!r}: {[t.name for t in engine.case_tasks(case_id)]}"
    return found[0]


def context_of(browser: OpenBrowser, user: str, task_id: str, lang: str) -> dict[str, str]:
    """The task page's "from the case" box as label -> value, in the page language."""
    b = browser(user)
    b.post("/language", {"lang": lang})
    page = b.get(f"/tasks/{task_id}").text
    box = page.split('<section class="context"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<dt>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", box, re.S)
    assert rows, box
    return {_text(k): _text(v) for k, v in rows}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def label(lang: str, english: str) -> str:
    return Translator(lang).form(english)


def rehabilitation(engine: Engine) -> str:
    """A rehabilitation after the NGO's first help and referral: the NGO shelters her."""
    start = {
        "pseudonym": "Bermet",
        "presumed_child": False,
        "referral_receiver": "ngo",
        "language": "ky",
        "interpreter_needed": True,
        "assistance_shelter_provided": True,
        "assistance_food_clothing": True,
        "assistance_emergency_medical": False,
        "assistance_start_date": "2026-01-02",
    }
    case_id = engine.start_case("social_rehabilitation", start, agency="ngo", actor="ngo").case.id
    do(
        engine,
        case_id,
        "Intake and needs assessment",
        {
            "rehab_intake_date": "2026-01-05",
            "rehab_needs": ["shelter", "psychological"],
            "rehab_retrafficking_risk": "medium",
            "rehab_contact_with_traffickers": True,
            "rehab_dependants": 2,
            "rehab_in_shelter": True,
            "rehab_shelter_since": "2026-01-03",
        },
    )
    return case_id


PLAN = {
    "rehab_plan_goals": "Safe housing, then counselling",
    "rehab_services_planned": ["shelter", "psychological"],
    "rehab_provider_shelter": "receiver",
    "rehab_provider_psychological": "social",
    "rehab_plan_person_agreed": True,
    "rehab_plan_date": "2026-01-08",
}


def returnee(engine: Engine) -> str:
    """A Kyrgyz man found by the consulate in Moscow, as the report says."""
    start = {
        "repatriation_direction": "inbound",
        "presumed_child": False,
        "pseudonym": "Nurlan",
        "detection_channel": "consular",
        "detection_place": "Moscow, consulate",
        "detection_date": "2026-01-04",
        "location": "abroad",
        "region": "naryn",
        "language": "ky",
        "interpreter_needed": True,
    }
    return engine.start_case("repatriation", start, agency="consular", actor="consular").case.id


# the rows each page gained (label -> value), in each language
PLAN_ROWS = {
    "ru": {
        "Получатель": "НКО / кризисный центр",
        "Лицо проживает в приюте": "Да",
        "В приюте с": "3 янв. 2026 г.",
        "Язык, которым человек владеет лучше всего": "Кыргызский",
        "Нужен переводчик": "Да",
        "Предоставлено безопасное жильё": "Да",
        "Предоставлены питание и одежда": "Да",
        "Оказана экстренная медицинская помощь": "Нет",
        "Дата начала первой помощи": "2 янв. 2026 г.",
        "Иждивенцы на попечении человека": "2",
        "Торговцы людьми всё ещё выходят на связь с человеком или семьёй": "Да",
    },
    "ky": {
        "Кабыл алуучу": "КЭУ / кризистик борбор",
        "Адам баш калкалоочу жайда турат": "Ооба",
        "Баш калкалоочу жайга келген күнү": "2026-ж., 3-янв.",
        "Адам эң жакшы билген тил": "Кыргызча",
        "Котормочу керек": "Ооба",
        "Коопсуз турак жай берилди": "Ооба",
        "Биринчи жардам башталган күнү": "2026-ж., 2-янв.",
        "Адам сатуучулар адам же анын үй-бүлөсү менен дагы эле байланышып жатышат": "Ооба",
    },
    "en": {
        "Receiver": "NGO / crisis centre",
        "The person stays in a shelter": "Yes",
        "In the shelter since": "Jan 3, 2026",
        "Language the person speaks best": "Kyrgyz",
        "An interpreter is needed": "Yes",
        "Safe accommodation provided": "Yes",
        "Food and clothing provided": "Yes",
        "Emergency medical care given": "No",
        "First assistance started on": "Jan 2, 2026",
        "Dependants in the person&#39;s care": "2",
        "Traffickers still contact the person or family": "Yes",
    },
}
APPROVE_ROWS = {
    "ru": {
        "Приют: исполнитель": "Организация, которая уже обслуживает лицо (НКО / кризисный центр)",
        "Психологическая помощь: исполнитель": "Социальные службы",
        "Дата плана": "8 янв. 2026 г.",
        "Получатель": "НКО / кризисный центр",
    },
    "ky": {
        "Баш калкалоочу жай: аткаруучу": (
            "Адамды мурунтан тейлеп жаткан уюм (КЭУ / кризистик борбор)"
        ),
        "Психологиялык жардам: аткаруучу": "Социалдык кызматтар",
        "Пландын күнү": "2026-ж., 8-янв.",
        "Кабыл алуучу": "КЭУ / кризистик борбор",
    },
    "en": {
        "Shelter: delivered by": "The agency already serving the person (NGO / crisis centre)",
        "Psychological help: delivered by": "Social services",
        "Date of the plan": "Jan 8, 2026",
        "Receiver": "NGO / crisis centre",
    },
}
SERVICE_ROWS = {lang: {k: PLAN_ROWS[lang][k] for k in list(PLAN_ROWS[lang])[:5]} for lang in LANGS}
INTERVIEW_ROWS = {
    "ru": {
        "Как о человеке стало известно": "Консульство или посольство",
        "Место выявления": "Moscow, consulate",
        "Дата выявления": "4 янв. 2026 г.",
        "Где человек находится сейчас": "За рубежом",
    },
    "ky": {
        "Адам тууралуу кантип белгилүү болду": "Консулдук же элчилик",
        "Аныкталган жери": "Moscow, consulate",
        "Аныкталган күнү": "2026-ж., 4-янв.",
        "Адам азыр кайда": "Чет өлкөдө",
    },
    "en": {
        "How the person came to notice": "Consulate or embassy",
        "Place of detection": "Moscow, consulate",
        "Date of detection": "Jan 4, 2026",
        "Where the person is now": "Abroad",
    },
}
RECEPTION_ROWS = {
    "ru": {
        "Регион": "Нарынская область",
        "Язык, которым человек владеет лучше всего": "Кыргызский",
        "Нужен переводчик": "Да",
        "Вид транспорта": "Самолёт",
        "Кто обеспечивает сопровождение": "МОМ",
        "Риск возвращения": "Низкий",
    },
    "ky": {
        "Аймак": "Нарын облусу",
        "Адам эң жакшы билген тил": "Кыргызча",
        "Транспорттун түрү": "Учак",
        "Коштоону ким камсыз кылат": "ЭМУ",
        "Кайтуунун тобокелдиги": "Төмөн",
    },
    "en": {
        "Region": "Naryn region",
        "Language the person speaks best": "Kyrgyz",
        "An interpreter is needed": "Yes",
        "Travel by": "Air",
        "Escort provided by": "IOM",
        "Return risk": "Low",
    },
}


def shows(context: dict[str, str], rows: dict[str, str]) -> None:
    assert {k: context.get(k) for k in rows} == rows


@pytest.mark.parametrize("lang", LANGS)
def test_the_plan_and_its_services_say_who_serves_her_and_what_she_had(
    browser: OpenBrowser, web_engine: Engine, lang: str
) -> None:
    case_id = rehabilitation(web_engine)
    plan = open_task(web_engine, case_id, "Draft individual rehabilitation plan")
    shows(context_of(browser, "social", plan.id, lang), PLAN_ROWS[lang])
    do(web_engine, case_id, plan.name, PLAN)
    approve = open_task(web_engine, case_id, "Approve rehabilitation plan")
    shows(context_of(browser, "commission", approve.id, lang), APPROVE_ROWS[lang])
    do(web_engine, case_id, approve.name, {"rehab_plan_decision": "approved"})
    [service] = [
        t for t in web_engine.case_tasks(case_id) if t.agency == "social" and t.status == "ready"
    ]
    shows(context_of(browser, "social", service.id, lang), SERVICE_ROWS[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_the_consul_and_the_social_worker_meeting_a_returnee_are_told_what_is_known(
    browser: OpenBrowser, web_engine: Engine, lang: str
) -> None:
    case_id = returnee(web_engine)
    interview = open_task(web_engine, case_id, "Consular interview")
    shows(context_of(browser, "consular", interview.id, lang), INTERVIEW_ROWS[lang])
    do(
        web_engine,
        case_id,
        interview.name,
        {
            "return_citizenship_confirmed": True,
            "return_citizenship_evidence": ["kg_id_card"],
            "return_contact_channel": "foreign_authority",
            "return_country_of_stay": "RU",
        },
    )
    consent = {"return_consent_given": True, "return_consent_by": "person"}
    do(web_engine, case_id, "Informed consent to return", consent)
    do(web_engine, case_id, "Assess return risk", {"return_risk_level": "low"})
    do(web_engine, case_id, "Issue certificate of return")
    travel = {
        "return_travel_mode": "air",
        "return_travel_escort_provided": True,
        "return_travel_escort_by": "iom",
        "return_travel_arrival_point": "Manas airport",
        "return_travel_departure_date": "2026-01-12",
    }
    do(web_engine, case_id, "Organise travel and escort", travel)
    reception = open_task(web_engine, case_id, "Receive at home")
    shows(context_of(browser, "social", reception.id, lang), RECEPTION_ROWS[lang])

"""The statistics page: the rapporteur's start page, aggregates in words, small counts
withheld, refused to casework roles."""

from __future__ import annotations

import csv
import io

from engine.facade import Engine
from tests.forms.conftest import OpenBrowser, report_case, to_screening


def test_the_rapporteur_starts_on_the_statistics_page(browser: OpenBrowser) -> None:
    rapporteur = browser("rapporteur")
    assert rapporteur.get("/", follow_redirects=False).headers["location"] == "/statistics"
    page = rapporteur.get("/statistics").text
    assert '<a href="/statistics" aria-current="page">Статистика</a>' in page
    assert 'href="/inbox"' not in page and 'href="/cases"' not in page


def test_figures_in_words_with_small_counts_withheld(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    for _ in range(5):
        to_screening(web_engine)  # reported by the NGO in Chui; consent to referral given
    report_case(web_engine, "police", region="naryn")
    page = browser("rapporteur").get("/statistics").text
    assert "Зарегистрировано дел: <strong>6</strong>" in page
    assert "Чуйская область" in page and "Нарынская область" in page  # the form's words
    assert "скрыто" in page  # Naryn (1), and with it the only other region
    assert "Согласие на перенаправление" in page and '<th scope="row">Да</th>' in page
    assert "Aigul" not in page and "Asel Toktogulova" not in page
    assert "--rebuild-facts" not in page  # every case has its facts
    year = browser("rapporteur").get("/statistics", params={"year": 2001}).text
    assert "Зарегистрировано дел: <strong>0</strong>" in year
    assert "Пока нечего считать." in year


def test_casework_roles_are_refused_and_policy_staff_see_the_link(
    browser: OpenBrowser,
) -> None:
    police = browser("police")
    response = police.get("/statistics")
    assert response.status_code == 403
    assert 'href="/statistics"' not in police.get("/inbox").text
    assert 'href="/statistics"' in browser("policy").get("/library").text


def test_cases_without_facts_are_pointed_out(browser: OpenBrowser, web_engine: Engine) -> None:
    for _ in range(5):
        report_case(web_engine, "police")
    with web_engine.db.begin() as conn:  # as if reported before facts were kept
        conn.exec_driver_sql("DELETE FROM case_fact")
    page = browser("rapporteur").get("/statistics").text
    assert "nrm statistics --rebuild-facts" in page and "</strong>" in page
    assert "сохраняться для статистики (считаются как «не указано»" in page
    web_engine.rebuild_facts()
    assert "--rebuild-facts" not in browser("rapporteur").get("/statistics").text


HTCDS_ANSWERS = {
    "screening_date": "2026-01-05", "screening_act": True, "screening_means": True,
    "screening_purpose": True, "exploitation_other_types": ["sexual", "domestic_servitude"],
    "labour_sector": "construction", "means_of_control": ["debt_bondage", "withholds_documents"],
    "recruitment_method": "job_offer", "vulnerabilities": ["poverty", "migration"],
    "recruitment_country": "KG", "transit_countries": ["KZ"],
}  # fmt: skip


def test_screening_answers_reach_the_page_and_the_htcds_export(
    browser: OpenBrowser, web_engine: Engine
) -> None:
    for _ in range(5):
        screening = to_screening(web_engine).opened[0]
        web_engine.complete_task(screening.id, HTCDS_ANSWERS, actor="ngo", agency="ngo")
    page = browser("rapporteur").get("/statistics").text
    assert "Способы контроля над человеком" in page and "Долговая кабала" in page
    assert "Уязвимость до торговли людьми" in page and "Страны транзита" in page
    body = web_engine.htcds_export(actor="test").csv().split("\n", 1)[1]
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 5
    row = rows[0]
    assert (row["isSexualExploit"], row["isForcedLabour"], row["isSexAndLabour"]) == ("1", "1", "1")
    assert (row["typeOfLabourConstruction"], row["typeOfLabourDomesticWork"]) == ("1", "1")
    assert (row["meansOfControlDebtBondage"], row["meansOfControlWithholdsDocuments"]) == ("1", "1")
    assert row["meansOfControlNotSpecified"] == "0" and row["MethodOfRecruitment"] == "JobOffer"
    assert row["vulnerabilitiesConcatenated"] == "Poverty|Migration"
    assert (row["CountryOfRecruitment"], row["CountriesOfTransit"]) == ("KG", "KZ")
    assert (row["CountryOfExploitation"], row["citizenship"]) == ("RU", "KG")

"""The HTCDS export's columns and where each comes from (docs/statistics.md has the table).

HTCDS columns keep the standard's names (and the CTDC global dataset's spelling of them);
`1`/`0` for a flag, `-99` for not recorded, as CTDC writes them. The NRM's own columns
(`regionOfRegistration`, `reportingAgencyType`, `nrm…`, `service…`) carry what the standard
has no field for.
"""

from __future__ import annotations

from collections.abc import Mapping

from engine.catalogue import STEPS
from engine.kanon import ANY, Ladder

MISSING = "-99"
SOUTH = frozenset({"osh_city", "osh_region", "jalal_abad", "batken"})


def camel(code: str) -> str:
    """`debt_bondage` -> `DebtBondage`."""
    return "".join(part.capitalize() for part in code.split("_"))


# Exploitation types (case_report `exploitation_type` and `exploitation_other_types`) -> the
# HTCDS flags they set (begging and crime are labour, as the standard files them).
EXPLOITATION = {
    "sexual": ("isSexualExploit",),
    "labour": ("isForcedLabour",),
    "domestic_servitude": ("isForcedLabour", "typeOfLabourDomesticWork"),
    "forced_marriage": ("isForcedMarriage",),
    "forced_begging": ("isForcedLabour", "typeOfLabourBegging"),
    "forced_criminality": ("isForcedLabour", "typeOfLabourIllicitActivities"),
    "organ_removal": ("isOrganRemoval",),
    "other": ("isOtherExploit",),
}
EXPLOIT_FLAGS = ("isForcedLabour", "isSexualExploit", "isOtherExploit", "isSexAndLabour",
                 "isForcedMarriage", "isOrganRemoval")  # fmt: skip
LABOUR = {"mining": "MiningOrDrilling"}
LABOUR_SECTORS = ("agriculture", "aquafarming", "begging", "construction", "domestic_work",
                  "hospitality", "illicit_activities", "manufacturing", "mining", "peddling",
                  "transportation", "other")  # fmt: skip
CONTROL = ("debt_bondage", "takes_earnings", "restricts_financial_access", "threats",
           "psychological_abuse", "physical_abuse", "sexual_abuse", "false_promises",
           "psychoactive_substances", "restricts_movement", "restricts_medical_care",
           "excessive_working_hours", "uses_children", "threat_of_law_enforcement",
           "withholds_necessities", "withholds_documents", "other")  # fmt: skip
RECRUITMENT_METHODS = ("abduction", "familial", "internet", "marriage_broker", "intimate_partner",
                       "job_offer", "posing_as_benefactor", "offer_of_accommodation",
                       "smuggling", "other")  # fmt: skip
RECRUITMENT = {"marriage_broker": "InternationalMarriageBroker"}
VULNERABILITIES = ("addiction", "discrimination", "poverty", "disability_or_physical_health",
                   "mental_health", "migration", "homelessness", "abuse_social_media",
                   "abuse_physical", "education", "work_environment")  # fmt: skip
VULNERABILITY = {"disability_or_physical_health": "DisabilityAndPhysicalHealth"}
SERVICES = ("shelter", "medical", "psychological", "legal_aid_documents", "family_contact",
            "education_training", "employment", "material_help")  # fmt: skip
FUNDING = ("state_budget", "local_budget", "ngo_own", "donor", "iom", "none")
GENDER = {"female": "Female", "male": "Male", "other": "Transgender/NonConforming"}

QUASI_IDENTIFIERS = (
    "gender", "ageBroad", "citizenship", "regionOfRegistration", "yearOfRegistration"
)  # fmt: skip
STEP_COLUMNS = {f"nrm{camel(s.name)}": s for s in STEPS if s.name != "reported"}
COUNTRY_COLUMNS = ("CountryOfRecruitment", "CountriesOfTransit", "CountryOfExploitation")
COLUMNS: tuple[str, ...] = (
    "yearOfRegistration", "regionOfRegistration", "reportingAgencyType", "gender", "ageBroad",
    "majorityStatus", "citizenship", *EXPLOIT_FLAGS, "typeOfExploitConcatenated",
    *(f"typeOfLabour{LABOUR.get(s, camel(s))}" for s in LABOUR_SECTORS),
    "typeOfLabourConcatenated", *(f"meansOfControl{camel(c)}" for c in CONTROL),
    "meansOfControlNotSpecified", "meansOfControlConcatenated", "MethodOfRecruitment",
    "isAbduction", *(f"vulnerability{VULNERABILITY.get(v, camel(v))}" for v in VULNERABILITIES),
    "vulnerabilitiesConcatenated", *COUNTRY_COLUMNS, *STEP_COLUMNS, "caseClosed",
    *(f"service{camel(s)}" for s in SERVICES), *(f"funding{camel(f)}" for f in FUNDING),
)  # fmt: skip


def _period(year: str) -> str:
    if not year.isdigit():
        return year
    start = int(year) - int(year) % 3
    return f"{start}-{start + 2}"


def _sex(value: str) -> str:
    return value if value in ("Female", "Male") else "OtherOrUnknown"


def _majority_band(value: str) -> str:
    return value if value == MISSING else ("0-17" if value in ("0-13", "14-17") else "18+")


def _home_or_not(value: str) -> str:
    return value if value in ("KG", MISSING) else "foreign"


def _north_or_south(value: str) -> str:
    return value if value == MISSING else ("south" if value in SOUTH else "north")


def _any(_value: str) -> str:
    return ANY


LADDERS = (
    Ladder("gender", (_sex, _any)),
    Ladder("ageBroad", (_majority_band, _any)),
    Ladder("citizenship", (_home_or_not, _any)),
    Ladder("regionOfRegistration", (_north_or_south, _any)),
    Ladder("yearOfRegistration", (_period, _any)),
)


def majority(age: str) -> str:
    """Minor or Adult from a (generalised) age band."""
    if age in (MISSING, ANY):
        return age
    return "Minor" if age in ("0-13", "14-17", "0-17") else "Adult"


def _flag(on: bool) -> str:
    return "1" if on else "0"


def _names(
    prefix: str, codes: tuple[str, ...], names: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """(code, its column, its name in a joined list), worked out once."""
    return [(c, f"{prefix}{names.get(c, camel(c))}", names.get(c, camel(c))) for c in codes]


_LISTS = {
    "typeOfLabour": (_names("typeOfLabour", LABOUR_SECTORS, LABOUR), "typeOfLabourConcatenated"),
    "meansOfControl": (_names("meansOfControl", CONTROL, {}), "meansOfControlConcatenated"),
    "vulnerability": (
        _names("vulnerability", VULNERABILITIES, VULNERABILITY),
        "vulnerabilitiesConcatenated",
    ),
}


def _flags(prefix: str, on: set[str]) -> dict[str, str]:
    """One 0/1 column per code, and the codes set, joined."""
    columns, joined = _LISTS[prefix]
    found = {column: "1" if code in on else "0" for code, column, _name in columns}
    found[joined] = "|".join(name for code, _column, name in columns if code in on)
    return found


def _exploitation(facts: Mapping[str, str], members: Mapping[str, set[str]]) -> dict[str, str]:
    kinds = {facts.get("exploitation_type", ""), *members.get("exploitation_other_types", ())}
    flags = {f for kind in kinds for f in EXPLOITATION.get(kind, ())}
    if {"isSexualExploit", "isForcedLabour"} <= flags:
        flags.add("isSexAndLabour")
    sector = facts.get("labour_sector")
    labour = {code for code, column, _name in _LISTS["typeOfLabour"][0] if column in flags}
    labour |= {sector} if sector in LABOUR_SECTORS else set()
    types = "|".join(sorted(f[2:] for f in flags if f.startswith("is")))
    return {
        **{f: _flag(f in flags) for f in EXPLOIT_FLAGS},
        "typeOfExploitConcatenated": types,
        **_flags("typeOfLabour", labour),
    }


def _recruitment(facts: Mapping[str, str]) -> dict[str, str]:
    method = facts.get("recruitment_method")
    return {
        "MethodOfRecruitment": RECRUITMENT.get(method, camel(method)) if method else MISSING,
        "isAbduction": _flag(method == "abduction"),
    }


_SERVICE_COLUMNS = [(s, f"service{camel(s)}") for s in SERVICES]
_FUNDING_COLUMNS = [(f, f"funding{camel(f)}") for f in FUNDING]


def _nrm(
    facts: Mapping[str, str], members: Mapping[str, set[str]], reached: set[str]
) -> dict[str, str]:
    row = {}
    for column, step in STEP_COLUMNS.items():
        if step.milestone:
            row[column] = _flag(step.milestone in reached)
        elif step.fact:
            row[column] = _flag(facts.get(step.fact[0]) == step.fact[1])
    services, funding = (
        members.get("rehab_service", set()),
        members.get("rehab_service_funding", set()),
    )
    row |= {column: _flag(code in services) for code, column in _SERVICE_COLUMNS}
    row |= {column: _flag(code in funding) for code, column in _FUNDING_COLUMNS}
    return row


def row_of(
    facts: Mapping[str, str],
    members: Mapping[str, set[str]],
    reached: set[str],
    **about: str | bool,
) -> dict[str, str]:
    """One case's row, before its quasi-identifiers are generalised."""
    control = members.get("means_of_control", set())
    row = {
        "yearOfRegistration": str(about["year"]),
        "regionOfRegistration": facts.get("region", MISSING),
        "reportingAgencyType": str(about["sector"]),
        "gender": GENDER.get(facts.get("sex", ""), MISSING),
        "ageBroad": MISSING if about["age_group"] == "unknown" else str(about["age_group"]),
        "majorityStatus": "",  # from the age as generalised (engine/htcds.py)
        "citizenship": facts.get("citizenship", MISSING),
        **_exploitation(facts, members),
        **_flags("meansOfControl", control),
        "meansOfControlNotSpecified": _flag(not control),
        **_recruitment(facts),
        **_flags("vulnerability", members.get("vulnerabilities", set())),
        "CountryOfRecruitment": facts.get("recruitment_country", MISSING),
        "CountriesOfTransit": "|".join(sorted(members.get("transit_countries", ()))),
        "CountryOfExploitation": facts.get("exploitation_country", MISSING),
        "caseClosed": _flag(bool(about["closed"])),
        **_nrm(facts, members, reached),
    }
    return {column: row[column] for column in COLUMNS}

"""The one catalogue: every interface string and every form and diagram text has Russian and
English entries; Kyrgyz has its own or is listed, visibly, as falling back to Russian."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from engine.agencies import ROLES
from engine.config import load_settings
from forms import diagramtext, fieldlabels, translate
from forms.translate import LANGUAGES, Translator, catalogue, plural_category

FORMS = Path(__file__).resolve().parents[2] / "forms"
UI_KEY = re.compile(
    r"[\"']((?:app|nav|lang|auth|account|common|inbox|task|form|error|errors|flash|race|"
    r"report|cases|case|time|agency|outcome|action|field|library|scenarios|statistics|users)"
    r"\.[a-z_.]+[a-z_])[\"']"
)
FILES = (".html", ".json", ".css", ".js", ".svg", ".png")
# Keys the pages build from data: audit actions, error classes, derived field names.
DYNAMIC = ("action.", "errors.", "field.", "statistics.milestone.", "statistics.fact.")
DYNAMIC += ("statistics.step.", "statistics.sector.", "statistics.age.", "statistics.citizenship.")
DYNAMIC += ("users.role.", "users.error.", "users.done.", "escalation.tag.", "value.")
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
BPMNDI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
# Every outcome a diagram's script gives a case (literally, or from another field's values:
# a return's outcome becomes the case's), shown on the statistics and case pages.
OUTCOMES = frozenset(
    m
    for path in (FORMS.parent / "bpmn").glob("*.bpmn")
    for m in re.findall(r"case_outcome\s*=\s*[\"']([a-z0-9_]+)[\"']", path.read_text("utf-8"))
) | {"arrived_home", "citizenship_not_confirmed", "return_declined", "return_not_completed",
     "return_not_in_best_interests", "consent_withdrawn", "stayed_for_proceedings",
     "other_protection"}  # fmt: skip
SPIFF = "{http://spiffworkflow.org/bpmn/schema/1.0/core}"
ASSIGNED = re.compile(r"^\s*([a-z][a-z0-9_]*)\s*=(?!=)\s*(.*)$", re.MULTILINE)
LITERAL = re.compile(r"^[\"']([a-z][a-z0-9_]*)[\"']$")
# Names scripts use for a moment (deleted before the step ends), not case data.
SCRIPT_LOCALS = frozenset({"chosen", "delivered"})
DELETED = re.compile(r"^\s*del\s+(.+)$", re.MULTILINE)


def interface_keys() -> set[str]:
    """Every literal message key in the templates and the page code, and the key families."""
    keys: set[str] = set()
    for path in [*FORMS.glob("templates/*.html"), *FORMS.glob("**/*.py")]:
        keys |= {k for k in UI_KEY.findall(path.read_text("utf-8")) if not k.endswith(FILES)}
    keys |= {f"agency.{r.code}" for r in ROLES} | {f"outcome.{o}" for o in OUTCOMES}
    keys |= {f"case.status.{s}" for s in ("open", "completed", "cancelled")}
    for kind in ("due_in", "overdue_by", "waited"):
        keys |= {f"time.{kind}.{unit}" for unit in ("minutes", "hours", "days")}
    keys |= {f"errors.title.{g}" for g in ("bad_request", "forbidden", "not_found", "conflict")}
    keys |= {f"param.{unit}" for unit in ("hours", "days", "working_days")}
    keys |= {f"diagram.state.{s}" for s in diagramtext.STATES}
    return keys


def _texts(schema: dict[str, object]) -> list[str]:
    found = [schema.get("title"), schema.get("description")]
    for prop in (schema.get("properties") or {}).values():  # type: ignore[attr-defined]
        found += [prop.get("title"), prop.get("description"), prop.get("x-section")]
        found.append(prop.get("x-child-title"))  # a child's question (formview._title)
        source = prop.get("items") if isinstance(prop.get("items"), dict) else prop
        found += [o.get("title") for o in source.get("oneOf") or []]
    return [t for t in found if isinstance(t, str) and t]


def library_texts() -> set[str]:
    """Titles, labels, help, sections and choices of every form; process names and the
    name of every element a diagram draws (case pages draw them in the reader's language)."""
    settings = load_settings({})
    texts: set[str] = set()
    for path in settings.forms_dir.glob("*.json"):
        texts |= set(_texts(json.loads(path.read_text("utf-8"))))
    for path in settings.bpmn_dir.glob("*.bpmn"):
        root = etree.parse(str(path)).getroot()
        drawn = {e.get("bpmnElement") for e in root.iter(f"{BPMNDI}BPMNShape", f"{BPMNDI}BPMNEdge")}
        for element in root.iter(f"{BPMN}*"):
            named = element.tag == f"{BPMN}process" or element.get("id") in drawn
            if named and element.get("name"):
                texts.add(str(element.get("name")))
    return texts


def test_every_interface_string_has_russian_and_english() -> None:
    keys = interface_keys()
    assert len(keys) > 150
    for lang in ("ru", "en"):
        missing = sorted(keys - set(catalogue(lang).ui))
        assert missing == [], f"{lang}: {missing}"


def test_every_form_and_diagram_text_has_russian_and_english() -> None:
    texts = library_texts()
    assert len(texts) > 600
    for lang in ("ru", "en"):
        missing = sorted(texts - set(catalogue(lang).forms))
        assert missing == [], f"{lang}: {missing[:10]}"


def script_assignments() -> dict[str, set[str]]:
    """Every case field the diagrams' scripts write, with the literal codes they write."""
    settings = load_settings({})
    written: dict[str, set[str]] = {}
    for path in settings.bpmn_dir.glob("*.bpmn"):
        root = etree.parse(str(path)).getroot()
        for script in root.iter(f"{BPMN}script", f"{SPIFF}preScript", f"{SPIFF}postScript"):
            text = script.text or ""
            # A temporary the script deletes before it ends is not a case field.
            deleted = {n.strip() for d in DELETED.findall(text) for n in d.split(",")}
            for name, value in ASSIGNED.findall(text):
                if name in deleted:
                    continue
                codes = written.setdefault(name, set())
                codes.update(LITERAL.findall(value.strip()))
    return {k: v for k, v in written.items() if k not in SCRIPT_LOCALS}


def test_every_field_a_script_writes_has_a_label_and_its_codes_have_words() -> None:
    settings = load_settings({})
    forms = {p.name: json.loads(p.read_text("utf-8")) for p in settings.forms_dir.glob("*.json")}
    index = fieldlabels.field_index(forms)
    written = script_assignments()
    assert len(written) > 20
    for lang in LANGUAGES:
        t = Translator(lang)
        for name, codes in sorted(written.items()):
            if name in fieldlabels.INTERNAL_FIELDS:
                continue
            assert name in index or t.has(f"field.{name}"), f"{lang}: no label for {name}"
            for code in codes:
                assert fieldlabels.display(t, index, name, code) != code, f"{lang}: {name}={code}"


def test_kyrgyz_is_translated_or_visibly_falls_back_to_russian() -> None:
    ky = catalogue("ky")
    ui_keys, texts = set(catalogue("en").ui), library_texts()
    assert ui_keys <= set(ky.ui) | ky.fallback_ui
    assert texts <= set(ky.forms) | ky.fallback_forms
    assert not set(ky.ui) & ky.fallback_ui and not set(ky.forms) & ky.fallback_forms
    assert len(ky.ui) > 100  # most of the interface is in Kyrgyz


def test_catalogues_have_no_stale_entries() -> None:
    keys, texts = interface_keys(), library_texts()
    for lang in LANGUAGES:
        stale = {k for k in set(catalogue(lang).ui) - keys if not k.startswith(DYNAMIC)}
        assert sorted(stale) == [], lang
        assert sorted(set(catalogue(lang).forms) - texts) == [], lang


def test_russian_counted_messages_have_every_plural_form() -> None:
    for key, message in catalogue("ru").ui.items():
        if not isinstance(message, str):
            assert set(message) == {"one", "few", "many"}, key


def test_kyrgyz_fallback_shows_russian_never_english(monkeypatch: pytest.MonkeyPatch) -> None:
    real, ru, text = catalogue("ky"), Translator("ru"), "Indicator screening"
    # Everything is in Kyrgyz now: take one message and one form text out to see it work.
    untranslated = replace(
        real,
        ui={k: v for k, v in real.ui.items() if k != "nav.cases"},
        forms={k: v for k, v in real.forms.items() if k != text},
        fallback_ui=real.fallback_ui | {"nav.cases"},
        fallback_forms=real.fallback_forms | {text},
    )
    monkeypatch.setattr(
        translate, "catalogue", lambda lang: untranslated if lang == "ky" else catalogue(lang)
    )
    ky = Translator("ky")
    assert ky("nav.cases") == ru("nav.cases") != "nav.cases"
    assert ky.form(text) == ru.form(text) == "Проверка индикаторов"
    assert ky("nav.inbox") == "Келген тапшырмалар"


@pytest.mark.parametrize(
    ("n", "category"), [(1, "one"), (2, "few"), (5, "many"), (11, "many"), (21, "one"), (22, "few")]
)
def test_plural_category_follows_russian_rules(n: int, category: str) -> None:
    assert plural_category("ru", n) == category


def test_unknown_language_is_russian() -> None:
    assert Translator("de").lang == "ru"


def test_rehabilitation_intake_shows_the_safety_answers_gathered_earlier() -> None:
    # SOP 3's intake shows what the first responder recorded in "Check safety and risks"
    # (issue 16, pages review): the receiver checks it with the person instead of asking anew
    schemas = FORMS / "schemas"
    safety = json.loads((schemas / "identification_safety.schema.json").read_text("utf-8"))
    intake = json.loads((schemas / "rehabilitation_intake.schema.json").read_text("utf-8"))
    earlier = {n for n, p in safety["properties"].items() if not p.get("x-personal")}
    assert earlier and earlier <= set(intake["x-context"])


# Words Kyrgyz writes as Russian does (loanwords, names): the only Kyrgyz entries that may
# equal the Russian ones.
SAME_IN_KYRGYZ_UI = frozenset(
    {"cases.sop", "agency.police", "agency.prosecutor", "library.version_col", "nav.statistics",
     "statistics.title", "users.role.admin", "statistics.table", "library.job_scenario",
     "library.element", "library.element_id"}
)  # fmt: skip
SAME_IN_KYRGYZ_FORMS = frozenset(
    {"Passport", "Police", "Plan", "Repatriation", "Rail", "Compensation", "Lawyer",
     "Psychologist", "Register", "Transport"}
)  # fmt: skip


def test_every_kyrgyz_text_is_kyrgyz_not_russian() -> None:
    # Review F-K: a Kyrgyz page showed Russian wherever a text sat under `fallback_ru` or
    # was copied from Russian. A new form or diagram text needs its Kyrgyz entry.
    ky, ru = catalogue("ky"), catalogue("ru")
    texts, ui_keys = library_texts(), set(catalogue("en").ui)
    assert sorted(ky.fallback_forms) == [] and sorted(ky.fallback_ui) == []
    assert sorted(texts - set(ky.forms)) == []
    assert sorted(ui_keys - set(ky.ui)) == []
    copied = [k for k in texts if ky.forms[k] == ru.forms.get(k) and k not in SAME_IN_KYRGYZ_FORMS]
    assert sorted(copied) == []
    copied = [k for k in ui_keys if ky.ui[k] == ru.ui.get(k) and k not in SAME_IN_KYRGYZ_UI]
    assert sorted(copied) == []

"""Parameters from the environment: defaults, overrides, and what the standards refuse."""

from __future__ import annotations

import pytest

from engine.errors import ParameterError
from engine.params import DEFAULTS, load_parameters


def test_defaults_and_overrides() -> None:
    params = load_parameters({"NRM_PARAM_REFLECTION_PERIOD_DAYS": "60"})
    assert params["reflection_period_days"] == 60
    assert (
        params["return_certificate_reissue_rounds"] == DEFAULTS["return_certificate_reissue_rounds"]
    )


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("REFLECTION_PERIOD_DAYS", "29", "is below 30, the least the international standard"),
        ("REFLECTION_PERIOD_DAYS", "thirty", "is not a whole number"),
        ("RETURN_CERTIFICATE_REISSUE_ROUNDS", "0", "is below 1"),
    ],
)
def test_values_below_the_standard_are_refused(name: str, raw: str, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        load_parameters({f"NRM_PARAM_{name}": raw})


def test_load_parameters_refuses_a_reviewer_that_is_the_identifying_authority() -> None:
    env = {
        "NRM_PARAM_IDENTIFYING_AUTHORITY": "social",
        "NRM_PARAM_DECISION_REVIEW_AUTHORITY": "social",
    }
    with pytest.raises(ParameterError, match="own negative decision") as caught:
        load_parameters(env)
    assert caught.value.fields["parameter"] == "decision_review_authority"


def test_load_parameters_refuses_a_role_parameter_naming_no_agency_with_tasks() -> None:
    with pytest.raises(ParameterError, match="not an agency role") as caught:
        load_parameters({"NRM_PARAM_DECISION_REVIEW_AUTHORITY": "rapporteur"})
    assert caught.value.fields["parameter"] == "decision_review_authority"


def test_load_parameters_takes_another_reviewer_than_the_identifying_authority() -> None:
    values = load_parameters({"NRM_PARAM_DECISION_REVIEW_AUTHORITY": "social"})
    assert values["decision_review_authority"] == "social"
    assert values["identifying_authority"] == "police"

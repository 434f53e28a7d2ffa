"""Dynamic lanes: the agency that gets a task in a lane named by a role the case fills in
(engine/agencies.py). The agency serving the person is the receiver only once it accepted the
referral, and it is read from the whole case, so a task opened beside the referral (the
criminal proceedings) follows the referral's outcome."""

from __future__ import annotations

from engine.agencies import resolve_lane

PARAMS = {"identifying_authority": "police"}
SERVING = "lane_serving_agency"


def test_a_receiver_named_but_not_yet_accepted_does_not_serve_the_person() -> None:
    named = {"first_responder": "ngo", "referral_receiver": "social"}
    assert resolve_lane(SERVING, named, PARAMS) == "ngo"
    declined = {**named, "referral_decision": "declined"}
    assert resolve_lane(SERVING, declined, PARAMS) == "ngo"


def test_the_receiver_that_accepted_serves_the_person() -> None:
    accepted = {"first_responder": "ngo", "referral_receiver": "social"}
    assert resolve_lane(SERVING, {**accepted, "referral_decision": "accepted"}, PARAMS) == "social"
    assert resolve_lane(SERVING, {**accepted, "referral_outcome": "accepted"}, PARAMS) == "social"


def test_the_serving_agency_is_read_from_the_whole_case_not_the_task_branch() -> None:
    branch = {"first_responder": "ngo"}  # the proceedings' copy, opened at reasonable grounds
    case = {**branch, "referral_receiver": "social", "referral_decision": "accepted"}
    assert resolve_lane(SERVING, branch, PARAMS, case) == "social"
    assert resolve_lane(SERVING, branch, PARAMS) == "ngo"


def test_a_lane_of_one_task_reads_the_task_own_copy() -> None:
    """One service of a plan (a multi-instance task) goes to the provider chosen for it."""
    task = {"rehab_service_agency": "health", "referral_receiver": "ngo"}
    case = {"rehab_service_agency": "social", "referral_receiver": "ngo"}
    assert resolve_lane("lane_service_provider", task, PARAMS, case) == "health"
    assert resolve_lane("lane_receiver", {"referral_receiver": "ngo"}, PARAMS, case) == "ngo"


def test_before_any_first_responder_the_reporting_agency_serves() -> None:
    assert resolve_lane(SERVING, {"reporting_agency": "police"}, PARAMS) == "police"


def test_a_receiver_she_refused_never_serves_her() -> None:
    # review R5-5: she refused the district social service, the first responder, as her receiver
    data = {
        "first_responder": "social",
        "reporting_agency": "ngo",
        "referral_refused_receivers": ["social"],
    }
    assert resolve_lane("lane_serving_agency", data, {}) == "ngo"
    assert resolve_lane("lane_serving_agency", {**data, "referral_refused_receivers": []}, {}) == (
        "social"
    )
    everyone = {**data, "referral_refused_receivers": ["social", "ngo"]}
    assert resolve_lane("lane_serving_agency", everyone, {}) == "social"  # never nobody


def test_an_agency_she_cut_off_is_not_asked_to_serve_her_again() -> None:
    # pages review P4-5: she limited sharing with the social services sheltering her; the task
    # telling her the status decision goes to the NGO that found her, not to them
    data = {
        "referral_receiver": "social",
        "referral_decision": "accepted",
        "reporting_agency": "ngo",
        "consent_withdrawn_from": ["social", "police"],
    }
    assert resolve_lane("lane_serving_agency", data, {}) == "ngo"
    assert resolve_lane("lane_serving_agency", {**data, "consent_withdrawn_from": []}, {}) == (
        "social"
    )
    everyone = {**data, "consent_withdrawn_from": ["social", "ngo"]}
    assert resolve_lane("lane_serving_agency", everyone, {}) == "social"  # never nobody


def test_a_childs_withdrawal_does_not_cut_child_protection_off() -> None:
    data = {
        "first_responder": "child_protection",
        "reporting_agency": "ngo",
        "consent_withdrawn_from": ["child_protection"],
    }
    assert resolve_lane("lane_serving_agency", {**data, "presumed_child": True}, {}) == (
        "child_protection"
    )
    assert resolve_lane("lane_serving_agency", {**data, "presumed_child": False}, {}) == "ngo"


def test_a_receiver_she_refused_once_and_accepted_later_serves_her() -> None:
    # review 6 R6-12: no to the NGO on the first day, yes when the commission named it again
    data = {
        "referral_receiver": "ngo",
        "referral_decision": "accepted",
        "first_responder": "police",
        "referral_refused_receivers": ["ngo"],
    }
    assert resolve_lane("lane_serving_agency", data, {}) == "ngo"
    assert resolve_lane("lane_serving_agency", {**data, "referral_decision": "declined"}, {}) == (
        "police"
    )
    cut = {**data, "consent_withdrawn_from": ["ngo"]}
    assert resolve_lane("lane_serving_agency", cut, {}) == "police"


def test_a_child_with_no_receiver_is_served_by_child_protection_not_the_police() -> None:
    # review 6 R6-4: the raid's officers asked a 17-year-old whether she would testify
    data = {"first_responder": "police", "reporting_agency": "police", "presumed_child": True}
    assert resolve_lane("lane_serving_agency", data, {}) == "child_protection"
    assert resolve_lane("lane_serving_agency", {**data, "presumed_child": False}, {}) == "police"
    ngo = {**data, "referral_receiver": "ngo", "referral_decision": "accepted"}
    assert resolve_lane("lane_serving_agency", ngo, {}) == "ngo"

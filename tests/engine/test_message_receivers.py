"""Which catchers receive a message when process instances run inside one another
(nrm_case -> case_help -> SOP 3 / 4B beside nrm_case -> proceedings)."""

from __future__ import annotations

from typing import Any

from engine.definitions import MessageInfo
from engine.spiff.messages import Catcher, receivers


class Instance:
    """A process instance as the receivers see it: only its caller matters."""

    def __init__(self, name: str, parent: Instance | None = None) -> None:
        self.name = name
        self.parent_workflow = parent
        self.depth = 0 if parent is None else parent.depth + 1


def catcher(instance: Instance, message: str = "consent_withdrawn", busy: bool = False) -> Catcher:
    info = MessageInfo(
        instance.name, f"start_{instance.name}", message, "", ("ngo",), None, "start"
    )
    return Catcher(info, instance.depth, instance=instance, esp_name="esp", busy=busy)


def names(found: list[Catcher]) -> list[str]:
    return sorted(c.info.process_id for c in found)


def test_innermost_instances_of_every_branch_receive_whatever_their_depth() -> None:
    case = Instance("nrm_case")
    help_ = Instance("case_help", case)
    found: list[Any] = [
        catcher(case),
        catcher(Instance("proceedings", case)),
        catcher(Instance("social_rehabilitation", help_)),
        catcher(Instance("repatriation", help_)),
    ]
    assert names(receivers(found, "consent_withdrawn")) == [
        "proceedings",
        "repatriation",
        "social_rehabilitation",
    ]


def test_the_case_receives_a_message_no_instance_inside_it_waits_for() -> None:
    case = Instance("nrm_case")
    closure = Instance("case_closure", case)
    found = [catcher(case), catcher(Instance("proceedings", case), "hearing_scheduled")]
    assert names(receivers(found, "consent_withdrawn")) == ["nrm_case"]
    assert closure.parent_workflow is case  # waiting inside the closure changes nothing


def test_an_inner_instance_already_handling_the_message_keeps_it_from_the_outer_one() -> None:
    case = Instance("nrm_case")
    rehab = Instance("social_rehabilitation", Instance("case_help", case))
    found = [catcher(case), catcher(rehab, busy=True)]
    assert receivers(found, "consent_withdrawn") == []

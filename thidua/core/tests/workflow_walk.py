"""Walk any lifecycle of the one workflow engine edge by edge: every allowed edge and every forbidden one.

    @pytest.mark.parametrize(("source", "action", "target"), allowed_edges(REGISTRATION))
    @pytest.mark.parametrize(("source", "action"), forbidden_edges(REGISTRATION, RegistrationStatus.values))

A lifecycle's tests take their parameters from here, so a new edge in a table is tested the day it is added.
"""

from collections.abc import Iterable

from thidua.core.workflow import Workflow


def allowed_edges(workflow: Workflow) -> list[tuple[str, str, str]]:
    return [(t.source, t.action, t.target) for t in workflow.transitions]


def forbidden_edges(workflow: Workflow, states: Iterable[str]) -> list[tuple[str, str]]:
    """Every (state, action) pair of the workflow's actions that the table does not allow."""
    return [
        (state, action)
        for state in states
        for action in sorted(workflow.actions)
        if workflow.find(state, action) is None
    ]

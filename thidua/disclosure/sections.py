"""The disclosure section of a nomination's page (registered in core.registry by DisclosureConfig.ready): whether
the line must be posted, where and when it was, and what is left to handle."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from thidua.accounts.scope import VIEW, restrict
from thidua.nominations.models import Nomination

from . import selectors, services
from .models import DisclosureNotice


def nomination_disclosure(request: Any, nomination: Nomination) -> dict | None:
    today = timezone.localdate()
    notices = selectors.nomination_disclosures(nomination)
    readable = set(
        restrict(
            DisclosureNotice.objects.filter(pk__in=[n.pk for n in notices]), request.user, VIEW
        ).values_list("pk", flat=True)
    )
    rows = [{"notice": n, "state": n.state_on(today), "office_link": n.pk in readable} for n in notices]
    return {
        "template": "disclosure/_nomination_section.html",
        "context": {
            "nomination": nomination,
            "requirement": services.nomination_requirement(nomination),
            "rows": rows,
            "problems": services.session_open_problems(nominations=[nomination], on=today),
        },
    }

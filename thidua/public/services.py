"""Publishing an issued decision on the public site, and withdrawing it: the standing office's acts, audited.

Only an issued award or external decision is published (a proposal awards nothing; a draft or a signed decision
is not yet law; a revoked one is no longer). Publishing copies, for each awardee whose award stands in the
registry, the public fields of the line (`fields.py`) into `PublicAward`; withdrawing keeps the rows and marks the
publication withdrawn. Revoking the decision withdraws its publication in the same transaction (`effects.py`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.scope import has_role
from thidua.audit.services import audit_record
from thidua.commendations.models import AwardStatus
from thidua.core import vn_text
from thidua.decisions.models import Decision, DecisionKind, DecisionLine, DecisionStatus

from .models import PublicAward, PublishedDecision


def can_publish(user: User | None, decision: Decision) -> bool:
    """The office of the decision's agency publishes and withdraws."""
    return has_role(user, Role.OFFICER, organization=decision.agency)


def publish_refusal(decision: Decision) -> str | None:
    """Why the decision cannot be published, or None."""
    if decision.kind == DecisionKind.PROPOSAL:
        return _("Tờ trình không công bố trên trang công khai: chỉ công bố quyết định khen thưởng.")
    if decision.status == DecisionStatus.REVOKED:
        return _("Quyết định đã bị hủy bỏ nên không được công bố.")
    if decision.status != DecisionStatus.ISSUED:
        return _("Chỉ công bố quyết định đã ban hành.")
    return None


def _public_award(publication: PublishedDecision, line: DecisionLine) -> PublicAward:
    person = line.person
    sort_key = person.sort_key if person is not None else vn_text.sort_key(line.subject_name)
    return PublicAward(
        publication=publication,
        line=line,
        award=line.award,
        code=line.code,
        track=line.track,
        year=line.year,
        name=line.subject_name,
        unit_name=line.subject_unit,
        unit_id=line.unit_id or line.organization_id,
        is_collective=line.organization_id is not None,
        position=line.position,
        sort_key=sort_key,
        search_text=vn_text.search_document(line.subject_name, line.subject_unit),
    )


@transaction.atomic
def decision_publish(*, actor: User | None, decision: Decision) -> PublishedDecision:
    """Publish an issued decision: its awardees whose awards stand appear on the honour board and in the open
    data. Publishing again after a withdrawal takes the awardees afresh."""
    if not can_publish(actor, decision):
        raise PermissionDenied
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    refusal = publish_refusal(decision)
    if refusal:
        raise ValidationError(refusal)
    now = timezone.now()
    publication = PublishedDecision.objects.filter(decision=decision).first()
    if publication is not None and publication.is_live:
        raise ValidationError(_("Quyết định này đã được công bố."))
    if publication is None:
        publication = PublishedDecision.objects.create(
            decision=decision, published_at=now, published_by=actor, changed_at=now
        )
    else:
        publication.published_at = publication.changed_at = now
        publication.published_by = actor
        publication.withdrawn_at = None
        publication.withdrawn_by = None
        publication.save()
        publication.awards.all().delete()
    lines = decision.lines.select_related("person", "award").filter(
        award__isnull=False, award__status=AwardStatus.ACTIVE
    )
    awards = PublicAward.objects.bulk_create([_public_award(publication, line) for line in lines])
    audit_record(
        action="public.publish",
        instance=publication,
        actor=actor,
        after={"decision": decision.pk, "number": decision.number_symbol, "awards": len(awards)},
    )
    return publication


def award_changed(award_id: int, *, shown: bool | None) -> None:
    """The registry changed an award: show or hide its public rows (`shown`; None when it is being deleted, the rows
    go with it) and move the publications' `changed_at` on, which renews the public pages' validators and caches.
    Two queries when the award is published, one otherwise."""
    rows = PublicAward.objects.filter(award_id=award_id)
    publications = set(rows.values_list("publication_id", flat=True))
    if not publications:
        return
    if shown is not None:
        live = rows.filter(
            publication__withdrawn_at__isnull=True, publication__decision__status=DecisionStatus.ISSUED
        )
        if shown:
            live.filter(visible=False).update(visible=True)
        else:
            rows.filter(visible=True).update(visible=False)
    PublishedDecision.objects.filter(pk__in=publications).update(changed_at=timezone.now())


@transaction.atomic
def decision_withdraw(
    *, actor: User | None, decision: Decision, check_permission: bool = True, reason: str = ""
) -> PublishedDecision:
    """Take a published decision off the public site (its rows stay, marked withdrawn)."""
    if check_permission and not can_publish(actor, decision):
        raise PermissionDenied
    publication = PublishedDecision.objects.select_for_update().filter(decision=decision).first()
    if publication is None or not publication.is_live:
        raise ValidationError(_("Quyết định này chưa được công bố."))
    now = timezone.now()
    publication.withdrawn_at = publication.changed_at = now
    publication.withdrawn_by = actor
    publication.save(update_fields=["withdrawn_at", "withdrawn_by", "changed_at"])
    publication.awards.filter(visible=True).update(visible=False)
    audit_record(
        action="public.withdraw",
        instance=publication,
        actor=actor,
        before={"published_at": publication.published_at.isoformat()},
        after={"withdrawn_at": now.isoformat(), "reason": reason},
    )
    return publication

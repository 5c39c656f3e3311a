"""Pages of the council: councils and members (the office), sessions and their agenda, the ballot of each item
(open, close with the tally code, tally), the member's voting page, the secretary's written votes, results and
documents.

Every view declares its roles; records are fetched through the scoped selectors (another agency's council is a
404) and written through the services (which check the role again: a reader who does not manage gets 403).
The pages that show a secret — the tally code when a ballot opens, the receipt after a vote — answer the POST
itself (no redirect, nothing kept in the session or in a message), are not cached, and keep the posted choice
and code out of error reports.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from thidua.accounts.models import Role
from thidua.accounts.scope import VIEW, has_role, restrict
from thidua.core.forms import perform_service
from thidua.core.permissions import view_permission
from thidua.core.registry import render_sections
from thidua.documents.layout import render_docx, render_pdf
from thidua.nominations.models import Nomination
from thidua.rules.services import rule_config_for

from . import documents, forms, selectors, services, workflow
from .models import BallotRoll, BallotState, Conflict, SessionStatus
from .workflow import SESSION, SESSION_MANAGERS, can_manage_session

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENTS = {
    "bien-ban-kiem-phieu": (documents.tally_document, "bien-ban-kiem-phieu"),
    "bien-ban-hop": (documents.minutes_document, "bien-ban-hop"),
}


# ---------------------------------------------------------------- councils and members


@view_permission()
def council_list(request):
    return render(
        request,
        "council/list.html",
        {
            "councils": selectors.council_list_visible_to(user=request.user),
            "sessions": selectors.session_list_visible_to(user=request.user)[:20],
            "can_create": has_role(request.user, Role.OFFICER),
        },
    )


@view_permission(Role.OFFICER)
def council_create(request):
    form = forms.CouncilForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        done, council = perform_service(
            request,
            lambda: services.council_create(actor=request.user, **form.cleaned_data),
            success=_("Đã lập Hội đồng."),
            form=form,
        )
        if done:
            return redirect("council:council_detail", council.pk)
    return render(
        request, "council/form.html", {"form": form, "title": _("Lập Hội đồng Thi đua – Khen thưởng")}
    )


@view_permission()
def council_detail(request, pk: int):
    council = selectors.council_get_visible(user=request.user, pk=pk)
    return render(
        request,
        "council/detail.html",
        {
            "council": council,
            "members": selectors.members_of(council),
            "sessions": selectors.session_list_visible_to(user=request.user, council=council),
            "can_manage": services.can_manage_council(request.user, council),
            "can_plan": has_role(request.user, *SESSION_MANAGERS, organization=council.agency),
        },
    )


@view_permission(Role.OFFICER)
def council_edit(request, pk: int):
    council = selectors.council_get_visible(user=request.user, pk=pk)
    if not services.can_manage_council(request.user, council):
        raise PermissionDenied
    form = forms.CouncilForm(request.POST or None, instance=council, user=request.user)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.fields}
        council.refresh_from_db()
        done, _council = perform_service(
            request,
            lambda: services.council_update(actor=request.user, council=council, **changes),
            success=_("Đã lưu."),
            form=form,
        )
        if done:
            return redirect("council:council_detail", council.pk)
    return render(request, "council/form.html", {"form": form, "title": council.name, "council": council})


@view_permission(Role.OFFICER)
def member_create(request, pk: int):
    council = selectors.council_get_visible(user=request.user, pk=pk)
    if not services.can_manage_council(request.user, council):
        raise PermissionDenied
    form = forms.MemberForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        done, _member = perform_service(
            request,
            lambda: services.member_add(actor=request.user, council=council, **form.cleaned_data),
            success=_("Đã thêm thành viên."),
            form=form,
        )
        if done:
            return redirect("council:council_detail", council.pk)
    return render(
        request,
        "council/form.html",
        {"form": form, "title": _("Thêm thành viên Hội đồng"), "council": council},
    )


def _managed_member(request, pk: int):
    member = selectors.member_get_visible(user=request.user, pk=pk)
    if not services.can_manage_council(request.user, member.council):
        raise PermissionDenied
    return member


@view_permission(Role.OFFICER)
def member_edit(request, pk: int):
    member = _managed_member(request, pk)
    form = forms.MemberForm(request.POST or None, instance=member, council=member.council)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.fields}
        member.refresh_from_db()
        done, _member = perform_service(
            request,
            lambda: services.member_update(actor=request.user, member=member, **changes),
            success=_("Đã lưu."),
            form=form,
        )
        if done:
            return redirect("council:council_detail", member.council_id)
    return render(
        request, "council/form.html", {"form": form, "title": str(member), "council": member.council}
    )


@view_permission(Role.OFFICER)
@require_POST
def member_delete(request, pk: int):
    member = _managed_member(request, pk)
    perform_service(
        request,
        lambda: services.member_remove(actor=request.user, member=member),
        success=_("Đã xóa thành viên."),
    )
    return redirect("council:council_detail", member.council_id)


# ---------------------------------------------------------------- sessions


@view_permission()
def session_list(request):
    return render(
        request,
        "council/session_list.html",
        {
            "sessions": selectors.session_list_visible_to(user=request.user),
            "to_vote": selectors.ballots_to_vote(user=request.user),
        },
    )


@view_permission(*SESSION_MANAGERS)
def session_create(request, pk: int):
    council = selectors.council_get_visible(user=request.user, pk=pk)
    if not has_role(request.user, *SESSION_MANAGERS, organization=council.agency):
        raise PermissionDenied
    form = forms.SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done, session = perform_service(
            request,
            lambda: services.session_create(actor=request.user, council=council, **form.cleaned_data),
            success=_("Đã lập lịch phiên họp."),
            form=form,
        )
        if done:
            return redirect("council:session_detail", session.pk)
    return render(
        request, "council/form.html", {"form": form, "title": _("Lập lịch phiên họp"), "council": council}
    )


def _managed_session(request, pk: int):
    session = selectors.session_get_visible(user=request.user, pk=pk)
    if not can_manage_session(request.user, session):
        raise PermissionDenied
    return session


@view_permission(*SESSION_MANAGERS)
def session_edit(request, pk: int):
    session = _managed_session(request, pk)
    form = forms.SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.fields}
        session.refresh_from_db()
        done, _session = perform_service(
            request,
            lambda: services.session_update(actor=request.user, session=session, **changes),
            success=_("Đã lưu."),
            form=form,
        )
        if done:
            return redirect("council:session_detail", session.pk)
    return render(
        request, "council/form.html", {"form": form, "title": str(session), "council": session.council}
    )


def _rule_badges(session) -> dict:
    """Whether the rules configuration the agenda's thresholds come from is still to verify."""
    config = rule_config_for(organization=session.council.agency)
    return {"quorum_to_verify": config.to_verify("ballot.quorum"), "quorum": config.get("ballot.quorum")}


@view_permission()
def session_detail(request, pk: int):
    session = selectors.session_get_visible(user=request.user, pk=pk)
    items = list(selectors.items_of(session))
    manage = can_manage_session(request.user, session)
    member = selectors.member_for(user=request.user, session=session)
    context = {
        "session": session,
        "items": items,
        "members": list(selectors.members_of(session.council, on=session.held_on)),
        "manage": manage,
        "member": member,
        "problems": workflow.open_problems(session) if session.status == SessionStatus.PLANNED else [],
        "transitions": SESSION.allowed_for(request.user, session),
        "reason_form": forms.ReasonForm(),
        # What higher apps show of the session (the decisions drafted from its result).
        "sections": render_sections("session", request, session),
        **_rule_badges(session),
    }
    return render(request, "council/session_detail.html", context)


@view_permission(*SESSION_MANAGERS)
@require_POST
def session_transition(request, pk: int):
    session = _managed_session(request, pk)
    action = request.POST.get("action", "")
    if action not in SESSION.actions:
        raise Http404
    perform_service(
        request,
        lambda: services.session_transition(
            actor=request.user, session=session, action=action, reason=request.POST.get("reason", "")
        ),
        success=_("Đã cập nhật phiên họp."),
    )
    return redirect("council:session_detail", session.pk)


@view_permission(*SESSION_MANAGERS)
def agenda_add(request, pk: int):
    session = _managed_session(request, pk)
    candidates = selectors.agenda_candidates(session=session)
    form = forms.AgendaForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        done, _items = perform_service(
            request,
            lambda: services.agenda_add(
                actor=request.user, session=session, nominations=form.cleaned_data["nominations"]
            ),
            success=_("Đã đưa đề nghị vào chương trình phiên họp."),
            form=form,
        )
        if done:
            return redirect("council:session_detail", session.pk)
    return render(
        request, "council/agenda_form.html", {"session": session, "form": form, "candidates": candidates}
    )


# ---------------------------------------------------------------- items and their ballots


def _managed_item(request, pk: int):
    item = selectors.item_get_visible(user=request.user, pk=pk)
    if not can_manage_session(request.user, item.session):
        raise PermissionDenied
    return item


@view_permission(*SESSION_MANAGERS)
@require_POST
def agenda_remove(request, pk: int):
    item = _managed_item(request, pk)
    perform_service(
        request,
        lambda: services.agenda_remove(actor=request.user, item=item),
        success=_("Đã bỏ đề nghị khỏi chương trình phiên họp."),
    )
    return redirect("council:session_detail", item.session_id)


@view_permission()
def item_detail(request, pk: int):
    item = selectors.item_get_visible(user=request.user, pk=pk)
    item = selectors.items_of(item.session).get(pk=item.pk)
    return render(
        request,
        "council/item_detail.html",
        {
            "item": item,
            "session": item.session,
            "receipts": selectors.choices_of(item) if item.ballot_state == BallotState.TALLIED else [],
            "manage": can_manage_session(request.user, item.session),
            "members": list(selectors.members_of(item.session.council, on=item.session.held_on)),
            # A past member still reads the session, not necessarily the line (the council role has ended).
            "line_visible": restrict(
                Nomination.objects.filter(pk=item.nomination_id), request.user, VIEW
            ).exists(),
        },
    )


@view_permission(*SESSION_MANAGERS)
@require_POST
@never_cache
def ballot_open(request, pk: int):
    """Open the ballot and show the tally code once, in this answer only."""
    item = _managed_item(request, pk)
    done, code = perform_service(
        request, lambda: services.ballot_open(actor=request.user, item=item), success=None
    )
    if not done:
        return redirect("council:session_detail", item.session_id)
    return render(request, "council/tally_code.html", {"item": item, "code": code})


@view_permission(*SESSION_MANAGERS)
@sensitive_post_parameters("tally_code")
@sensitive_variables("form")
@never_cache
def ballot_close(request, pk: int):
    item = _managed_item(request, pk)
    if item.ballot_state != BallotState.OPEN:
        messages.error(request, _("Nội dung này không đang mở bỏ phiếu."))
        return redirect("council:session_detail", item.session_id)
    form = forms.CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done, _item = perform_service(
            request,
            lambda: services.ballot_close(
                actor=request.user, item=item, tally_code=form.cleaned_data["tally_code"]
            ),
            success=_("Đã đóng bỏ phiếu và mở hòm phiếu."),
            form=form,
        )
        if done:
            return redirect("council:session_detail", item.session_id)
    voted = BallotRoll.objects.filter(item=item).count()
    return render(request, "council/close_form.html", {"item": item, "form": form, "voted": voted})


@view_permission(*SESSION_MANAGERS)
@require_POST
def ballot_tally(request, pk: int):
    item = _managed_item(request, pk)
    perform_service(
        request, lambda: services.ballot_tally(actor=request.user, item=item), success=_("Đã kiểm phiếu.")
    )
    return redirect(reverse("council:session_detail", args=[item.session_id]) + f"#noi-dung-{item.pk}")


@view_permission(*SESSION_MANAGERS)
@sensitive_post_parameters("choice")
@sensitive_variables("form", "receipt")
@never_cache
def written_vote(request, pk: int):
    """The secretary enters an absent member's written vote; the receipt is shown once, to note on the paper."""
    item = _managed_item(request, pk)
    session = item.session
    excluded = set(BallotRoll.objects.filter(item=item).values_list("member_id", flat=True))
    excluded |= set(Conflict.objects.filter(item=item).values_list("member_id", flat=True))
    members = selectors.members_of(session.council, on=session.held_on).exclude(pk__in=excluded)
    form = forms.WrittenVoteForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        member = form.cleaned_data["member"]
        done, receipt = perform_service(
            request,
            lambda: services.ballot_cast_written(
                actor=request.user, item=item, member=member, choice=form.cleaned_data["choice"]
            ),
            success=None,
            form=form,
        )
        if done:
            return render(
                request, "council/receipt.html", {"item": item, "receipt": receipt, "written_for": member}
            )
    return render(request, "council/written_vote.html", {"item": item, "form": form})


# ---------------------------------------------------------------- the member's side


def _member_or_403(request, session):
    member = selectors.member_for(user=request.user, session=session)
    if member is None:
        raise PermissionDenied
    return member


@view_permission()
@never_cache
def vote(request, pk: int):
    """The member's voting page: every item of the session, with a ballot for each open one the member has not
    voted on, and the conflict declaration."""
    session = selectors.session_get_visible(user=request.user, pk=pk)
    member = _member_or_403(request, session)
    items = list(selectors.items_of(session))
    rows = []
    for item in items:
        voted = next((r for r in item.roll.all() if r.member_id == member.pk), None)
        conflict = next((c for c in item.conflicts.all() if c.member_id == member.pk), None)
        rows.append(
            {
                "item": item,
                "voted": voted,
                "conflict": conflict,
                "can_vote": item.ballot_state == BallotState.OPEN and voted is None and conflict is None,
                "can_declare": item.ballot_state in (BallotState.PENDING, BallotState.OPEN)
                and voted is None
                and conflict is None,
            }
        )
    return render(
        request,
        "council/vote.html",
        {
            "session": session,
            "member": member,
            "rows": rows,
            "vote_form": forms.VoteForm(),
            "conflict_form": forms.ConflictForm(),
        },
    )


@view_permission()
@require_POST
@sensitive_post_parameters("choice")
@sensitive_variables("form", "receipt")
@never_cache
def ballot_cast(request, pk: int):
    """A member's vote on an item; the answer shows the receipt code, once."""
    item = selectors.item_get_visible(user=request.user, pk=pk)
    _member_or_403(request, item.session)
    form = forms.VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn đồng ý, không đồng ý hoặc không biểu quyết."))
        return redirect("council:vote", item.session_id)
    done, receipt = perform_service(
        request,
        lambda: services.ballot_cast(actor=request.user, item=item, choice=form.cleaned_data["choice"]),
        success=None,
    )
    if not done:
        return redirect("council:vote", item.session_id)
    return render(request, "council/receipt.html", {"item": item, "receipt": receipt})


@view_permission()
@require_POST
def conflict_declare(request, pk: int):
    item = selectors.item_get_visible(user=request.user, pk=pk)
    _member_or_403(request, item.session)
    form = forms.ConflictForm(request.POST)
    if form.is_valid():
        perform_service(
            request,
            lambda: services.conflict_declare(actor=request.user, item=item, note=form.cleaned_data["note"]),
            success=_("Đã ghi nhận xung đột lợi ích: bạn không biểu quyết nội dung này."),
        )
    else:
        messages.error(request, _("Nêu lý do xung đột lợi ích."))
    return redirect("council:vote", item.session_id)


# ---------------------------------------------------------------- documents


@view_permission()
def session_document(request, pk: int, kind: str, fmt: str):
    """The tally record or the minutes, DOCX or PDF."""
    if kind not in DOCUMENTS or fmt not in ("docx", "pdf"):
        raise Http404
    session = selectors.session_get_visible(user=request.user, pk=pk)
    build, stem = DOCUMENTS[kind]
    content = build(session)
    name = f"{stem}-{session.held_on:%Y%m%d}.{fmt}"
    if fmt == "pdf":
        return HttpResponse(
            render_pdf(content),
            content_type="application/pdf",
            headers={"Content-Disposition": content_disposition_header(False, name)},
        )
    return HttpResponse(
        render_docx(content),
        content_type=DOCX_MIME,
        headers={"Content-Disposition": content_disposition_header(True, name)},
    )

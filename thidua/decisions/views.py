"""Pages of the decisions: the list (with the council sessions still waiting for their decisions), the decision
with its awardees, money, signature and steps, the draft's text and lines, the registration of a decision made
outside the system, and the downloads (the draft rendered on the fly, the signed PDF, the issued DOCX, the scan).

Every view declares its roles; records are fetched through the scoped selectors (another agency's decision is a
404; a reader who does not handle it gets 403 on a write) and written through the services, which lock the
decision and check the `version` the page showed: a stale page is told the decision "vừa được người khác thay
đổi" and nothing is written.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.models import Role
from thidua.accounts.scope import VIEW, has_role, restrict
from thidua.core.forms import perform_service
from thidua.core.params import year_param
from thidua.core.permissions import view_permission
from thidua.core.registry import render_sections
from thidua.core.uploads import download_headers, upload_response
from thidua.council.models import Session
from thidua.council.selectors import session_get_visible
from thidua.documents.formatting import vn_number
from thidua.documents.layout import Paragraph, Run, render_docx, render_pdf
from thidua.movements.selectors import movement_list_visible_to
from thidua.rules.engine.codes import CATALOGUE

from . import documents, forms, selectors, services
from .models import Decision, DecisionKind, DecisionLine, DecisionStatus
from .package import build_package
from .templates import award_list_docx
from .workflow import DECISION, REGISTER, RETURN, REVOKE, SUBMIT

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PAGE_SIZE = 30


def _version(request) -> int | None:
    """The version of the decision the page showed (None when the form did not send one)."""
    raw = request.POST.get("version", "").strip()
    return int(raw) if raw.isdigit() and len(raw) <= 9 else None


def _form_errors(request, form) -> None:
    """A small form posted from the decision page: its errors as messages naming the field."""
    for name, errors in form.errors.get_json_data().items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error['message']}" if label else error["message"])


def _money(amount: int | None) -> str:
    return vn_number(amount) if amount is not None else "—"


# ---------------------------------------------------------------- the list


@view_permission()
def decision_list(request):
    year = year_param(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in DecisionKind.values else ""
    status = request.GET.get("status", "")
    status = status if status in DecisionStatus.values else ""
    decisions = selectors.decision_list_visible_to(user=request.user, year=year, kind=kind, status=status)
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"decision": d, "total": _money(getattr(d, "total", None))} for d in page.object_list]
    can_draft = has_role(request.user, Role.OFFICER)
    filters = {"year": str(year or ""), "kind": kind, "status": status}
    return render(
        request,
        "decisions/list.html",
        {
            "page": page,
            "rows": rows,
            "year": year,
            "kind": kind,
            "status": status,
            "query": urlencode(filters),
            "kinds": DecisionKind.choices,
            "statuses": DecisionStatus.choices,
            "can_draft": can_draft,
            "waiting_sessions": list(selectors.sessions_awaiting_decision(user=request.user)[:20])
            if can_draft
            else [],
        },
    )


@view_permission(Role.OFFICER)
@require_POST
def decision_from_session(request, pk: int):
    """Draft the award decision and the proposal for what a closed session passed that no decision holds yet."""
    session = session_get_visible(user=request.user, pk=pk)
    if not has_role(request.user, Role.OFFICER, organization=session.council.agency):
        raise PermissionDenied
    done, made = perform_service(
        request, lambda: services.decisions_from_session(actor=request.user, session=session), success=None
    )
    if not done:
        return redirect("decisions:decision_list")
    if not made:
        messages.info(request, _("Mọi đề nghị phiên họp đã thông qua đều đã có quyết định hoặc tờ trình."))
        return redirect("decisions:decision_list")
    labels = ", ".join(str(decision.get_kind_display()).lower() for decision in made)
    messages.success(request, _("Đã lập dự thảo: %(what)s.") % {"what": labels})
    return redirect("decisions:decision_detail", made[0].pk)


@view_permission(Role.OFFICER)
def decision_register(request):
    """Register a decision made outside the system, with its scan; answering one of our proposals copies its
    awardees."""
    form = forms.RegisterForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        @transaction.atomic
        def register() -> Decision:
            decision = services.decision_create(
                actor=request.user,
                agency=data["agency"],
                year=data["year"],
                kind=DecisionKind.EXTERNAL,
                title=data["title"],
                proposal=data["proposal"],
                movement=data["proposal"].movement if data["proposal"] else None,
                number_symbol=data["number_symbol"],
                decided_on=data["decided_on"],
                deciding_body=data["deciding_body"],
                signer_name=data["signer_name"],
                signer_position=data["signer_position"],
                scan=data["scan"],
            )
            if data["proposal"] is not None:
                services.lines_copy(actor=request.user, decision=decision, source=data["proposal"])
            return decision

        done, decision = perform_service(
            request, register, success=_("Đã lập bản ghi quyết định."), form=form
        )
        if done:
            return redirect("decisions:decision_detail", decision.pk)
    return render(
        request,
        "decisions/form.html",
        {"form": form, "title": _("Ghi nhận quyết định khen thưởng của cấp khác"), "multipart": True},
    )


# ---------------------------------------------------------------- one decision


def _award_url(line: DecisionLine) -> str:
    """Where the registry shows the line's award: its own page when the registry has one, else the registry's
    list filtered to it."""
    award = line.award
    if award is None:
        return ""
    try:
        return reverse("commendations:award_detail", args=[award.pk])
    except NoReverseMatch:
        pass
    query = urlencode(
        {
            "decision": award.decision_number,
            "year": str(award.year),
            "code": award.code,
            "q": line.subject_name,
        }
    )
    return f"{reverse('commendations:award_list')}?{query}"


def _registry_url(decision: Decision, lines: list[DecisionLine]) -> str:
    """The registry filtered to the awards the decision wrote (once it has written some)."""
    if not decision.number_symbol or not any(line.award_id for line in lines):
        return ""
    return f"{reverse('commendations:award_list')}?{urlencode({'decision': decision.number_symbol})}"


def _groups(lines: list[DecisionLine], *, user: Any) -> list[dict[str, Any]]:
    nominations = selectors.visible_nomination_ids(user=user, lines=lines)
    readable = selectors.visible_person_ids(user=user, lines=lines)
    out = []
    for code, members in documents.groups(lines):
        rows = [
            {
                "line": line,
                "amount": _money(line.amount),
                "nomination_visible": line.nomination_id in nominations,
                "person_visible": line.person_id in readable,
                "award_url": _award_url(line),
            }
            for line in members
        ]
        subtotal = sum(line.amount or 0 for line in members)
        people = sum(1 for line in members if line.person_id)
        out.append(
            {
                "code": code,
                "label": CATALOGUE[code].name_vi if code in CATALOGUE else code,
                "rows": rows,
                "people": people,
                "collectives": len(members) - people,
                "subtotal": _money(subtotal),
            }
        )
    return out


def _visible(queryset, user: Any, pk: int | None) -> bool:
    return pk is not None and restrict(queryset.filter(pk=pk), user, VIEW).exists()


@view_permission()
def decision_detail(request, pk: int):
    decision = selectors.decision_get_visible(user=request.user, pk=pk)
    lines = selectors.lines_of(decision)
    manage = selectors.can_manage(request.user, decision)
    drafting = selectors.can_draft(request.user, decision)
    # A paper decision is registered, never submitted; the agency's own decisions are signed, never registered.
    hidden = {SUBMIT} if decision.is_external else {REGISTER}
    transitions = [t for t in DECISION.allowed_for(request.user, decision) if t.action not in hidden]
    context = {
        "decision": decision,
        "groups": _groups(lines, user=request.user),
        "line_count": len(lines),
        "total": _money(sum(line.amount or 0 for line in lines)),
        "to_verify": any(line.money_to_verify for line in lines),
        "registry_url": _registry_url(decision, lines),
        "manage": manage,
        "drafting": drafting,
        "transitions": [t for t in transitions if t.action not in (RETURN, REVOKE)],
        "can_return": any(t.action == RETURN for t in transitions),
        "can_revoke": any(t.action == REVOKE for t in transitions),
        "return_form": forms.ReturnForm(),
        "revoke_form": forms.RevokeForm(),
        "bases_form": forms.BasesForm(initial={"bases": forms.bases_text(decision)}),
        "signature": selectors.signature_check(decision),
        "session_visible": _visible(Session.objects.all(), request.user, decision.council_session_id),
        "movement_visible": decision.movement_id is not None
        and movement_list_visible_to(user=request.user).filter(pk=decision.movement_id).exists(),
        "proposal_visible": _visible(Decision.objects.all(), request.user, decision.proposal_id),
        "answers": list(selectors.answers_of(decision, user=request.user))
        if decision.kind == DecisionKind.PROPOSAL
        else [],
        "has_draft_document": manage and not decision.signed_pdf and decision.kind != DecisionKind.EXTERNAL,
        "has_docx": bool(decision.issued_document_id and decision.issued_document.docx),  # type: ignore[union-attr]
        "has_package": manage and decision.kind == DecisionKind.PROPOSAL,
        "addable": drafting
        and (
            decision.kind == DecisionKind.EXTERNAL
            or selectors.addable_nominations(decision=decision).exists()
        ),
        "sections": render_sections("decision", request, decision),
    }
    return render(request, "decisions/detail.html", context)


@view_permission(Role.OFFICER)
def decision_edit(request, pk: int):
    decision = selectors.decision_get_drafted(user=request.user, pk=pk)
    if decision.status != DecisionStatus.DRAFT:
        messages.error(request, _("Chỉ sửa được quyết định đang soạn."))
        return redirect("decisions:decision_detail", pk)
    form = forms.DecisionEditForm(request.POST or None, request.FILES or None, decision=decision)
    if request.method == "POST" and form.is_valid():
        changes = {name: value for name, value in form.cleaned_data.items() if name != "scan"}
        done, _decision = perform_service(
            request,
            lambda: services.decision_update(
                actor=request.user,
                decision=decision,
                version=_version(request),
                scan=form.cleaned_data.get("scan"),
                **changes,
            ),
            success=_("Đã lưu."),
            form=form,
        )
        if done:
            return redirect("decisions:decision_detail", pk)
    return render(
        request,
        "decisions/form.html",
        {"form": form, "title": _("Sửa dự thảo"), "decision": decision, "multipart": decision.is_external},
    )


@view_permission(Role.OFFICER)
@require_POST
def decision_bases(request, pk: int):
    """The draft's "Căn cứ" lines, one a line, from the decision page."""
    decision = selectors.decision_get_drafted(user=request.user, pk=pk)
    form = forms.BasesForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("decisions:decision_detail", pk)
    perform_service(
        request,
        lambda: services.decision_update(
            actor=request.user, decision=decision, version=_version(request), bases=form.cleaned_data["bases"]
        ),
        success=_("Đã lưu căn cứ ban hành."),
    )
    return redirect(reverse("decisions:decision_detail", args=[pk]) + "#can-cu")


@view_permission(Role.OFFICER, Role.SIGNER)
@require_POST
def decision_transition(request, pk: int):
    """One step of the lifecycle: submit, return (with a reason), sign, issue, register, revoke (with the
    revoking decision's number, date and reason)."""
    decision = selectors.decision_get_managed(user=request.user, pk=pk)
    action = request.POST.get("action", "")
    if action not in DECISION.actions:
        raise Http404
    options: dict[str, Any] = {"reason": request.POST.get("reason", "")}
    if action in (REVOKE, RETURN):
        form: forms.RevokeForm | forms.ReturnForm = (
            forms.RevokeForm(request.POST) if action == REVOKE else forms.ReturnForm(request.POST)
        )
        if not form.is_valid():
            _form_errors(request, form)
            return redirect("decisions:decision_detail", pk)
        options = form.cleaned_data
    transition = DECISION.find(decision.status, action)
    label = transition.label if transition is not None else action
    perform_service(
        request,
        lambda: services.decision_transition(
            actor=request.user, decision=decision, action=action, version=_version(request), **options
        ),
        success=_("Đã thực hiện: %(step)s.") % {"step": label},
    )
    return redirect("decisions:decision_detail", pk)


# ---------------------------------------------------------------- lines


@view_permission(Role.OFFICER)
def line_add(request, pk: int):
    """Add awardees to a draft: the session's passed lines (award decision, proposal), or a person or collective
    typed from the paper (external decision)."""
    decision = selectors.decision_get_drafted(user=request.user, pk=pk)
    if decision.status != DecisionStatus.DRAFT:
        messages.error(request, _("Chỉ thêm người, tập thể được khen thưởng khi quyết định đang soạn."))
        return redirect("decisions:decision_detail", pk)
    external = decision.kind == DecisionKind.EXTERNAL
    form: Any
    if external:
        form = forms.ExternalLineForm(request.POST or None, decision=decision)
    else:
        form = forms.NominationLinesForm(request.POST or None, decision=decision)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = _version(request)

        @transaction.atomic
        def add() -> int:
            if external:
                services.line_add(
                    actor=request.user,
                    decision=decision,
                    code=data["code"],
                    person=data["person"],
                    organization=data["organization"],
                    year=data["year"],
                    track=data["track"],
                    version=version,
                )
                return 1
            for n, nomination in enumerate(data["nominations"]):
                services.line_add(
                    actor=request.user,
                    decision=decision,
                    code=nomination.code,
                    nomination=nomination,
                    version=version + n if version is not None else None,
                )
            return len(data["nominations"])

        done, _count = perform_service(
            request, add, success=_("Đã thêm vào danh sách khen thưởng."), form=form
        )
        if done:
            if "them_tiep" in request.POST:
                return redirect("decisions:line_add", pk)
            return redirect("decisions:decision_detail", pk)
    return render(
        request,
        "decisions/line_form.html",
        {
            "form": form,
            "decision": decision,
            "external": external,
            "empty": not external and not selectors.addable_nominations(decision=decision).exists(),
        },
    )


@view_permission(Role.OFFICER)
@require_POST
def line_remove(request, pk: int):
    line = selectors.line_get_drafted(user=request.user, pk=pk)
    perform_service(
        request,
        lambda: services.line_remove(actor=request.user, line=line, version=_version(request)),
        success=_("Đã bỏ %(name)s khỏi danh sách.") % {"name": line.subject_name},
    )
    return redirect("decisions:decision_detail", line.decision_id)


# ---------------------------------------------------------------- documents


def _stem(decision: Decision) -> str:
    return (decision.number_symbol or f"quyet-dinh-{decision.pk}").replace("/", "-")


@view_permission(Role.OFFICER, Role.SIGNER)
def decision_draft(request, pk: int, fmt: str):
    """The draft as it would be signed, rendered now, marked as a draft (no number, no signature)."""
    if fmt not in ("docx", "pdf"):
        raise Http404
    decision = selectors.decision_get_managed(user=request.user, pk=pk)
    if decision.is_external:
        raise Http404
    if decision.signed_pdf:  # signed: the draft is history, the signed files are what counts
        return redirect("decisions:decision_pdf" if fmt == "pdf" else "decisions:decision_docx", pk)
    content = documents.build(decision, number_symbol=None, issued_on=None)
    mark = Paragraph([Run(_("DỰ THẢO – chưa có số, chưa ký"), bold=True)], align="center", indent=False)
    content = replace(content, body=(mark, *content.body))
    stem = "du-thao-to-trinh" if decision.kind == DecisionKind.PROPOSAL else "du-thao-quyet-dinh"
    name = f"{stem}-{decision.pk}.{fmt}"
    if fmt == "pdf":
        return HttpResponse(
            render_pdf(content), content_type="application/pdf", headers=download_headers(name)
        )
    return HttpResponse(render_docx(content), content_type=DOCX_MIME, headers=download_headers(name))


@view_permission(Role.OFFICER, Role.SIGNER)
def proposal_package(request, pk: int):
    """The dossier package sent up with a proposal (tờ trình, council records, each line's dossier): for the
    office and the head, as it holds the nominees' dossiers."""
    decision = selectors.decision_get_managed(user=request.user, pk=pk)
    if decision.kind != DecisionKind.PROPOSAL:
        raise Http404
    name = f"ho-so-de-nghi-{_stem(decision)}.zip"
    return HttpResponse(
        build_package(decision), content_type="application/zip", headers=download_headers(name)
    )


@view_permission()
def decision_pdf(request, pk: int):
    """The decision's file: the signed PDF, or the scan of a decision made outside the system."""
    decision = selectors.decision_get_visible(user=request.user, pk=pk)
    if decision.signed_pdf:
        return upload_response(decision.signed_pdf, filename=f"{_stem(decision)}-da-ky.pdf")
    if decision.scan:
        return upload_response(decision.scan, filename=f"{_stem(decision)}-ban-chup.pdf")
    raise Http404


@view_permission()
def award_list(request, pk: int):
    """The list of awardees alone (danh sách khen thưởng), as DOCX from the office's "award_list" Word template or
    the built-in one — what the office hands out with the certificates, e.g. for a form the province decided."""
    decision = selectors.decision_get_visible(user=request.user, pk=pk)
    if (
        decision.status not in (DecisionStatus.ISSUED, DecisionStatus.REVOKED)
        or decision.kind == DecisionKind.PROPOSAL
    ):
        raise Http404
    data, _label, _sha = award_list_docx(decision)
    return HttpResponse(
        data, content_type=DOCX_MIME, headers=download_headers(f"danh-sach-{_stem(decision)}.docx")
    )


@view_permission()
def decision_docx(request, pk: int):
    """The DOCX made when the head signed (from the office's Word template or the built-in layout)."""
    decision = selectors.decision_get_visible(user=request.user, pk=pk)
    document = decision.issued_document
    if document is None or not document.docx:
        raise Http404
    return upload_response(document.docx, filename=f"{_stem(decision)}.docx")

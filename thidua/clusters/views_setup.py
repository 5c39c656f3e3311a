"""The setup pages of clusters and blocs: the clusters a user sees, a cluster's page (its decision, members over
time, the year's head and deputy, covenants, scoring tables, rounds and documents), the covenant and its signing,
and the scoring table with its groups, criteria, members' comments and lifecycle.

Every view needs an officer's or a signing leader's role, then the cluster's scope: a cluster the user cannot
read (`selectors.visible_clusters`) answers 404. Writes go through the services, which check the actor's
position (the province's officers; the year's head; the members) and answer 403 otherwise; a refusal the user
can act on (a stale page, a missing field, a table that is no longer a draft) comes back as a message.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.models import Role
from thidua.accounts.scope import VIEW, active_grants, restrict
from thidua.core.forms import perform_service
from thidua.core.permissions import view_permission
from thidua.core.uploads import upload_response
from thidua.movements.models import Movement
from thidua.organizations.models import Organization, OrganizationKind
from thidua.rules.services import rule_config_for

from . import forms_setup as forms
from . import services, workflow
from .models import (
    Cluster,
    ClusterDocument,
    Covenant,
    CovenantStatus,
    CovenantTarget,
    Criterion,
    CriterionGroup,
    Membership,
    Rota,
    ScoringTable,
    TableStatus,
    VoteMethod,
)
from .selectors import visible_clusters
from .workflow import AGENCY_ROLES, TABLE, acts_for, is_province_officer, members_on, year_day

READERS = (Role.OFFICER, Role.SIGNER)
YEAR_MIN, YEAR_MAX = 2000, 2100


# ---------------------------------------------------------------- helpers


def _error_messages(request: Any, error: ValidationError, form=None) -> None:
    """A service's or a form's refusal as messages naming the field (for the inline forms of a page)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            label = _field_label(form, field)
            for item in errors:
                text = " ".join(item.messages)
                messages.error(request, f"{label}: {text}" if label else text)
    else:
        for text in error.messages:
            messages.error(request, text)


def _field_label(form, field: str) -> str:
    if field == "__all__" or form is None or field not in form.fields:
        return ""
    return str(form.fields[field].label)


def _form_messages(request: Any, form) -> None:
    for field, errors in form.errors.items():
        label = _field_label(form, field)
        for text in errors:
            messages.error(request, f"{label}: {text}" if label else text)


def _year(year: int) -> int:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Http404
    return year


def _year_param(request: Any, default: int) -> int:
    raw = request.GET.get("nam", "")
    if raw.isdigit() and YEAR_MIN <= int(raw) <= YEAR_MAX:
        return int(raw)
    return default


def _in_scope(request: Any, queryset: QuerySet, path: str = "cluster") -> QuerySet:
    return queryset.filter(**{f"{path}__in": visible_clusters(request.user).values("pk")})


def _cluster(request: Any, pk: int) -> Cluster:
    return get_object_or_404(_in_scope(request, Cluster.objects.select_related("province"), "pk"), pk=pk)


def _table(request: Any, pk: int) -> ScoringTable:
    return get_object_or_404(
        _in_scope(request, ScoringTable.objects.select_related("cluster__province", "supersedes")), pk=pk
    )


def _covenant(request: Any, pk: int) -> Covenant:
    return get_object_or_404(
        _in_scope(request, Covenant.objects.select_related("cluster__province", "movement")), pk=pk
    )


def _group(request: Any, pk: int) -> CriterionGroup:
    return get_object_or_404(
        _in_scope(
            request, CriterionGroup.objects.select_related("table__cluster__province"), "table__cluster"
        ),
        pk=pk,
    )


def _criterion(request: Any, pk: int) -> Criterion:
    return get_object_or_404(
        _in_scope(
            request,
            Criterion.objects.select_related("group__table__cluster__province"),
            "group__table__cluster",
        ),
        pk=pk,
    )


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _manage(request: Any, cluster: Cluster) -> None:
    _require(services.can_manage_cluster(request.user, cluster))


def _head(request: Any, cluster: Cluster, year: int) -> None:
    _require(workflow.is_head(request.user, cluster, year))


def _cluster_url(cluster_id: int, year: int | None = None, anchor: str = "") -> str:
    url = reverse("clusters:cluster_detail", args=[cluster_id])
    return f"{url}?nam={year}{anchor}" if year else f"{url}{anchor}"


def _table_url(table_id: int, anchor: str = "") -> str:
    return reverse("clusters:table_detail", args=[table_id]) + anchor


def _covenant_url(covenant_id: int, anchor: str = "") -> str:
    return reverse("clusters:covenant_detail", args=[covenant_id]) + anchor


def _form_page(request: Any, form, *, title: str, cluster: Cluster, back: str, **extra: Any) -> HttpResponse:
    return render(
        request,
        "clusters/setup/form.html",
        {"form": form, "title": title, "cluster": cluster, "back": back, **extra},
    )


def _own_agency_ids(user: Any) -> set[int]:
    """The agencies whose officers or signing leaders `user` is (grants held at the agency itself)."""
    return {
        g.organization_id
        for g in active_grants(user)
        if g.role in AGENCY_ROLES and g.organization.kind != OrganizationKind.PROVINCE
    }


def _current(qs: QuerySet, day: date, prefix: str = "") -> QuerySet:
    return qs.filter(**{f"{prefix}valid_from__lte": day}).filter(
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


# ---------------------------------------------------------------- the clusters


@view_permission(*READERS)
def index(request):
    today = timezone.localdate()
    clusters = list(
        visible_clusters(request.user)
        .select_related("province")
        .annotate(
            member_count=Count(
                "memberships",
                filter=Q(memberships__valid_from__lte=today)
                & (Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gte=today)),
                distinct=True,
            )
        )
        .prefetch_related(
            Prefetch(
                "rotas",
                queryset=Rota.objects.filter(year=today.year).select_related("head", "deputy"),
                to_attr="year_rotas",
            )
        )
        .order_by("province__sort_key", "province__pk", "code")
    )
    provinces: list[tuple[Organization, list[Cluster]]] = []
    for cluster in clusters:
        cluster.rota_now = cluster.year_rotas[0] if cluster.year_rotas else None  # type: ignore[attr-defined]
        if not provinces or provinces[-1][0].pk != cluster.province_id:
            provinces.append((cluster.province, []))
        provinces[-1][1].append(cluster)
    agencies = _own_agency_ids(request.user)
    mine = (
        list(
            _current(Membership.objects.filter(organization_id__in=agencies), today)
            .select_related("cluster", "organization")
            .order_by("organization__sort_key", "cluster__code")
        )
        if agencies
        else []
    )
    head_of = {c.rota_now.head_id: c.pk for c in clusters if c.rota_now}  # type: ignore[attr-defined]
    return render(
        request,
        "clusters/setup/index.html",
        {
            "provinces": provinces,
            "mine": [(m, head_of.get(m.organization_id) == m.cluster_id) for m in mine],
            "year": today.year,
            "can_create": bool(services.managed_provinces(request.user)),
        },
    )


def _cluster_form_data(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data.pop("version", None)
    data.pop("province", None)
    data["vote_method"] = data.get("vote_method") or ""
    return data


@view_permission(Role.OFFICER)
def cluster_create(request):
    provinces = Organization.objects.filter(
        pk__in=[p.pk for p in services.managed_provinces(request.user)]
    ).order_by("sort_key")
    _require(provinces.exists())
    form = forms.ClusterForm(request.POST or None, provinces=provinces)
    if request.method == "POST" and form.is_valid():
        province = form.cleaned_data["province"]
        done, cluster = perform_service(
            request,
            lambda: services.cluster_create(
                actor=request.user, province=province, **_cluster_form_data(form.cleaned_data)
            ),
            success=_("Đã lập cụm, khối thi đua."),
            form=form,
        )
        if done:
            return redirect(_cluster_url(cluster.pk))
    return render(
        request,
        "clusters/setup/form.html",
        {
            "form": form,
            "title": _("Lập cụm, khối thi đua"),
            "back": reverse("clusters:index"),
            "intro": _(
                "Cụm, khối thi đua do Ủy ban nhân dân tỉnh phân chia bằng quyết định; ghi số, ngày và ngày có "
                "hiệu lực của quyết định, sau đó thêm các thành viên."
            ),
        },
    )


def _config_rows(cluster: Cluster) -> list[dict[str, Any]]:
    """The province's configuration values the bloc's year uses, with whether each is still to verify."""
    config = rule_config_for(organization=cluster.province)
    by_key = {row["key"]: row for row in config.describe()}
    rows = []
    for key in (
        "cluster.vote_method",
        "cluster.vote_threshold_pct",
        "cluster.weights",
        "cluster.disagreement_gap_pct",
        "cluster.runners_up",
    ):
        row = by_key.get(key)
        if row is None:
            continue
        value = row["value"]
        if key == "cluster.vote_method":
            chosen = cluster.vote_method or str(value)
            text = str(dict(VoteMethod.choices).get(chosen, chosen))
            to_verify = bool(row["to_verify"]) and not cluster.vote_method
            if cluster.vote_method:
                text = _("%(method)s (theo quyết định của cụm, khối)") % {"method": text}
        elif key == "cluster.weights":
            weights = {"self": 0, "peer": 0, "head": 0} | dict(value or {})
            text = _("tự chấm %(self)s%%, chấm chéo %(peer)s%%, thẩm định %(head)s%%") % weights
            to_verify = bool(row["to_verify"])
        elif key.endswith("_pct"):
            text = f"{value}%"
            to_verify = bool(row["to_verify"])
        else:
            text = str(value)
            to_verify = bool(row["to_verify"])
        rows.append({"title": row["title"], "value": text, "source": row["source"], "to_verify": to_verify})
    return rows


@view_permission(*READERS)
def cluster_detail(request, pk: int):
    cluster = _cluster(request, pk)
    today = timezone.localdate()
    year = _year_param(request, today.year)
    user = request.user
    memberships = list(cluster.memberships.select_related("organization").order_by("valid_from", "pk"))
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows: list[dict[str, Any]] = []
    for m in memberships:
        in_year = m.valid_from <= last and (m.valid_to is None or m.valid_to >= first)
        rows.append(
            {
                "m": m,
                "in_year": in_year,
                "joined": m.valid_from.year == year,
                "left": m.valid_to is not None and m.valid_to.year == year,
                "current": m.valid_from <= today and (m.valid_to is None or m.valid_to >= today),
            }
        )
    rows.sort(key=lambda r: (not r["in_year"], r["m"].organization.sort_key, r["m"].valid_from))
    rotas = list(cluster.rotas.select_related("head", "deputy").order_by("-year"))
    rota = next((r for r in rotas if r.year == year), None)
    covenants = list(cluster.covenants.order_by("-year"))
    tables = list(cluster.tables.order_by("-year", "-number"))
    rounds = list(cluster.rounds.select_related("table").order_by("-year", "period"))
    documents = list(
        cluster.documents.select_related("uploaded_by").order_by("-year", "kind", "-uploaded_at")
    )
    years = sorted(
        {today.year, year}
        | {r.year for r in rotas}
        | {c.year for c in covenants}
        | {t.year for t in tables}
        | {r.year for r in rounds},
        reverse=True,
    )
    province_officer = is_province_officer(user, cluster)
    head = province_officer or (rota is not None and acts_for(user, rota.head))
    keeps_documents = province_officer or any(acts_for(user, r.head) for r in rotas)
    return render(
        request,
        "clusters/setup/cluster_detail.html",
        {
            "cluster": cluster,
            "year": year,
            "years": years,
            "members": rows,
            "members_in_year": sum(1 for r in rows if r["in_year"]),
            "rotas": rotas,
            "rota": rota,
            "covenant": next((c for c in covenants if c.year == year), None),
            "covenants": covenants,
            "tables": [t for t in tables if t.year == year],
            "other_tables": [t for t in tables if t.year != year],
            "rounds": [r for r in rounds if r.year == year],
            "other_rounds": [r for r in rounds if r.year != year],
            "documents": documents,
            "config": _config_rows(cluster),
            "can_manage": province_officer,
            "is_head": head,
            "keeps_documents": keeps_documents,
        },
    )


@view_permission(Role.OFFICER)
def cluster_update(request, pk: int):
    cluster = _cluster(request, pk)
    _manage(request, cluster)
    initial = {
        name: getattr(cluster, name)
        for name in (
            "kind",
            "code",
            "name",
            "decision_number",
            "decision_date",
            "valid_from",
            "valid_to",
            "vote_method",
            "description",
            "version",
        )
    }
    form = forms.ClusterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.get("version")
        done, _cluster_row = perform_service(
            request,
            lambda: services.cluster_update(
                actor=request.user, cluster=cluster, version=version, **_cluster_form_data(form.cleaned_data)
            ),
            success=_("Đã lưu cụm, khối."),
            form=form,
        )
        if done:
            return redirect(_cluster_url(cluster.pk))
    return _form_page(
        request, form, title=_("Sửa cụm, khối thi đua"), cluster=cluster, back=_cluster_url(cluster.pk)
    )


# ---------------------------------------------------------------- members and the year's heads


def _province_agencies(cluster: Cluster) -> QuerySet[Organization]:
    return Organization.objects.filter(
        path__startswith=cluster.province.path,
        kind__in=(OrganizationKind.AGENCY, OrganizationKind.UNIT, OrganizationKind.DIVISION),
    ).order_by("sort_key", "pk")


@view_permission(Role.OFFICER)
def member_add(request, pk: int):
    cluster = _cluster(request, pk)
    _manage(request, cluster)
    form = forms.MemberForm(request.POST or None, agencies=_province_agencies(cluster))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done, membership = perform_service(
            request,
            lambda: services.member_add(
                actor=request.user,
                cluster=cluster,
                organization=data["organization"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                note=data["note"],
            ),
            success=_("Đã thêm thành viên."),
            form=form,
        )
        if done:
            return redirect(_cluster_url(cluster.pk, membership.valid_from.year, "#thanh-vien"))
    return _form_page(
        request,
        form,
        title=_("Thêm thành viên cụm, khối"),
        cluster=cluster,
        back=_cluster_url(cluster.pk, anchor="#thanh-vien"),
        intro=_(
            "Một cơ quan rời khối (ví dụ khi hợp nhất) được ghi ngày rời; khi gia nhập khối khác thì thêm một "
            "lần tham gia mới từ ngày đó."
        ),
    )


@view_permission(Role.OFFICER)
def member_end(request, pk: int):
    membership = get_object_or_404(
        _in_scope(request, Membership.objects.select_related("cluster__province", "organization")), pk=pk
    )
    cluster = membership.cluster
    _manage(request, cluster)
    form = forms.MemberEndForm(
        request.POST or None, initial={"valid_to": membership.valid_to, "note": membership.note}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done, _row = perform_service(
            request,
            lambda: services.member_end(
                actor=request.user, membership=membership, valid_to=data["valid_to"], note=data["note"]
            ),
            success=_("Đã ghi ngày %(org)s rời cụm, khối.") % {"org": membership.organization.name},
            form=form,
        )
        if done:
            return redirect(_cluster_url(cluster.pk, data["valid_to"].year, "#thanh-vien"))
    return _form_page(
        request,
        form,
        title=_("Rời cụm, khối: %(org)s") % {"org": membership.organization.name},
        cluster=cluster,
        back=_cluster_url(cluster.pk, anchor="#thanh-vien"),
        intro=_("Tham gia từ ngày %(day)s.") % {"day": membership.valid_from.strftime("%d/%m/%Y")},
    )


@view_permission(Role.OFFICER)
def rota_set(request, pk: int):
    cluster = _cluster(request, pk)
    _manage(request, cluster)
    year = _year_param(request, timezone.localdate().year)
    members = (
        Organization.objects.filter(cluster_memberships__cluster=cluster).distinct().order_by("sort_key")
    )
    current = workflow.rota_of(cluster, year)
    initial: dict[str, Any] = {"year": year}
    if current is not None:
        initial |= {"head": current.head_id, "deputy": current.deputy_id, "decision": current.decision}
    form = forms.RotaForm(request.POST or None, initial=initial, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done, rota = perform_service(
            request,
            lambda: services.rota_set(
                actor=request.user,
                cluster=cluster,
                year=data["year"],
                head=data["head"],
                deputy=data["deputy"],
                decision=data["decision"],
            ),
            success=_("Đã ghi Trưởng, Phó cụm, khối năm %(year)s.") % {"year": data["year"]},
            form=form,
        )
        if done:
            return redirect(_cluster_url(cluster.pk, rota.year, "#truong-khoi"))
    return _form_page(
        request,
        form,
        title=_("Trưởng, Phó cụm, khối theo năm"),
        cluster=cluster,
        back=_cluster_url(cluster.pk, year, "#truong-khoi"),
        intro=_(
            "Trưởng và Phó phải là thành viên của cụm, khối trong năm đó (luân phiên giữa các thành viên)."
        ),
    )


# ---------------------------------------------------------------- documents


def _document(request: Any, pk: int) -> ClusterDocument:
    return get_object_or_404(
        _in_scope(request, ClusterDocument.objects.select_related("cluster__province")), pk=pk
    )


@view_permission(*READERS)
def document_add(request, pk: int):
    cluster = _cluster(request, pk)
    heads = [r.head for r in cluster.rotas.select_related("head")]
    _require(
        services.can_manage_cluster(request.user, cluster) or any(acts_for(request.user, h) for h in heads)
    )
    year = _year_param(request, timezone.localdate().year)
    form = forms.DocumentForm(request.POST or None, request.FILES or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done, document = perform_service(
            request,
            lambda: services.document_add(
                actor=request.user,
                cluster=cluster,
                kind=data["kind"],
                title=data["title"],
                upload=data["file"],
                year=data["year"],
            ),
            success=_("Đã lưu tài liệu."),
            form=form,
        )
        if done:
            return redirect(_cluster_url(cluster.pk, document.year, "#tai-lieu"))
    return _form_page(
        request,
        form,
        title=_("Thêm tài liệu của cụm, khối"),
        cluster=cluster,
        back=_cluster_url(cluster.pk, anchor="#tai-lieu"),
        multipart=True,
        intro=_(
            "Trưởng cụm, khối lưu tài liệu của năm mình phụ trách; Văn phòng của tỉnh lưu mọi tài liệu (kể cả "
            "quyết định phân chia cụm, khối)."
        ),
    )


@view_permission(*READERS)
def document_download(request, pk: int):
    document = _document(request, pk)
    return upload_response(document.file, filename=document.original_name)


@require_POST
@view_permission(*READERS)
def document_delete(request, pk: int):
    document = _document(request, pk)
    services.document_delete(actor=request.user, document=document)
    messages.success(request, _("Đã xóa tài liệu “%(title)s”.") % {"title": document.title})
    return redirect(_cluster_url(document.cluster_id, document.year, "#tai-lieu"))


# ---------------------------------------------------------------- the covenant


def _movements(request: Any, year: int) -> QuerySet[Movement]:
    return restrict(
        Movement.objects.filter(period_start__lte=year, period_end__gte=year), request.user, VIEW
    ).order_by("title")


@view_permission(*READERS)
def covenant_create(request, pk: int, year: int):
    cluster = _cluster(request, pk)
    year = _year(year)
    existing = cluster.covenants.filter(year=year).first()
    if existing is not None:
        return redirect(_covenant_url(existing.pk))
    _head(request, cluster, year)
    form = forms.CovenantForm(
        request.POST or None,
        movements=_movements(request, year),
        initial={
            "title": _("Giao ước thi đua năm %(year)s của %(cluster)s") % {"year": year, "cluster": cluster}
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        done, covenant = perform_service(
            request,
            lambda: services.covenant_create(actor=request.user, cluster=cluster, year=year, **data),
            success=_("Đã lập dự thảo giao ước thi đua năm %(year)s.") % {"year": year},
            form=form,
        )
        if done:
            return redirect(_covenant_url(covenant.pk))
    return _form_page(
        request,
        form,
        title=_("Giao ước thi đua năm %(year)s") % {"year": year},
        cluster=cluster,
        back=_cluster_url(cluster.pk, year, "#giao-uoc"),
    )


@view_permission(*READERS)
def covenant_detail(request, pk: int):
    covenant = _covenant(request, pk)
    cluster = covenant.cluster
    head = workflow.is_head(request.user, cluster, covenant.year)
    draft = covenant.status == CovenantStatus.DRAFT
    return render(
        request,
        "clusters/setup/covenant_detail.html",
        {
            "covenant": covenant,
            "cluster": cluster,
            "targets": list(covenant.targets.all()),
            "signatories": list(covenant.signatories.select_related("organization")),
            "members": members_on(cluster, year_day(covenant.year)) if draft else [],
            "can_edit": head and draft,
            "target_form": forms.TargetForm() if head and draft else None,
            # Another member's officer sees the movement's title, not a link it may not open.
            "movement_link": covenant.movement_id is not None
            and restrict(Movement.objects.filter(pk=covenant.movement_id), request.user, VIEW).exists(),
        },
    )


@view_permission(*READERS)
def covenant_update(request, pk: int):
    covenant = _covenant(request, pk)
    cluster = covenant.cluster
    _head(request, cluster, covenant.year)
    if covenant.status != CovenantStatus.DRAFT:
        messages.error(request, _("Giao ước đã ký kết không sửa được."))
        return redirect(_covenant_url(covenant.pk))
    initial = {
        "title": covenant.title,
        "movement": covenant.movement_id,
        "place": covenant.place,
        "preamble": covenant.preamble,
        "commitments": covenant.commitments,
        "version": covenant.version,
    }
    form = forms.CovenantForm(
        request.POST or None, initial=initial, movements=_movements(request, covenant.year)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        done, _row = perform_service(
            request,
            lambda: services.covenant_update(actor=request.user, covenant=covenant, version=version, **data),
            success=_("Đã lưu giao ước."),
            form=form,
        )
        if done:
            return redirect(_covenant_url(covenant.pk))
    return _form_page(
        request,
        form,
        title=_("Sửa giao ước thi đua năm %(year)s") % {"year": covenant.year},
        cluster=cluster,
        back=_covenant_url(covenant.pk),
    )


@require_POST
@view_permission(*READERS)
def target_add(request, pk: int):
    covenant = _covenant(request, pk)
    _head(request, covenant.cluster, covenant.year)
    form = forms.TargetForm(request.POST)
    if not form.is_valid():
        _form_messages(request, form)
    else:
        try:
            services.target_add(actor=request.user, covenant=covenant, **form.cleaned_data)
        except ValidationError as error:
            _error_messages(request, error, form)
        else:
            messages.success(request, _("Đã thêm chỉ tiêu."))
    return redirect(_covenant_url(covenant.pk, "#chi-tieu"))


@require_POST
@view_permission(*READERS)
def target_delete(request, pk: int):
    target = get_object_or_404(
        _in_scope(
            request, CovenantTarget.objects.select_related("covenant__cluster__province"), "covenant__cluster"
        ),
        pk=pk,
    )
    perform_service(
        request,
        lambda: services.target_delete(actor=request.user, target=target),
        success=_("Đã xóa chỉ tiêu."),
    )
    return redirect(_covenant_url(target.covenant_id, "#chi-tieu"))


@view_permission(*READERS)
def covenant_sign(request, pk: int):
    covenant = _covenant(request, pk)
    cluster = covenant.cluster
    _head(request, cluster, covenant.year)
    if covenant.status != CovenantStatus.DRAFT:
        messages.info(request, _("Giao ước đã được ký kết."))
        return redirect(_covenant_url(covenant.pk))
    members = members_on(cluster, year_day(covenant.year))
    form = forms.SignForm(
        request.POST or None,
        members=members,
        initial={"place": covenant.place, "version": covenant.version, "signed_on": covenant.signed_on},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done, _row = perform_service(
            request,
            lambda: services.covenant_sign(
                actor=request.user,
                covenant=covenant,
                signed_on=data["signed_on"],
                place=data["place"],
                representatives=form.representatives(),
                version=data.get("version"),
            ),
            success=_("Đã ghi nhận ký kết giao ước thi đua."),
            form=form,
        )
        if done:
            return redirect(_covenant_url(covenant.pk, "#ky-ket"))
    return render(
        request,
        "clusters/setup/covenant_sign.html",
        {"form": form, "covenant": covenant, "cluster": cluster},
    )


# ---------------------------------------------------------------- the scoring table


@view_permission(*READERS)
def table_create(request, pk: int, year: int):
    cluster = _cluster(request, pk)
    year = _year(year)
    _head(request, cluster, year)
    sources = (
        ScoringTable.objects.filter(
            cluster=cluster, year__lt=year, status__in=(TableStatus.ADOPTED, TableStatus.SUPERSEDED)
        )
        .select_related("cluster")
        .order_by("-year", "-number")
    )
    last = sources.filter(status=TableStatus.ADOPTED).first()
    form = forms.TableCreateForm(
        request.POST or None,
        sources=sources,
        initial={
            "title": _("Bảng tiêu chí chấm điểm thi đua năm %(year)s") % {"year": year},
            "source": last.pk if last else None,
            "precision": last.precision if last else 1,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        @transaction.atomic
        def create() -> ScoringTable:
            table = services.table_create(
                actor=request.user,
                cluster=cluster,
                year=year,
                title=data["title"],
                precision=data["precision"],
                note=data["note"],
            )
            if data["source"] is not None:
                services.table_copy_criteria(source=data["source"], target=table)
            return table

        done, table = perform_service(
            request,
            create,
            success=_("Đã lập dự thảo bảng tiêu chí năm %(year)s.") % {"year": year},
            form=form,
        )
        if done:
            return redirect(_table_url(table.pk))
    return _form_page(
        request,
        form,
        title=_("Lập bảng tiêu chí chấm điểm năm %(year)s") % {"year": year},
        cluster=cluster,
        back=_cluster_url(cluster.pk, year, "#bang-tieu-chi"),
    )


def _commenting_for(user: Any, table: ScoringTable) -> list[Organization]:
    """The member agencies `user` speaks for in the table's year (a comment is given in one's name)."""
    if table.status != TableStatus.CONSULTING:
        return []
    return [m for m in members_on(table.cluster, year_day(table.year)) if acts_for(user, m)]


@view_permission(*READERS)
def table_detail(request, pk: int):
    table = _table(request, pk)
    cluster = table.cluster
    user = request.user
    groups = list(table.groups.prefetch_related("criteria").order_by("position", "pk"))
    criteria = [c for g in groups for c in g.criteria.all()]
    comments = list(
        table.comments.select_related("organization", "criterion", "author").order_by("created_at", "pk")
    )
    head = workflow.is_head(user, cluster, table.year)
    draft = table.status == TableStatus.DRAFT
    if head and draft:
        for group in groups:
            group.add_form = forms.CriterionForm(prefix=f"g{group.pk}")  # type: ignore[attr-defined]
    speakers = _commenting_for(user, table)
    versions = list(
        ScoringTable.objects.filter(cluster=cluster, year=table.year)
        .order_by("-number")
        .only("pk", "number", "status", "title", "adopted_on", "year", "cluster_id")
    )
    return render(
        request,
        "clusters/setup/table_detail.html",
        {
            "table": table,
            "cluster": cluster,
            "groups": groups,
            "criteria_count": len(criteria),
            "comments": comments,
            "problems": workflow.table_problems(table)
            if table.status in (TableStatus.DRAFT, TableStatus.CONSULTING)
            else [],
            "transitions": TABLE.allowed_for(user, table) if head else [],
            "can_edit": head and draft,
            "is_head": head,
            "group_form": forms.GroupForm(initial={"version": table.version}) if head and draft else None,
            "comment_form": forms.CommentForm(
                organizations=speakers,
                criteria=Criterion.objects.filter(group__table=table).order_by("group__position", "position"),
            )
            if speakers
            else None,
            "versions": versions,
            "can_new_version": head
            and table.status in (TableStatus.ADOPTED, TableStatus.SUPERSEDED)
            and not any(v.status in (TableStatus.DRAFT, TableStatus.CONSULTING) for v in versions),
            "open_draft": next(
                (v for v in versions if v.status in (TableStatus.DRAFT, TableStatus.CONSULTING)), None
            ),
        },
    )


def _table_editable_or_back(request: Any, table: ScoringTable) -> HttpResponse | None:
    _head(request, table.cluster, table.year)
    if table.status != TableStatus.DRAFT:
        messages.error(
            request,
            _("Bảng tiêu chí “%(status)s” không sửa được: tạo phiên bản mới hoặc đưa về dự thảo.")
            % {"status": table.get_status_display()},
        )
        return redirect(_table_url(table.pk))
    return None


@view_permission(*READERS)
def table_update(request, pk: int):
    table = _table(request, pk)
    refused = _table_editable_or_back(request, table)
    if refused is not None:
        return refused
    form = forms.TableForm(
        request.POST or None,
        initial={
            "title": table.title,
            "precision": table.precision,
            "note": table.note,
            "comments_due": table.comments_due,
            "version": table.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        data["title"] = data["title"].strip() or table.title
        done, _row = perform_service(
            request,
            lambda: services.table_update(actor=request.user, table=table, version=version, **data),
            success=_("Đã lưu bảng tiêu chí."),
            form=form,
        )
        if done:
            return redirect(_table_url(table.pk))
    return _form_page(
        request,
        form,
        title=_("Sửa bảng tiêu chí"),
        cluster=table.cluster,
        back=_table_url(table.pk),
        table=table,
    )


@require_POST
@view_permission(*READERS)
def group_add(request, pk: int):
    table = _table(request, pk)
    _head(request, table.cluster, table.year)
    form = forms.GroupForm(request.POST)
    if not form.is_valid():
        _form_messages(request, form)
        return redirect(_table_url(table.pk, "#them-nhom"))
    data = form.cleaned_data
    try:
        group = services.group_add(
            actor=request.user,
            table=table,
            code=data["code"],
            title=data["title"],
            max_points=data["max_points"],
            version=data.get("version"),
        )
    except ValidationError as error:
        _error_messages(request, error, form)
        return redirect(_table_url(table.pk, "#them-nhom"))
    messages.success(request, _("Đã thêm nhóm tiêu chí %(code)s.") % {"code": group.code})
    return redirect(_table_url(table.pk, f"#nhom-{group.pk}"))


@view_permission(*READERS)
def group_update(request, pk: int):
    group = _group(request, pk)
    table = group.table
    refused = _table_editable_or_back(request, table)
    if refused is not None:
        return refused
    form = forms.GroupForm(
        request.POST or None,
        initial={"code": group.code, "title": group.title, "max_points": _points(group.max_points)},
    )
    del form.fields["version"]
    if request.method == "POST" and form.is_valid():
        done, _row = perform_service(
            request,
            lambda: services.group_update(actor=request.user, group=group, **form.cleaned_data),
            success=_("Đã lưu nhóm tiêu chí."),
            form=form,
        )
        if done:
            return redirect(_table_url(table.pk, f"#nhom-{group.pk}"))
    return _form_page(
        request,
        form,
        title=_("Sửa nhóm tiêu chí"),
        cluster=table.cluster,
        back=_table_url(table.pk),
        table=table,
    )


@require_POST
@view_permission(*READERS)
def group_delete(request, pk: int):
    group = _group(request, pk)
    table = group.table
    _head(request, table.cluster, table.year)
    perform_service(
        request,
        lambda: services.group_delete(actor=request.user, group=group),
        success=_("Đã xóa nhóm tiêu chí %(code)s.") % {"code": group.code},
    )
    return redirect(_table_url(table.pk))


def _points(value: Any) -> str:
    return f"{value.normalize():f}".replace(".", ",")


@require_POST
@view_permission(*READERS)
def criterion_add(request, pk: int):
    group = _group(request, pk)
    table = group.table
    _head(request, table.cluster, table.year)
    form = forms.CriterionForm(request.POST, prefix=f"g{group.pk}")
    anchor = f"#nhom-{group.pk}"
    if not form.is_valid():
        _form_messages(request, form)
        return redirect(_table_url(table.pk, anchor))
    try:
        criterion = services.criterion_add(actor=request.user, group=group, **form.cleaned_data)
    except ValidationError as error:
        _error_messages(request, error, form)
        return redirect(_table_url(table.pk, anchor))
    messages.success(request, _("Đã thêm tiêu chí %(code)s.") % {"code": criterion.code})
    return redirect(_table_url(table.pk, anchor))


@view_permission(*READERS)
def criterion_update(request, pk: int):
    criterion = _criterion(request, pk)
    table = criterion.group.table
    refused = _table_editable_or_back(request, table)
    if refused is not None:
        return refused
    form = forms.CriterionForm(
        request.POST or None,
        initial={
            "code": criterion.code,
            "title": criterion.title,
            "kind": criterion.kind,
            "max_points": _points(criterion.max_points),
            "evidence": criterion.evidence,
        },
    )
    if request.method == "POST" and form.is_valid():
        done, _row = perform_service(
            request,
            lambda: services.criterion_update(actor=request.user, criterion=criterion, **form.cleaned_data),
            success=_("Đã lưu tiêu chí."),
            form=form,
        )
        if done:
            return redirect(_table_url(table.pk, f"#nhom-{criterion.group_id}"))
    return _form_page(
        request, form, title=_("Sửa tiêu chí"), cluster=table.cluster, back=_table_url(table.pk), table=table
    )


@require_POST
@view_permission(*READERS)
def criterion_delete(request, pk: int):
    criterion = _criterion(request, pk)
    table = criterion.group.table
    _head(request, table.cluster, table.year)
    perform_service(
        request,
        lambda: services.criterion_delete(actor=request.user, criterion=criterion),
        success=_("Đã xóa tiêu chí %(code)s.") % {"code": criterion.code},
    )
    return redirect(_table_url(table.pk, f"#nhom-{criterion.group_id}"))


@require_POST
@view_permission(*READERS)
def comment_add(request, pk: int):
    table = _table(request, pk)
    members = members_on(table.cluster, year_day(table.year))
    speakers = [m for m in members if acts_for(request.user, m)]
    _require(bool(speakers))
    form = forms.CommentForm(
        request.POST,
        organizations=speakers,
        criteria=Criterion.objects.filter(group__table=table),
    )
    if not form.is_valid():
        _form_messages(request, form)
        return redirect(_table_url(table.pk, "#gop-y"))
    data = form.cleaned_data
    perform_service(
        request,
        lambda: services.comment_add(
            actor=request.user,
            table=table,
            organization=data["organization"],
            text=data["text"],
            criterion=data["criterion"],
        ),
        success=_("Đã gửi góp ý."),
    )
    return redirect(_table_url(table.pk, "#gop-y"))


@require_POST
@view_permission(*READERS)
def table_transition(request, pk: int, action: str):
    table = _table(request, pk)
    transition = next((t for t in TABLE.transitions if t.action == action), None)
    if transition is None:
        raise Http404
    perform_service(
        request,
        lambda: services.table_transition(
            actor=request.user, table=table, action=action, reason=request.POST.get("reason", "")
        ),
        success=_("Đã thực hiện: %(action)s.") % {"action": transition.label},
    )
    return redirect(_table_url(table.pk))


@require_POST
@view_permission(*READERS)
def table_new_version(request, pk: int):
    table = _table(request, pk)
    done, copy = perform_service(
        request,
        lambda: services.table_new_version(actor=request.user, table=table),
        success=_("Đã tạo phiên bản mới (dự thảo) của bảng tiêu chí."),
    )
    return redirect(_table_url(copy.pk if done else table.pk))

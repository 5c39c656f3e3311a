"""The files of a bloc: the covenant (DOCX/PDF), the scoring table (DOCX), a round's ranking (Excel), its review
with the charts (DOCX/PDF), the charts alone (PNG) and the minutes of the bloc meeting's vote (DOCX/PDF).

Each needs an officer's or a signing leader's role, then the cluster's scope: whoever reads the cluster (the
province's officers, the members' officers and leaders) reads its documents; anyone else gets 404
(`restrict` with the scope policies of selectors.py).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control

from thidua.accounts.models import Role
from thidua.accounts.scope import restrict
from thidua.core.permissions import view_permission
from thidua.core.uploads import download_headers
from thidua.documents.layout import OfficialDocument, render_docx, render_pdf
from thidua.organizations.models import Organization

from . import charts, documents
from .excel import XLSX
from .excel import ranking_xlsx as ranking_workbook
from .models import Covenant, LeaderVote, ScoringRound, ScoringTable
from .selectors import round_member_ids

READERS = (Role.OFFICER, Role.SIGNER)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
CHARTS = ("radar", "groups")


def _visible[M: Model](request: HttpRequest, model: type[M], pk: int, *related: str) -> M:
    """The record if the user reads its cluster, else 404."""
    return get_object_or_404(restrict(model._default_manager.select_related(*related), request.user), pk=pk)


def _file(data: bytes, content_type: str, name: str) -> HttpResponse:
    return HttpResponse(data, content_type=content_type, headers=download_headers(name))


def _document(content: OfficialDocument, fmt: str, stem: str) -> HttpResponse:
    if fmt == "pdf":
        return _file(render_pdf(content), PDF, f"{stem}.pdf")
    return _file(render_docx(content), DOCX, f"{stem}.docx")


def _stem(kind: str, cluster_code: str, year: int, extra: str = "") -> str:
    parts = [kind, documents.ascii_slug(cluster_code), str(year)]
    if extra:
        parts.append(extra)
    return "-".join(parts)


def _period(round_: ScoringRound) -> str:
    return "so-ket" if round_.period == "mid_year" else "tong-ket"


# ---------------------------------------------------------------- the covenant and the table


def _covenant(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    covenant = _visible(request, Covenant, pk, "cluster__province")
    content = documents.covenant_document(covenant)
    return _document(content, fmt, _stem("giao-uoc", covenant.cluster.code, covenant.year))


@view_permission(*READERS)
def covenant_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _covenant(request, pk, "docx")


@view_permission(*READERS)
def covenant_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _covenant(request, pk, "pdf")


@view_permission(*READERS)
def table_docx(request: HttpRequest, pk: int) -> HttpResponse:
    table = _visible(request, ScoringTable, pk, "cluster__province")
    stem = _stem("bang-tieu-chi", table.cluster.code, table.year, f"v{table.number}")
    return _document(documents.table_document(table), "docx", stem)


# ---------------------------------------------------------------- a round: ranking, review, charts


def _round(request: HttpRequest, pk: int) -> ScoringRound:
    return _visible(request, ScoringRound, pk, "cluster__province", "table")


@view_permission(*READERS)
def ranking_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    stem = _stem("xep-hang", round_.cluster.code, round_.year, _period(round_))
    return _file(ranking_workbook(round_), XLSX, f"{stem}.xlsx")


def _review(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    round_ = _round(request, pk)
    stem = _stem("bao-cao", round_.cluster.code, round_.year, _period(round_))
    return _document(documents.review_document(round_), fmt, stem)


@view_permission(*READERS)
def review_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _review(request, pk, "docx")


@view_permission(*READERS)
def review_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _review(request, pk, "pdf")


@view_permission(*READERS)
def chart_png(request: HttpRequest, pk: int, chart: str) -> HttpResponse:
    """The round's radar (all members, or `?member=<id>` alone) or grouped bars, as PNG for the pages."""
    if chart not in CHARTS:
        raise Http404
    round_ = _round(request, pk)
    scores = charts.round_group_scores(round_)
    if chart == "groups":
        data = charts.round_bars(scores)
    else:
        members: list[Organization] | None = None
        wanted: Any = request.GET.get("member")
        if wanted:
            if not str(wanted).isdigit() or int(wanted) not in round_member_ids(round_):
                raise Http404
            members = [m for m in scores.members if m.pk == int(wanted)]
        data = charts.round_radar(scores, members)
    name = f"{_stem('bieu-do', round_.cluster.code, round_.year, _period(round_))}-{chart}.png"
    response = HttpResponse(data, content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=300)
    return response


# ---------------------------------------------------------------- the minutes of the vote


def _minutes(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    vote = _visible(request, LeaderVote, pk, "round__cluster__province", "candidate")
    stem = _stem("bien-ban-suy-ton", vote.round.cluster.code, vote.round.year)
    return _document(documents.vote_minutes_document(vote), fmt, stem)


@view_permission(*READERS)
def vote_minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes(request, pk, "docx")


@view_permission(*READERS)
def vote_minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes(request, pk, "pdf")

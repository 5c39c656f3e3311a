"""The public site (no login): home, honour board, published decisions, exemplary models, open data; and the
office's two buttons on a decision's page (publish, withdraw).

The public pages are the same for every anonymous reader, so they carry validators (ETag, Last-Modified) and
`Cache-Control: public, max-age` (THIDUA_PUBLIC_MAX_AGE seconds, 300 by default); a signed-in reader gets
`private` instead (the shell greets nobody, but a shared cache should not have to know that). The pages with
validators are also kept rendered in the server's cache under their ETag for anonymous readers, so a reader after
the first costs one query, whether or not a proxy sits in front.

The honour board, the decisions and the open data read from the read replica when one is configured
(`read_only()`, docs/operations.md "Read replicas"): published awards a few seconds stale are fine for them. The
publication state behind their validators is read there too, so a page is never kept, here or in a browser,
under a newer state than the rows it shows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language, get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET, require_POST

from thidua.accounts.models import Role
from thidua.core.codes import AwardCode
from thidua.core.db_routing import read_only
from thidua.core.forms import perform_service
from thidua.core.params import int_param
from thidua.core.permissions import view_permission
from thidua.decisions import selectors as decision_selectors

from . import opendata, selectors, services
from .selectors import BoardFilters

PAGE_SIZE = 50


def _max_age() -> int:
    return int(getattr(settings, "THIDUA_PUBLIC_MAX_AGE", 300))


def _state(request: HttpRequest) -> selectors.PublicState:
    """The publication state, read once per request (both validators use it)."""
    state = getattr(request, "_public_state", None)
    if state is None:
        state = selectors.public_state()
        request._public_state = state  # type: ignore[attr-defined]
    return state


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    key = "|".join((_state(request).token, get_language() or "", request.get_full_path()))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _last_modified(request: HttpRequest, *args: Any, **kwargs: Any):
    return _state(request).changed_at


def _rendered_once(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An anonymous reader's page is the same for every anonymous reader of the same address and language in the
    same publication state — what its ETag hashes — so it is rendered once and kept in the cache under that ETag
    (a new state is a new key: never stale). A signed-in reader's page and a streamed file are not kept."""

    @wraps(view)
    def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        host = hashlib.sha256(request.get_host().encode()).hexdigest()[:16]
        key = f"public:page:{_etag(request)}:{host}"  # the open-data page prints absolute addresses
        found = cache.get(key)
        if found is not None:
            content, content_type = found
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), selectors.CACHE_SECONDS)
        return response

    return inner


def cacheable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ETag / Last-Modified from the publication state (a 304 costs its one aggregate query), the rendered page
    kept for anonymous readers under its ETag, and public caching for them."""
    conditional = condition(etag_func=_etag, last_modified_func=_last_modified)(_rendered_once(view))

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = conditional(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, max_age=_max_age())
        else:
            patch_cache_control(response, public=True, max_age=_max_age())
        return response

    return wrapped


def _cache_public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=_max_age())
    return response


@view_permission(public=True)
@require_GET
def home(request):
    return _cache_public(render(request, "public/home.html", {"state": _state(request)}))


def board_filters(request: HttpRequest) -> BoardFilters:
    code = request.GET.get("hinh-thuc", "").strip()
    return BoardFilters(
        year=int_param(request, "nam", min=1945, max=2100),
        unit=int_param(request, "don-vi", min=1),
        code=code if code in AwardCode.values else "",
        q=request.GET.get("q", "").strip()[:100],
    )


@view_permission(public=True)
@require_GET
@read_only()
@cacheable
def honour_board(request):
    filters = board_filters(request)
    state = _state(request)
    page = selectors.honour_board_page(
        filters=filters, size=PAGE_SIZE, after=request.GET.get("sau"), before=request.GET.get("truoc")
    )
    query = request.GET.copy()
    for cursor in ("sau", "truoc", "trang"):
        query.pop(cursor, None)
    return render(
        request,
        "public/honour_board.html",
        {
            "page": page,
            "count": selectors.honour_board_count(filters=filters, state=state),
            "filters": filters,
            "options": selectors.honour_board_options(state=state),
            "query": query.urlencode(),
        },
    )


@view_permission(public=True)
@require_GET
@read_only()
@cacheable
def decision_list(request):
    page = Paginator(selectors.decisions_published(), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "public/decision_list.html", {"page": page})


@view_permission(public=True)
@require_GET
@read_only()
@cacheable
def decision(request, pk: int):
    publication = selectors.decision_published_get(pk=pk)
    return render(
        request,
        "public/decision.html",
        {
            "publication": publication,
            "decision": publication.decision,
            "awards": selectors.decision_awards(publication=publication),
        },
    )


@view_permission(public=True)
@require_GET
def exemplary_list(request):
    page = Paginator(selectors.exemplary_published(), PAGE_SIZE).get_page(request.GET.get("trang"))
    return _cache_public(render(request, "public/exemplary_list.html", {"page": page}))


@view_permission(public=True)
@require_GET
def exemplary_detail(request, pk: int):
    model = selectors.exemplary_published_get(pk=pk)
    return _cache_public(render(request, "public/exemplary_detail.html", {"model": model}))


@view_permission(public=True)
@require_GET
@read_only()
@cacheable
def open_data(request):
    return render(
        request,
        "public/open_data.html",
        {
            "state": _state(request),
            "records": selectors.awards_count(state=_state(request)),
            "licence": opendata.LICENCE,
            "licence_url": opendata.LICENCE_URL,
            "fields": opendata.field_rows(),
        },
    )


@read_only()  # each step: the file streams after the view has returned
def _records(request: HttpRequest):
    for row in opendata.award_rows(selectors.awards_visible()):
        yield opendata.award_record(row, absolute=request.build_absolute_uri)


@view_permission(public=True)
@require_GET
@read_only()
@cacheable
def awards_csv(request):
    response = StreamingHttpResponse(
        opendata.csv_stream(_records(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="khen-thuong-cong-bo.csv"'
    return response


@view_permission(public=True)
@require_GET
@read_only()
@cacheable
def awards_json(request):
    stream = opendata.json_stream(
        _records(request),
        updated=_state(request).updated_at,
        schema_url=request.build_absolute_uri(reverse("public:schema")),
        source_url=request.build_absolute_uri(reverse("public:open_data")),
    )
    return StreamingHttpResponse(stream, content_type="application/json; charset=utf-8")


@view_permission(public=True)
@require_GET
def schema(request):
    response = JsonResponse(opendata.schema(), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = "application/schema+json; charset=utf-8"
    return _cache_public(response)


@view_permission(public=True)
@require_GET
def language(request):
    """The public shell's language links: a preference cookie and back (a GET, so that the public pages hold no
    CSRF token and stay cacheable; the signed-in pages keep Django's POST switch)."""
    code = request.GET.get("lang", "")
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = reverse("public:home")
    response = HttpResponseRedirect(target)
    if code in dict(settings.LANGUAGES) and check_for_language(code):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
        )
    return response


# ---------------------------------------------------------------- the office's buttons on a decision's page


@view_permission(Role.OFFICER)
@require_POST
def publish(request, pk: int):
    found = decision_selectors.decision_get_managed(user=request.user, pk=pk)
    perform_service(
        request,
        lambda: services.decision_publish(actor=request.user, decision=found),
        success=_("Đã công bố quyết định trên trang công khai."),
    )
    return redirect("decisions:decision_detail", pk)


@view_permission(Role.OFFICER)
@require_POST
def withdraw(request, pk: int):
    found = decision_selectors.decision_get_managed(user=request.user, pk=pk)
    perform_service(
        request,
        lambda: services.decision_withdraw(actor=request.user, decision=found),
        success=_("Đã gỡ quyết định khỏi trang công khai."),
    )
    return redirect("decisions:decision_detail", pk)

"""PLACEHOLDER: being written (each function below is replaced by the real view)."""

from django.http import Http404


def agency_view(request, *args, **kwargs):
    raise Http404


def round_create(request, *args, **kwargs):
    raise Http404


def round_detail(request, *args, **kwargs):
    raise Http404


def round_update(request, *args, **kwargs):
    raise Http404


def round_transition(request, *args, **kwargs):
    raise Http404


def ranking(request, *args, **kwargs):
    raise Http404


def card_detail(request, *args, **kwargs):
    raise Http404


def card_transition(request, *args, **kwargs):
    raise Http404


def evidence_add(request, *args, **kwargs):
    raise Http404


def evidence_download(request, *args, **kwargs):
    raise Http404


def evidence_delete(request, *args, **kwargs):
    raise Http404


def vote_create(request, *args, **kwargs):
    raise Http404


def vote_detail(request, *args, **kwargs):
    raise Http404


def vote_open(request, *args, **kwargs):
    raise Http404


def vote_cast(request, *args, **kwargs):
    raise Http404


def vote_close(request, *args, **kwargs):
    raise Http404


def vote_tally(request, *args, **kwargs):
    raise Http404


def vote_record(request, *args, **kwargs):
    raise Http404


def proposal_create(request, *args, **kwargs):
    raise Http404


def proposal_send(request, *args, **kwargs):
    raise Http404

"""PLACEHOLDER: being written (each function below is replaced by the real view)."""

from django.http import Http404


def index(request, *args, **kwargs):
    raise Http404


def cluster_create(request, *args, **kwargs):
    raise Http404


def cluster_detail(request, *args, **kwargs):
    raise Http404


def cluster_update(request, *args, **kwargs):
    raise Http404


def member_add(request, *args, **kwargs):
    raise Http404


def member_end(request, *args, **kwargs):
    raise Http404


def rota_set(request, *args, **kwargs):
    raise Http404


def document_add(request, *args, **kwargs):
    raise Http404


def document_download(request, *args, **kwargs):
    raise Http404


def document_delete(request, *args, **kwargs):
    raise Http404


def covenant_create(request, *args, **kwargs):
    raise Http404


def covenant_detail(request, *args, **kwargs):
    raise Http404


def covenant_update(request, *args, **kwargs):
    raise Http404


def target_add(request, *args, **kwargs):
    raise Http404


def target_delete(request, *args, **kwargs):
    raise Http404


def covenant_sign(request, *args, **kwargs):
    raise Http404


def table_create(request, *args, **kwargs):
    raise Http404


def table_detail(request, *args, **kwargs):
    raise Http404


def table_update(request, *args, **kwargs):
    raise Http404


def group_add(request, *args, **kwargs):
    raise Http404


def group_update(request, *args, **kwargs):
    raise Http404


def group_delete(request, *args, **kwargs):
    raise Http404


def criterion_add(request, *args, **kwargs):
    raise Http404


def criterion_update(request, *args, **kwargs):
    raise Http404


def criterion_delete(request, *args, **kwargs):
    raise Http404


def comment_add(request, *args, **kwargs):
    raise Http404


def table_transition(request, *args, **kwargs):
    raise Http404


def table_new_version(request, *args, **kwargs):
    raise Http404

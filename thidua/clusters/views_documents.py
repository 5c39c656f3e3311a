"""PLACEHOLDER: being written (each function below is replaced by the real view)."""

from django.http import Http404


def covenant_docx(request, *args, **kwargs):
    raise Http404


def covenant_pdf(request, *args, **kwargs):
    raise Http404


def table_docx(request, *args, **kwargs):
    raise Http404


def ranking_xlsx(request, *args, **kwargs):
    raise Http404


def review_docx(request, *args, **kwargs):
    raise Http404


def review_pdf(request, *args, **kwargs):
    raise Http404


def chart_png(request, *args, **kwargs):
    raise Http404


def vote_minutes_docx(request, *args, **kwargs):
    raise Http404


def vote_minutes_pdf(request, *args, **kwargs):
    raise Http404

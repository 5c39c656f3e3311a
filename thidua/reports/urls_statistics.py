"""The pages of the reports' statistics part (joined into thidua.reports.urls)."""

from django.urls import URLPattern, path

from . import views_statistics

urlpatterns: list[URLPattern] = [
    path("thong-ke/", views_statistics.statistics, name="statistics"),
]

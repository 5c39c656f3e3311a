"""The pages of the reports' fairness part (joined into thidua.reports.urls)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

"""The pages of the reports' director part (joined into thidua.reports.urls)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

"""The pages of the reports' statistics part (joined into thidua.reports.urls)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

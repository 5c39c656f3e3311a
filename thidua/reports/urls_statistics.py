"""The pages of the reports' statistics part (joined into thidua.reports.urls)."""

from django.urls import URLPattern, path

from . import views_statistics

app_name = "reports"  # the namespace they are joined under (the route matrix reads it)
urlpatterns: list[URLPattern] = [
    path("thong-ke/", views_statistics.statistics, name="statistics"),
]

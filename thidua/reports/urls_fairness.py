"""The pages of the reports' fairness part (joined into thidua.reports.urls)."""

from django.urls import URLPattern, path

from . import views_fairness

app_name = "reports"  # the namespace they are joined under (the route matrix reads it)
urlpatterns: list[URLPattern] = [
    path("thong-ke/cong-bang/", views_fairness.fairness_page, name="fairness"),
    path("thong-ke/cong-bang/<slug:key>/", views_fairness.fairness_detail, name="fairness_detail"),
]

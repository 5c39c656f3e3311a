"""The pages of the reports' statutory part (joined into thidua.reports.urls)."""

from django.urls import URLPattern, path

from . import views_statutory

app_name = "reports"  # the namespace they are joined under (the route matrix reads it)

urlpatterns: list[URLPattern] = [
    path("thong-ke/bao-cao-thong-ke/", views_statutory.statutory_page, name="statutory"),
    path("thong-ke/bao-cao-thong-ke/excel/", views_statutory.statutory_download, name="statutory_xlsx"),
]

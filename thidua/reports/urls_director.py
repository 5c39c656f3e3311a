"""The pages of the reports' director part (joined into thidua.reports.urls)."""

from django.urls import URLPattern, path

from . import views_director

app_name = "reports"  # the namespace they are joined under (the route matrix reads it)
urlpatterns: list[URLPattern] = [
    path("thong-ke/giam-doc/", views_director.director_current, name="director_current"),
    path("thong-ke/giam-doc/<int:year>/", views_director.director_year, name="director"),
]

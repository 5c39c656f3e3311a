"""The reports' pages: each part (statistics, fairness, statutory forms, the Director's year) lists its own."""

from . import urls_director, urls_fairness, urls_statistics, urls_statutory

app_name = "reports"
urlpatterns = [
    *urls_statistics.urlpatterns,
    *urls_fairness.urlpatterns,
    *urls_statutory.urlpatterns,
    *urls_director.urlpatterns,
]

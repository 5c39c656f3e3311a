from django.urls import path

from . import views

app_name = "fund"
urlpatterns = [
    path("quy-thi-dua/", views.index, name="index"),
    path("quy-thi-dua/<int:year>/", views.year, name="year"),
    path("quy-thi-dua/<int:year>/so-quy/", views.book, name="book"),
    path("quy-thi-dua/<int:year>/thu/", views.income_create, name="income_create"),
    path("quy-thi-dua/<int:year>/chi/", views.spending_create, name="spending_create"),
    path("quy-thi-dua/<int:year>/bao-cao/", views.report_page, name="report"),
    path("quy-thi-dua/<int:year>/bao-cao.xlsx", views.report_xlsx, name="report_xlsx"),
    path("quy-thi-dua/khoan/<int:pk>/chi-tra/", views.entry_pay, name="entry_pay"),
    path("quy-thi-dua/khoan/<int:pk>/huy/", views.entry_cancel, name="entry_cancel"),
    path("quy-thi-dua/quyet-dinh/<int:pk>/", views.decision, name="decision"),
    path("quy-thi-dua/quyet-dinh/<int:pk>/nguon-chi/", views.decision_funding, name="decision_funding"),
]

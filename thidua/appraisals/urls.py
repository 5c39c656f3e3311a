from django.urls import path

from . import views

app_name = "appraisals"
urlpatterns = [
    path("danh-gia/", views.home, name="home"),
    path("danh-gia/dang-ky/mo/", views.round_create, name="round_create"),
    path("danh-gia/dang-ky/<int:pk>/", views.round_detail, name="round_detail"),
    path("danh-gia/dang-ky/<int:pk>/xuat.xlsx", views.round_export, name="round_export"),
    path("danh-gia/dang-ky/don-vi/<int:pk>/", views.registration_detail, name="registration_detail"),
    path(
        "danh-gia/dang-ky/don-vi/<int:pk>/<slug:action>/",
        views.registration_action,
        name="registration_action",
    ),
    path("danh-gia/<slug:slug>/", views.fact_list, name="fact_list"),
    path("danh-gia/<slug:slug>/them/", views.fact_create, name="fact_create"),
    path("danh-gia/<slug:slug>/<int:pk>/sua/", views.fact_edit, name="fact_edit"),
    path("danh-gia/<slug:slug>/<int:pk>/xoa/", views.fact_delete, name="fact_delete"),
]

from django.urls import path

from . import views

app_name = "commendations"
urlpatterns = [
    path("khen-thuong/so/", views.award_list, name="award_list"),
    path("khen-thuong/so/excel/", views.award_export, name="award_export"),
    path("khen-thuong/so/them/", views.award_create, name="award_create"),
    path("khen-thuong/so/<int:pk>/", views.award_edit, name="award_edit"),
    path("khen-thuong/so/<int:pk>/huy-bo/", views.award_revoke, name="award_revoke"),
    path("khen-thuong/so/ca-nhan/<int:pk>/", views.person_registry, name="person_registry"),
    path(
        "khen-thuong/so/ca-nhan/<int:pk>/excel/", views.person_registry_export, name="person_registry_export"
    ),
    path("khen-thuong/so/don-vi/<int:pk>/", views.unit_registry, name="unit_registry"),
    path("khen-thuong/so/don-vi/<int:pk>/excel/", views.unit_registry_export, name="unit_registry_export"),
]

from django.urls import path

from . import views

app_name = "commendations"
urlpatterns = [
    path("khen-thuong/so/", views.award_list, name="award_list"),
    path("khen-thuong/so/them/", views.award_create, name="award_create"),
    path("khen-thuong/so/<int:pk>/", views.award_edit, name="award_edit"),
    path("khen-thuong/so/<int:pk>/huy-bo/", views.award_revoke, name="award_revoke"),
]

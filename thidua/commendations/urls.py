from django.urls import path

from . import views

app_name = "commendations"
urlpatterns = [
    path("khen-thuong/so/", views.award_list, name="award_list"),
]

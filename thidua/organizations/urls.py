from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("can-bo/", views.person_list, name="person_list"),
    path("can-bo/<int:pk>/", views.person_detail, name="person_detail"),
]

from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("van-ban/<int:pk>/xuat-eoffice/", views.eoffice_export, name="eoffice_export"),
]

from django.urls import path

from . import views

app_name = "rules"
urlpatterns = [
    path("ra-soat/", views.discovery, name="discovery"),
    path("ra-soat/<int:pk>/", views.discovery_run, name="discovery_run"),
    path("ra-soat/<int:pk>/excel/", views.discovery_export, name="discovery_export"),
    path("quy-tac/cau-hinh/", views.config, name="config"),
]

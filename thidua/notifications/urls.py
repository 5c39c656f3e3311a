from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("thong-bao/", views.notification_list, name="list"),
    path("thong-bao/<int:pk>/", views.notification_open, name="open"),
    path("thong-bao/doc-tat-ca/", views.notification_mark_all_read, name="mark_all_read"),
]

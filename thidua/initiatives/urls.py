from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("sang-kien/", views.initiative_list, name="list"),
    path("sang-kien/them/", views.initiative_create, name="create"),
    path("sang-kien/<int:pk>/", views.initiative_detail, name="detail"),
    path("sang-kien/<int:pk>/sua/", views.initiative_edit, name="edit"),
    path("sang-kien/<int:pk>/xoa/", views.initiative_delete, name="delete"),
    path("sang-kien/<int:pk>/tep/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("sang-kien/<int:pk>/tac-gia/<int:author_pk>/dung-cho/", views.use_for_award, name="use_for"),
]

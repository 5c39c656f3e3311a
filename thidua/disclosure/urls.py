from django.urls import path

from . import views

app_name = "disclosure"
urlpatterns = [
    # The public (no login): the lists posted for comment and the feedback form.
    path("cong-khai/", views.public_list, name="public_list"),
    path("cong-khai/<int:pk>/", views.public_detail, name="public_detail"),
    path("cong-khai/<int:pk>/gop-y/", views.public_feedback, name="public_feedback"),
    # The standing office.
    path("thong-bao-cong-khai/", views.notice_list, name="list"),
    path("thong-bao-cong-khai/them/", views.notice_create, name="create"),
    path("thong-bao-cong-khai/<int:pk>/", views.notice_detail, name="detail"),
    path("thong-bao-cong-khai/<int:pk>/sua/", views.notice_edit, name="edit"),
    path("thong-bao-cong-khai/<int:pk>/xoa/", views.notice_delete, name="delete"),
    path("thong-bao-cong-khai/<int:pk>/chuyen-trang-thai/", views.notice_transition, name="transition"),
    path("thong-bao-cong-khai/gop-y/<int:pk>/xu-ly/", views.feedback_handle, name="feedback_handle"),
    path("lich-lam-viec/", views.calendar_page, name="calendar"),
    path("lich-lam-viec/them/", views.calendar_add, name="calendar_add"),
    path("lich-lam-viec/<int:pk>/xoa/", views.calendar_delete, name="calendar_delete"),
]

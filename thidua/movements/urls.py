from django.urls import path

from . import views

app_name = "movements"
urlpatterns = [
    path("phong-trao/", views.movement_list, name="list"),
    path("phong-trao/them/", views.movement_create, name="create"),
    path("phong-trao/<int:pk>/", views.movement_detail, name="detail"),
    path("phong-trao/<int:pk>/sua/", views.movement_edit, name="edit"),
    path("phong-trao/<int:pk>/chuyen-trang-thai/", views.movement_transition, name="transition"),
    path("phong-trao/<int:pk>/van-ban.<str:fmt>", views.movement_document, name="document"),
    path("phong-trao/<int:pk>/gui-van-ban/", views.movement_dispatch, name="dispatch"),
    path("phong-trao/<int:pk>/chi-tieu/them/", views.target_create, name="target_create"),
    path("phong-trao/<int:pk>/chi-tieu/<int:target_pk>/sua/", views.target_edit, name="target_edit"),
    path("phong-trao/<int:pk>/chi-tieu/<int:target_pk>/xoa/", views.target_delete, name="target_delete"),
    path("phong-trao/<int:pk>/khen-thuong-du-kien/them/", views.award_plan_create, name="award_plan_create"),
    path(
        "phong-trao/<int:pk>/khen-thuong-du-kien/<int:plan_pk>/sua/",
        views.award_plan_edit,
        name="award_plan_edit",
    ),
    path(
        "phong-trao/<int:pk>/khen-thuong-du-kien/<int:plan_pk>/xoa/",
        views.award_plan_delete,
        name="award_plan_delete",
    ),
    path("phong-trao/<int:pk>/ky-bao-cao/", views.report_round, name="report_round"),
    path("phong-trao/<int:pk>/so-ket/", views.review_schedule, name="review_schedule"),
    path("phong-trao/<int:pk>/dien-hinh/them/", views.model_create, name="model_create"),
    path("phong-trao/so-ket/<int:pk>/bao-cao.<str:fmt>", views.review_document, name="review_document"),
    path("phong-trao/so-ket/<int:pk>/danh-gia/", views.review_summary, name="review_summary"),
    path("bao-cao-tien-do/", views.report_list, name="reports"),
    path("bao-cao-tien-do/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao-tien-do/<int:pk>/chuyen-trang-thai/", views.report_transition, name="report_transition"),
    path("bao-cao-tien-do/tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("dien-hinh-tien-tien/", views.model_list, name="models"),
    path("dien-hinh-tien-tien/<int:pk>/cong-bo/", views.model_publish, name="model_publish"),
    path("dien-hinh-tien-tien/<int:pk>/nhan-rong/", views.model_replicate, name="model_replicate"),
]

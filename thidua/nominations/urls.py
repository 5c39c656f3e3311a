from django.urls import path

from . import views

app_name = "nominations"
urlpatterns = [
    path("de-nghi-khen-thuong/", views.batch_list, name="list"),
    path("de-nghi-khen-thuong/lap-to-trinh/", views.batch_create, name="create"),
    path("de-nghi-khen-thuong/tong-hop/", views.pool, name="pool"),
    path("de-nghi-khen-thuong/tu-ra-soat/", views.from_discovery, name="from_discovery"),
    path("de-nghi-khen-thuong/<int:pk>/", views.batch_detail, name="detail"),
    path("de-nghi-khen-thuong/<int:pk>/sua/", views.batch_edit, name="edit"),
    path("de-nghi-khen-thuong/<int:pk>/chuyen-trang-thai/", views.batch_transition, name="transition"),
    path("de-nghi-khen-thuong/<int:pk>/them-de-nghi/", views.line_add, name="line_add"),
    path("de-nghi-khen-thuong/dong/<int:pk>/", views.line_detail, name="line_detail"),
    path("de-nghi-khen-thuong/dong/<int:pk>/sua/", views.line_edit, name="line_edit"),
    path(
        "de-nghi-khen-thuong/dong/<int:pk>/chuyen-trang-thai/", views.line_transition, name="line_transition"
    ),
    path("de-nghi-khen-thuong/dong/<int:pk>/tra-lai/", views.line_return, name="line_return"),
]

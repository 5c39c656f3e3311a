from django.urls import path

from . import views

app_name = "catalogues"
urlpatterns = [
    path("danh-muc/danh-hieu-hinh-thuc/", views.titles, name="titles"),
    path("danh-muc/danh-hieu-hinh-thuc/<str:code>/", views.title_detail, name="title_detail"),
    path("danh-muc/loai-hinh-khen-thuong/", views.tracks, name="tracks"),
    path("danh-muc/phan-loai-doi-tuong/", views.recipients, name="recipients"),
    path("van-ban-phap-luat/", views.legal_list, name="legal_list"),
    path("van-ban-phap-luat/<int:pk>/", views.legal_detail, name="legal_detail"),
    path("van-ban-phap-luat/<int:pk>/tep/", views.legal_file, name="legal_file"),
]

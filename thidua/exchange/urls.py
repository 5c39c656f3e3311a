from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("du-lieu/", views.home, name="home"),
    path("du-lieu/mau/<slug:kind>.xlsx", views.template_download, name="template"),
    path("du-lieu/xuat/<slug:kind>.xlsx", views.export, name="export"),
    path("du-lieu/nhap/<slug:kind>/", views.upload, name="upload"),
    path("du-lieu/lan-nhap/<int:pk>/", views.job_detail, name="job"),
    path("du-lieu/lan-nhap/<int:pk>/trang-thai/", views.job_status, name="job_status"),
    path("du-lieu/lan-nhap/<int:pk>/ghi/", views.job_commit, name="job_commit"),
    path("du-lieu/lan-nhap/<int:pk>/chay-lai/", views.job_retry, name="job_retry"),
]

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("tai-khoan/dang-nhap/", views.LoginView.as_view(), name="login"),
    path("tai-khoan/dang-xuat/", views.LogoutView.as_view(), name="logout"),
]

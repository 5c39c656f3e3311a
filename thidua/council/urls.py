from django.urls import path

from . import views

app_name = "council"
urlpatterns = [
    path("hoi-dong/", views.council_list, name="council_list"),
    path("hoi-dong/them/", views.council_create, name="council_create"),
    path("hoi-dong/<int:pk>/", views.council_detail, name="council_detail"),
    path("hoi-dong/<int:pk>/sua/", views.council_edit, name="council_edit"),
    path("hoi-dong/<int:pk>/thanh-vien/them/", views.member_create, name="member_create"),
    path("hoi-dong/thanh-vien/<int:pk>/sua/", views.member_edit, name="member_edit"),
    path("hoi-dong/thanh-vien/<int:pk>/xoa/", views.member_delete, name="member_delete"),
    path("hoi-dong/<int:pk>/phien-hop/them/", views.session_create, name="session_create"),
    path("phien-hop/", views.session_list, name="session_list"),
    path("phien-hop/<int:pk>/", views.session_detail, name="session_detail"),
    path("phien-hop/<int:pk>/sua/", views.session_edit, name="session_edit"),
    path("phien-hop/<int:pk>/chuyen-trang-thai/", views.session_transition, name="session_transition"),
    path("phien-hop/<int:pk>/chuong-trinh/", views.agenda_add, name="agenda_add"),
    path("phien-hop/<int:pk>/bo-phieu/", views.vote, name="vote"),
    path("phien-hop/<int:pk>/<slug:kind>.<str:fmt>", views.session_document, name="document"),
    path("phien-hop/noi-dung/<int:pk>/", views.item_detail, name="item_detail"),
    path("phien-hop/noi-dung/<int:pk>/xoa/", views.agenda_remove, name="agenda_remove"),
    path("phien-hop/noi-dung/<int:pk>/mo-bo-phieu/", views.ballot_open, name="ballot_open"),
    path("phien-hop/noi-dung/<int:pk>/dong-bo-phieu/", views.ballot_close, name="ballot_close"),
    path("phien-hop/noi-dung/<int:pk>/kiem-phieu/", views.ballot_tally, name="ballot_tally"),
    path("phien-hop/noi-dung/<int:pk>/phieu-van-ban/", views.written_vote, name="written_vote"),
    path("phien-hop/noi-dung/<int:pk>/bo-phieu/", views.ballot_cast, name="ballot_cast"),
    path("phien-hop/noi-dung/<int:pk>/xung-dot/", views.conflict_declare, name="conflict_declare"),
]

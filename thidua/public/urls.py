from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("cong-bo/", views.home, name="home"),
    path("cong-bo/bang-vang/", views.honour_board, name="honour_board"),
    path("cong-bo/quyet-dinh/", views.decision_list, name="decision_list"),
    path("cong-bo/quyet-dinh/<int:pk>/", views.decision, name="decision"),
    path("cong-bo/dien-hinh/", views.exemplary_list, name="exemplary_list"),
    path("cong-bo/dien-hinh/<int:pk>/", views.exemplary_detail, name="exemplary_detail"),
    path("cong-bo/du-lieu-mo/", views.open_data, name="open_data"),
    path("cong-bo/du-lieu-mo/awards.csv", views.awards_csv, name="awards_csv"),
    path("cong-bo/du-lieu-mo/awards.json", views.awards_json, name="awards_json"),
    path("cong-bo/du-lieu-mo/schema.json", views.schema, name="schema"),
    path("cong-bo/ngon-ngu/", views.language, name="language"),
    path("cong-bo/cong-bo-quyet-dinh/<int:pk>/", views.publish, name="publish"),
    path("cong-bo/go-quyet-dinh/<int:pk>/", views.withdraw, name="withdraw"),
]

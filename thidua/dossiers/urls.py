from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("ho-so-khen-thuong/danh-muc/", views.catalogue_view, name="catalogue"),
    path("ho-so-khen-thuong/to-trinh/<int:pk>/", views.batch_view, name="batch"),
    path("ho-so-khen-thuong/to-trinh/<int:pk>/tai-len/", views.item_upload, name="upload"),
    path("ho-so-khen-thuong/tep/<int:pk>/", views.item_download, name="download"),
    path("ho-so-khen-thuong/tep/<int:pk>/xoa/", views.item_delete, name="delete"),
    path("ho-so-khen-thuong/de-nghi/<int:pk>/bao-cao/", views.report_edit, name="report"),
    path(
        "ho-so-khen-thuong/de-nghi/<int:pk>/bao-cao.<str:fmt>", views.report_download, name="report_document"
    ),
]

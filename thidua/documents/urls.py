from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("van-ban/<int:pk>/xuat-eoffice/", views.eoffice_export, name="eoffice_export"),
    # E-office dispatch: one edXML package per receiving organ, and its status.
    path("van-ban/<int:pk>/gui-edxml/", views.edxml_dispatch, name="edxml_dispatch"),
    path("van-ban/goi-edxml/<int:pk>/tai-ve/", views.edxml_package, name="edxml_package"),
    path("van-ban/goi-edxml/<int:pk>/trang-thai/", views.edxml_status, name="edxml_status"),
    # The office's Word templates.
    path("van-ban/mau/", views.template_list, name="template_list"),
    path("van-ban/mau/<slug:kind>/mac-dinh/", views.template_default, name="template_default"),
    path("van-ban/mau/phien-ban/<int:pk>/tai-ve/", views.template_download, name="template_download"),
    path("van-ban/mau/phien-ban/<int:pk>/dung/", views.template_activate, name="template_activate"),
    path("van-ban/mau/<int:agency>/<slug:kind>/", views.template_kind, name="template_kind"),
    path("van-ban/mau/<int:agency>/<slug:kind>/dung-mac-dinh/", views.template_reset, name="template_reset"),
]

from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    # The public (no login): the verification of a certificate's code, from its QR code or typed in.
    path("xac-minh/", views.verify_form, name="verify_form"),
    path("xac-minh/<slug:code>/", views.verify, name="verify"),
    # The standing office: certificates of the issued decisions, print runs, templates.
    path("giay-khen/", views.decision_list, name="decision_list"),
    path("giay-khen/quyet-dinh/<int:pk>/", views.decision_certificates, name="decision"),
    path("giay-khen/quyet-dinh/<int:pk>/giay-khen.pdf", views.decision_pdf, name="decision_pdf"),
    path("giay-khen/quyet-dinh/<int:pk>/in/", views.print_run_create, name="print_run_create"),
    path("giay-khen/dong/<int:pk>/giay-khen.pdf", views.line_pdf, name="line_pdf"),
    path("giay-khen/lan-in/<int:pk>/<slug:kind>.pdf", views.run_file, name="run_file"),
    path("giay-khen/mau/", views.template_list, name="template_list"),
    path("giay-khen/mau/them/", views.template_create, name="template_create"),
    path("giay-khen/mau/<int:pk>/", views.template_edit, name="template_edit"),
    path("giay-khen/mau/<int:pk>/trang-in-thu.pdf", views.template_sheet, name="template_sheet"),
]

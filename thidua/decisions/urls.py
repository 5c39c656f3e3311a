from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("quyet-dinh/", views.decision_list, name="decision_list"),
    path("quyet-dinh/ghi-nhan/", views.decision_register, name="decision_register"),
    path("quyet-dinh/tu-phien-hop/<int:pk>/", views.decision_from_session, name="decision_from_session"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/sua/", views.decision_edit, name="decision_edit"),
    path("quyet-dinh/<int:pk>/can-cu/", views.decision_bases, name="decision_bases"),
    path("quyet-dinh/<int:pk>/chuyen-trang-thai/", views.decision_transition, name="decision_transition"),
    path("quyet-dinh/<int:pk>/them/", views.line_add, name="line_add"),
    path("quyet-dinh/dong/<int:pk>/xoa/", views.line_remove, name="line_remove"),
    path("quyet-dinh/<int:pk>/du-thao.<str:fmt>", views.decision_draft, name="decision_draft"),
    path("quyet-dinh/<int:pk>/ho-so-de-nghi.zip", views.proposal_package, name="proposal_package"),
    path("quyet-dinh/<int:pk>/quyet-dinh.pdf", views.decision_pdf, name="decision_pdf"),
    path("quyet-dinh/<int:pk>/quyet-dinh.docx", views.decision_docx, name="decision_docx"),
    path("quyet-dinh/<int:pk>/danh-sach.docx", views.award_list, name="award_list"),
]

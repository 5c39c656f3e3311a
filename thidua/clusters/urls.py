"""The pages of clusters and blocs. Paths are Vietnamese; names are English (docs/clusters.md)."""

from django.urls import path

from . import views_documents, views_scoring, views_setup

app_name = "clusters"
urlpatterns = [
    # views_setup
    path("cum-khoi/", views_setup.index, name="index"),
    path("cum-khoi/them/", views_setup.cluster_create, name="cluster_create"),
    path("cum-khoi/<int:pk>/", views_setup.cluster_detail, name="cluster_detail"),
    path("cum-khoi/<int:pk>/sua/", views_setup.cluster_update, name="cluster_update"),
    path("cum-khoi/<int:pk>/thanh-vien/", views_setup.member_add, name="member_add"),
    path("cum-khoi/thanh-vien/<int:pk>/roi-khoi/", views_setup.member_end, name="member_end"),
    path("cum-khoi/<int:pk>/truong-khoi/", views_setup.rota_set, name="rota_set"),
    path("cum-khoi/<int:pk>/tai-lieu/", views_setup.document_add, name="document_add"),
    path("cum-khoi/tai-lieu/<int:pk>/", views_setup.document_download, name="document_download"),
    path("cum-khoi/tai-lieu/<int:pk>/xoa/", views_setup.document_delete, name="document_delete"),
    path("cum-khoi/<int:pk>/giao-uoc/<int:year>/", views_setup.covenant_create, name="covenant_create"),
    path("cum-khoi/giao-uoc/<int:pk>/", views_setup.covenant_detail, name="covenant_detail"),
    path("cum-khoi/giao-uoc/<int:pk>/sua/", views_setup.covenant_update, name="covenant_update"),
    path("cum-khoi/giao-uoc/<int:pk>/chi-tieu/", views_setup.target_add, name="target_add"),
    path("cum-khoi/chi-tieu/<int:pk>/xoa/", views_setup.target_delete, name="target_delete"),
    path("cum-khoi/giao-uoc/<int:pk>/ky-ket/", views_setup.covenant_sign, name="covenant_sign"),
    path("cum-khoi/<int:pk>/bang-tieu-chi/<int:year>/them/", views_setup.table_create, name="table_create"),
    path("cum-khoi/bang-tieu-chi/<int:pk>/", views_setup.table_detail, name="table_detail"),
    path("cum-khoi/bang-tieu-chi/<int:pk>/sua/", views_setup.table_update, name="table_update"),
    path("cum-khoi/bang-tieu-chi/<int:pk>/nhom/", views_setup.group_add, name="group_add"),
    path("cum-khoi/nhom-tieu-chi/<int:pk>/sua/", views_setup.group_update, name="group_update"),
    path("cum-khoi/nhom-tieu-chi/<int:pk>/xoa/", views_setup.group_delete, name="group_delete"),
    path("cum-khoi/nhom-tieu-chi/<int:pk>/tieu-chi/", views_setup.criterion_add, name="criterion_add"),
    path("cum-khoi/tieu-chi/<int:pk>/sua/", views_setup.criterion_update, name="criterion_update"),
    path("cum-khoi/tieu-chi/<int:pk>/xoa/", views_setup.criterion_delete, name="criterion_delete"),
    path("cum-khoi/bang-tieu-chi/<int:pk>/gop-y/", views_setup.comment_add, name="comment_add"),
    path(
        "cum-khoi/bang-tieu-chi/<int:pk>/chuyen/<slug:action>/",
        views_setup.table_transition,
        name="table_transition",
    ),
    path(
        "cum-khoi/bang-tieu-chi/<int:pk>/phien-ban-moi/",
        views_setup.table_new_version,
        name="table_new_version",
    ),
    # views_scoring
    path("cum-khoi/cua-co-quan/", views_scoring.agency_view, name="agency_view"),
    path("cum-khoi/<int:pk>/dot-cham/them/", views_scoring.round_create, name="round_create"),
    path("cum-khoi/dot-cham/<int:pk>/", views_scoring.round_detail, name="round_detail"),
    path("cum-khoi/dot-cham/<int:pk>/sua/", views_scoring.round_update, name="round_update"),
    path(
        "cum-khoi/dot-cham/<int:pk>/chuyen/<slug:action>/",
        views_scoring.round_transition,
        name="round_transition",
    ),
    path("cum-khoi/dot-cham/<int:pk>/xep-hang/", views_scoring.ranking, name="ranking"),
    path("cum-khoi/phieu-cham/<int:pk>/", views_scoring.card_detail, name="card_detail"),
    path(
        "cum-khoi/phieu-cham/<int:pk>/chuyen/<slug:action>/",
        views_scoring.card_transition,
        name="card_transition",
    ),
    path("cum-khoi/phieu-cham/<int:pk>/minh-chung/", views_scoring.evidence_add, name="evidence_add"),
    path("cum-khoi/minh-chung/<int:pk>/", views_scoring.evidence_download, name="evidence_download"),
    path("cum-khoi/minh-chung/<int:pk>/xoa/", views_scoring.evidence_delete, name="evidence_delete"),
    path("cum-khoi/dot-cham/<int:pk>/suy-ton/", views_scoring.vote_create, name="vote_create"),
    path("cum-khoi/suy-ton/<int:pk>/", views_scoring.vote_detail, name="vote_detail"),
    path("cum-khoi/suy-ton/<int:pk>/mo/", views_scoring.vote_open, name="vote_open"),
    path("cum-khoi/suy-ton/<int:pk>/bo-phieu/", views_scoring.vote_cast, name="vote_cast"),
    path("cum-khoi/suy-ton/<int:pk>/dong/", views_scoring.vote_close, name="vote_close"),
    path("cum-khoi/suy-ton/<int:pk>/kiem-phieu/", views_scoring.vote_tally, name="vote_tally"),
    path("cum-khoi/suy-ton/<int:pk>/ghi-ket-qua/", views_scoring.vote_record, name="vote_record"),
    path("cum-khoi/dot-cham/<int:pk>/to-trinh/", views_scoring.proposal_create, name="proposal_create"),
    path("cum-khoi/to-trinh/<int:pk>/gui/", views_scoring.proposal_send, name="proposal_send"),
    # views_documents
    path("cum-khoi/giao-uoc/<int:pk>/giao-uoc.docx", views_documents.covenant_docx, name="covenant_docx"),
    path("cum-khoi/giao-uoc/<int:pk>/giao-uoc.pdf", views_documents.covenant_pdf, name="covenant_pdf"),
    path("cum-khoi/bang-tieu-chi/<int:pk>/bang-tieu-chi.docx", views_documents.table_docx, name="table_docx"),
    path("cum-khoi/dot-cham/<int:pk>/xep-hang.xlsx", views_documents.ranking_xlsx, name="ranking_xlsx"),
    path("cum-khoi/dot-cham/<int:pk>/bao-cao.docx", views_documents.review_docx, name="review_docx"),
    path("cum-khoi/dot-cham/<int:pk>/bao-cao.pdf", views_documents.review_pdf, name="review_pdf"),
    path("cum-khoi/dot-cham/<int:pk>/bieu-do/<slug:chart>.png", views_documents.chart_png, name="chart_png"),
    path(
        "cum-khoi/suy-ton/<int:pk>/bien-ban.docx", views_documents.vote_minutes_docx, name="vote_minutes_docx"
    ),
    path("cum-khoi/suy-ton/<int:pk>/bien-ban.pdf", views_documents.vote_minutes_pdf, name="vote_minutes_pdf"),
]

"""Sending the launch letter records each recipient, channel and time; the e-office ZIP holds PDF + metadata."""

import hashlib
import io
import json
import zipfile
from xml.etree import ElementTree as ET

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.documents.models import Dispatch
from thidua.documents.selectors import document_for
from thidua.documents.services import eoffice_export
from thidua.movements import services


def test_dispatch_records_each_recipient_with_channel_and_time(launched, people, org_tree):
    dispatches = services.launch_dispatch(actor=people["officer"], movement=launched)
    rows = [(d.recipient, d.channel, d.organization_id) for d in dispatches]
    assert rows == [
        ("Ban TD-KT tỉnh", "paper", None),
        ("Các phòng, đơn vị (qua Voffice)", "eoffice", org_tree["div_a"].pk),
        ("Lưu: VT, VP", "archive", None),
    ]
    assert all(d.sent_at and d.sent_by == people["officer"] for d in dispatches)
    assert Dispatch.objects.count() == 3


def test_dispatch_needs_a_launched_movement_and_the_office(make_movement, launched, people):
    with pytest.raises(ValidationError):
        services.launch_dispatch(actor=people["officer"], movement=make_movement())
    with pytest.raises(PermissionDenied):
        services.launch_dispatch(actor=people["head_a"], movement=launched)


def test_eoffice_export_zip(launched, people):
    services.launch_dispatch(actor=people["officer"], movement=launched)
    document = document_for(source=launched, purpose="movement-launch")
    assert document is not None
    data = eoffice_export(document=document)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["SHA256SUMS", "document.pdf", "metadata.json", "metadata.xml"]
        pdf = archive.read("document.pdf")
        meta = json.loads(archive.read("metadata.json"))
        xml = ET.fromstring(archive.read("metadata.xml"))
        sums = archive.read("SHA256SUMS").decode()
    assert pdf.startswith(b"%PDF")
    assert meta["format"] == "thidua-eoffice-zip/1"
    assert meta["document"]["number_symbol"] == "01/SKHCN-VP"
    assert meta["document"]["issued_on"] == "2021-03-05"
    assert meta["file"]["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert [r["channel"] for r in meta["recipients"]] == ["paper", "eoffice", "archive"]
    assert xml.findtext("Document/number_symbol") == "01/SKHCN-VP"
    assert f"{hashlib.sha256(pdf).hexdigest()}  document.pdf" in sums


def test_admin_shows_an_issued_documents_files_by_name_never_as_a_media_link(
    client, launched, people, make_user
):
    """Stored files are served only through scoped views; the admin must not link to an unserved /media/ path."""
    from django.urls import reverse

    from thidua.accounts.models import Role

    services.launch_dispatch(actor=people["officer"], movement=launched)
    document = document_for(source=launched, purpose="movement-launch")
    assert document is not None and document.pdf.name
    admin_user = make_user(Role.ADMIN, launched.launching_organization, is_superuser=True, is_staff=True)
    client.force_login(admin_user)
    response = client.get(reverse("admin:documents_issueddocument_change", args=[document.pk]))
    assert response.status_code == 200
    assert "/media/" not in response.content.decode()
    assert document.pdf.name in response.content.decode()

"""What is saved can always be rendered and sent (issue 8, finding 8): control characters in text that documents
print are refused at the door (forms, API, models) with a Vietnamese message naming the field, and the
recipient channel is one of the known channels in the form, the API schema and the database."""

import dataclasses
import io
from datetime import date

import docx
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.accounts.models import ApiToken
from thidua.documents.formatting import control_characters
from thidua.documents.layout import OfficialDocument, Paragraph, render_docx
from thidua.documents.layout.samples import seed_letter_document
from thidua.documents.selectors import document_for
from thidua.documents.services import DispatchLine, dispatch_send
from thidua.movements import forms, services
from thidua.movements.documents import movement_launch_document
from thidua.movements.models import Movement, Recipient

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


@pytest.fixture
def officer_headers(people):
    _token, key = ApiToken.issue(user=people["officer"], name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _movement_payload(org_tree, **changes):
    payload = {
        "code": "API-DOC",
        "title": "Phong trào “Dân vận khéo”",
        "period_start": 2025,
        "period_end": 2025,
        "launching_organization_id": org_tree["agency"].pk,
        "introduction": "Đoạn một.\r\n\r\nĐoạn hai\tcó tab.",
        "objectives": ["Mục tiêu"],
        "solutions": [{"number": "2.1", "text": "Giải pháp"}],
        "recipients": [{"label": "Các phòng (qua Voffice)", "channel": "eoffice"}],
    }
    payload.update(changes)
    return payload


# ------------------------------------------------------------------------------------------------ forms


def test_the_movement_form_refuses_a_control_character_naming_the_field(org_tree, people):
    form = forms.MovementForm(
        {
            "code": "F-1",
            "title": "Phong trào",
            "level": "agency",
            "kind": "regular",
            "period_start": 2025,
            "period_end": 2025,
            "launching_organization": org_tree["agency"].pk,
            "document_type": "cong_van",
            "introduction": "Mở đầu\x07 có chuông.",
        },
        user=people["officer"],
    )
    assert not form.is_valid()
    assert form.errors["introduction"] == [
        "“Mở đầu” có ký tự điều khiển không in được vào văn bản (U+0007); hãy xóa ký tự đó."
    ]


@pytest.mark.parametrize(
    ("form_class", "data", "field"),
    [
        (forms.ObjectiveForm, {"text": "Mục tiêu\x00"}, "text"),
        (forms.SolutionForm, {"number": "2.1", "text": "Giải\x1bpháp"}, "text"),
        (forms.ResponsibilityForm, {"party": "unit_heads", "text": "Nhiệm\x0cvụ"}, "text"),
        (forms.RecipientForm, {"label": "Các phòng\x7f", "channel": "eoffice"}, "label"),
    ],
)
def test_the_letter_formsets_refuse_control_characters(form_class, data, field):
    form = form_class(data)
    assert not form.is_valid()
    assert "ký tự điều khiển" in form.errors[field][0]
    assert str(form.fields[field].label) in form.errors[field][0]


def test_the_recipient_form_offers_only_known_channels():
    form = forms.RecipientForm({"label": "Các phòng", "channel": "fax"})
    assert not form.is_valid() and "channel" in form.errors


def test_line_breaks_and_tabs_are_text(org_tree, people):
    form = forms.ObjectiveForm({"text": "Dòng một\r\nDòng hai\tcột"})
    assert form.is_valid(), form.errors


def test_the_create_page_shows_the_refusal_instead_of_failing(client, org_tree, people):
    client.force_login(people["officer"])
    data = {
        "code": "NEW-CC",
        "title": "Phong trào\x00 mới",
        "level": "agency",
        "kind": "regular",
        "period_start": 2025,
        "period_end": 2025,
        "launching_organization": org_tree["agency"].pk,
        "document_type": "cong_van",
    }
    for prefix in ("objectives", "solutions", "responsibilities", "recipients"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = client.post(reverse("movements:create"), data)
    assert response.status_code == 200
    assert (
        "“Tên phong trào” có ký tự điều khiển không in được vào văn bản (U+0000)" in response.content.decode()
    )
    assert not Movement.objects.filter(code="NEW-CC").exists()


# ------------------------------------------------------------------------------------------------ API


def test_the_api_refuses_a_control_character_with_422_naming_the_field(client, org_tree, officer_headers):
    payload = _movement_payload(org_tree, closing="Kêu gọi\x07 thi đua.")
    response = client.post(f"{API}/movements", payload, content_type="application/json", **officer_headers)
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert [e["column"] for e in errors] == ["closing"]
    assert "ký tự điều khiển không in được vào văn bản (U+0007)" in errors[0]["message"]
    assert not Movement.objects.exists()


def test_the_api_refuses_control_characters_in_the_letters_lists(client, org_tree, officer_headers):
    payload = _movement_payload(org_tree, solutions=[{"number": "2.1", "text": "Giải\x1bpháp"}])
    response = client.post(f"{API}/movements", payload, content_type="application/json", **officer_headers)
    assert response.status_code == 422
    assert [e["column"] for e in response.json()["errors"]] == ["solutions.0.text"]


def test_the_api_refuses_an_unknown_recipient_channel_with_422(client, org_tree, officer_headers):
    payload = _movement_payload(org_tree, recipients=[{"label": "Các phòng", "channel": "fax"}])
    response = client.post(f"{API}/movements", payload, content_type="application/json", **officer_headers)
    assert response.status_code == 422, response.content
    assert [e["column"] for e in response.json()["errors"]] == ["recipients.0.channel"]
    assert not Movement.objects.exists()


def test_the_openapi_document_lists_the_channels():
    from thidua.api.api import api

    schemas = api.get_openapi_schema()["components"]["schemas"]
    channel = schemas["RecipientIn"]["properties"]["channel"]
    assert channel["allOf"] == [{"$ref": "#/components/schemas/DispatchChannel"}]
    assert schemas["DispatchChannel"]["enum"] == ["eoffice", "paper", "archive"]


def test_a_target_with_a_control_character_is_refused_by_the_api(client, launched, org_tree, officer_headers):
    payload = {
        "organization_id": org_tree["div_a"].pk,
        "year": 2022,
        "indicator": "Số\x07 sáng kiến",
        "unit_of_measure": "sáng kiến",
        "target_value": "3",
    }
    response = client.post(
        f"{API}/movements/{launched.pk}/targets", payload, content_type="application/json", **officer_headers
    )
    assert response.status_code == 422
    assert [e["column"] for e in response.json()["errors"]] == ["indicator"]


# ------------------------------------------------------------------------------------------------ models


def test_the_service_refuses_an_unknown_channel_and_control_characters(org_tree, people):
    base = {
        "actor": people["officer"],
        "code": "SV-1",
        "level": "agency",
        "title": "Phong trào",
        "period_start": 2025,
        "period_end": 2025,
        "launching_organization": org_tree["agency"],
    }
    with pytest.raises(ValidationError) as caught:
        services.movement_create(**base, recipients=[services.RecipientData("Các phòng", "fax")])
    assert list(caught.value.message_dict) == ["recipients"]
    with pytest.raises(ValidationError) as caught:
        services.movement_create(**base, objectives=["Mục\x08tiêu"])
    assert list(caught.value.message_dict) == ["objectives"]
    with pytest.raises(ValidationError) as caught:
        services.movement_create(**{**base, "theme": "Chủ đề\x1f"})
    assert list(caught.value.message_dict) == ["theme"]
    assert not Movement.objects.exists()


def test_the_database_refuses_an_unknown_channel(make_movement):
    movement = make_movement()
    with pytest.raises(IntegrityError), transaction.atomic():
        Recipient.objects.create(movement=movement, label="Các phòng", channel="fax")


def test_a_review_summary_with_a_control_character_is_refused(launched, people):
    review = services.review_schedule(
        actor=people["officer"], movement=launched, kind="midterm", scheduled_on=date(2023, 6, 1)
    )
    with pytest.raises(ValidationError) as caught:
        services.review_summary_set(actor=people["officer"], review=review, summary="Đánh giá\x00")
    assert list(caught.value.message_dict) == ["summary"]


def test_dispatch_of_an_unknown_channel_is_a_message_not_a_crash(make_movement, people):
    movement = make_movement(launch=True)
    document = document_for(source=movement, purpose=services.LAUNCH_PURPOSE)
    assert document is not None
    with pytest.raises(ValidationError) as caught:
        dispatch_send(
            actor=None, document=document, lines=[DispatchLine(recipient="Các phòng", channel="fax")]
        )
    assert caught.value.messages == ["Nơi nhận “Các phòng” có hình thức gửi không hợp lệ (“fax”)."]


# ------------------------------------------------------------------------------------------------ rendering


def test_what_the_api_saves_renders_and_is_sent(client, org_tree, people, officer_headers, signer):
    from thidua.organizations.models import Assignment, Position

    Assignment.objects.create(
        person=signer,
        organization=org_tree["agency"],
        position=Position.objects.create(name="Giám đốc"),
        start_on=date(2020, 1, 1),
    )
    payload = _movement_payload(
        org_tree,
        signer_id=signer.pk,
        signer_position="Giám đốc",
        drafting_unit_symbol="VP",
        addressees="Các phòng\r\nCác đơn vị",
        recipients=[
            {"label": "Ban TĐ-KT tỉnh", "channel": "paper"},
            {"label": "Các phòng (qua Voffice)", "channel": "eoffice"},
            {"label": "Lưu: VT, VP", "channel": "archive"},
        ],
    )
    response = client.post(f"{API}/movements", payload, content_type="application/json", **officer_headers)
    assert response.status_code == 201, response.content
    movement = Movement.objects.get(code="API-DOC")
    text = _docx_text(render_docx(movement_launch_document(movement)))
    assert "Đoạn hai\tcó tab." in text
    response = client.post(
        f"{API}/movements/{movement.pk}/transitions",
        {"action": "launch"},
        content_type="application/json",
        **officer_headers,
    )
    assert response.status_code == 200, response.content
    sent = services.launch_dispatch(actor=people["officer"], movement=Movement.objects.get(pk=movement.pk))
    assert sorted(d.channel for d in sent) == ["archive", "eoffice", "paper"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(codec="utf-8"), max_size=40))
def test_any_text_the_check_lets_through_renders_into_a_docx(text):
    """The property behind the check: text with no control characters is always a valid DOCX paragraph."""
    if control_characters(text):
        return
    base: OfficialDocument = seed_letter_document()
    document = dataclasses.replace(base, body=(Paragraph(text), *base.body), abstract=text or base.abstract)
    assert render_docx(document)

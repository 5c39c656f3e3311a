"""The same create sent twice (issue 8, finding 6): one row and a clear Vietnamese message, never a server
error or a duplicate, on every create that the probe found answering 500, and on exemplary models.

Two requests at once both pass the service's uniqueness check before either inserts; the loser then meets the
database constraint. SQLite serialises writing transactions (``transaction_mode=IMMEDIATE``), so there the
window is opened by hand (`race_window`: the uniqueness checks do not see the row, as a concurrent request's
check would not); the real thing runs with threads on PostgreSQL."""

import threading
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, models
from django.urls import reverse

from thidua.accounts.models import ApiToken
from thidua.appraisals import services as appraisal_services
from thidua.appraisals.models import Appraisal, CollectiveAppraisal, RegistrationRound
from thidua.commendations import services as award_services
from thidua.commendations.models import AwardRecord
from thidua.exchange.tests.conftest import facts_world  # noqa: F401 - fixture
from thidua.initiatives import services as initiative_services
from thidua.initiatives.models import Initiative
from thidua.movements import services as movement_services
from thidua.movements.models import ExemplaryModel, Movement, Replication, Target
from thidua.movements.tests.conftest import make_movement, signer  # noqa: F401 - fixtures
from thidua.organizations import services as organization_services
from thidua.organizations.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def race_window(monkeypatch):
    """The state a concurrent request is in: its uniqueness checks ran before the other request's row was
    committed, so they pass and the insert meets the database's unique constraint."""
    monkeypatch.setattr(models.Model, "validate_unique", lambda self, exclude=None: None)
    monkeypatch.setattr(models.UniqueConstraint, "validate", lambda self, *args, **kwargs: None)


@pytest.fixture
def world(facts_world, make_movement):  # noqa: F811
    movement = make_movement(launch=True)
    return {**facts_world, "movement": movement}


def _exemplary(world, **extra):
    fields = {
        "kind": "model",
        "title": "Mô hình “Văn phòng không giấy”",
        "organization": world["orgs"]["div_a"],
        "story": "Câu chuyện",
        "recognized_on": date(2023, 5, 1),
        **extra,
    }
    return movement_services.exemplary_model_create(
        actor=world["officer"], movement=world["movement"], **fields
    )


def _replication_model(world):
    if not ExemplaryModel.objects.exists():
        _exemplary(world)
    return ExemplaryModel.objects.get()


# Each create: how to call it with the same data twice, the model that must keep one row, the field named
# and the message of a lost race.
CREATES: dict[str, tuple[Callable[[dict[str, Any]], models.Model], type[models.Model], str, str | None]] = {
    "rating": (
        lambda w: appraisal_services.appraisal_create(
            actor=w["officer"], person=w["people"]["CB001"], year=2024, rating="HTTNV"
        ),
        Appraisal,
        "year",
        "Cán bộ này đã có đánh giá, xếp loại của năm này.",
    ),
    "collective appraisal": (
        lambda w: appraisal_services.collective_appraisal_create(
            actor=w["officer"], organization=w["orgs"]["div_a"], year=2024, rating="HTXSNV"
        ),
        CollectiveAppraisal,
        "year",
        "Tập thể này đã có đánh giá của năm này.",
    ),
    "award": (
        lambda w: award_services.award_record_create(
            actor=w["officer"], person=w["people"]["CB001"], code="CSTDCS", year=2024
        ),
        AwardRecord,
        "code",
        "Cán bộ này đã có danh hiệu, hình thức này cho năm thành tích này.",
    ),
    "collective award": (
        lambda w: award_services.award_record_create(
            actor=w["officer"], organization=w["orgs"]["div_a"], code="TTLDTT", year=2024
        ),
        AwardRecord,
        "code",
        "Tập thể này đã có danh hiệu, hình thức này cho năm thành tích này.",
    ),
    "initiative": (
        lambda w: initiative_services.initiative_create(
            actor=w["officer"],
            authors=[(w["people"]["CB001"].pk, Decimal(100))],
            code="SK-2024-01",
            title="Sáng kiến số hóa hồ sơ",
            kind="initiative",
            level="co_so",
            organization=w["orgs"]["div_a"],
            recognized_on=date(2024, 6, 1),
        ),
        Initiative,
        "code",
        "Đã có sáng kiến, đề tài với mã này.",
    ),
    "registration round": (
        lambda w: appraisal_services.registration_round_open(
            actor=w["officer"], organization=w["orgs"]["agency"], year=2026, deadline=date(2026, 1, 31)
        ),
        RegistrationRound,
        "year",
        "Cơ quan này đã mở đợt đăng ký thi đua năm 2026.",
    ),
    "replication": (
        lambda w: movement_services.replication_add(
            actor=w["officer"],
            model=_replication_model(w),
            organization=w["orgs"]["div_b"],
            replicated_on=date(2024, 1, 1),
        ),
        Replication,
        "organization",
        "Đơn vị này đã được ghi nhận nhân rộng mô hình.",
    ),
    "movement": (
        lambda w: movement_services.movement_create(
            actor=w["officer"],
            code="PT-2025",
            level="agency",
            title="Phong trào thi đua năm 2025",
            period_start=2025,
            period_end=2025,
            launching_organization=w["orgs"]["agency"],
        ),
        Movement,
        "code",
        "Đã có phong trào với mã này.",
    ),
    "target": (
        lambda w: movement_services.target_create(
            actor=w["officer"],
            movement=w["movement"],
            organization=w["orgs"]["div_a"],
            year=2024,
            indicator="Tỷ lệ hồ sơ trực tuyến",
            unit_of_measure="%",
            target_value=Decimal(90),
        ),
        Target,
        "indicator",
        "Đơn vị này đã được giao chỉ tiêu này cho năm này trong phong trào.",
    ),
    "person": (
        lambda w: organization_services.person_create(
            actor=w["officer"], family_name="Hoàng", given_name="Lan", sex="F", staff_code="CB777"
        ),
        Person,
        "staff_code",
        "Đã có cán bộ với mã cán bộ này.",
    ),
    "exemplary model": (_exemplary, ExemplaryModel, "title", None),
}


@pytest.mark.parametrize("name", CREATES)
def test_the_same_create_twice_leaves_one_row_and_a_validation_error(world, name):
    create, model, _field, _message = CREATES[name]
    create(world)
    before = model._default_manager.count()
    with pytest.raises(ValidationError):
        create(world)
    assert model._default_manager.count() == before


@pytest.mark.parametrize("name", [n for n in CREATES if n != "exemplary model"])
def test_a_lost_race_is_refused_with_a_message_naming_the_field(world, race_window, name):
    create, model, field, message = CREATES[name]
    create(world)
    before = model._default_manager.count()
    with pytest.raises(ValidationError) as caught:
        create(world)
    assert caught.value.message_dict == {field: [message]}
    assert model._default_manager.count() == before


def test_exemplary_models_are_unique_in_the_database(world, race_window):
    """Exemplary models had no unique constraint: a double submission made two. Now the database refuses."""
    _exemplary(world)
    with pytest.raises(ValidationError) as caught:
        _exemplary(world)
    assert caught.value.message_dict == {
        "title": ["Đơn vị này đã có điển hình, mô hình cùng tên trong phong trào."]
    }
    _exemplary(world, person=world["people"]["CB001"], kind="person")
    with pytest.raises(ValidationError) as caught:
        _exemplary(world, person=world["people"]["CB001"], kind="person")
    assert caught.value.message_dict == {
        "title": ["Cá nhân này đã có điển hình, mô hình cùng tên trong phong trào."]
    }
    assert ExemplaryModel.objects.count() == 2


def test_exemplary_model_sent_twice_from_the_page_makes_one(client, world):
    client.force_login(world["officer"])
    url = reverse("movements:model_create", args=[world["movement"].pk])
    data = {
        "kind": "model",
        "title": "Mô hình “Một cửa”",
        "organization": world["orgs"]["div_a"].pk,
        "story": "Câu chuyện",
        "recognized_on": "01/05/2023",
    }
    assert client.post(url, data).status_code == 302
    second = client.post(url, data)
    assert second.status_code == 200
    assert "Đơn vị này đã có điển hình, mô hình cùng tên trong phong trào." in second.content.decode()
    assert ExemplaryModel.objects.count() == 1


def test_a_rating_form_that_loses_the_race_shows_the_message_not_a_server_error(client, world, race_window):
    client.force_login(world["officer"])
    url = reverse("appraisals:fact_create", args=["xep-loai"])
    data = {"staff_code": "CB002", "year": 2024, "rating": "HTTNV", "note": ""}
    assert client.post(url, data).status_code == 302
    second = client.post(url, data)
    assert second.status_code == 200
    assert "Cán bộ này đã có đánh giá, xếp loại của năm này." in second.content.decode()
    assert Appraisal.objects.filter(person=world["people"]["CB002"]).count() == 1


def test_an_api_create_that_loses_the_race_answers_422_not_500(client, world, race_window, make_user):
    _token, key = ApiToken.issue(user=make_user(is_superuser=True, username="admin"), name="test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    payload = {"family_name": "Hoàng", "given_name": "Lan", "sex": "F", "staff_code": "CB778"}
    assert (
        client.post("/api/v1/people", payload, content_type="application/json", **headers).status_code == 201
    )
    second = client.post("/api/v1/people", payload, content_type="application/json", **headers)
    assert second.status_code == 422, second.content
    assert second.json()["errors"] == [
        {"index": None, "column": "staff_code", "message": "Đã có cán bộ với mã cán bộ này."}
    ]
    assert Person.objects.filter(staff_code="CB778").count() == 1


def test_a_movement_target_api_create_that_loses_the_race_answers_422(client, world, race_window):
    _token, key = ApiToken.issue(user=world["officer"], name="test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    url = f"/api/v1/movements/{world['movement'].pk}/targets"
    payload = {
        "organization_id": world["orgs"]["div_a"].pk,
        "year": 2024,
        "indicator": "Số sáng kiến",
        "unit_of_measure": "sáng kiến",
        "target_value": "2",
    }
    assert client.post(url, payload, content_type="application/json", **headers).status_code == 201
    second = client.post(url, payload, content_type="application/json", **headers)
    assert second.status_code == 422, second.content
    assert second.json()["errors"][0]["column"] == "indicator"
    assert Target.objects.filter(indicator="Số sáng kiến").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need a server database")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", CREATES)
def test_concurrent_identical_creates_make_one_row_and_three_refusals(world, name):
    create, model, _field, _message = CREATES[name]
    if name == "replication":
        _replication_model(world)
    before = model._default_manager.count()
    barrier = threading.Barrier(4)
    outcomes, errors = [], []

    def send():
        try:
            barrier.wait()
            create(world)
            outcomes.append("created")
        except ValidationError:
            outcomes.append("refused")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert sorted(outcomes) == ["created", "refused", "refused", "refused"]
    assert model._default_manager.count() == before + 1

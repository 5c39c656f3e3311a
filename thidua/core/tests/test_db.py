"""refuse_duplicate: a unique violation at insert becomes a ValidationError naming the field, in a savepoint
that leaves the enclosing transaction usable; any other integrity error still surfaces."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from thidua.core.db import is_unique_violation, refuse_duplicate
from thidua.organizations.models import Assignment, Position

pytestmark = pytest.mark.django_db


def test_a_unique_violation_becomes_a_validation_error_on_the_named_field():
    Position.objects.create(name="Chuyên viên")
    with pytest.raises(ValidationError) as caught, refuse_duplicate("Đã có chức vụ này.", field="name"):
        Position.objects.create(name="Chuyên viên")
    assert caught.value.message_dict == {"name": ["Đã có chức vụ này."]}
    assert caught.value.error_dict["name"][0].code == "duplicate"
    assert isinstance(caught.value.__cause__, IntegrityError)
    assert Position.objects.count() == 1


def test_without_a_field_the_message_is_about_the_whole_record():
    Position.objects.create(name="Chuyên viên")
    with pytest.raises(ValidationError) as caught, refuse_duplicate("Đã có chức vụ này."):
        Position.objects.create(name="Chuyên viên")
    assert caught.value.message_dict == {NON_FIELD_ERRORS: ["Đã có chức vụ này."]}


def test_the_enclosing_transaction_stays_usable_after_the_refusal():
    with transaction.atomic():
        Position.objects.create(name="Chuyên viên")
        with pytest.raises(ValidationError), refuse_duplicate("Đã có chức vụ này.", field="name"):
            Position.objects.create(name="Chuyên viên")
        Position.objects.create(name="Trưởng phòng")  # would fail on PostgreSQL without the savepoint
    assert set(Position.objects.values_list("name", flat=True)) == {"Chuyên viên", "Trưởng phòng"}


def test_other_integrity_errors_are_not_disguised_as_duplicates():
    with pytest.raises(IntegrityError) as caught, refuse_duplicate("Đã có.", field="name"):
        Assignment.objects.create(person_id=999_999, organization_id=999_999, position_id=999_999)
    assert not is_unique_violation(caught.value)


def test_it_works_as_a_decorator():
    @refuse_duplicate("Đã có chức vụ này.", field="name")
    def add(name):
        return Position.objects.create(name=name)

    add("Chuyên viên")
    with pytest.raises(ValidationError):
        add("Chuyên viên")
    assert Position.objects.count() == 1

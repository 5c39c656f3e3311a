from typing import TYPE_CHECKING, Any

import factory
from django.db import models

from thidua.organizations.models import Assignment, Organization, OrganizationKind, Person, Position


class ModelFactory[M: models.Model](factory.django.DjangoModelFactory[M]):
    """A factory (abstract: no model) whose call the type checker sees return the model instance."""

    if TYPE_CHECKING:  # factory_boy's own __new__ is untyped; a factory call builds an M, not a factory

        def __new__(cls, *args: Any, **kwargs: Any) -> M: ...  # type: ignore[misc]


class OrganizationFactory(ModelFactory[Organization]):
    class Meta:
        model = Organization

    kind = OrganizationKind.DIVISION
    code = factory.Sequence(lambda n: f"ORG{n}")
    name = factory.Sequence(lambda n: f"Phòng số {n}")


class PersonFactory(ModelFactory[Person]):
    class Meta:
        model = Person

    family_name = "Nguyễn"
    middle_name = "Văn"
    given_name = factory.Iterator(["An", "Bình", "Cường", "Dũng"])
    sex = "M"
    staff_code = factory.Sequence(lambda n: f"CB{n:06d}")


class PositionFactory(ModelFactory[Position]):
    class Meta:
        model = Position
        django_get_or_create = ("name",)

    name = "Chuyên viên"


class AssignmentFactory(ModelFactory[Assignment]):
    class Meta:
        model = Assignment

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    position = factory.SubFactory(PositionFactory)
    start_on = factory.Faker("date_between", start_date="-10y", end_date="-1y")

"""The covenant's movement: a link for whoever may open the movement, its title alone for the other members
(walk_roles found the bloc head's officer sent to a 404 through the Department's movement)."""

from django.urls import reverse

from thidua.clusters import services
from thidua.movements.models import Movement, MovementLevel

from .conftest import YEAR


def test_the_movement_is_a_link_only_for_those_who_may_open_it(bloc, client):
    a = bloc.members[0]
    movement = Movement.objects.create(
        code="KHOI-2024",
        level=MovementLevel.AGENCY,
        title="Phong trào thi đua của Sở Khoa học và Công nghệ năm 2024",
        period_start=YEAR,
        period_end=YEAR,
        launching_organization=a,
    )
    covenant = services.covenant_create(
        actor=bloc.head_officer, cluster=bloc.cluster, year=YEAR, movement=movement
    )
    url = reverse("clusters:covenant_detail", args=[covenant.pk])
    link = reverse("movements:detail", args=[movement.pk])

    client.force_login(bloc.officers["A"])
    page = client.get(url).content.decode()
    assert f'href="{link}"' in page

    client.force_login(bloc.head_officer)
    page = client.get(url).content.decode()
    assert movement.title in page
    assert f'href="{link}"' not in page
    assert client.get(link).status_code in (403, 404)

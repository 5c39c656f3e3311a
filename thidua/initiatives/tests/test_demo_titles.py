"""The demo's initiative titles write units and places as Vietnamese writes proper names: capitals kept."""

import pytest
from django.core.management import call_command

from thidua.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def test_demo_initiative_titles_keep_the_capitals_of_units_and_provinces():
    call_command("seed_demo", verbosity=0)
    titles = list(Initiative.objects.values_list("title", flat=True))
    assert titles
    lowered = [t for t in titles if "sở khoa học" in t or "phòng quản lý" in t or "văn phòng sở" in t]
    assert lowered == []
    assert not [t for t in titles if t.endswith("của tỉnh") or "tỉnh yên bái" in t]
    assert any("Sở Khoa học và Công nghệ" in t or "Phòng Quản lý khoa học" in t for t in titles)
    place = [t for t in titles if "sản phẩm chủ lực" in t]
    assert place and all(t.endswith(("tỉnh Yên Bái", "tỉnh Lào Cai")) for t in place), place[:3]

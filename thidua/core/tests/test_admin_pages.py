"""Every model registered in the admin lists without error for a system administrator (and only for one)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from thidua.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_admin_changelists_render(client, make_user, org_tree):
    client.force_login(make_user(Role.ADMIN, org_tree["province"], is_staff=True, is_superuser=True))
    failures = []
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url)
        if response.status_code != 200:
            failures.append((url, response.status_code))
    assert failures == []


def test_admin_refuses_an_officer(client, make_user, org_tree):
    client.force_login(make_user(Role.OFFICER, org_tree["agency"], is_staff=True))
    response = client.get(reverse("admin:movements_movement_changelist"))
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]

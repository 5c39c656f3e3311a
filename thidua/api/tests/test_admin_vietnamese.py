"""The admin in Vietnamese mode names the task queue and its results in Vietnamese."""

import pytest
from django.utils import translation

from thidua.accounts.models import User

pytestmark = pytest.mark.django_db


def test_task_queue_admin_reads_in_vietnamese(client):
    admin = User.objects.create_superuser(username="quantri", password="x-Password-123")
    client.force_login(admin)
    with translation.override("vi"):
        content = client.get("/quan-tri/", headers={"accept-language": "vi"}).content.decode()
    assert "Tasks Database Backend" not in content and "TASKS DATABASE BACKEND" not in content
    assert "Task Results" not in content
    assert "Hàng đợi tác vụ nền" in content and "Kết quả tác vụ" in content

import pytest
from django.core.management import CommandError, call_command

from thidua.accounts.models import ApiToken, Role

pytestmark = pytest.mark.django_db


def test_token_is_printed_once_works_then_is_revoked(client, make_user, org_tree, capsys):
    make_user(Role.OFFICER, org_tree["agency"], username="eoffice")
    call_command("api_token", "create", "eoffice", "Hệ thống văn bản")
    key = capsys.readouterr().out.strip()
    assert key.startswith("td_") and ApiToken.objects.get().key_hash != key  # only a hash is stored
    assert client.get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    call_command("api_token", "revoke", key[:8])
    assert client.get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    with pytest.raises(CommandError):
        call_command("api_token", "create", "nobody", "x")

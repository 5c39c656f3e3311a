"""schemathesis on the disclosure operations only (the project-wide fuzz runs them with the demo data too): no 5xx,
no undeclared status, no answer outside its schema, for the agency's officer and for another agency's."""

import pytest

from thidua.accounts.models import ApiToken
from thidua.api import fuzz
from thidua.disclosure import services

pytestmark = pytest.mark.django_db(transaction=False)


def test_disclosure_operations_keep_their_contract(people, org_tree, lines):
    notice = services.notice_create(
        actor=people["officer"],
        agency=org_tree["agency"],
        year=2024,
        title="Công khai",
        nominations=list(lines.values()),
        working_days=10,
        channel="website",
    )
    tokens = {
        role: ApiToken.issue(user=people[role], name="fuzz")[1]
        for role in ("officer", "other_officer", "staff_a")
    }
    schema = fuzz.load_schema(people["officer"]).include(path_regex="^/api/v1/disclosure/")
    report = fuzz.run(schema, tokens, max_examples=8)
    print(report.summary())
    assert report.calls > 100
    assert (report.server_errors, report.schema_violations) == (0, 0), "\n".join(report.examples)
    assert notice.pk

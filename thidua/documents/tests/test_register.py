"""The numbering register: per issuer, document type and year; restarting each 1 January; never shared."""

import threading
from collections import defaultdict
from datetime import date

import pytest
from django.db import connection, connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.documents.formatting import parse_number_symbol
from thidua.documents.models import NumberingRegister
from thidua.documents.services import register_key, register_next_number, register_set_start

DOC_TYPES = [None, "Kế hoạch", "Báo cáo", "QĐ"]


def test_register_key():
    assert register_key(None) == "CV"
    assert register_key("Công văn") == "CV"
    assert register_key("Kế hoạch") == "KH"
    assert register_key("BC") == "BC"
    with pytest.raises(ValueError):
        register_key("Thư tình")


def test_numbers_restart_on_the_first_of_january(org_tree):
    agency = org_tree["agency"]
    assert register_next_number(issuer=agency, doc_type=None, on=date(2021, 12, 31)) == 1
    assert register_next_number(issuer=agency, doc_type=None, on=date(2021, 12, 31)) == 2
    assert register_next_number(issuer=agency, doc_type=None, on=date(2022, 1, 1)) == 1
    assert register_next_number(issuer=agency, doc_type="Kế hoạch", on=date(2022, 1, 1)) == 1
    assert register_next_number(issuer=org_tree["other"], doc_type=None, on=date(2022, 1, 1)) == 1


def test_set_start_never_goes_back(org_tree):
    agency = org_tree["agency"]
    register_set_start(issuer=agency, doc_type=None, year=2021, last_number=4)
    assert register_next_number(issuer=agency, doc_type=None, on=date(2021, 3, 5)) == 5
    with pytest.raises(ValueError):
        register_set_start(issuer=agency, doc_type=None, year=2021, last_number=1)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    calls=st.lists(
        st.tuples(
            st.sampled_from(["agency", "other"]),
            st.sampled_from(DOC_TYPES),
            st.dates(min_value=date(2020, 11, 1), max_value=date(2022, 2, 28)),
        ),
        max_size=25,
    )
)
def test_each_register_counts_1_2_3_without_gaps(org_tree, calls):
    NumberingRegister.objects.all().delete()
    given_numbers = defaultdict(list)
    for who, doc_type, day in calls:
        number = register_next_number(issuer=org_tree[who], doc_type=doc_type, on=day)
        given_numbers[(who, register_key(doc_type), day.year)].append(number)
    for numbers in given_numbers.values():
        assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need a server database")
@pytest.mark.django_db(transaction=True)
def test_concurrent_issuers_never_share_a_number(org_tree):
    agency = org_tree["agency"]
    results, errors = [], []

    def take():
        try:
            for _ in range(5):
                results.append(register_next_number(issuer=agency, doc_type=None, on=date(2024, 5, 1)))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == list(range(1, 21))


def test_issued_symbols_parse_back(make_movement, people):
    from thidua.documents.models import IssuedDocument
    from thidua.movements import services

    movement = make_movement(document_type="ke_hoach")
    services.movement_transition(
        actor=people["officer"], movement=movement, action="launch", on=date(2021, 1, 4)
    )
    document = IssuedDocument.objects.get()
    parsed = parse_number_symbol(document.number_symbol)
    assert (parsed.number, parsed.doc_type, parsed.issuer, parsed.drafting_unit) == (1, "KH", "SKHCN", "VP")

"""The unit page's section of clusters: an agency's blocs and ranks, for those who read the bloc only."""

from django.test import RequestFactory

from thidua.clusters.sections import unit_clusters

from .conftest import run_round


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_a_member_agency_page_lists_its_bloc_and_its_rank(bloc, django_assert_max_num_queries):
    round_ = run_round(bloc, fast=True)
    a = bloc.members[0]
    with django_assert_max_num_queries(6):
        section = unit_clusters(_request(bloc.officers["A"]), a)
    assert section is not None
    (row,) = section["context"]["rows"]
    assert row["membership"].cluster == bloc.cluster
    assert row["ranks"] == [{"round": round_, "rank": 1, "of": 4}]


def test_nothing_for_a_user_outside_the_bloc_or_an_agency_outside_it(bloc):
    run_round(bloc, fast=True)
    assert unit_clusters(_request(bloc.outsider_officer), bloc.members[0]) is None
    assert unit_clusters(_request(bloc.province_officer), bloc.outsider) is None

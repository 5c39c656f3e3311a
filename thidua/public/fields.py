"""Every field that may reach a public page or the open data, and nothing else.

`PUBLIC_FIELDS` names what each public record shows (the keys of the open data, the columns of the pages);
`PUBLIC_COLUMNS` names the database columns they may be read from. The serializers of `opendata.py` and the
selectors of `selectors.py` read only these columns (a test resolves each path they use and fails on any other),
and a test renders every public page and the open data for people with distinctive private values — birth date,
ethnicity, ratings, discipline, contact, staff code — and fails if one appears.

Why these: the Law on Emulation and Commendation (06/2022/QH15) makes the commendation public (the decision, its
number, date and issuer, and who received what); nothing else about a person is needed to say so. A person is
shown by the name printed on the decision and the unit printed beside it, never by a staff code or a date of
birth, which would let a reader tell two namesakes apart only by disclosing private data.
"""

from __future__ import annotations

PUBLIC_FIELDS: dict[str, tuple[str, ...]] = {
    # One awardee of a published decision (the honour board, the decision's list, awards.csv / awards.json).
    "award": (
        "name",
        "unit",
        "collective",
        "year",
        "award_code",
        "award",
        "track",
        "decision_number",
        "decision_date",
        "deciding_body",
        "decision_url",
    ),
    # A published decision (its page and the list).
    "decision": ("number", "date", "deciding_body", "title", "year", "url"),
    # A published exemplary model (điển hình tiên tiến, mô hình mới) and its story.
    "exemplary": ("title", "kind", "movement", "unit", "person", "story", "recognized_on", "replications"),
}

# model label → the columns a public page or the open data may read.
PUBLIC_COLUMNS: dict[str, frozenset[str]] = {
    "public.publicaward": frozenset(
        {
            "id",
            "name",
            "unit_name",
            "unit",
            "is_collective",
            "year",
            "code",
            "track",
            "position",
            "sort_key",
            "search_text",
            "publication",
            "award",
            "line",
        }
    ),
    "public.publisheddecision": frozenset({"id", "decision", "published_at", "withdrawn_at", "changed_at"}),
    "commendations.awardrecord": frozenset(
        {"id", "decision_number", "decided_on", "deciding_body", "status"}
    ),
    "decisions.decision": frozenset(
        {"id", "number_symbol", "decided_on", "deciding_body", "title", "year", "agency", "kind", "status"}
    ),
    "organizations.organization": frozenset({"id", "name", "path"}),
    "movements.movement": frozenset({"id", "title"}),
    "movements.exemplarymodel": frozenset(
        {
            "id",
            "title",
            "kind",
            "movement",
            "organization",
            "person",
            "story",
            "recognized_on",
            "published",
            "published_at",
        }
    ),
    "movements.replication": frozenset({"id", "model", "organization", "replicated_on", "note"}),
    # A person of an exemplary model is shown by name only.
    "organizations.person": frozenset({"id", "family_name", "middle_name", "given_name"}),
}

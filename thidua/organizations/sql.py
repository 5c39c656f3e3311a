"""PostgreSQL-only indexes (the only raw SQL of the app): trigram indexes for diacritics-free search."""

POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
    "CREATE INDEX IF NOT EXISTS organizations_person_search_trgm ON organizations_person "
    "USING gin (search_text gin_trgm_ops);",
    "CREATE INDEX IF NOT EXISTS organizations_organization_search_trgm ON organizations_organization "
    "USING gin (search_text gin_trgm_ops);",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS organizations_person_search_trgm;",
    "DROP INDEX IF EXISTS organizations_organization_search_trgm;",
]


def create_search_indexes(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop_search_indexes(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)

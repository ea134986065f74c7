"""PostgreSQL refuses UPDATE and DELETE on the introduction ledger, whatever the caller."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION brokerage_introduction_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'brokerage_introduction is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER brokerage_introduction_append_only
    BEFORE UPDATE OR DELETE ON brokerage_introduction
    FOR EACH ROW EXECUTE FUNCTION brokerage_introduction_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS brokerage_introduction_append_only ON brokerage_introduction;
DROP FUNCTION IF EXISTS brokerage_introduction_append_only();
"""


def create_trigger(apps, schema_editor):
    # SQLite (make run) relies on the model and queryset guards only.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("brokerage", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]

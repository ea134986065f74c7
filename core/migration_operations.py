"""Migration operations for a table that two histories both create.

`Industry` moved from marketplace to core keeping its table. A database migrated before the move
already has the table (and the profiles' industry tables); a fresh one gets them from whichever
migration runs first. These operations change the state as usual and create the table only when
it is missing, so both histories end with one table and no data is touched.
"""

from django.db import migrations


def _table_exists(schema_editor, table: str) -> bool:
    return table in schema_editor.connection.introspection.table_names()


class CreateModelUnlessPresent(migrations.CreateModel):
    """CreateModel whose table may already exist. Reversing drops the table only when
    `owns_table` (the history that created it first); otherwise it keeps it."""

    def __init__(self, *args, owns_table=True, **kwargs):
        self.owns_table = owns_table
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        kwargs["owns_table"] = self.owns_table
        return name, args, kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.name)
        if not _table_exists(schema_editor, model._meta.db_table):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if self.owns_table:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class AddManyToManyUnlessPresent(migrations.AddField):
    """AddField of a many-to-many whose join table may already exist (made by an older history
    that pointed the same field at the same table under another model name)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        through = model._meta.get_field(self.name).remote_field.through
        if not _table_exists(schema_editor, through._meta.db_table):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

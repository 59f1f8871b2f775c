"""On PostgreSQL the database itself refuses to update or delete an audit or access entry (the
models refuse on every backend; the hash chain shows what a bypass did). TRUNCATE, an
operator's act, is not blocked."""

from django.db import migrations

TABLES = ("audit_auditentry", "audit_accessentry")

FORWARD = """
CREATE OR REPLACE FUNCTION pantau_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only: update and delete are refused';
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = """
CREATE TRIGGER {table}_append_only
  BEFORE UPDATE OR DELETE ON {table}
  FOR EACH ROW EXECUTE FUNCTION pantau_append_only();
"""
BACKWARD = "DROP TRIGGER IF EXISTS {table}_append_only ON {table};"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)
        for table in TABLES:
            schema_editor.execute(TRIGGER.format(table=table))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(BACKWARD.format(table=table))
        schema_editor.execute("DROP FUNCTION IF EXISTS pantau_append_only();")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]

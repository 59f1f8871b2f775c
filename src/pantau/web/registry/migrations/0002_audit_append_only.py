"""On PostgreSQL the database itself refuses to update or delete an audit entry (the model
refuses on every backend). TRUNCATE, an operator's act, is not blocked."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION registry_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'registry_auditentry is append-only: update and delete are refused';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER registry_audit_append_only
  BEFORE UPDATE OR DELETE ON registry_auditentry
  FOR EACH ROW EXECUTE FUNCTION registry_audit_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS registry_audit_append_only ON registry_auditentry;
DROP FUNCTION IF EXISTS registry_audit_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]

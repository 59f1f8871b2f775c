"""Retention (UU PDP) is the one change the append-only tables accept, on PostgreSQL only
inside a transaction that set `pantau.retention` (pantau.web.audit.redaction): then a delete
of an access-log row passes (never of an audit entry), and an update of an audit entry passes
as long as its number and hashes stay (verify checks the documented redaction). Everything
else is still refused (the PostgreSQL pass of tests/web/test_privacy.py goes through it)."""

from django.db import migrations

TABLES = ("audit_auditentry", "audit_accessentry")

FORWARD = """
CREATE OR REPLACE FUNCTION pantau_append_only() RETURNS trigger AS $$
BEGIN
  IF coalesce(current_setting('pantau.retention', true), '') = 'on' THEN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_accessentry' THEN
      RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'audit_auditentry' THEN
      IF NEW.seq = OLD.seq AND NEW.hash = OLD.hash AND NEW.prev_hash = OLD.prev_hash THEN
        RETURN NEW;
      END IF;
    END IF;
  END IF;
  RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only: update and delete are refused';
END;
$$ LANGUAGE plpgsql;
"""

BACKWARD = """
CREATE OR REPLACE FUNCTION pantau_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only: update and delete are refused';
END;
$$ LANGUAGE plpgsql;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]
    operations = [migrations.RunPython(forward, backward)]

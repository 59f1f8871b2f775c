"""The access app: memberships (role, agency, unit, validity) and the one scope filter."""

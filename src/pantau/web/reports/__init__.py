"""The reports app: each role's home page (and, next, reports per agency and period)."""

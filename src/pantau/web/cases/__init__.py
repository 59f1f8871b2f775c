"""The cases app: a confirmed finding's disciplinary procedure, step by step, with its letters."""

"""The registry: agencies, units, employees and their accounts, leave, assignments and rosters;
the users' roles; the append-only audit trail."""

"""The audit app: an append-only, hash-chained trail of every change, and the access log."""

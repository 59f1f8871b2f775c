"""Benchmarks (not tests). Each `bench_*.py` module has `main(argv: list[str]) -> None` and
prints its figures with a ratio against a baseline measured in the same run.

Run all: `make bench` (or `uv run python -m benchmarks`); one: `uv run python -m benchmarks NAME`.
"""

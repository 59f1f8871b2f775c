"""A pytest plugin that collects the YAML scenarios beside each procedure regime
(procedure/**/scenarios/*.yaml), the sibling of `scenario_plugin` for the policies.

Registered from the repository's root conftest.py (`pytest_plugins`). Each scenario is one test
item named by its sentence; a failure prints the differences and the file and line to open.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pantau.rules.procedure_scenarios import (
    ProcedureScenario,
    load_procedure_scenarios,
    run_procedure_scenario,
)


class ProcedureScenarioFile(pytest.File):
    """One procedure/**/scenarios/*.yaml file."""

    def collect(self) -> Iterator[ProcedureScenarioItem]:
        for scenario in load_procedure_scenarios(self.path):
            yield ProcedureScenarioItem.from_parent(self, name=scenario.name, scenario=scenario)


class ProcedureScenarioItem(pytest.Item):
    """One scenario, run through the state machine and the calculator."""

    def __init__(self, *, scenario: ProcedureScenario, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario

    def runtest(self) -> None:
        problems = run_procedure_scenario(self.scenario)
        if problems:
            raise ProcedureScenarioFailed(problems)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ProcedureScenarioFailed):
            where = f"{self.scenario.path}:{self.scenario.line}"
            return f"{where}: {self.scenario.name}\n  " + "\n  ".join(excinfo.value.problems)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.scenario.line - 1, f"procedure scenario: {self.scenario.name}"


class ProcedureScenarioFailed(Exception):
    """The answers differ from the scenario's expectations."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def pytest_collect_file(
    parent: pytest.Collector, file_path: Path
) -> ProcedureScenarioFile | None:
    """Collect procedure/**/scenarios/*.yaml."""
    if file_path.suffix == ".yaml" and file_path.parent.name == "scenarios" and any(
        part == "procedure" for part in file_path.parts
    ):
        collected: ProcedureScenarioFile = ProcedureScenarioFile.from_parent(parent, path=file_path)
        return collected
    return None

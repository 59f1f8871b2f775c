"""A pytest plugin that collects the YAML scenarios beside each policy (policies/**/scenarios).

Registered from the repository's root conftest.py (`pytest_plugins`). Each scenario is one test
item named by its sentence; a failure prints the differences and the file and line to open.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pantau.rules.scenarios import Scenario, load_scenarios, run_scenario


class ScenarioFile(pytest.File):
    """One scenarios/*.yaml file."""

    def collect(self) -> Iterator[ScenarioItem]:
        for scenario in load_scenarios(self.path):
            yield ScenarioItem.from_parent(self, name=scenario.name, scenario=scenario)


class ScenarioItem(pytest.Item):
    """One scenario, run through the check service."""

    def __init__(self, *, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario

    def runtest(self) -> None:
        problems = run_scenario(self.scenario)
        if problems:
            raise ScenarioFailed(problems)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioFailed):
            where = f"{self.scenario.path}:{self.scenario.line}"
            return f"{where}: {self.scenario.name}\n  " + "\n  ".join(excinfo.value.problems)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.scenario.line - 1, f"scenario: {self.scenario.name}"


class ScenarioFailed(Exception):
    """The finding differs from the scenario's expectations."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> ScenarioFile | None:
    """Collect policies/**/scenarios/*.yaml."""
    if file_path.suffix == ".yaml" and file_path.parent.name == "scenarios" and any(
        part == "policies" for part in file_path.parts
    ):
        collected: ScenarioFile = ScenarioFile.from_parent(parent, path=file_path)
        return collected
    return None

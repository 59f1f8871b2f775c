"""An agency's procedure data, and the procedure calculator (SPEC §5.3) on top of it.

    procedure/readings.yaml          unsettled points: options, each cited, and the default
    procedure/agencies/<id>.yaml     regimes per employee type, readings chosen, legal events

`load_procedure(agency)` gives the `AgencyProcedure` the case state machine runs on; the three
calculator functions answer `pantau case deadline|authority|sanction` from the same data, with
the agency's calendar. Unknown agencies, steps, positions, levels and types raise errors naming
the accepted values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from pantau.domain.employees import EmployeeType
from pantau.domain.errors import DataError, UnknownAgency
from pantau.domain.procedure.authority import AuthorityAnswer, Official, parse_position
from pantau.domain.procedure.law import Basis
from pantau.domain.procedure.readings import OPTIONS, Param, Reading, Topic
from pantau.domain.procedure.regime import AgencyProcedure, Regime
from pantau.domain.procedure.sanctions import SanctionRange, parse_level
from pantau.domain.procedure.steps import Deadline, deadline, parse_step
from pantau.rules.calendars import load_calendar
from pantau.rules.procedure_regimes import ROOT, basis_of, enum_of, load_regime
from pantau.rules.yamlsource import Where, mapping, read_yaml, text

NATIONAL_DEFAULT = "bawaan nasional (procedure/readings.yaml)"


@dataclass(frozen=True)
class ReadingOption:
    """One option of a topic as readings.yaml states it."""

    label_id: str
    basis: Basis
    params: dict[str, Param]


def procedure_agency_ids() -> tuple[str, ...]:
    """Ids of every agency with procedure data, sorted."""
    return tuple(sorted(path.stem for path in (ROOT / "agencies").glob("*.yaml")))


@cache
def load_procedure(agency_id: str) -> AgencyProcedure:
    """An agency's procedure data; UnknownAgency (naming the known ids) when there is none."""
    path = ROOT / "agencies" / f"{agency_id}.yaml"
    if not re.fullmatch(r"[a-z0-9-]+", agency_id) or not path.is_file():
        raise UnknownAgency(
            f"unknown agency {agency_id!r}; known agencies: {', '.join(procedure_agency_ids())}"
        )
    raw, where = read_yaml(path, ROOT.parent)
    if raw.get("id") != agency_id:
        raise DataError(where.say("id", f"must be {agency_id!r}, the file name"))
    regimes, gaps = _regimes(mapping(raw, "regimes", where), raw.get("gaps") or {}, where)
    return AgencyProcedure(
        agency_id,
        text(raw, "name", where),
        text(raw, "government", where),
        regimes,
        _readings(raw.get("readings") or {}, where.at(raw, "readings")),
        _events(regimes.values(), raw.get("events") or {}, where.at(raw, "events")),
        gaps,
    )


def _regimes(
    raw: Any, gaps: Any, where: Where
) -> tuple[dict[EmployeeType, Regime], dict[EmployeeType, str]]:
    regimes: dict[EmployeeType, Regime] = {}
    missing: dict[EmployeeType, str] = {}
    for name, regime_id in raw.items():
        kind = enum_of(EmployeeType, name, "regimes", where)
        if regime_id is None:
            missing[kind] = " ".join(str(gaps.get(name) or "tidak ada regime tercatat").split())
            continue
        regime = load_regime(str(regime_id))
        if kind not in regime.employee_types:
            raise DataError(where.say(name, f"regime {regime_id} does not cover {name}"))
        regimes[kind] = regime
    return regimes, missing


@cache
def reading_options() -> dict[Topic, tuple[str, dict[str, ReadingOption]]]:
    """Each topic's default option and every option, from readings.yaml."""
    raw, where = read_yaml(ROOT / "readings.yaml", ROOT.parent)
    topics: dict[Topic, tuple[str, dict[str, ReadingOption]]] = {}
    for name, item in mapping(raw, "topics", where).items():
        here = where.at(item)
        topic = enum_of(Topic, name, "topics", where)
        options = {}
        for option, data in mapping(item, "options", here).items():
            if option not in OPTIONS[topic]:
                raise DataError(here.say("options", f"unknown option {option!r} for {name}"))
            options[option] = ReadingOption(text(data, "label_id", where.at(data)),
                                            basis_of(data, where.at(data)),
                                            _params(data.get("params") or {}, where.at(data)))
        topics[topic] = (text(item, "default", here), options)
    missing = [topic.value for topic in Topic if topic not in topics]
    if missing:
        raise DataError(where.say("topics", f"no readings for {missing[0]}; add the topic"))
    return topics


def _readings(raw: Any, where: Where) -> dict[Topic, Reading]:
    readings = {}
    for topic, (default, options) in reading_options().items():
        choice = raw.get(topic.value) or {}
        option = str(choice.get("option", default))
        if option not in options:
            raise DataError(where.say(topic.value, f"option {option!r}; known: {list(options)}"))
        found = options[option]
        params = {**found.params, **_params(choice.get("params") or {}, where)}
        chosen_by = " ".join(str(choice.get("decided_by") or NATIONAL_DEFAULT).split())
        readings[topic] = Reading(topic, option, found.label_id, found.basis, params, chosen_by)
    return readings


def _params(raw: Any, where: Where) -> dict[str, Param]:
    params: dict[str, Param] = {}
    for name, value in raw.items():
        if isinstance(value, list):
            params[name] = tuple(str(item) for item in value)
        elif isinstance(value, int) and not isinstance(value, bool):
            params[name] = value
        else:
            raise DataError(where.say(name, "a parameter is a whole number or a list of names"))
    return params


def _events(regimes: Iterable[Regime], raw: Any, where: Where) -> dict[str, date | None]:
    events = {name: event.on for regime in regimes for name, event in regime.events.items()}
    for name, value in raw.items():
        if name not in events:
            raise DataError(where.say(name, f"unknown legal event; known: {sorted(events)}"))
        if value is not None and not isinstance(value, date):
            raise DataError(where.say(name, "a date (YYYY-MM-DD) or null"))
        events[name] = value
    return events


# ----- the calculator (SPEC §5.3) ----------------------------------------------------------
def case_deadline(
    agency_id: str, step: str, start: date, employee_type: EmployeeType = EmployeeType.PNS
) -> Deadline:
    """The last day of STEP counted from `start` in the agency's calendar."""
    regime = load_procedure(agency_id).regime_for(employee_type)
    chosen = parse_step(step, regime.deadline_steps())
    rule = regime.steps[chosen]
    return deadline(rule, start, load_calendar(agency_id))


def case_authority(
    agency_id: str,
    position: str,
    level: str,
    vacant: Iterable[Official] = (),
    employee_type: EmployeeType = EmployeeType.PNS,
) -> AuthorityAnswer:
    """The lowest official in the line who may impose LEVEL on POSITION."""
    procedure = load_procedure(agency_id)
    table = procedure.regime_for(employee_type).authority_table(procedure.government)
    return table.authority(parse_position(position, table), parse_level(level), vacant)


def case_sanction(
    agency_id: str,
    level: str,
    on: date,
    previous: str | None = None,
    employee_type: EmployeeType = EmployeeType.PNS,
) -> SanctionRange:
    """The sanction types allowed at LEVEL for a breach on `on` (repeat offences escalate)."""
    procedure = load_procedure(agency_id)
    catalogue = procedure.regime_for(employee_type).catalogue
    return catalogue.range_for(parse_level(level), on, procedure.events, previous)


__all__ = [
    "case_authority",
    "case_deadline",
    "case_sanction",
    "load_procedure",
    "procedure_agency_ids",
    "reading_options",
]

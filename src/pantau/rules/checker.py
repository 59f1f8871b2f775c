"""The check service: one activity in, one finding out (SPEC §4).

`Checker` reads the agency's calendar (cached), builds the employee overlay the activity
implies (`signals.on_leave: true` is leave on the activity's local dates), evaluates every
policy of the agency in force on the activity's local date, and asks the content classifier
only when some predicate needs it (no `signals.content`, some `text`).

With `records` (the registry port, pantau.domain.registry), the employee behind the activity
is looked up: the employee fields the activity leaves out are filled, the registry's leave,
roster and surat tugas join the overlay, a null `official_duty` is read from the recorded
assignments, and the finding names the employee. Without it, nothing changes.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from pantau.domain.activities import Activity
from pantau.domain.calendar import WorkingTimeAnswer
from pantau.domain.content import ContentClassifier, ContentSuggestion
from pantau.domain.employees import EmployeeType
from pantau.domain.errors import InvalidActivity, MissingCalendarData
from pantau.domain.evaluation import Outcome, Truth, compile_shared_key
from pantau.domain.findings import Finding, PolicyRef, RuleFinding, RuleStatus, WorkTime
from pantau.domain.overlay import EmployeeOverlay, LeavePeriod
from pantau.domain.policies import CompiledPolicy, CompiledRule, Judgement, Policy
from pantau.domain.predicates import (
    PREDICATES,
    ClassifierView,
    Context,
    DutyRecord,
    WorkingTime,
    during_working_time,
)
from pantau.domain.registry import EmployeeRecords, RegistryRecord, RegistryTime
from pantau.domain.text import Message, say
from pantau.domain.values import built
from pantau.rules.policies import (
    POLICY_ROOT,
    ClassifierMapping,
    classifier_mapping,
    compiled_for,
    conduct_codes,
    content_sources,
)

_VIEWS_LIMIT = 20_000
_UNSET: Any = object()
_JUDGED_AS: dict[EmployeeType | None, str] = {kind: kind.judged_as.value for kind in EmployeeType}
# A policy set's key for one kind of activity, and each rule's policy, rule, part of the key
# and table of judgements (Checker._set_plan)
_SetPlan = tuple[Callable[[Context], "tuple[object, ...] | None"],
                 tuple[tuple[Policy, CompiledRule, Callable[[tuple[object, ...]], object],
                             dict[object, Any]], ...]]
_FINDINGS_LIMIT = 50_000


def _names(finding: RuleFinding, outcome: Outcome) -> bool:
    """Whether `outcome` is one of the rule finding's outcomes (outcomes compare by
    identity, so `in` is `is`)."""
    return (outcome in finding.elements or outcome in finding.exceptions
            or outcome in finding.allowances or outcome in finding.aggravating)


def _rebased(finding: RuleFinding, old: Outcome, new: Outcome) -> RuleFinding:
    """The rule finding with outcome `old` replaced by `new` wherever it is. It keeps, beside
    its fields, `_template`: what it was made from (`finding`, `old`, `new`), so the writer
    can write it as `finding`'s text with `new`'s reason in place of `old`'s
    (pantau.text.finding_json). Equality, hashing and printing read the fields only."""
    def swap(outcomes: tuple[Outcome, ...]) -> tuple[Outcome, ...]:
        if old not in outcomes:  # by identity (Outcome: eq=False)
            return outcomes
        return tuple(new if o is old else o for o in outcomes)

    if not _names(finding, old):
        return finding
    return built(RuleFinding, {**vars(finding), "elements": swap(finding.elements),
                               "exceptions": swap(finding.exceptions),
                               "allowances": swap(finding.allowances),
                               "aggravating": swap(finding.aggravating),
                               "_template": (finding, old, new)})


class Calendar(Protocol):
    """The part of pantau.domain.calendar.AgencyCalendar the check needs."""

    @property
    def zone(self) -> Any: ...

    def working_time(self, start: Any, end: Any = None,
                     overlay: EmployeeOverlay | None = None) -> WorkingTime: ...


def default_calendars(agency: str) -> Calendar:
    """The shipped calendar of an agency (raises UnknownAgency)."""
    from pantau.rules.calendars import load_calendar

    calendar: Calendar = load_calendar(agency)
    return calendar


def default_classifier() -> ContentClassifier | None:
    """The shipped classifier, or None when it is not installed."""
    try:
        module = importlib.import_module("pantau.classify")
    except ImportError:
        return None
    load_default = getattr(module, "load_default", None)
    if load_default is None:
        return None
    classifier: ContentClassifier = load_default()
    return classifier


def classifier_view(
    suggestions: Sequence[ContentSuggestion], mapping: ClassifierMapping
) -> ClassifierView:
    """Suggestions mapped to conduct codes and signals (data: content_sources.yaml)."""
    conduct: dict[str, ContentSuggestion] = {}
    signals: dict[str, ContentSuggestion] = {}
    for suggestion in suggestions:
        if suggestion.code in mapping.signals:
            signals.setdefault(mapping.signals[suggestion.code], suggestion)
            continue
        code = mapping.conduct.get(suggestion.code, suggestion.code)
        if code not in conduct or conduct[code].score < suggestion.score:
            conduct[code] = suggestion
    return ClassifierView(conduct, signals)


def leave_overlay(activity: Activity, calendar: Calendar) -> EmployeeOverlay | None:
    """Leave on the activity's local dates when `signals.on_leave` is true."""
    if not activity.signals.on_leave:
        return None
    first = activity.started_at.astimezone(calendar.zone).date()
    end = activity.ended_at or activity.started_at
    return _leave_from(first, max(first, end.astimezone(calendar.zone).date()))


@lru_cache(maxsize=4096)
def _leave_from(first: date, last: date) -> EmployeeOverlay:
    """The overlay of `signals.on_leave` from `first` to `last`: one a stretch of dates, so
    its leave period and that period's message are shared by the activities of those days."""
    return EmployeeOverlay(leave=(LeavePeriod(first, last, "cuti", "signals.on_leave"),))


def registry_overlay(
    activity: Activity, calendar: Calendar, record: RegistryRecord
) -> EmployeeOverlay:
    """The registry's overlay for the activity, plus the leave `signals.on_leave` states."""
    overlay = record.overlay_for(activity, calendar.zone)
    own = leave_overlay(activity, calendar)
    if own is None:
        return overlay
    return EmployeeOverlay(own.leave + overlay.leave, overlay.roster, overlay.assignments)


@dataclass(frozen=True)
class NoPolicyTime:
    """Working time of a date the calendars do not cover, when no policy was in force then."""

    local: datetime
    error: str
    working: bool = False
    facts: tuple[Message, ...] = ()

    @property
    def reason(self) -> Message:
        return say("check.no_policy_time", error=self.error)


class Checker:
    """Checks activities against the shipped policies and calendars: `check(activity)` gives
    the `Finding` (pantau.domain.findings); rendering it is the edge's job."""

    def __init__(
        self,
        calendars: Callable[[str], Calendar] = default_calendars,
        classifier: Callable[[], ContentClassifier | None] | None = default_classifier,
        root: Path = POLICY_ROOT,
        records: EmployeeRecords | None = None,
    ) -> None:
        self._load_calendar = calendars
        self._known_calendars: dict[str, Calendar] = {}  # see _calendar
        self._load_classifier = classifier
        self._classifier: ContentClassifier | bool | None = False
        self._root = root
        self._mapping = classifier_mapping(root)
        self._codes = frozenset(conduct_codes(root))  # what signals.content may list
        self._sources = content_sources(root)
        self._records = records
        self._refs: dict[str, PolicyRef] = {}
        self._versions: dict[str, tuple[tuple[str, str], ...]] = {}
        self._in_force: dict[tuple[str, date], tuple[CompiledPolicy, ...]] = {}
        self._policy_sets: dict[tuple[int, ...], tuple[CompiledPolicy, ...]] = {}
        self._views: dict[str, ClassifierView | None] = {}
        self._memo: dict[Any, Any] = {}  # judgements by what rules read (Context.memo)
        self._findings: dict[tuple[Any, ...], Any] = {}  # rule findings, see _judge
        self._set_plans: dict[tuple[int, str], Any] = {}  # see _set_plan
        self._rule_findings: dict[tuple[Any, ...], Any] = {}  # see _rule_finding

    def _classify(self, text: str) -> ClassifierView | None:
        """The classifier's view of a text, kept per text (posts repeat: shares, copies)."""
        if text in self._views:
            return self._views[text]
        if self._classifier is False:
            loader = self._load_classifier
            self._classifier = loader() if loader is not None else None
        if not self._classifier or isinstance(self._classifier, bool):
            return None
        view = classifier_view(self._classifier.suggest(text), self._mapping)
        if len(self._views) >= _VIEWS_LIMIT:
            self._views.clear()
        self._views[text] = view
        return view

    def _policies_on(self, agency: str, day: date) -> tuple[CompiledPolicy, ...]:
        """The agency's compiled policies in force on `day` (one shared tuple per set)."""
        found = self._in_force.get((agency, day))
        if found is None:
            chosen = tuple(c for c in compiled_for(agency, self._root) if c.policy.in_force(day))
            found = self._policy_sets.setdefault(tuple(id(c) for c in chosen), chosen)
            if len(self._in_force) >= 1_000_000:
                self._in_force.clear()
            self._in_force[(agency, day)] = found
        return found

    def _calendar(self, agency: str) -> Calendar:
        """The agency's calendar, loaded once (UnknownAgency for an unknown agency)."""
        calendar = self._known_calendars.get(agency)
        if calendar is None:
            calendar = self._known_calendars[agency] = self._load_calendar(agency)
        return calendar

    def _working_time(self, activity: Activity,
                      record: RegistryRecord | None = None) -> WorkingTime:
        calendar = self._known_calendars.get(activity.agency)  # _calendar, looked up here
        if calendar is None:
            calendar = self._calendar(activity.agency)
        try:
            if record is not None:
                overlay = registry_overlay(activity, calendar, record)
                return calendar.working_time(activity.started_at, activity.ended_at, overlay)
            return calendar.working_time(
                activity.started_at, activity.ended_at,
                leave_overlay(activity, calendar) if activity.signals.on_leave else None)
        except MissingCalendarData as error:
            local = activity.started_at.astimezone(calendar.zone)
            policies = compiled_for(activity.agency, self._root)
            if any(compiled.policy.in_force(local.date()) for compiled in policies):
                raise
            return NoPolicyTime(local, str(error))

    def _lookup(self, activity: Activity) -> RegistryRecord | None:
        if self._records is None:
            return None
        self._calendar(activity.agency)  # an unknown agency is invalid before any lookup
        return self._records.lookup(activity)

    def check(self, activity: Activity, record: RegistryRecord | None = None) -> Finding:
        """The finding for one parsed activity: UnknownAgency for an unknown agency,
        MissingCalendarData for a date the calendars do not cover while a policy applies.
        `record` is the registry record of an employee a person identified (the review
        queue); without it the registry port, when there is one, is asked. InvalidActivity
        when `signals.content` lists a code that is not a conduct code (SPEC §2: a typo
        would otherwise drop the violation a person established)."""
        content = activity.signals.content
        if content is not None and not content <= self._codes:
            unknown = ", ".join(repr(code) for code in sorted(content - self._codes))
            raise InvalidActivity(
                f"field 'signals.content': {unknown} is not a conduct code (SPEC §2); the "
                f"codes are {', '.join(sorted(self._codes))}")
        if record is None:
            if self._records is None:
                return self._plain(activity)
            record = self._lookup(activity)
        else:
            self._calendar(activity.agency)
        if record is None:
            return self._plain(activity)
        facts = record.facts(activity, self._calendar(activity.agency).zone)
        activity = record.fill(activity)
        assignment = record.duty(activity)
        duty = DutyRecord(assignment.reference if assignment is not None else None)
        answer: WorkingTime = RegistryTime(self._working_time(activity, record), facts)
        policies = self._policies_on(activity.agency, answer.local.date())
        found = self._judge(activity, answer, policies, duty)
        work = WorkTime(answer.local, answer.working, answer.reason, tuple(answer.facts))
        return Finding(activity, found, work, record.employee, self.versions(activity.agency))

    def _plain(self, activity: Activity) -> Finding:
        """The finding without a registry record."""
        answer = self._working_time(activity)
        day = answer.local.date()
        policies = self._in_force.get((activity.agency, day))  # _policies_on, looked up here
        if policies is None:
            policies = self._policies_on(activity.agency, day)
        found = self._judge(activity, answer, policies, None)
        # WorkTime(...) and Finding(...), built in one step each (pantau.domain.values); the
        # reason as the calendar has it: made, or still its parts (pantau.domain.reasons)
        if type(answer) is WorkingTimeAnswer:  # the same fields (facts a tuple), and _parts
            work = built(WorkTime, answer.__dict__)
        else:
            work = built(WorkTime, {"local": answer.local, "working": answer.working,
                                    "reason": answer.reason, "facts": tuple(answer.facts)})
        versions = self._versions.get(activity.agency) or self.versions(activity.agency)
        return built(Finding, {"activity": activity, "violations": found, "work_time": work,
                               "employee": None, "versions": versions})

    def _judge(self, activity: Activity, answer: WorkingTime,
               policies: tuple[CompiledPolicy, ...], duty: DutyRecord | None
               ) -> tuple[RuleFinding, ...]:
        """Every rule of the policies in force breached or possibly breached.

        Looked up when the same policies were judged for an activity whose predicates read the
        same values (the set's key, `_set_plan`: what the rules of its kind read), the employee type
        the sanction basis depends on is the same, and the calendar facts are equal: the rule
        findings are then equal, except that a `during_working_time` outcome names the
        activity's own reason, so a finding that holds the first activity's outcome is given
        this one's. A key the classifier would be needed for (None) is not looked up."""
        plan = self._set_plans.get((id(policies), activity.kind), _UNSET)
        if plan is _UNSET:
            plan = self._set_plan(policies, activity.kind)
        if plan is not None and not plan[1]:
            return ()  # no rule of the set concerns this kind (CompiledPolicy.by_kind)
        classify = self._classify if self._load_classifier is not None else None
        context = Context(activity, answer, self._sources, classify, duty, self._memo)
        judged = _JUDGED_AS.get(activity.employee.type)  # the type's judged_as value, or None
        reads = None if plan is None else plan[0](context)  # what the rules read
        key = None
        if reads is not None:
            key = (id(policies), reads, judged, tuple(answer.facts))
            found = self._findings.get(key)
            if found is not None:
                findings: tuple[RuleFinding, ...] = found[0]
                theirs: Outcome | None = found[1]
                if theirs is None:
                    return findings
                mine = during_working_time(context, ())
                return tuple(_rebased(finding, theirs, mine) for finding in findings)
        findings = self._judged(context, policies, plan if reads is not None else None,
                                judged, answer, reads)
        if key is not None:
            own = context.working_outcome()
            if own is not None and not any(_names(finding, own) for finding in findings):
                own = None
            if len(self._findings) >= _FINDINGS_LIMIT:
                self._findings.clear()
            self._findings[key] = (findings, own)
        return findings

    def _set_plan(self, policies: tuple[CompiledPolicy, ...], kind: str) -> _SetPlan | None:
        """One key for every rule of `kind` in the policy set (equal keys, equal findings)
        and, for each rule in order, its policy, the rule, the function taking the rule's own
        key out of the set's, and the rule's table of judgements by that key; None when some
        predicate does not say what it reads. Kept per set (the sets are shared tuples, kept
        by `_policies_on`)."""
        rules = [(compiled.policy, rule) for compiled in policies
                 for rule in compiled.by_kind.get(kind, ())]
        shared = compile_shared_key(tuple(rule.reads for _, rule in rules), PREDICATES)
        plan: _SetPlan | None = None
        if shared is not None:
            key, takes = shared
            plan = (key, tuple((policy, rule, take, {})
                               for (policy, rule), take in zip(rules, takes, strict=True)))
        self._set_plans[(id(policies), kind)] = plan
        return plan

    def _judged(self, context: Context, policies: tuple[CompiledPolicy, ...],
                plan: _SetPlan | None, judged: str | None, answer: WorkingTime,
                reads: tuple[object, ...] | None) -> tuple[RuleFinding, ...]:
        """Every rule of the policies breached or possibly breached; with the set's `plan`
        and key (`reads`), each judgement looked up by the rule's part of the key
        (CompiledRule.judge_in)."""
        if plan is None or reads is None:
            return tuple(
                self._rule_finding(compiled.policy, judgement, judged, answer)
                for compiled in policies
                for judgement in compiled.judge(context)
            )
        found = []
        for policy, rule, take, table in plan[1]:
            judgement = rule.judge_in(context, table, take(reads))
            if judgement is not None:
                found.append(self._rule_finding(policy, judgement, judged, answer))
        return tuple(found)

    def versions(self, agency: str) -> tuple[tuple[str, str], ...]:
        """The versions of the law the agency's findings are made with: its calendar and its
        policies (a change of either makes open findings worth checking again)."""
        found = self._versions.get(agency)
        if found is None:
            calendar = self._calendar(agency)
            policies = sorted(
                f"{c.policy.id}@{c.policy.version}" for c in compiled_for(agency, self._root)
            )
            digest = hashlib.sha256("\n".join(policies).encode()).hexdigest()[:16]
            found = (("calendar", str(getattr(calendar, "version", ""))), ("policies", digest))
            self._versions[agency] = found
        return found

    def _rule_finding(self, policy: Policy, judgement: Judgement, employee_type: str | None,
                      answer: WorkingTime) -> RuleFinding:
        """The rule finding of a judgement: one object per judgement (judgements are shared
        through the rules' memo, pantau.domain.policies), employee type and facts, so that the
        writer knows it again (pantau.text.finding_json)."""
        facts = tuple(answer.facts)
        key = (id(policy), id(judgement), employee_type, facts)
        kept = self._rule_findings.get(key)
        if kept is not None and kept[0] is judgement and kept[1] is policy:
            found: RuleFinding = kept[2]
            return found
        rule = judgement.rule
        status = RuleStatus.ESTABLISHED if judgement.truth is Truth.HOLDS else \
            RuleStatus.SUSPECTED
        found = built(RuleFinding, {
            "policy": self._ref(policy), "rule": rule.id, "conduct": rule.conduct,
            "clause": rule.clause, "status": status, "elements": judgement.elements.outcomes,
            "exceptions": judgement.exceptions.outcomes, "missing": judgement.missing,
            "bases": policy.basis_for(employee_type), "facts": facts,
            "allowances": judgement.allowances, "aggravating": judgement.aggravating,
        })
        if len(self._rule_findings) >= _FINDINGS_LIMIT:
            self._rule_findings.clear()
        self._rule_findings[key] = (judgement, policy, found)
        return found

    def _ref(self, policy: Policy) -> PolicyRef:
        ref = self._refs.get(policy.id)
        if ref is None:
            ref = PolicyRef(policy.id, policy.title, policy.version, policy.valid_from)
            self._refs[policy.id] = ref
        return ref


__all__ = ["Checker", "classifier_view", "default_calendars", "default_classifier",
           "leave_overlay", "registry_overlay"]

"""Rules that need the whole workspace: languages, references, unique ids, targets (design §3).

Runs on definitions that passed the pydantic models; each problem is located in the YAML file
through the document's positions. The rules hold for any programme.
"""

from __future__ import annotations

from datetime import date

from kpitrack.core.periods import Period, parse_period
from kpitrack.core.problems import Problem, Severity
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.definitions.yamlsafe import YamlDocument, YamlPath, format_path


def check_references(
    programme: Programme,
    programme_doc: YamlDocument,
    indicators: dict[str, Indicator],
    indicator_docs: dict[str, YamlDocument],
) -> list[Problem]:
    """Every cross-file and whole-programme problem, located."""
    check = _Checker(programme)
    check.programme_rules(programme_doc)
    for indicator_id, indicator in indicators.items():
        check.indicator_rules(indicator, indicator_docs[indicator_id])
    return check.problems


class _Checker:
    def __init__(self, programme: Programme) -> None:
        self.programme = programme
        self.languages = list(programme.languages)
        self.partners = {p.id for p in programme.partners}
        self.action_lines = {al.id for al in programme.action_lines}
        self.codelists = set(programme.codelists)
        self.period = (programme.period.start, programme.period.end)
        self.problems: list[Problem] = []

    def add(
        self,
        code: str,
        message: str,
        doc: YamlDocument,
        path: YamlPath,
        *,
        key: bool = False,
        severity: Severity = "error",
    ) -> None:
        line, column = doc.position(path, key=key)
        self.problems.append(
            Problem(
                code,
                message,
                file=doc.file,
                line=line,
                column=column,
                path=format_path(path) or None,
                severity=severity,
            )
        )

    # -- programme.yaml ---------------------------------------------------------------------

    def programme_rules(self, doc: YamlDocument) -> None:
        programme = self.programme
        self.texts(doc, [(("title",), programme.title)])
        self.papers(doc, (), programme.references, programme.commitments)
        seen_partners: dict[str, int] = {}
        for index, partner in enumerate(programme.partners):
            self.unique(seen_partners, partner.id, "partner", doc, ("partners", index, "id"))
            if isinstance(partner.name, dict):
                self.texts(doc, [(("partners", index, "name"), partner.name)])
        for name, codelist in programme.codelists.items():
            self.texts(doc, [(("codelists", name), codelist.label)])
            for code, label in codelist.codes.items():
                if isinstance(label, dict):
                    self.texts(doc, [(("codelists", name, "codes", code), label)])
        seen_lines: dict[str, int] = {}
        seen_actions: dict[str, int] = {}
        for al_index, line in enumerate(programme.action_lines):
            base: YamlPath = ("action_lines", al_index)
            self.unique(seen_lines, line.id, "action line", doc, (*base, "id"))
            self.texts(doc, [((*base, "title"), line.title), ((*base, "summary"), line.summary)])
            for a_index, action in enumerate(line.actions):
                at: YamlPath = (*base, "actions", a_index)
                self.unique(seen_actions, action.id, "action or milestone", doc, (*at, "id"))
                self.texts(
                    doc,
                    [((*at, "title"), action.title), ((*at, "description"), action.description)],
                )
                self.partner(action.owner, doc, (*at, "owner"))
                self.papers(doc, at, action.references, action.commitments)
                self.due_within_programme(action.due, "action", doc, (*at, "due"))
                for m_index, milestone in enumerate(action.milestones):
                    mt: YamlPath = (*at, "milestones", m_index)
                    self.unique(seen_actions, milestone.id, "action or milestone", doc, (*mt, "id"))
                    self.texts(doc, [((*mt, "title"), milestone.title)])
                    if milestone.owner is not None:
                        self.partner(milestone.owner, doc, (*mt, "owner"))
                    self.due_within_programme(milestone.due, "milestone", doc, (*mt, "due"))
                    if milestone.due > action.due:
                        self.add(
                            "milestone-after-action",
                            f"milestone {milestone.id} is due {milestone.due.isoformat()}, after "
                            f"its action {action.id} ({action.due.isoformat()}); a milestone is a "
                            "step on the way: move one of the dates",
                            doc,
                            (*mt, "due"),
                            severity="warning",
                        )

    def papers(
        self,
        doc: YamlDocument,
        base: YamlPath,
        references: list[dict[str, str]],
        commitments: list[dict[str, str]],
    ) -> None:
        """References and commitments are text maps in the programme's languages."""
        self.texts(doc, [((*base, "references", i), text) for i, text in enumerate(references)])
        self.texts(doc, [((*base, "commitments", i), text) for i, text in enumerate(commitments)])

    def due_within_programme(self, due: date, what: str, doc: YamlDocument, path: YamlPath) -> None:
        """An item due before the programme starts or after it ends is implausible."""
        start, end = self.period
        if not start <= due <= end:
            self.add(
                "due-outside-programme",
                f"this {what} is due {due.isoformat()}, outside the programme period "
                f"{start.isoformat()} … {end.isoformat()}; check the date, or say in the "
                "programme why it runs on",
                doc,
                path,
                severity="warning",
            )

    def unique(
        self, seen: dict[str, int], value: str, what: str, doc: YamlDocument, path: YamlPath
    ) -> None:
        if value in seen:
            self.add(
                "duplicate-id",
                f"{what} id {value!r} is already used on line {seen[value]}; ids must be unique",
                doc,
                path,
            )
        else:
            seen[value] = doc.position(path)[0]

    def partner(self, partner: str, doc: YamlDocument, path: YamlPath) -> None:
        if partner not in self.partners:
            self.add(
                "unknown-reference",
                f"partner {partner!r} is not in the programme's partners "
                f"({_listing(sorted(self.partners))})",
                doc,
                path,
            )

    def texts(self, doc: YamlDocument, items: list[tuple[YamlPath, dict[str, str] | None]]) -> None:
        """Every text map has exactly the programme's languages."""
        for path, text in items:
            if text is None:
                continue
            for key in text:
                if key not in self.languages:
                    self.add(
                        "language-unknown",
                        f"{key!r} is not a language of the programme "
                        f"({', '.join(self.languages)}); a stray key like this often comes from "
                        "an unquoted comma inside {...}: quote the text",
                        doc,
                        (*path, key),
                        key=True,
                    )
            missing = [lang for lang in self.languages if lang not in text]
            if missing:
                self.add(
                    "language-missing",
                    f"text is missing for language(s) {', '.join(missing)}; "
                    f"give every programme language ({', '.join(self.languages)})",
                    doc,
                    path,
                )

    # -- kpis/<id>.yaml ---------------------------------------------------------------------

    def indicator_rules(self, indicator: Indicator, doc: YamlDocument) -> None:
        texts: list[tuple[YamlPath, dict[str, str] | None]] = [
            (("name",), indicator.name),
            (("definition",), indicator.definition),
            (("unit",), indicator.unit),
            (("source",), indicator.source),
            (("caveats",), indicator.caveats),
        ]
        texts += [(("targets", i, "reason"), t.reason) for i, t in enumerate(indicator.targets)]
        self.texts(doc, texts)
        if indicator.action_line not in self.action_lines:
            self.add(
                "unknown-reference",
                f"action line {indicator.action_line!r} does not exist; the programme has "
                f"{_listing(sorted(self.action_lines))}",
                doc,
                ("action_line",),
            )
        self.partner(indicator.owner, doc, ("owner",))
        for index, dimension in enumerate(indicator.dimensions):
            if dimension not in self.codelists:
                known = _listing(sorted(self.codelists)) if self.codelists else "none"
                self.add(
                    "unknown-reference",
                    f"dimension {dimension!r} is not a codelist of the programme ({known})",
                    doc,
                    ("dimensions", index),
                )
            elif indicator.dimensions.index(dimension) != index:
                self.add(
                    "duplicate-id",
                    f"dimension {dimension!r} is listed twice",
                    doc,
                    ("dimensions", index),
                )
        self.values(indicator, doc)
        for index, label in enumerate(indicator.schedule or ()):
            self.frequency(indicator, parse_period(label), doc, ("schedule", index))

    def values(self, indicator: Indicator, doc: YamlDocument) -> None:
        baseline_period: Period | None = None
        if indicator.baseline is not None:
            baseline_period = parse_period(indicator.baseline.period)
            self.frequency(indicator, baseline_period, doc, ("baseline", "period"))
            self.percentage(indicator, indicator.baseline.value, doc, ("baseline", "value"))
            if baseline_period.start > self.period[1]:
                self.add(
                    "period-outside-programme",
                    f"baseline period {baseline_period} starts after the programme ends "
                    f"({self.period[1].isoformat()})",
                    doc,
                    ("baseline", "period"),
                )
        seen: dict[tuple[str, date], int] = {}
        first_set: dict[str, date] = {}
        for index, target in sorted(
            enumerate(indicator.targets), key=lambda item: (item[1].set, item[0])
        ):
            at: YamlPath = ("targets", index)
            period = parse_period(target.period)
            self.frequency(indicator, period, doc, (*at, "period"))
            self.percentage(indicator, target.value, doc, (*at, "value"))
            if period.end < self.period[0] or period.start > self.period[1]:
                self.add(
                    "period-outside-programme",
                    f"target period {period} lies outside the programme period "
                    f"{self.period[0].isoformat()} … {self.period[1].isoformat()}",
                    doc,
                    (*at, "period"),
                )
            if baseline_period is not None and period.end <= baseline_period.end:
                self.add(
                    "target-before-baseline",
                    f"target period {period} must end after the baseline period {baseline_period}",
                    doc,
                    (*at, "period"),
                )
            key = (period.label, target.set)
            if key in seen:
                self.add(
                    "duplicate-target",
                    f"two targets for {period} set on {target.set.isoformat()} (the other is on "
                    f"line {seen[key]}); a revision needs a later `set` date",
                    doc,
                    at,
                )
                continue
            seen[key] = doc.position(at)[0]
            if target.set > self.period[1]:
                self.add(
                    "target-set-after-programme",
                    f"this target was set on {target.set.isoformat()}, after the programme "
                    f"ended ({self.period[1].isoformat()}); check the `set` date",
                    doc,
                    (*at, "set"),
                    severity="warning",
                )
            if period.label in first_set and target.reason is None:
                self.add(
                    "target-reason-missing",
                    f"this target revises the one for {period} set on "
                    f"{first_set[period.label].isoformat()}; add a `reason` so readers "
                    "see why it changed",
                    doc,
                    at,
                    severity="warning",
                )
            first_set.setdefault(period.label, target.set)

    def frequency(
        self, indicator: Indicator, period: Period, doc: YamlDocument, path: YamlPath
    ) -> None:
        # Baselines and targets use the indicator's own period length so that they compare
        # with the submitted figures without conversion.
        if period.frequency != indicator.frequency:
            self.add(
                "period-frequency",
                f"period {period} is a {period.frequency} but the indicator's frequency is "
                f"{indicator.frequency} (e.g. {_example(indicator.frequency)})",
                doc,
                path,
            )

    def percentage(
        self, indicator: Indicator, value: float, doc: YamlDocument, path: YamlPath
    ) -> None:
        if indicator.measure == "percentage" and not 0 <= value <= 100:
            self.add(
                "percentage-range",
                f"{value:g} is not a percentage; use a value from 0 to 100",
                doc,
                path,
            )


def _example(frequency: str) -> str:
    return {"year": "2020", "half-year": "2020-H1", "quarter": "2020-Q3", "month": "2020-05"}[
        frequency
    ]


def _listing(items: list[str], limit: int = 12) -> str:
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f", … ({len(items)} in all)"

"""The report's headline (kernboodschap): what the numbers say, in short sentences.

:mod:`kpitrack.report.headline` gathers the facts from the progress engine (language-neutral
counts, the names of the indicators concerned in the report's language); this module words
them. Counts under twenty are written in words, lists end with the language's "and", and a
verdict on an old figure is always said with its period.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kpitrack.i18n.catalogue import translations
from kpitrack.i18n.formatting import format_period, locale_for
from kpitrack.i18n.labels import status_label
from kpitrack.i18n.spelled import capitalised, spelled

if TYPE_CHECKING:
    from gettext import NullTranslations

JUDGED = ("achieved", "on_track", "at_risk", "off_track", "deteriorating")
"""Indicator statuses that are a verdict (monitoring and no data are not)."""
ACTION_ORDER = ("done", "in_progress", "overdue", "not_reported", "planned", "dropped")


@dataclass(frozen=True, slots=True)
class DatedVerdict:
    """A verdict that rests on an old figure: whose, which, and the period of the figure."""

    name: str
    status: str
    period: str


@dataclass(frozen=True, slots=True)
class HeadlineFacts:
    """Everything the headline says, counted; names already in the report's language."""

    with_target: int
    """Indicators with targets (context figures not counted)."""
    current: dict[str, int]
    """Per verdict status: indicators judged on a figure that is not outdated."""
    outdated: tuple[DatedVerdict, ...]
    """Verdicts on outdated figures."""
    unmeasured: tuple[tuple[str, str], ...]
    """Indicators with a target but no measurement: (name, target as shown, or empty)."""
    context: int
    """Context figures (no target): followed without a verdict."""
    context_outdated: int
    """Of those, the ones whose latest figure is outdated."""
    context_empty: int
    """Of those, the ones without any figure."""
    actions: dict[str, int] = field(default_factory=dict)
    """Actions per state."""
    milestones: dict[str, int] = field(default_factory=dict)
    """Milestones per state."""
    late_milestones: tuple[str, ...] = ()
    """Ids of actions not past their own due date whose milestones are overdue or not reported."""


def headline_paragraphs(facts: HeadlineFacts, lang: str) -> tuple[str, ...]:
    """The headline in ``lang``, in short paragraphs: the indicators with a target, the context
    figures, the actions and milestones, and what "no progress reported" means."""
    words = _Words(lang)
    indicators = [
        *words.targets(facts),
        *words.outdated(facts.outdated),
        *words.unmeasured(facts.unmeasured),
    ]
    work = [
        *words.states(facts.actions, words.t.gettext("State of the {count} actions: {list}."),
                      words.t.gettext("State of the one action: {list}."), "actions"),
        *words.states(facts.milestones,
                      words.t.gettext("State of the {count} milestones: {list}."),
                      words.t.gettext("State of the one milestone: {list}."), "milestones"),
        *words.late_milestones(facts.late_milestones),
    ]  # fmt: skip
    parts = (indicators, words.context(facts), work, words.not_reported_note(facts))
    return tuple(" ".join(part) for part in parts if part)


def in_period(value: str, period: str, lang: str) -> str:
    """A value with its period in running text: "100% in 2022"."""
    # TRANSLATORS: a value and the period it belongs to: "240 cases in 2022".
    return (
        translations(lang)
        .gettext("{value} in {period}")
        .format(value=value, period=format_period(period, lang))
    )


class _Words:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.t: NullTranslations = translations(lang)

    def count(self, n: int, *, feminine: bool = False) -> str:
        return spelled(n, self.lang, feminine=feminine)

    def listed(self, items: Sequence[str]) -> str:
        from babel.lists import format_list

        return str(format_list(list(items), locale=locale_for(self.lang)))

    def pick(self, n: int, one: str, other: str) -> str:
        return one if n == 1 else other

    def sentence(self, n: int, one: str, other: str, **values: str) -> str:
        return capitalised(self.pick(n, one, other).format(count=self.count(n), **values))

    # --- indicators ------------------------------------------------------------------------
    def targets(self, facts: HeadlineFacts) -> list[str]:
        _ = self.t.gettext
        n = facts.with_target
        if n == 0:
            return [_("No indicator has a target.")]
        sentences = [
            self.sentence(
                n, _("One indicator has a target."), _("{count} indicators have a target.")
            )
        ]
        judged = sum(facts.current.values())
        if judged == 0:
            sentences.append(
                _("It cannot be judged on current figures.")
                if n == 1
                else _("None of them can be judged on current figures.")
            )
            return sentences
        parts = [
            self.verdict_count(status, facts.current[status])
            for status in JUDGED
            if facts.current.get(status)
        ]
        if judged == n:
            text = (
                _("It can be judged on current figures: {list}.")
                if n == 1
                else _("All of them can be judged on current figures: {list}.")
            )
            sentences.append(text.format(list=self.listed(parts)))
        else:
            sentences.append(
                self.sentence(
                    judged,
                    _("One of them can be judged on current figures: {list}."),
                    _("{count} of them can be judged on current figures: {list}."),
                    list=self.listed(parts),
                )
            )
        return sentences

    def verdict_count(self, status: str, n: int) -> str:
        # Plural forms: French agrees the words with the number (un atteint, deux atteints).
        ngettext = self.t.ngettext
        phrases: dict[str, Callable[[], str]] = {
            # TRANSLATORS: {count} indicators with this verdict, in a list: "two on track".
            "achieved": lambda: ngettext("{count} achieved", "{count} achieved", n),
            "on_track": lambda: ngettext("{count} on track", "{count} on track", n),
            "at_risk": lambda: ngettext("{count} at risk", "{count} at risk", n),
            "off_track": lambda: ngettext("{count} off track", "{count} off track", n),
            "deteriorating": lambda: ngettext("{count} deteriorating", "{count} deteriorating", n),
        }
        return phrases[status]().format(count=self.count(n))

    def dated(self, verdict: DatedVerdict) -> str:
        return self.t.gettext("{name} ({status} in {period})").format(
            name=verdict.name,
            status=status_label(verdict.status, self.lang),
            period=format_period(verdict.period, self.lang),
        )

    def outdated(self, verdicts: Sequence[DatedVerdict]) -> list[str]:
        if not verdicts:
            return []
        _ = self.t.gettext
        return [
            self.sentence(
                len(verdicts),
                _("One verdict rests on outdated figures: {list}."),
                _("{count} verdicts rest on outdated figures: {list}."),
                list=self.listed([self.dated(v) for v in verdicts]),
            )
        ]

    def unmeasured(self, unmeasured: Sequence[tuple[str, str]]) -> list[str]:
        if not unmeasured:
            return []
        _ = self.t.gettext
        items = [
            _("{name} (target {target})").format(name=name, target=target) if target else name
            for name, target in unmeasured
        ]
        return [
            self.sentence(
                len(unmeasured),
                _("One target has no measurement at all: {list}."),
                _("{count} targets have no measurement at all: {list}."),
                list=self.listed(items),
            )
        ]

    def context(self, facts: HeadlineFacts) -> list[str]:
        _ = self.t.gettext
        n = facts.context
        if n == 0:
            return []
        sentences = [
            self.sentence(
                n,
                _("One context figure is followed without a verdict."),
                _("{count} context figures are followed without a verdict."),
            )
        ]
        if facts.context_outdated:
            sentences.append(
                _("Its latest figure is outdated.")
                if n == 1
                else self.sentence(
                    facts.context_outdated,
                    _("For one of them the latest figure is outdated."),
                    _("For {count} of them the latest figure is outdated."),
                )
            )
        if facts.context_empty:
            sentences.append(
                _("There are no figures for it yet.")
                if n == 1
                else self.sentence(
                    facts.context_empty,
                    _("For one of them there are no figures yet."),
                    _("For {count} of them there are no figures yet."),
                )
            )
        return sentences

    # --- actions and milestones ----------------------------------------------------------
    def state_count(self, state: str, n: int, kind: str) -> str:
        # Actions and milestones apart, each with its plural forms: French agrees the words
        # with the noun and the number (une action terminée, deux jalons terminés).
        if kind == "milestones":
            return self.milestone_count(state, n)
        npgettext = self.t.npgettext
        phrases: dict[str, Callable[[], str]] = {
            # TRANSLATORS: {count} actions in this state, in a list: "three done".
            "done": lambda: npgettext("actions", "{count} done", "{count} done", n),
            "in_progress": lambda: npgettext(
                "actions", "{count} in progress", "{count} in progress", n
            ),
            "overdue": lambda: npgettext("actions", "{count} overdue", "{count} overdue", n),
            "not_reported": lambda: npgettext(
                "actions",
                "{count} with no progress reported",
                "{count} with no progress reported",
                n,
            ),
            "planned": lambda: npgettext("actions", "{count} planned", "{count} planned", n),
            "dropped": lambda: npgettext("actions", "{count} dropped", "{count} dropped", n),
        }
        # French says "une action": the count of actions is feminine.
        return phrases[state]().format(count=self.count(n, feminine=True))

    def milestone_count(self, state: str, n: int) -> str:
        npgettext = self.t.npgettext
        phrases: dict[str, Callable[[], str]] = {
            # TRANSLATORS: {count} milestones in this state, in a list: "three done".
            "done": lambda: npgettext("milestones", "{count} done", "{count} done", n),
            "in_progress": lambda: npgettext(
                "milestones", "{count} in progress", "{count} in progress", n
            ),
            "overdue": lambda: npgettext("milestones", "{count} overdue", "{count} overdue", n),
            "not_reported": lambda: npgettext(
                "milestones",
                "{count} with no progress reported",
                "{count} with no progress reported",
                n,
            ),
            "planned": lambda: npgettext("milestones", "{count} planned", "{count} planned", n),
            "dropped": lambda: npgettext("milestones", "{count} dropped", "{count} dropped", n),
        }
        return phrases[state]().format(count=self.count(n))

    def states(self, counts: dict[str, int], other: str, one: str, kind: str) -> list[str]:
        total = sum(counts.values())
        if total == 0:
            return []
        parts = [self.state_count(s, counts[s], kind) for s in ACTION_ORDER if counts.get(s)]
        text = one if total == 1 else other
        # The total stays in digits from twenty up, like every count of running text.
        return [capitalised(text.format(count=self.count(total), list=self.listed(parts)))]

    def late_milestones(self, ids: Sequence[str]) -> list[str]:
        if not ids:
            return []
        _ = self.t.gettext
        return [
            self.sentence(
                len(ids),
                _(
                    "One action that is not yet due has milestones that are overdue or not "
                    "reported: {list}."
                ),
                _(
                    "{count} actions that are not yet due have milestones that are overdue or "
                    "not reported: {list}."
                ),
                list=self.listed(list(ids)),
            )
        ]

    def not_reported_note(self, facts: HeadlineFacts) -> list[str]:
        if not (facts.actions.get("not_reported") or facts.milestones.get("not_reported")):
            return []
        return [
            self.t.gettext(
                "'No progress reported' means that the due date has passed and no progress was "
                "ever reported: a gap in reporting, not a verdict on delivery."
            )
        ]

"""The one small-cell rule (progress/disclosure.py), on current values and on a history."""

from __future__ import annotations

from kpitrack.measurements.model import Breakdown, Observation, Provenance
from kpitrack.progress.disclosure import applies, hidden_cells, withheld_in_history


def region(code: str) -> Breakdown:
    return (("region", code),)


def obs(period: str, code: str | None, value: float | None, submission: int) -> Observation:
    return Observation(
        indicator="zaken",
        period=period,
        breakdown=region(code) if code else (),
        value=value,
        obs_status="A" if value is not None else "M",
        lower=None,
        upper=None,
        note="",
        provenance=Provenance(submission, "politie", "2023-01-01T00:00:00Z", "f.csv", 2),
    )


def test_the_rule_applies_to_counts_with_a_minimum_only() -> None:
    assert applies("count", 5)
    assert not applies("count", 0)
    assert not applies("percentage", 5)
    assert not applies("amount", 5)


def test_a_total_is_never_withheld_and_a_withdrawn_cell_is_not_a_candidate() -> None:
    cells = [((), 3.0), (region("a"), 2.0), (region("b"), None), (region("c"), 40.0)]
    assert hidden_cells(cells, 5) == {region("a"): "small", region("c"): "complement"}


def test_the_smallest_other_cell_goes_with_one_small_cell_ties_broken_by_code() -> None:
    cells = [(region("z"), 9.0), (region("a"), 1.0), (region("m"), 9.0), (region("q"), 10.0)]
    assert hidden_cells(cells, 5) == {region("a"): "small", region("m"): "complement"}


def test_history_without_revisions_is_the_rule_on_current_values() -> None:
    observations = [obs("2020", "a", 3, 1), obs("2020", "b", 60, 1), obs("2020", "c", 70, 1)]
    current = hidden_cells([(o.breakdown, o.value) for o in observations], 5)
    assert withheld_in_history(observations, 5) == {
        ("zaken", "2020", breakdown): why for breakdown, why in current.items()
    }


def test_a_cell_once_small_stays_withheld_after_a_revision_and_so_does_its_complement() -> None:
    observations = [
        obs("2021", "noord", 2, 1),
        obs("2021", "oost", 100, 1),
        obs("2021", "west", 50, 1),
        obs("2021", "noord", 60, 2),  # today nothing is small ...
    ]
    assert (
        hidden_cells([(region("noord"), 60), (region("oost"), 100), (region("west"), 50)], 5) == {}
    )
    # ... yet the old 2 could be worked out from the two totals if west were shown.
    assert withheld_in_history(observations, 5) == {
        ("zaken", "2021", region("noord")): "small",
        ("zaken", "2021", region("west")): "complement",
    }


def test_a_complement_that_becomes_small_later_is_reported_as_small() -> None:
    observations = [
        obs("2020", "a", 1, 1),
        obs("2020", "b", 10, 1),
        obs("2020", "c", 20, 1),
        obs("2020", "b", 4, 2),
    ]
    withheld = withheld_in_history(observations, 5)
    assert withheld[("zaken", "2020", region("b"))] == "small"
    assert withheld[("zaken", "2020", region("a"))] == "small"


def test_periods_and_indicators_are_protected_apart() -> None:
    observations = [obs("2020", "a", 1, 1), obs("2020", "b", 10, 1), obs("2021", "b", 2, 1)]
    assert withheld_in_history(observations, 5) == {
        ("zaken", "2020", region("a")): "small",
        ("zaken", "2020", region("b")): "complement",
        ("zaken", "2021", region("b")): "small",
    }
